"""Fuzzing the loaders: every edit of a valid file loads or is refused with the project's error.

Each example takes a shipped file, changes one value anywhere in it (a wrong type, an
extreme number, a list for an id, a deleted field) or corrupts its bytes, and loads it.
The only acceptable outcomes are a valid object or the loader's own error, whose every
problem is one line; never another exception, and never a hang (hypothesis's deadline
bounds each example).
"""

import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from experiments.sweep import ExperimentError, build_plan
from experiments.sweep.schema import experiment_from_dict
from sim.scenario import ScenarioError, load_scenario, scenario_from_dict
from sim.sharing import AgreementError
from sim.sharing.loader import settlement_from_dict
from tests.core.helpers import DEFAULT_TOML, ROOT
from tests.reliability.fuzzing import FUZZ, VALUES, corrupted, edited, paths

AGREEMENT = ROOT / "scenarios" / "agreements" / "torbay_surplus.toml"
EXPERIMENT = ROOT / "experiments" / "examples" / "d2a_and_orientation.toml"

def _one_line_each(error: Exception) -> None:
    for problem in error.problems:
        text = problem if isinstance(problem, str) else problem.describe()
        assert "\n" not in text and text.strip()


def _parsed(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


SCENARIO = _parsed(DEFAULT_TOML)
SETTLEMENT = _parsed(AGREEMENT)
EXPERIMENT_RAW = _parsed(EXPERIMENT)


@pytest.mark.slow
@FUZZ
@given(path=st.sampled_from(paths(SCENARIO)), value=VALUES)
def test_scenario_edits_load_or_are_refused(path, value):
    try:
        scenario_from_dict(edited(SCENARIO, path, value), source="fuzz.toml")
    except ScenarioError as error:
        _one_line_each(error)


@pytest.mark.slow
@FUZZ
@given(path=st.sampled_from(paths(SETTLEMENT)), value=VALUES)
def test_settlement_edits_load_or_are_refused(path, value):
    try:
        settlement_from_dict(edited(SETTLEMENT, path, value), AGREEMENT)
    except AgreementError as error:
        _one_line_each(error)


@pytest.mark.slow
# An edit such as samples = 1640 plans a real sweep: 4.4 s alone, 7.5 s late in a 20-minute
# suite on 2 cores, and one (samples = 359) took 41.8 s on a machine at load 11. 90 s still
# catches a hang (the guard's purpose) without failing on a busy machine's timing.
@settings(FUZZ, deadline=timedelta(seconds=90))
@given(path=st.sampled_from(paths(EXPERIMENT_RAW)), value=VALUES)
def test_experiment_edits_load_or_are_refused(path, value):
    try:
        build_plan(experiment_from_dict(edited(EXPERIMENT_RAW, path, value), source=EXPERIMENT))
    except ExperimentError as error:
        _one_line_each(error)


@pytest.mark.slow
@FUZZ
@given(data=st.data())
def test_corrupted_bytes_are_refused(tmp_path_factory, data):
    target = tmp_path_factory.mktemp("bytes") / "fuzz.toml"
    target.write_bytes(corrupted(data, DEFAULT_TOML.read_bytes()))
    try:
        load_scenario(target)
    except ScenarioError as error:
        _one_line_each(error)
