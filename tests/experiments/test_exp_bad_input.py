"""Bad experiment input: clear errors naming file and field, and nothing written."""

from pathlib import Path

import pytest
from exp_fakes import experiment_body, write_experiment
from typer.testing import CliRunner

from experiments.cli import app
from experiments.sweep import ExperimentError, build_plan, load_experiment

runner = CliRunner()

GROWTH = """
[[parameters]]
path = "demand.nel_demand_growth_per_year"
low = 0.0
high = 0.02
"""


def _sweep(path: Path, out: Path, *extra: str):
    return runner.invoke(app, ["sweep", str(path), "--out", str(out), *extra])


def _assert_nothing_written(out: Path) -> None:
    assert not out.exists(), f"expected no output, found {list(out.rglob('*'))}"


def test_unknown_parameter_names_file_and_parameter(tmp_path, scenario_copy):
    body = experiment_body(parameters="""
[[parameters]]
path = "organisations.acute.behaviour.system_orientashun"
low = 0.0
high = 0.5
""")
    path = write_experiment(tmp_path, body)
    with pytest.raises(ExperimentError) as caught:
        build_plan(load_experiment(path))
    message = str(caught.value)
    assert str(path) in message
    assert "organisations.acute.behaviour.system_orientashun" in message
    assert "'system_orientashun' is not a field" in message
    assert "system_orientation" in message  # the known fields are listed
    result = _sweep(path, tmp_path / "out")
    assert result.exit_code == 2
    assert "unknown parameter" in result.output
    _assert_nothing_written(tmp_path / "out")


def test_unknown_organisation_id_lists_known_ids(tmp_path, scenario_copy):
    body = experiment_body(parameters="""
[[parameters]]
path = "organisations.hospital.behaviour.system_orientation"
low = 0.0
high = 0.5
""")
    path = write_experiment(tmp_path, body)
    with pytest.raises(ExperimentError, match="no item 'hospital' in organisations; known: icb"):
        build_plan(load_experiment(path))


def test_unknown_design(tmp_path, scenario_copy):
    path = write_experiment(tmp_path, experiment_body(designs='["block", "magic"]'))
    with pytest.raises(ExperimentError) as caught:
        build_plan(load_experiment(path))
    assert "experiment.designs: unknown design 'magic'" in str(caught.value)
    assert str(path) in str(caught.value)
    result = _sweep(path, tmp_path / "out")
    assert result.exit_code == 2
    _assert_nothing_written(tmp_path / "out")


@pytest.mark.parametrize(("low", "high"), [(0.5, 0.5), (0.6, 0.1)])
def test_empty_range(tmp_path, scenario_copy, low, high):
    body = experiment_body(parameters=f"""
[[parameters]]
path = "demand.nel_demand_growth_per_year"
low = {low}
high = {high}
""")
    path = write_experiment(tmp_path, body)
    with pytest.raises(ExperimentError) as caught:
        load_experiment(path)
    assert "parameters[0]: empty range" in str(caught.value)
    assert _sweep(path, tmp_path / "out").exit_code == 2
    _assert_nothing_written(tmp_path / "out")


def test_empty_values_list(tmp_path, scenario_copy):
    body = experiment_body(parameters="""
[[parameters]]
path = "demand.nel_demand_growth_per_year"
values = []
""")
    with pytest.raises(ExperimentError, match="values is empty"):
        load_experiment(write_experiment(tmp_path, body))


def test_range_beyond_what_the_scenario_allows(tmp_path, scenario_copy):
    # system_orientation is bounded to [0, 1] by the scenario schema.
    body = experiment_body(parameters="""
[[parameters]]
path = "organisations.acute.behaviour.system_orientation"
values = [0.5, 1.5]
""")
    with pytest.raises(ExperimentError) as caught:
        build_plan(load_experiment(write_experiment(tmp_path, body)))
    assert "system_orientation=1.5" in str(caught.value)
    assert "less than or equal to 1" in str(caught.value)


def test_lhs_needs_ranges(tmp_path, scenario_copy):
    body = experiment_body(sampling='method = "lhs"\nsamples = 4', parameters="""
[[parameters]]
path = "demand.nel_demand_growth_per_year"
values = [0.0, 0.01]
""")
    with pytest.raises(ExperimentError, match="sampling.method: lhs sampling needs low/high"):
        build_plan(load_experiment(write_experiment(tmp_path, body)))


def test_missing_scenario_file(tmp_path):
    path = write_experiment(tmp_path, experiment_body())
    with pytest.raises(ExperimentError, match="experiment.scenario: file not found"):
        build_plan(load_experiment(path))


def test_missing_experiment_file(tmp_path):
    with pytest.raises(ExperimentError, match="file not found"):
        load_experiment(tmp_path / "nope.toml")


def test_scheduler_that_does_not_answer(tmp_path, scenario_copy):
    path = write_experiment(tmp_path, experiment_body(parameters=GROWTH))
    out = tmp_path / "out"
    # Port 9 (discard) on localhost: nothing listens, so the connection is refused.
    result = _sweep(path, out, "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert "--scheduler tcp://127.0.0.1:9: the dask scheduler did not answer" in result.output
    _assert_nothing_written(out)


def test_compare_unknown_design(tmp_path, scenario_copy):
    out = tmp_path / "out"
    result = runner.invoke(app, ["compare", str(scenario_copy), "--designs", "block,magic",
                                 "--out", str(out)])
    assert result.exit_code == 2
    assert "--designs: unknown design 'magic'" in result.output
    _assert_nothing_written(out)
