"""Local and dask executors give identical results; a killed sweep resumes exactly once."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from exp_fakes import experiment_body, write_experiment

from experiments.sweep import ResultStore, build_plan, load_experiment, load_runs, run_sweep
from experiments.sweep.executors import dask_executor, local_executor

ROOT = Path(__file__).resolve().parents[2]
GROWTH = """
[[parameters]]
path = "demand.nel_demand_growth_per_year"
values = [0.0, 0.03]

[[parameters]]
path = "organisations.community.behaviour.system_orientation"
values = [0.1, 0.8]
"""


def _plan(tmp_path):
    body = experiment_body(parameters=GROWTH, people=5000, years=1)
    return build_plan(load_experiment(write_experiment(tmp_path, body)))


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns="seconds").sort_values("run_id").reset_index(drop=True)


def test_local_and_dask_give_identical_results(tmp_path, scenario_copy):
    plan = _plan(tmp_path)
    assert len(plan) == 2 * 2 * 2  # 2 x 2 grid, 2 designs, 1 replication
    with local_executor(2) as pool:
        local = run_sweep(plan, ResultStore(tmp_path / "local"), pool)
    with dask_executor(None, workers=2) as pool:
        dask = run_sweep(plan, ResultStore(tmp_path / "dask"), pool)
    assert local.complete and dask.complete, (local, dask)
    a, b = load_runs(tmp_path / "local"), load_runs(tmp_path / "dask")
    pd.testing.assert_frame_equal(_comparable(a), _comparable(b))
    # the parameters really changed the runs. (Not "more admissions": at 5,000 people a
    # year's 3% growth is smaller than the noise of who a full hospital turns away.)
    block = a[a["design"] == "block"]
    low = block[block["demand.nel_demand_growth_per_year"] == 0.0]
    high = block[block["demand.nel_demand_growth_per_year"] == 0.03]
    assert not np.allclose(high["system_cost_gbp"].to_numpy(), low["system_cost_gbp"].to_numpy())


def _runs_written(out: Path) -> int:
    folder = out / "runs"
    return len(list(folder.glob("*.parquet"))) if folder.is_dir() else 0


@pytest.mark.slow
def test_killed_sweep_resumes_with_every_run_exactly_once(tmp_path, scenario_copy):
    body = experiment_body(parameters=GROWTH, people=5000, years=2, replications=2)
    path = write_experiment(tmp_path, body)
    out = tmp_path / "out"
    command = [str(Path(sys.executable).parent / "placesim"), "sweep", str(path), "--out", str(out),
               "--workers", "2"]
    process = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _runs_written(out) < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)  # the whole sweep, workers included, dies at once
    process.wait()
    done_before = _runs_written(out)
    plan = build_plan(load_experiment(path))
    assert 3 <= done_before < len(plan) == 16
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert f"{16 - done_before} runs done, {done_before} already done, 0 failed" in \
        " ".join(finished.stdout.split())
    runs = pd.read_parquet(out / "runs")
    assert sorted(runs["run_id"]) == sorted(r.run_id for r in plan)
    weekly = pd.read_parquet(out / "tables" / "system_weekly")
    assert (weekly.groupby("run_id").size() == 104).all() and weekly["run_id"].nunique() == 16
