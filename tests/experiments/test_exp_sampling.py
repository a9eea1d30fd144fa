"""Sampling, parameter paths and the example experiment."""

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from experiments.overrides import apply_overrides, resolve
from experiments.sweep import build_plan, load_experiment
from experiments.sweep.sampling import draw_samples, unit_samples
from experiments.sweep.schema import Parameter, Sampling, SamplingMethod
from sim.scenario import load_scenario, scenario_from_dict

ROOT = Path(__file__).resolve().parents[2]


def test_grid_is_the_product_of_each_parameters_points():
    parameters = [Parameter(path="a", low=0, high=1, levels=3),
                  Parameter(path="b", values=[10, 20])]
    samples = draw_samples(parameters, Sampling(method=SamplingMethod.GRID))
    # 3 levels (0, 0.5, 1) x 2 values = 6 samples
    assert samples == [{"a": a, "b": b} for a in (0.0, 0.5, 1.0) for b in (10, 20)]


@settings(max_examples=50, deadline=None)
@given(n=st.integers(1, 60), dims=st.integers(1, 5), seed=st.integers(0, 2**32 - 1))
def test_latin_hypercube_has_one_point_per_stratum(n, dims, seed):
    points = unit_samples(SamplingMethod.LHS, n, dims, np.random.default_rng(seed))
    assert points.shape == (n, dims)
    for d in range(dims):
        assert sorted(np.floor(points[:, d] * n).astype(int)) == list(range(n))


def test_random_and_lhs_stay_in_range_and_repeat_with_the_seed():
    parameters = [Parameter(path="a", low=2, high=3), Parameter(path="b", low=0, high=9,
                                                                integer=True)]
    for method in (SamplingMethod.RANDOM, SamplingMethod.LHS):
        sampling = Sampling(method=method, samples=20, seed=4)
        first, again = draw_samples(parameters, sampling), draw_samples(parameters, sampling)
        assert first == again and len(first) == 20
        assert all(2 <= s["a"] <= 3 and isinstance(s["b"], int) and 0 <= s["b"] <= 9
                   for s in first)


def test_paths_address_organisations_by_id_and_create_default_sections():
    import tomllib

    raw = tomllib.loads((ROOT / "scenarios" / "default.toml").read_text(encoding="utf-8"))
    scenario = load_scenario(ROOT / "scenarios" / "default.toml")
    path = "organisations.community.behaviour.system_orientation"
    changed = scenario_from_dict(apply_overrides(raw, {path: 0.77,
                                                       "demand.nel_demand_growth_per_year": 0.02}))
    assert resolve(changed, path) == 0.77
    assert resolve(changed, "demand.nel_demand_growth_per_year") == 0.02
    assert resolve(scenario, path) != 0.77  # the base dict is not changed
    with pytest.raises(KeyError, match="is a section, not a value"):
        resolve(scenario, "organisations.community.behaviour")


def test_example_experiment_plans_its_runs():
    experiment = load_experiment(ROOT / "experiments" / "examples" / "d2a_and_orientation.toml")
    runs = build_plan(experiment)
    # 8 LHS samples x 2 replications x 2 designs
    assert len(runs) == 32 and len({r.run_id for r in runs}) == 32
    assert experiment.sensitivity is not None
