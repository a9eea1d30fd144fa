"""The warm-up runs until the queues and occupancy are steady, at the capacity given."""

import numpy as np

from sim.population import CareModifiers, PopulationEngine, PopulationParams, default_capacity_for
from sim.population.engine import STEADY_WINDOW_WEEKS, is_steady
from sim.population.params import MAX_WARMUP_WEEKS

W = STEADY_WINDOW_WEEKS


def test_is_steady_by_hand():
    # Two flat windows of 100: the difference 0 is within 5% + 2 SE.
    assert is_steady([100.0] * (2 * W))
    # Fewer than two windows: not yet judged.
    assert not is_steady([100.0] * (2 * W - 1))
    # 100 then 130: allowance 5 + 2 * sqrt(2 * 100 / 8) = 5 + 10 = 15 < 30, not steady.
    assert not is_steady([100.0] * W + [130.0] * W)
    # 100 then 114: 14 <= 15, steady.
    assert is_steady([100.0] * W + [114.0] * W)
    # A rising series is judged on its last two windows only.
    assert not is_steady(list(np.linspace(0, 400, 4 * W)))


def test_warm_up_is_bounded_and_at_least_the_minimum():
    params = PopulationParams(warmup_weeks=30)
    engine = PopulationEngine(params, 5_000, np.random.SeedSequence(3))
    assert 30 <= engine.warmup_weeks_run <= MAX_WARMUP_WEEKS


def test_warm_up_uses_the_capacity_given():
    # With no step-down or care-home places, the queues grow through the warm-up and people
    # are already waiting in hospital at week 0; at the default capacity few are.
    size = 20_000
    default = default_capacity_for(size)
    none_free = default.__class__(**{**default.__dict__, "d2a_places": 0, "reablement_places": 0,
                                     "community_beds": 0, "care_home_places": 0})
    waiting = []
    for capacity in (default, none_free):
        engine = PopulationEngine(PopulationParams(), size, np.random.SeedSequence(1),
                                  warmup_capacity=capacity)
        flows = engine.step_week(0, capacity, CareModifiers())
        waiting.append(flows.dtoc_bed_days)
    assert waiting[1] > 5 * max(waiting[0], 1.0), waiting


def test_reported_weeks_start_at_zero_and_totals_reset():
    engine = PopulationEngine(PopulationParams(), 5_000, np.random.SeedSequence(2))
    assert engine.deaths_total == 0 and engine.births_total == 0
    flows = engine.step_week(0, default_capacity_for(5_000), CareModifiers())
    assert flows.week == 0
    assert engine.alive_count == engine.start_size + flows.births - flows.deaths
