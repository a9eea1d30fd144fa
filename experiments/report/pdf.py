"""The board paper as PDF: the HTML report printed by headless Chromium (its print CSS).

Chromium is found on the path (Debian's ``chromium``, or ``chromium-browser`` /
``google-chrome``) or named by ``PLACESIM_CHROMIUM``; nothing is downloaded.
"""

import os
import shutil
import subprocess
from pathlib import Path

CHROMIUM_ENV = "PLACESIM_CHROMIUM"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PRINT_SECONDS = 120


class PdfError(RuntimeError):
    """The PDF could not be written (no Chromium, or it failed); the message says why."""


def find_chromium() -> str:
    """The Chromium executable to print with.

    Raises:
        PdfError: When none is found.
    """
    named = os.environ.get(CHROMIUM_ENV)
    if named:
        return named
    for candidate in CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    raise PdfError("--pdf needs Chromium: install Debian's chromium (apt-get install chromium)"
                   f" or set {CHROMIUM_ENV} to its path")


def print_pdf(html_path: Path, pdf_path: Path, chromium: str | None = None) -> Path:
    """Print an HTML file to A4 PDF with headless Chromium; return the PDF's path.

    Raises:
        PdfError: Naming what failed.
    """
    command = [chromium or find_chromium(), "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-dev-shm-usage", "--no-pdf-header-footer",
               f"--print-to-pdf={pdf_path.resolve()}", html_path.resolve().as_uri()]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=PRINT_SECONDS,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PdfError(f"Chromium could not print {html_path}: {error}") from None
    if done.returncode != 0 or not pdf_path.is_file():
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise PdfError(f"Chromium could not print {html_path} (exit {done.returncode}): {last}")
    return pdf_path
