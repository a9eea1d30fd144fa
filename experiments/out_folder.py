"""Output folders a finance team can trust: checked first, claimed by one run, sealed last.

Three guarantees (docs/outputs.md):

1. ``--out`` is checked before any simulation starts: an existing file, or a folder that
   cannot be written, is refused with one line.
2. A run *claims* its folder with an operating-system lock (``.placesim.lock``); a second
   run into the same folder while the first holds it is refused at once. The lock dies
   with its process, so a killed run never leaves the folder locked.
3. Every file is written under a temporary name in the folder and renamed into place
   (a rename within one folder is atomic), so a reader never sees half a Parquet file.
   The folder's seal, ``manifest.json``, is removed before the first table is replaced and
   written last, listing every table with its SHA-256: a folder without a manifest, or
   whose files do not match it, is incomplete (:func:`verify_folder`).
"""

import hashlib
import json
import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_NAME = ".placesim.lock"
MANIFEST_NAME = "manifest.json"
_TEMP_SUFFIX = ".partial"


class OutFolderError(ValueError):
    """An output folder cannot be used; the message is one line naming the folder."""


def check_out_folder(out_dir: Path) -> None:
    """Refuse an output folder that is a file or cannot be written, before any work.

    Args:
        out_dir: The folder outputs will go to (it need not exist yet).

    Raises:
        OutFolderError: When ``out_dir`` (or a parent) is a file, or the nearest existing
            folder on its path is not writable.
    """
    out_dir = Path(out_dir)
    existing = out_dir
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        what = "is an existing file" if existing == out_dir else f"is inside a file ({existing})"
        raise OutFolderError(f"{out_dir}: --out {what}; expected a folder")
    if not _can_write_in(existing):
        raise OutFolderError(f"{out_dir}: folder {existing} is not writable;"
                             " expected a folder this user can write to")


def _can_write_in(folder: Path) -> bool:
    # Try it: permission bits do not tell about read-only mounts, ACLs or a full disk.
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


@contextmanager
def claim_out_folder(out_dir: Path) -> Iterator[Path]:
    """Create ``out_dir`` if needed and hold its lock for the duration of the block.

    Args:
        out_dir: The output folder.

    Yields:
        The folder, locked against other runs.

    Raises:
        OutFolderError: When the folder is unusable or another run holds it.
    """
    out_dir = Path(out_dir)
    check_out_folder(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(out_dir / LOCK_NAME)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise OutFolderError(f"{out_dir}: another run is writing to this folder;"
                             " wait for it to finish or choose another --out") from None
    try:
        _remove_partials(out_dir)  # left by a run that was killed while writing
        yield out_dir
    finally:
        lock.release()


def write_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    """Write a file under a temporary name beside ``path``, then rename it into place.

    Args:
        path: The final file.
        write: Called with the temporary path; writes the whole file there.

    Returns:
        ``path``.
    """
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}{_TEMP_SUFFIX}")
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def unseal(out_dir: Path) -> None:
    """Remove the folder's manifest: from now until :func:`seal` the folder is incomplete."""
    (Path(out_dir) / MANIFEST_NAME).unlink(missing_ok=True)


def seal(out_dir: Path, files: list[Path], meta: dict) -> Path:
    """Write the manifest listing ``files`` with their SHA-256, last of all.

    Args:
        out_dir: The output folder.
        files: The files written by the run.
        meta: What the run was (design, seed, people, ...), stored with the list.

    Returns:
        The manifest's path.
    """
    manifest = {"meta": {k: _plain(v) for k, v in meta.items()},
                "files": {f.name: _sha256(f) for f in files}}
    text = json.dumps(manifest, indent=2, sort_keys=True)
    return write_atomically(Path(out_dir) / MANIFEST_NAME,
                            lambda tmp: tmp.write_text(text, encoding="utf-8"))


def verify_folder(out_dir: Path) -> list[str]:
    """Problems that make a folder's outputs untrustworthy (empty when it is complete).

    Args:
        out_dir: An output folder.

    Returns:
        One line per problem: no manifest, a missing file, or a file that has changed.
    """
    path = Path(out_dir) / MANIFEST_NAME
    if not path.is_file():
        return [f"{out_dir}: no {MANIFEST_NAME}; the run that wrote here did not finish"]
    files = json.loads(path.read_text(encoding="utf-8"))["files"]
    problems = []
    for name, digest in sorted(files.items()):
        table = Path(out_dir) / name
        if not table.is_file():
            problems.append(f"{table}: listed in {MANIFEST_NAME} but missing")
        elif _sha256(table) != digest:
            problems.append(f"{table}: differs from {MANIFEST_NAME}; written by another run")
    return problems


def _remove_partials(out_dir: Path) -> None:
    for leftover in out_dir.glob(f".*{_TEMP_SUFFIX}"):
        leftover.unlink(missing_ok=True)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _plain(value: object) -> object:
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)
