"""The research API and the one run path every caller goes through."""

import ast
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import experiments
from experiments import runs
from experiments.cli import app
from experiments.report.labels import display
from sim.outputs import RunResults
from sim.outputs.outcomes import run_outcomes

ROOT = Path(__file__).resolve().parents[2]
PLACE = ROOT / "scenarios" / "default.toml"
SMALL = {"design": "block", "seed": 3, "people": 5_000, "years": 1}


@pytest.fixture(scope="module")
def evaluated():
    return experiments.evaluate(PLACE, **SMALL)


def test_evaluate_equals_the_outcomes_of_placesim_run(tmp_path, evaluated):
    out = tmp_path / "run"
    result = CliRunner().invoke(app, ["run", str(PLACE), "--design", "block", "--seed", "3",
                                      "--people", "5000", "--years", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    tables = {path.stem: pd.read_parquet(path) for path in out.glob("*.parquet")}
    from_cli = run_outcomes(RunResults(**tables))
    # The files hold pounds rounded to the penny (exact pence where kept), so figures built
    # from pounds agree within a penny for each of the (at most 8) rows summed into them.
    assert from_cli.keys() == evaluated.keys()
    assert from_cli == pytest.approx(evaluated, abs=0.08, rel=0)
    cost = display("system_cost_gbp")
    assert cost.format(evaluated["system_cost_gbp"]) in result.output


def test_evaluate_speaks_pounds_and_natural_units(evaluated):
    assert not [name for name in evaluated if "pence" in name]
    assert all(isinstance(value, float) for value in evaluated.values())
    assert evaluated["system_cost_gbp"] > 0 and "surplus_acute_gbp" in evaluated


def test_simulate_gives_the_tables_evaluate_summarises(evaluated):
    results = experiments.simulate(PLACE, **SMALL)
    assert isinstance(results, RunResults)
    assert run_outcomes(results) == evaluated
    assert len(results.system_weekly) == 52  # one year


def test_importing_experiments_does_not_import_the_model():
    code = ("import sys, experiments; "
            "print('sim.model' in sys.modules, 'experiments.api' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           cwd=ROOT, check=True).stdout.split()
    assert shown == ["False", "False"]


@pytest.fixture
def builds(monkeypatch):
    """Every model built through the one run path, as (design, seed, planner)."""
    seen = []
    original = runs.build

    def recording(scenario, **inputs):
        seen.append((inputs.get("design"), inputs.get("seed"), inputs.get("planner", False)))
        return original(scenario, **inputs)

    monkeypatch.setattr(runs, "build", recording)
    return seen


TINY = {"people": 1_000, "years": 1}


def test_the_cli_and_the_sweep_and_compare_worker_go_through_the_one_path(builds, tmp_path):
    from experiments.compare import plan_compare
    from experiments.sweep.execute import simulate_spec

    CliRunner().invoke(app, ["run", str(PLACE), "--design", "block", "--seed", "4",
                             "--people", "4000", "--years", "1", "--out", str(tmp_path)])
    assert builds == [("block", 4, False)]
    _, specs = plan_compare(PLACE, ["blended"], 1, 1, 4_000)
    outcomes, _ = simulate_spec(specs[0])
    # compare asks for the silo index: the run and its planner twin on the same seed
    assert builds[1:] == [("blended", specs[0].seed, False), ("blended", specs[0].seed, True)]
    assert "silo_index" in outcomes


def test_the_app_and_the_stylised_facts_go_through_the_one_path(builds):
    from experiments import stylised_facts
    from sim.scenario import load_scenario
    from viz.session import run_to_end
    from viz.settings import RunSettings

    weeks = []
    outcome = run_to_end(load_scenario(PLACE), RunSettings(design="block", seed=5, **TINY),
                         on_progress=weeks.append)
    assert outcome.finished and weeks == [13, 26, 39, 52]  # a quarter per chunk
    stylised_facts.run("blended", 98_765, 1, people=1_000)
    assert builds == [("block", 5, False), ("blended", 98_765, False)]


def test_a_cancelled_run_stops_between_chunks():
    model = runs.build(PLACE, design="block", seed=1, **TINY)
    calls = []

    def cancel_after_two() -> bool:
        calls.append(model.week)
        return len(calls) > 2

    with pytest.raises(runs.RunCancelled):
        runs.advance(model, 52, is_cancelled=cancel_after_two)
    assert model.week == 26  # two chunks of 13 weeks ran, the third was stopped


def _constructs_the_model(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.Call) and getattr(node.func, "id", "") == "CareSystemModel"
               for node in ast.walk(tree))


def test_only_the_one_run_path_builds_a_model():
    builders = sorted(str(p.relative_to(ROOT)) for folder in ("experiments", "viz")
                      for p in (ROOT / folder).rglob("*.py") if _constructs_the_model(p))
    assert builders == ["experiments/runs.py"]


def test_an_unknown_design_is_a_scenario_error_naming_it():
    from sim.scenario import ScenarioError

    with pytest.raises(ScenarioError, match="design: no design 'nope'; known: activity_based"):
        runs.build(PLACE, design="nope", **TINY)
