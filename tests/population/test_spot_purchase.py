"""Delays in an acute bed end by spot purchase: no wait passes the limit; off, waits grow."""

from dataclasses import replace

import numpy as np

from sim.population import PopulationEngine, PopulationParams, default_capacity_for
from sim.population.capacity import CareModifiers
from sim.population.settings import Setting, Wait

SIZE = 20_000
DEFAULT = PopulationParams()


def scarce_run(seed: int, limit: float | None, weeks: int = 30):
    # ``limit`` None: no spot purchase.
    # A tenth of the default step-down and care-home places: queues form at once.
    cap = default_capacity_for(SIZE)
    cap = replace(cap, d2a_places=cap.d2a_places // 10,
                  reablement_places=cap.reablement_places // 10,
                  community_beds=cap.community_beds // 10,
                  care_home_places=cap.care_home_places // 10)
    params = DEFAULT.model_copy(update={"hospital": DEFAULT.hospital.model_copy(
        update={"spot_purchase": limit is not None,
                "spot_purchase_after_days": limit or 21.0})})
    engine = PopulationEngine(params, SIZE, np.random.SeedSequence(seed), warmup_capacity=cap)
    flows, longest = [], []
    for week in range(weeks):
        flows.append(engine.step_week(week, cap, CareModifiers()))
        table = engine._table
        n = table.n
        delayed = (table.setting[:n] == Setting.ACUTE) & (table.wait[:n] != Wait.NONE)
        end_day = 7.0 * (week + engine.warmup_weeks_run + 1)
        waits = end_day - table.wait_since_day[:n][delayed]
        longest.append(float(waits.max()) if waits.size else 0.0)
    return flows, longest


def test_no_delay_passes_the_limit_and_the_places_are_paid_for():
    for seed in (1, 2, 3):
        flows, longest = scarce_run(seed, 21.0)
        # Waits are counted from the end of the assessment; a place is bought on the day
        # the wait reaches 21 days, so none still waiting at a week's end has waited more.
        assert max(longest) <= 21.0 + 1e-9, seed
        assert sum(f.spot_purchases for f in flows) > 0
        assert sum(f.spot_place_days_health + f.spot_place_days_council for f in flows) > 0


def test_without_spot_purchase_delays_grow_past_the_limit():
    flows, longest = scarce_run(1, None)
    assert sum(f.spot_purchases for f in flows) == 0
    assert sum(f.spot_place_days_health + f.spot_place_days_council for f in flows) == 0
    assert max(longest) > 21.0
