"""Screenshots for the README, from a real run: the app after Run, and the compare report.

Starts ``placesim app`` on a free port, presses Run in Debian's Chromium (Playwright), and
saves ``docs/images/app.png``; runs a small ``placesim compare`` and saves the top of its
report as ``docs/images/report.png``. Everything it starts is stopped before it ends.

    PYTHONPATH=. python docs/images/make_screenshots.py
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images"
CHROMIUM = "/usr/bin/chromium"
PLACESIM = str(Path(sys.executable).parent / "placesim")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(port: int) -> subprocess.Popen:
    env = {**os.environ, "PLACESIM_APP_PEOPLE": "20000", "PLACESIM_APP_YEARS": "3"}
    proc = subprocess.Popen([PLACESIM, "app", "scenarios/default.toml", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("the app did not start")


def app_screenshot(browser) -> None:
    """The app after Run, at 1400 px."""
    port = _port()
    proc = _serve(port)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"http://127.0.0.1:{port}/")
        page.get_by_text("Press Run to simulate").wait_for(timeout=60_000)
        page.get_by_role("button", name="Run", exact=True).click()
        page.locator("table.headline").wait_for(timeout=180_000)
        page.screenshot(path=str(IMAGES / "app.png"))
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def report_screenshot(browser) -> None:
    """The top of a small compare report (its board summary)."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([PLACESIM, "compare", "scenarios/default.toml", "--designs",
                        "activity_based,capitation_gain_loss", "--replications", "3",
                        "--years", "3", "--people", "20000", "--out", folder], cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL)
        page = browser.new_page(viewport={"width": 1250, "height": 1100})
        page.goto((Path(folder) / "report.html").as_uri())
        page.screenshot(path=str(IMAGES / "report.png"))


def main() -> None:
    """Write both screenshots."""
    IMAGES.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--disable-dev-shm-usage", "--disable-gpu"])
        try:
            app_screenshot(browser)
            report_screenshot(browser)
        finally:
            browser.close()
    print(f"wrote {IMAGES / 'app.png'} and {IMAGES / 'report.png'}")


if __name__ == "__main__":
    main()
