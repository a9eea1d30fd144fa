"""A small national run (all 42 footprints, 0.2% of people, 1 year) on local processes and
on a real loopback dask cluster: identical results, exact resumption after a kill, and
per-ICB rows that sum to England exactly.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from experiments.national.footprints import ENGLAND_RESIDENTS_MID_2023
from experiments.national.plan import NationalSettings
from experiments.national.results import KINDS, national_tables
from experiments.national.run import WORKER_CPU, WORKER_MEMORY, execute, prepare
from experiments.sweep.executors import local_executor
from experiments.sweep.store import ResultStore, load_runs, load_table

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "scenarios" / "default.toml"
SETTINGS = NationalSettings(designs=("activity_based",), years=1, scale=0.002, seed=7)
ARGS = ["--designs", "activity_based", "--years", "1", "--scale", "0.002", "--seed", "7"]
FOOTPRINTS = 42
KILL_AFTER = 5
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    """The national run on two local processes: (plan, store folder)."""
    out = tmp_path_factory.mktemp("national") / "local"
    plan = prepare(TEMPLATE, SETTINGS)
    with local_executor(2) as pool:
        summary = execute(plan, ResultStore(out), pool)
    assert summary.complete and summary.done == FOOTPRINTS, summary
    return plan, out


def _runs_written(out: Path) -> list[Path]:
    folder = out / "runs"
    return sorted(folder.glob("*.parquet")) if folder.is_dir() else []


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    return (frame.drop(columns=["seconds", WORKER_CPU, WORKER_MEMORY]).sort_values("run_id")
            .reset_index(drop=True))


def _national(out: Path, address: str) -> list[str]:
    return [str(Path(sys.executable).parent / "placesim"), "national", str(TEMPLATE), *ARGS,
            "--executor", "dask", "--scheduler", address, "--out", str(out)]


def test_the_cluster_is_separate_processes(loopback_cluster):
    from distributed import Client

    with Client(loopback_cluster, timeout="10s") as client:
        pids = set(client.run(os.getpid).values())
    assert len(pids) == 2 and os.getpid() not in pids


def test_killed_run_on_the_cluster_resumes_exactly_and_matches_local(loopback_cluster,
                                                                     local_run, tmp_path):
    plan, local_out = local_run
    out = tmp_path / "dask"
    command = _national(out, loopback_cluster)
    process = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while (len(_runs_written(out)) < KILL_AFTER and time.monotonic() < deadline
               and process.poll() is None):
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the client dies at once, mid-run
        process.wait()
    before = {p: p.stat().st_mtime_ns for p in _runs_written(out)}
    assert KILL_AFTER <= len(before) < FOOTPRINTS
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    text = " ".join(finished.stdout.split())
    assert f"{FOOTPRINTS - len(before)} runs done, {len(before)} already done, 0 failed" in text
    runs = load_runs(out)
    assert sorted(runs["run_id"]) == sorted(s.run_id for s in plan.runs)  # each exactly once
    assert all(p.stat().st_mtime_ns == t for p, t in before.items())  # done runs not redone
    pd.testing.assert_frame_equal(_comparable(runs), _comparable(load_runs(local_out)))
    finance = [load_table(o, "finance_annual").sort_values(["run_id", "organisation", "year"])
               .reset_index(drop=True) for o in (out, local_out)]
    pd.testing.assert_frame_equal(*finance)
    england = pd.read_parquet(out / "national" / "england.parquet")
    page = (out / "report.html").read_text(encoding="utf-8")
    assert f'data-value="{float(england["system_cost_pence"].iloc[0])}"' in page
    assert page.count("<img") == 3  # cost per head, NEL per 1,000, acute surplus: ranked
    assert "NHS Greater Manchester ICB" in page and "6.02m" in page


def test_icb_rows_sum_to_england_exactly(local_run):
    plan, out = local_run
    tables = national_tables(out, {s.run_id for s in plan.runs})
    rows, england = tables["icb_runs"], tables["england"].iloc[0]
    assert len(rows) == FOOTPRINTS and rows["icb_code"].is_unique
    # per-ICB money comes from each run's outcomes, England's from the ledger tables
    assert int(rows["system_cost_pence"].sum()) == int(england["system_cost_pence"])
    present = [k for k in KINDS if f"surplus_{k}_pence" in england]
    assert present == ["commissioner", "acute", "community", "social_care", "voluntary"]
    for kind in present:
        assert int(rows[f"surplus_{kind}_pence"].sum()) == int(england[f"surplus_{kind}_pence"])
    admissions = rows["nel_admissions_per_1000_final_year"] * rows["people_final_year"] / 1000
    assert admissions.sum() == pytest.approx(england["nel_admissions_final_year"], rel=1e-9)
    # England's people: ONS mid-2023 residents (57.69m), within a year's growth and deaths
    assert abs(england["people_final_year"] / ENGLAND_RESIDENTS_MID_2023 - 1) < 0.015
    assert abs(rows["population"].sum() - ENGLAND_RESIDENTS_MID_2023) <= FOOTPRINTS
