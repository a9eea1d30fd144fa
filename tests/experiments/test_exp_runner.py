"""The runner and store: every run exactly once across interruptions; failures recorded."""

import os
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest
from exp_fakes import fake_run, slow_fake_run

from experiments.sweep import ResultStore, load_failures, load_runs, load_table, run_sweep
from experiments.sweep.executors import local_executor
from experiments.sweep.plan import make_runs
from experiments.sweep.runner import pending_runs

RAW = {"meta": {"name": "fake"}}


def _plan(samples, designs=("alpha", "beta"), replications=2):
    return make_runs(RAW, "fake.toml", list(designs), samples, replications=replications,
                     base_seed=10, years=2, people=1000)


def test_run_ids_stable_distinct_and_seeds_common():
    samples = [{"x": 1}, {"x": 2}]
    first, second = _plan(samples), _plan(samples)
    assert [r.run_id for r in first] == [r.run_id for r in second]
    # 2 samples x 2 replications x 2 designs = 8 distinct runs
    assert len({r.run_id for r in first}) == 8
    # common random numbers: within a replication every design and sample shares the seed
    assert {(r.replication, r.seed) for r in first} == {(0, 10), (1, 11)}
    changed = make_runs(RAW, "fake.toml", ["alpha"], [{"x": 1}], replications=1, base_seed=10,
                        years=3, people=1000)
    assert changed[0].run_id not in {r.run_id for r in first}


def test_a_run_that_raises_is_recorded_and_the_others_go_on(tmp_path):
    plan = _plan([{"x": 1}, {"x": 13}, {"x": 2}])
    store = ResultStore(tmp_path)
    with ThreadPoolExecutor(2) as pool:
        summary = run_sweep(plan, store, pool, run_fn=fake_run)
    # the x=13 sample fails in 2 replications x 2 designs = 4 runs; 8 others succeed
    assert (summary.done, summary.failed, summary.total) == (8, 4, 12)
    failures = load_failures(tmp_path)
    assert len(failures) == 4
    assert set(failures["x"]) == {13}
    assert failures["error"].str.startswith("ValueError: thirteen is unlucky").all()
    runs = load_runs(tmp_path)
    assert len(runs) == 8 and set(runs["x"]) == {1, 2}
    assert not summary.complete


def test_interrupted_sweep_resumes_with_every_run_exactly_once(tmp_path):
    plan = _plan([{"x": 1}, {"x": 2}, {"x": 3}])
    store = ResultStore(tmp_path)
    seen = []

    def stop_after_three(spec, outcome):
        seen.append(spec.run_id)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with ThreadPoolExecutor(1) as pool:
        first = run_sweep(plan, store, pool, run_fn=slow_fake_run, on_result=stop_after_three)
    assert first.interrupted
    done_first = store.done_ids()
    assert 3 <= len(done_first) < 12
    with ThreadPoolExecutor(2) as pool:
        second = run_sweep(plan, store, pool, run_fn=fake_run)
    assert second.complete
    assert second.skipped == len(done_first) and second.done == 12 - len(done_first)
    runs = load_runs(tmp_path)
    assert sorted(runs["run_id"]) == sorted(r.run_id for r in plan)  # each exactly once
    weekly = load_table(tmp_path, "system_weekly")
    assert (weekly.groupby("run_id").size() == 104).all()  # 2 years of weeks, no duplicates
    assert weekly["run_id"].nunique() == 12
    assert not list(tmp_path.rglob("*.tmp"))


def test_rerunning_a_finished_sweep_runs_nothing(tmp_path):
    plan = _plan([{"x": 1}])
    store = ResultStore(tmp_path)
    with ThreadPoolExecutor(2) as pool:
        run_sweep(plan, store, pool, run_fn=fake_run)
        again = run_sweep(plan, store, pool, run_fn=fake_run)
    assert (again.skipped, again.done, again.failed) == (4, 0, 0)
    assert pending_runs(plan, store) == []


def test_a_failed_run_is_retried_and_its_failure_cleared(tmp_path):
    plan = _plan([{"x": 1}], designs=("alpha",), replications=1)
    store = ResultStore(tmp_path)
    with ThreadPoolExecutor(1) as pool:
        assert run_sweep(plan, store, pool, run_fn=_always_fails).failed == 1
        assert len(load_failures(tmp_path)) == 1
        assert run_sweep(plan, store, pool, run_fn=fake_run).done == 1
    assert load_failures(tmp_path).empty
    assert len(load_runs(tmp_path)) == 1


def _always_fails(spec):
    raise RuntimeError("boom")


def test_results_load_with_plain_pandas(tmp_path):
    plan = _plan([{"x": 1}, {"x": 2}])
    with ThreadPoolExecutor(2) as pool:
        run_sweep(plan, ResultStore(tmp_path), pool, run_fn=fake_run)
    runs = pd.read_parquet(tmp_path / "runs")
    assert len(runs) == 8
    weekly = pd.read_parquet(tmp_path / "tables" / "system_weekly")
    assert len(weekly) == 8 * 104
    # every run has the same outcome columns, so nothing is lost reading the folder at once
    assert set(load_runs(tmp_path).columns) == set(runs.columns)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_process_pool_gives_the_same_results_as_threads(tmp_path):
    plan = _plan([{"x": 1}, {"x": 2}])
    with ThreadPoolExecutor(2) as pool:
        run_sweep(plan, ResultStore(tmp_path / "threads"), pool, run_fn=fake_run)
    with local_executor(2) as pool:
        run_sweep(plan, ResultStore(tmp_path / "processes"), pool, run_fn=fake_run)
    a = load_runs(tmp_path / "threads").drop(columns="seconds").sort_values("run_id")
    b = load_runs(tmp_path / "processes").drop(columns="seconds").sort_values("run_id")
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))
