"""Sweeps: a folder holds one experiment's runs, and a huge plan is announced before it starts."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from experiments.cli import app
from experiments.sweep import ExperimentError
from experiments.sweep.guard import RECORD_NAME, claim_store, plan_hash, planned_run_count
from experiments.sweep.plan import RunSpec
from experiments.sweep.schema import load_experiment
from tests.core.helpers import DEFAULT_TOML


def _spec(run_id: str) -> RunSpec:
    return RunSpec(run_id=run_id, design="block", seed=1, replication=0, sample=0, params={},
                   scenario_raw={})


def test_a_changed_experiment_is_refused_and_force_new_moves_the_old_results(tmp_path):
    out = tmp_path / "sweep"
    first = [_spec("aaaa"), _spec("bbbb")]
    assert claim_store(out, first, "first", force_new=False) is None
    (out / "runs").mkdir()
    (out / "runs" / "aaaa.parquet").write_bytes(b"old run")
    assert claim_store(out, list(reversed(first)), "first", force_new=False) is None  # resume
    changed = [_spec("aaaa"), _spec("cccc")]
    with pytest.raises(ExperimentError) as caught:
        claim_store(out, changed, "changed", force_new=False)
    (line,) = str(caught.value).splitlines()
    assert "holds results of a different experiment" in line and "--force-new" in line
    assert (out / "runs" / "aaaa.parquet").read_bytes() == b"old run"  # untouched
    moved = claim_store(out, changed, "changed", force_new=True)
    assert moved is not None and (moved / "runs" / "aaaa.parquet").read_bytes() == b"old run"
    assert not (out / "runs").exists()
    assert json.loads((out / RECORD_NAME).read_text())["hash"] == plan_hash(changed)


def test_a_store_without_a_record_holding_other_runs_is_refused(tmp_path):
    out = tmp_path / "old_store"
    (out / "runs").mkdir(parents=True)
    (out / "runs" / "zzzz.parquet").write_bytes(b"")
    with pytest.raises(ExperimentError):
        claim_store(out, [_spec("aaaa")], "new", force_new=False)


def _experiment(tmp_path, body: str):
    shutil.copyfile(DEFAULT_TOML, tmp_path / "place.toml")
    path = tmp_path / "exp.toml"
    path.write_text(f"""
[experiment]
name = "big"
scenario = "place.toml"
designs = ["block", "blended"]
replications = 5
people = 20000
years = 2
{body}""", encoding="utf-8")
    return path


MILLION = "".join(f"""
[[parameters]]
path = "organisations.acute.behaviour.{field}"
low = 0.1
high = 0.2
levels = 10
""" for field in ("system_orientation", "mission_weight", "risk_aversion",
                  "learning_rate", "trust_learning_rate"))


def test_counting_runs_draws_no_sample(tmp_path):
    # 10^5 grid points x 5 replications x 2 designs.
    experiment = load_experiment(_experiment(tmp_path, MILLION))
    assert planned_run_count(experiment, 2) == 1_000_000


def test_a_million_run_grid_asks_before_planning(tmp_path, monkeypatch):
    def no_planning(*args, **kwargs):
        raise AssertionError("the plan was built before the size was confirmed")
    monkeypatch.setattr("experiments.sweep.plan.build_plan", no_planning)
    path = _experiment(tmp_path, MILLION)
    result = CliRunner().invoke(app, ["sweep", str(path), "--out", str(tmp_path / "out")],
                                input="n\n")
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    # By hand: 1,000,000 runs x 20,000 people x 2 years / 25,000 per core-second / 3,600.
    assert "1,000,000 runs of 20,000 people for 2 years: about 444 core-hours" in text
    assert "Not started" in text
    assert not (tmp_path / "out").exists()


def test_a_refused_store_is_refused_before_any_run(tmp_path, monkeypatch):
    path = _experiment(tmp_path, "")
    out = tmp_path / "out"
    claim_store(out, [_spec("someone_else")], "other", force_new=False)

    def no_runs(*args, **kwargs):
        raise AssertionError("runs started in another experiment's folder")
    monkeypatch.setattr("experiments.sweep.runner.run_sweep", no_runs)
    result = CliRunner().invoke(app, ["sweep", str(path), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "holds results of a different experiment" in " ".join(result.output.split())
    assert not (out / "experiment.toml").exists()
