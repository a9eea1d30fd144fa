from dataclasses import asdict, replace

import numpy as np
import pytest

from sim.population import (
    CareCapacity,
    CareModifiers,
    PopulationEngine,
    PopulationParams,
    Setting,
    default_capacity_for,
)
from sim.population.settings import Channel
from tests.population.helpers import run

SEEDS = (1, 2, 3, 4)


def tight_capacity(size: int) -> CareCapacity:
    # Half the default downstream capacity, so queues and DTOC are always present. Acute
    # beds stay: halving them would turn emergencies away before the queues form.
    cap = default_capacity_for(size)
    return replace(
        cap,
        d2a_places=cap.d2a_places // 2,
        reablement_places=cap.reablement_places // 2,
        community_beds=cap.community_beds // 2,
        care_home_places=cap.care_home_places - 10,
        home_care_packages=cap.home_care_packages // 2,
    )


def hard_occupancy(engine: PopulationEngine) -> dict[str, int]:
    ch = engine.channel_counts()
    return {
        "d2a_places": ch[Channel.D2A],
        "reablement_places": ch[Channel.REABLEMENT],
        "community_beds": ch[Channel.COMMUNITY_BED],
        "care_home_places": ch[Channel.CARE_HOME] + ch[Channel.CARE_HOME_HELD],
        "home_care_packages": ch[Channel.PACKAGE_AT_HOME] + ch[Channel.PACKAGE_HELD],
        "prevention_places": ch[Channel.PREVENTION],
    }


def check_people(engine: PopulationEngine) -> None:
    table = engine._table
    by_setting = engine.counts_by_setting()
    # conservation of people
    assert engine.alive_count + engine.deaths_total == engine.start_size + engine.births_total
    # every living person is in exactly one setting: the counters agree with the columns
    settings = np.bincount(table.setting[: table.n], minlength=len(Setting))
    for setting, count in by_setting.items():
        assert settings[setting] == count
    assert sum(by_setting.values()) == engine.alive_count == int(engine.cell_counts().sum())
    counts, cells = table.recount()
    assert np.array_equal(counts, table.channel_counts)
    assert np.array_equal(cells, engine.cell_counts())


# Spot purchase off: commissioned capacities are then hard (tests/population/
# test_spot_purchase.py holds the places bought above them).
NO_SPOT = PopulationParams().model_copy(update={"hospital": PopulationParams().hospital.model_copy(
    update={"spot_purchase": False})})


def check_capacity(before: dict[str, int], after: dict[str, int], cap: CareCapacity,
                   bought: int = 0) -> None:
    # Hard capacities hold; a service left above a cut capacity evicts nobody but takes
    # nobody new, so its occupancy can only fall. (Acute beds: tests/population/test_overflow.py.)
    # Places bought on the spot market this week (``bought``) are the only ones above.
    for name, now in after.items():
        limit = getattr(cap, name)
        assert now <= max(limit, before[name]) + bought, name


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("capacity_kind", ["default", "tight"])
@pytest.mark.parametrize("spot", [False, True])
def test_people_conserved_and_capacity_respected(seed, capacity_kind, spot):
    size = 20_000
    cap = default_capacity_for(size) if capacity_kind == "default" else tight_capacity(size)
    params = PopulationParams() if spot else NO_SPOT
    engine = PopulationEngine(params, size, np.random.SeedSequence(seed))
    check_people(engine)
    for week in range(60):
        before = hard_occupancy(engine)
        flows = engine.step_week(week, cap, CareModifiers())
        assert flows.alive == engine.alive_count
        check_people(engine)
        check_capacity(before, hard_occupancy(engine), cap, flows.spot_purchases if spot else 0)
    if capacity_kind == "tight":
        assert flows.dtoc_bed_days > 0 and flows.escalation_bed_days > 0
        assert flows.queue_reablement > 0 and flows.waiting_for_package > 0


def test_flows_add_up_over_a_run():
    engine, flows = run(20_000, seed=7, weeks=52)
    deaths = sum(f.deaths for f in flows)
    births = sum(f.births for f in flows)
    assert engine.deaths_total == deaths and engine.births_total == births
    assert flows[-1].alive == engine.start_size + births - deaths
    # deaths in hospital are part of deaths; discretionary admissions part of admissions
    assert all(f.deaths_in_hospital <= f.deaths for f in flows)
    assert all(f.discretionary_admissions <= f.admissions for f in flows)
    # DTOC is part of acute bed days; a week holds at most 7 days per person
    assert all(f.dtoc_bed_days <= f.acute_bed_days for f in flows)
    assert all(f.person_days_at_home <= 7 * f.alive + 7 * f.births for f in flows)


def test_capacity_cut_evicts_nobody_and_drains():
    size = 20_000
    cap = default_capacity_for(size)
    engine = PopulationEngine(NO_SPOT, size, np.random.SeedSequence(5))
    before = engine.counts_by_setting()[Setting.REABLEMENT]
    cut = replace(cap, reablement_places=before // 2)
    first = engine.counts_by_setting()
    engine.step_week(0, cut, CareModifiers())
    # episodes last ~5 weeks, so most people are still there after one week
    assert engine.counts_by_setting()[Setting.REABLEMENT] > cut.reablement_places
    assert first[Setting.REABLEMENT] == before
    for week in range(1, 20):
        engine.step_week(week, cut, CareModifiers())
    assert engine.counts_by_setting()[Setting.REABLEMENT] <= cut.reablement_places


def test_same_seed_same_flows_different_seed_differs():
    mods = CareModifiers(los_multiplier=0.95)
    _, first = run(20_000, seed=11, weeks=30, modifiers=mods)
    _, second = run(20_000, seed=11, weeks=30, modifiers=mods)
    _, other = run(20_000, seed=12, weeks=30, modifiers=mods)
    assert [asdict(f) for f in first] == [asdict(f) for f in second]
    assert [f.admissions for f in first] != [f.admissions for f in other]


def test_population_grows_at_growth_rate():
    # 0.5% a year; over two years of 52 weeks, 1.005 ** (728 / 365.25) - 1 = 0.998%
    engine, _ = run(100_000, seed=3, weeks=104)
    growth = engine.alive_count / engine.start_size - 1
    assert growth == pytest.approx(1.005 ** (728 / 365.25) - 1, abs=0.0015)


def test_weighted_heads_and_cells():
    engine, _ = run(10_000, seed=2, weeks=4)
    cells = engine.cell_counts()
    assert cells.shape == (4, 4) and cells.sum() == engine.alive_count
    weights = np.zeros((4, 4))
    weights[3, :] = 2.0  # 85+ count double
    assert engine.weighted_heads(weights) == 2.0 * cells[3].sum()
    assert engine.weighted_heads(np.ones((4, 4))) == engine.alive_count
    with pytest.raises(ValueError, match="shape"):
        engine.weighted_heads(np.ones(4))
