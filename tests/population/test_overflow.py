"""A full hospital: occupancy never passes staffed plus escalation beds; the rest is recorded."""

from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest

from sim.population import PopulationEngine, PopulationParams, default_capacity_for
from sim.population.capacity import CareModifiers, unlimited_capacity
from sim.population.ledger import WeekLedger
from sim.population.overflow import acute_bed_cap, admitted_mask
from sim.population.settings import N_CHANNELS, Channel, Setting
from tests.population.test_invariants import check_people

SIZE = 20_000
SEEDS = (1, 2, 3)
DEFAULT = PopulationParams()


def test_cap_is_staffed_plus_escalation_in_whole_beds():
    # 56 staffed beds, 5% escalation: 2.8 beds rounds to 3, so 59; 100 beds at 10%: 110.
    assert acute_bed_cap(56, 0.05) == 59
    assert acute_bed_cap(100, 0.10) == 110
    assert acute_bed_cap(0, 0.05) == 0
    assert acute_bed_cap(40, 0.0) == 40


def test_peak_from_by_hand():
    # Start with 3 in beds; +1 at day 1, -1 at day 2, +2 at day 5, -3 at day 6.
    # Levels: 3 on [0,1), 4 on [1,2), 3 on [2,5), 5 on [5,6), 2 on [6,7).
    counts = np.zeros(N_CHANNELS, dtype=np.int64)
    counts[Channel.ACUTE] = 3
    ledger = WeekLedger(0.0, counts)
    channel = np.full(4, Channel.ACUTE)
    ledger.log(channel, np.array([1.0, 2.0, 5.0, 6.0]), np.array([1, -1, 2, -3]))
    peaks = ledger.peak_from(Channel.ACUTE, np.array([0.0, 1.5, 5.5, 6.5]))
    assert peaks.tolist() == [5, 5, 5, 2]
    assert ledger.peak(Channel.ACUTE) == 5


def stressed_run(seed: int, weeks: int = 26, params: PopulationParams = DEFAULT):
    # A third of the default beds, downstream capacity as usual: the cap binds every week.
    capacity = default_capacity_for(SIZE)
    capacity = replace(capacity, acute_beds=capacity.acute_beds // 3)
    engine = PopulationEngine(params, SIZE, np.random.SeedSequence(seed),
                              warmup_capacity=capacity)
    flows = []
    for week in range(weeks):
        flows.append(engine.step_week(week, capacity, CareModifiers()))
        check_people(engine)
    return engine, capacity, flows


@pytest.mark.parametrize("seed", SEEDS)
def test_occupancy_never_above_cap_when_beds_are_cut(seed):
    engine, capacity, flows = stressed_run(seed)
    cap = acute_bed_cap(capacity.acute_beds, PopulationParams().hospital.escalation_share)
    for f in flows:
        assert f.acute_bed_cap == cap
        assert f.acute_occupancy_at_end <= cap, f.week
        assert f.acute_occupancy_at_start <= cap, f.week
    # The cap binds: people are turned away, some go out of area, some die waiting.
    refused = sum(f.admissions_refused for f in flows)
    away = sum(f.out_of_area_admissions for f in flows)
    assert refused > 0 and away > 0
    assert sum(f.refused_deaths for f in flows) > 0
    assert away + sum(f.refused_deaths for f in flows) <= refused
    assert sum(f.out_of_area_bed_days for f in flows) > 0
    # Out-of-area people are in their own setting while away, and come back.
    assert sum(f.out_of_area_returns for f in flows) > 0
    assert engine.counts_by_setting()[Setting.OUT_OF_AREA] >= 0


def test_out_of_area_share_splits_the_refused():
    # With every refused non-discretionary case sent out of area, nobody dies waiting at
    # home except the terminal cases; with none sent, nobody goes out of area.
    base = PopulationParams()
    everyone = base.model_copy(update={"hospital": base.hospital.model_copy(
        update={"out_of_area_share": 1.0, "refused_admission_death_risk": 0.0})})
    nobody = base.model_copy(update={"hospital": base.hospital.model_copy(
        update={"out_of_area_share": 0.0})})
    _, _, all_away = stressed_run(1, weeks=8, params=everyone)
    _, _, none_away = stressed_run(1, weeks=8, params=nobody)
    assert sum(f.out_of_area_admissions for f in all_away) > 0
    assert sum(f.out_of_area_admissions for f in none_away) == 0
    assert sum(f.out_of_area_bed_days for f in none_away) == 0


def test_no_refusals_when_beds_are_plenty():
    capacity = unlimited_capacity(SIZE)
    engine = PopulationEngine(PopulationParams(), SIZE, np.random.SeedSequence(5),
                              warmup_capacity=capacity)
    flows = [engine.step_week(w, capacity, CareModifiers()) for w in range(13)]
    assert sum(f.admissions_refused for f in flows) == 0
    assert sum(f.out_of_area_admissions for f in flows) == 0
    assert sum(f.admissions for f in flows) > 0


def _bare_context(staffed: int, escalation: float, occupied: int):
    # Only what the admission decision reads: staffed beds, the escalation share, the
    # acute occupancy after the moves processed so far, and the random stream.
    counts = np.zeros(N_CHANNELS, dtype=np.int64)
    counts[Channel.ACUTE] = occupied
    rng = np.random.default_rng(0)
    return SimpleNamespace(
        capacity=SimpleNamespace(acute_beds=staffed),
        params=SimpleNamespace(hospital=SimpleNamespace(escalation_share=escalation)),
        escalation_share=escalation,
        table=SimpleNamespace(channel_counts=counts),
        draws=SimpleNamespace(uniform=lambda purpose, table, idx: rng.random(idx.size)))


def test_refusals_by_hand():
    # 10 staffed beds at 10% escalation: a cap of 11. With 9 occupied, 2 beds are free: of
    # 5 asking, exactly 2 are admitted and 3 wait (then are turned away); 2 asking both fit.
    ctx = _bare_context(10, 0.10, 9)
    assert admitted_mask(ctx, np.arange(5)).sum() == 2
    assert admitted_mask(ctx, np.arange(2)).all()
    # At the cap, or above it after a cut in staffed beds, nobody is admitted.
    assert admitted_mask(_bare_context(10, 0.10, 11), np.arange(3)).sum() == 0
    assert admitted_mask(_bare_context(10, 0.10, 14), np.arange(3)).sum() == 0


def test_who_is_taken_when_beds_are_short_is_even():
    # 1 bed free, 4 asking: over 4,000 draws each is taken about a quarter of the time
    # (binomial sd of 1,000 out of 4,000 is 27; allow 4 sd).
    ctx = _bare_context(10, 0.0, 9)
    taken = sum(admitted_mask(ctx, np.arange(4)).astype(int) for _ in range(4_000))
    assert np.all(np.abs(taken - 1_000) < 110), taken
