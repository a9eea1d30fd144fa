"""Output folders: checked before the simulation, claimed by one run, every file complete."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from experiments.cli import app
from experiments.out_folder import (
    LOCK_NAME,
    MANIFEST_NAME,
    OutFolderError,
    check_out_folder,
    claim_out_folder,
    verify_folder,
    write_atomically,
)
from tests.core.helpers import DEFAULT_TOML, ROOT

RUN = ["run", str(DEFAULT_TOML), "--design", "block", "--people", "20000", "--years", "1"]


@pytest.fixture
def no_simulation(monkeypatch):
    """Fail the test if the simulation starts."""
    def refuse(*args, **kwargs):
        raise AssertionError("the simulation started before the output folder was checked")
    monkeypatch.setattr("experiments.runs.run", refuse)


def _one_line_refusal(result, *words):
    assert result.exit_code == 2, result.output
    (line,) = result.output.strip().splitlines()
    for word in words:
        assert word in line
    return line


def test_out_that_is_a_file_is_refused_before_the_run(tmp_path, no_simulation):
    target = tmp_path / "results.parquet"
    target.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(app, [*RUN, "--out", str(target)])
    _one_line_refusal(result, str(target), "existing file", "expected a folder")
    assert target.read_text(encoding="utf-8") == "not a folder"


def test_out_inside_a_file_is_refused(tmp_path, no_simulation):
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, [*RUN, "--out", str(target / "run")])
    _one_line_refusal(result, "inside a file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into read-only folders")
def test_read_only_out_is_refused_before_the_run(tmp_path, no_simulation):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = CliRunner().invoke(app, [*RUN, "--out", str(folder / "run")])
    finally:
        folder.chmod(0o755)
    _one_line_refusal(result, "not writable")


def test_a_folder_that_refuses_writes_is_refused(tmp_path, monkeypatch):
    # Stands in for a read-only mount (the check tries to write; root passes chmod).
    def no_space(*args, **kwargs):
        raise OSError(30, "Read-only file system")
    monkeypatch.setattr("experiments.out_folder.tempfile.TemporaryFile", no_space)
    with pytest.raises(OutFolderError, match="not writable"):
        check_out_folder(tmp_path / "run")


def test_a_claimed_folder_is_refused_to_a_second_run(tmp_path, no_simulation):
    out = tmp_path / "run"
    with claim_out_folder(out):
        result = CliRunner().invoke(app, [*RUN, "--out", str(out)])
    _one_line_refusal(result, str(out), "another run is writing")
    with claim_out_folder(out):  # released by the first holder: free again
        pass


def test_a_write_that_fails_leaves_no_file(tmp_path):
    target = tmp_path / "table.parquet"

    def half_write(path: Path) -> None:
        path.write_bytes(b"PAR1 half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_atomically(target, half_write)
    assert list(tmp_path.iterdir()) == []


def test_a_changed_or_unfinished_folder_does_not_verify(tmp_path):
    out = tmp_path / "run"
    result = CliRunner().invoke(app, [*RUN, "--seed", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert verify_folder(out) == []
    pd.DataFrame({"x": [1]}).to_parquet(out / "ledger.parquet")
    assert any("ledger.parquet: differs" in p for p in verify_folder(out))
    (out / MANIFEST_NAME).unlink()
    assert "did not finish" in verify_folder(out)[0]


def _start_run(out: Path, seed: int, years: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    command = [sys.executable, "-c", "from experiments.cli import app; app()", *RUN[:-2],
               "--years", str(years), "--seed", str(seed), "--out", str(out)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, cwd=ROOT)


@pytest.mark.slow
def test_two_concurrent_runs_into_one_folder(tmp_path):
    out = tmp_path / "shared"
    first = _start_run(out, seed=5, years=3)  # another process
    deadline = time.monotonic() + 60
    while not (out / LOCK_NAME).exists():  # the first run has claimed the folder
        assert first.poll() is None and time.monotonic() < deadline, first.stdout.read()
        time.sleep(0.02)
    time.sleep(0.2)
    assert first.poll() is None, "the first run ended before the second one started"
    # The second run starts from this process (already imported, so it reaches the folder
    # within milliseconds, while the first is still simulating).
    second = CliRunner().invoke(app, [*RUN, "--seed", "6", "--out", str(out)])
    first_output, _ = first.communicate(timeout=300)
    _one_line_refusal(second, "another run is writing to this folder")
    assert first.returncode == 0, first_output
    assert verify_folder(out) == []
    tables = sorted(out.glob("*.parquet"))
    listed = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    assert {t.name for t in tables} | {"names.csv"} == set(listed) and len(tables) >= 10
    for table in tables:
        frame = pd.read_parquet(table)  # every file is readable
        if "seed" in frame.columns and len(frame):
            assert set(frame["seed"].astype(str)) == {"5"}, table.name
