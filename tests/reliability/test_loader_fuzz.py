"""Fuzzing the loaders: every edit of a valid file loads or is refused with the project's error.

Each example takes a shipped file, changes one value anywhere in it (a wrong type, an
extreme number, a list for an id, a deleted field) or corrupts its bytes, and loads it.
The only acceptable outcomes are a valid object or the loader's own error, whose every
problem is one line; never another exception, and never a hang (hypothesis's deadline
bounds each example).
"""

import copy
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from experiments.sweep import ExperimentError, build_plan
from experiments.sweep.schema import experiment_from_dict
from sim.scenario import ScenarioError, load_scenario, scenario_from_dict
from sim.sharing import AgreementError
from sim.sharing.loader import settlement_from_dict
from tests.core.helpers import DEFAULT_TOML, ROOT

AGREEMENT = ROOT / "scenarios" / "agreements" / "torbay_surplus.toml"
EXPERIMENT = ROOT / "experiments" / "examples" / "d2a_and_orientation.toml"

FUZZ = settings(max_examples=1_000, deadline=timedelta(seconds=5), derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

DELETE = object()
VALUES = st.one_of(
    st.just(DELETE), st.none(), st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([0, -1, 10**12, 10**30, 2**63 - 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.004, 1e-300, 1e300, -0.0]),
    st.text(max_size=8), st.sampled_from(["icb", "acute", "", "block"]),
    st.lists(st.sampled_from(["icb", 1, None]), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


def paths(node, prefix=()):
    """Every path into a parsed TOML document (tables, lists and leaves)."""
    found = [prefix] if prefix else []
    children = node.items() if isinstance(node, dict) else (
        enumerate(node) if isinstance(node, list) else ())
    for key, child in children:
        found += paths(child, (*prefix, key))
    return found


def edited(raw: dict, path: tuple, value) -> dict:
    out = copy.deepcopy(raw)
    node = out
    for key in path[:-1]:
        node = node[key]
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


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
# suite on 2 cores. 20 s still catches a hang (the guard's purpose) without timing noise.
@settings(FUZZ, deadline=timedelta(seconds=20))
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
    text = bytearray(DEFAULT_TOML.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        text[data.draw(st.integers(0, len(text) - 1))] = data.draw(st.integers(0, 255))
    target = tmp_path_factory.mktemp("bytes") / "fuzz.toml"
    target.write_bytes(bytes(text))
    try:
        load_scenario(target)
    except ScenarioError as error:
        _one_line_each(error)
