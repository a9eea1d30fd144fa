"""The whole-system planner: true effects as priors, every organisation kept open, and a
silo index that no design can push meaningfully below zero."""

import pytest

from experiments.report.stats import mean_interval
from experiments.runs import advance, build, guarded_replay, total_weeks
from sim.model.finance import CLOSED_REASON
from sim.model.planner import planner_behaviour
from sim.outputs.indicators import silo_index
from sim.scenario.behaviour import BehaviourParams
from sim.scenario.effects import LeverEffects
from sim.scenario.loader import load_scenario
from tests.core.helpers import DEFAULT_TOML

SEEDS = range(10)
SMALL = {"people": 20_000, "years": 5}


def test_planner_priors_are_the_true_effects():
    effects = LeverEffects(discharge_effort_max_los_reduction=0.3,
                           avoidance_max_hazard_reduction=0.2, avoidance_scale_gbp=5_000_000,
                           proactive_max_frail_hazard_reduction=0.25,
                           proactive_scale_gbp=7_000_000)
    own = BehaviourParams()
    known = planner_behaviour(own, effects)
    assert known.prior_discharge_los_reduction == 0.3
    assert known.prior_avoidance_max_admission_reduction == 0.2
    assert known.prior_avoidance_scale_gbp == 5_000_000.0
    assert known.prior_proactive_max_frail_reduction == 0.25
    assert known.prior_proactive_scale_gbp == 7_000_000.0
    assert known.belief_prior_sd < own.belief_prior_sd / 10  # near certain, unlike its own
    assert known.system_orientation == own.system_orientation  # the model sets it to 1


def test_only_the_planner_run_holds_the_true_priors():
    place = load_scenario(DEFAULT_TOML)
    planner = build(place, seed=1, people=2_000, years=1, planner=True)
    design = build(place, seed=1, people=2_000, years=1)
    truth = place.effects.discharge_effort_max_los_reduction
    assert all(o.behaviour.prior_discharge_los_reduction == truth
               for o in planner.organisations)
    assert planner.solvency_guard and not design.solvency_guard
    assert [o.behaviour for o in design.organisations] == [
        s.behaviour for s in place.organisations]


def _closed(results) -> bool:
    return bool((results.exits["reason"] == CLOSED_REASON).any())


def _run(place, **inputs):
    model = build(place, **inputs)
    advance(model, total_weeks(model))
    return model


def _one_seed(design: str, seed: int) -> tuple[bool, bool, float]:
    """(every charity open under the planner, nobody closed under it, silo index)."""
    place = load_scenario(DEFAULT_TOML)
    voluntary = [o.id for o in place.organisations if o.kind == "voluntary"]
    inputs = {"design": design, "seed": seed, **SMALL}
    own, planner = _run(place, **inputs), _run(place, planner=True, **inputs)
    return (all(planner.by_id[v].is_open for v in voluntary), not _closed(planner.results()),
            silo_index(own.results(), planner.results(), guarded_replay(own, place, inputs)))


@pytest.mark.slow
def test_every_design_is_at_or_above_the_planner_and_the_planner_closes_no_charity():
    """Over 10 seeds (20,000 people, 5 years) each design's mean silo index has a 95%
    interval reaching 0 or above, and no voluntary organisation closes under the planner."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    place = load_scenario(DEFAULT_TOML)
    assert [o.id for o in place.organisations if o.kind == "voluntary"]
    designs = list(place.designs)
    cases = [(design, seed) for design in designs for seed in SEEDS]
    # Seeds side by side on the machine's cores (each run is seeded, so order is immaterial).
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        found = dict(zip(cases, pool.map(_one_seed, *zip(*cases, strict=True)), strict=True))
    for design in designs:
        for seed in SEEDS:
            charities_open, nobody_closed, _ = found[(design, seed)]
            assert charities_open and nobody_closed, (design, seed)
        indices = [found[(design, seed)][2] for seed in SEEDS]
        _, _, high = mean_interval(indices)
        assert high >= 0.0, (design, indices)
