"""SALib sensitivity: indices of a known function, and the command end to end."""

import numpy as np
import pandas as pd
import pytest
from exp_fakes import experiment_body, write_experiment
from typer.testing import CliRunner

from experiments.cli import app
from experiments.options import SensitivityMethod
from experiments.sensitivity import analyse, salib_problem
from experiments.sweep import ExperimentError, load_experiment

PROBLEM = {"num_vars": 3, "names": ["a", "b", "c"], "bounds": [[0, 1]] * 3}


def _linear(x: np.ndarray) -> np.ndarray:
    # y = 4a + b; c does nothing. Var(4a) = 16/12, Var(b) = 1/12: S1(a) = 16/17, S1(b) = 1/17.
    return (4 * x[:, 0] + x[:, 1])[:, None]


def test_sobol_indices_of_a_known_function():
    from SALib.sample import sobol

    x = sobol.sample(PROBLEM, 1024, calc_second_order=False, seed=1)
    indices = analyse(PROBLEM, SensitivityMethod.SOBOL, x, _linear(x), ["y"], seed=1)
    table = indices.pivot(index="parameter", columns="index", values="value")
    assert table.loc["a", "S1"] == pytest.approx(16 / 17, abs=0.03)
    assert table.loc["b", "S1"] == pytest.approx(1 / 17, abs=0.03)
    assert abs(table.loc["c", "ST"]) < 0.01
    assert table.loc["a", "ST"] == pytest.approx(16 / 17, abs=0.03)  # no interactions


def test_morris_indices_of_a_known_function():
    from SALib.sample import morris

    x = morris.sample(PROBLEM, 10, num_levels=4, seed=1)
    indices = analyse({**PROBLEM, "num_levels": 4}, SensitivityMethod.MORRIS, x, _linear(x),
                      ["y"], seed=1)
    table = indices.pivot(index="parameter", columns="index", values="value")
    # a linear function's elementary effects are its coefficients, with no spread
    assert table.loc["a", "mu_star"] == pytest.approx(4.0)
    assert table.loc["b", "mu_star"] == pytest.approx(1.0)
    assert table.loc["c", "mu_star"] == pytest.approx(0.0)
    assert table["sigma"].abs().max() < 1e-9


RANGES = """
[[parameters]]
path = "demand.nel_demand_growth_per_year"
low = 0.0
high = 0.04

[[parameters]]
path = "organisations.acute.behaviour.system_orientation"
low = 0.0
high = 0.9

[sensitivity]
outcomes = ["{outcome}", "nel_admissions_per_1000_final_year"]
design = "block"
samples = 2
"""


def test_sensitivity_needs_ranges_and_a_table(tmp_path, scenario_copy):
    path = write_experiment(tmp_path, experiment_body())
    with pytest.raises(ExperimentError, match="sensitivity: missing"):
        salib_problem(load_experiment(path))


def test_morris_command_end_to_end(tmp_path, scenario_copy):
    body = experiment_body(designs='["block"]', parameters=RANGES.format(
        outcome="system_cost_gbp"), people=5000, years=1)
    path = write_experiment(tmp_path, body)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["sensitivity", str(path), "--method", "morris",
                                      "--workers", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    indices = pd.read_parquet(out / "indices.parquet")
    # 2 outcomes x 2 parameters x (mu_star, sigma)
    assert len(indices) == 8
    assert set(indices["index"]) == {"mu_star", "sigma"}
    assert (out / "indices.png").read_bytes().startswith(b"\x89PNG")
    runs = pd.read_parquet(out / "runs")
    assert len(runs) == 2 * (2 + 1)  # Morris: trajectories x (parameters + 1), 1 replication
    # demand growth raises admissions, so its elementary effect on them is not zero
    growth = indices[(indices["parameter"] == "demand.nel_demand_growth_per_year")
                     & (indices["outcome"] == "nel_admissions_per_1000_final_year")
                     & (indices["index"] == "mu_star")]
    assert growth["value"].iloc[0] > 0


def test_unknown_outcome_is_named(tmp_path, scenario_copy):
    body = experiment_body(designs='["block"]', parameters=RANGES.format(
        outcome="happiness"), people=5000, years=1)
    path = write_experiment(tmp_path, body)
    result = CliRunner().invoke(app, ["sensitivity", str(path), "--method", "morris",
                                      "--workers", "2", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "sensitivity.outcomes: unknown outcome 'happiness'" in result.output
