"""A place divided into areas: each area's people are served by its own council-bought places.

Reablement, care-home and home-care places belong to an area and serve only its people;
hospital, D2A, community beds and prevention serve everyone. Counters by area must agree
with the columns, and the areas' flows must add up to the place's.
"""

from dataclasses import fields, replace

import numpy as np
import pytest
from pydantic import ValidationError

from sim.population import (
    CareModifiers,
    PopulationEngine,
    PopulationParams,
    default_capacity_for,
    unlimited_capacity,
)
from sim.population.capacity import AREA_CAPACITIES, AreaCapacity, CareCapacity
from sim.population.draws import make_draws
from sim.population.flows import AreaFlows, WeekFlows
from sim.population.lifecycle import seed_population
from sim.population.params import Area
from sim.population.rates import build_tables
from sim.population.settings import Channel, HomeEvent
from sim.population.state import PersonTable

SIZE = 20_000
TWO_AREAS = (Area(name="north", population_share=0.4), Area(name="south", population_share=0.6))
PARAMS = PopulationParams(areas=TWO_AREAS)


def split(capacity: CareCapacity, north_share: float, **south) -> CareCapacity:
    """The place's capacity with its area places split north / south; ``south`` overrides."""
    north = {name: round(getattr(capacity, name) * north_share) for name in AREA_CAPACITIES}
    rest = {name: getattr(capacity, name) - north[name] for name in AREA_CAPACITIES}
    rest.update(south)
    areas = (AreaCapacity(**north), AreaCapacity(**rest))
    totals = {name: north[name] + rest[name] for name in AREA_CAPACITIES}
    return replace(capacity, by_area=areas, **totals)


def run_areas(seed: int, capacity: CareCapacity, weeks: int, params=PARAMS, size=SIZE):
    engine = PopulationEngine(params, size, np.random.SeedSequence(seed),
                              warmup_capacity=capacity)
    flows, counts = [], []
    for week in range(weeks):
        flows.append(engine.step_week(week, capacity, CareModifiers()))
        counts.append(engine.counts_by_area())
    return engine, flows, counts


def test_area_counters_agree_with_the_columns_and_sum_to_the_place():
    capacity = split(default_capacity_for(SIZE), 0.4)
    for seed in (1, 2):
        engine, flows, _ = run_areas(seed, capacity, 20)
        table = engine._table
        assert np.array_equal(table.recount_by_area(), table.area_counts), seed
        assert np.array_equal(table.area_counts.sum(axis=0), table.channel_counts), seed
        assert sum(a.alive for a in flows[-1].by_area) == flows[-1].alive == engine.alive_count


def test_the_areas_flows_add_up_to_the_places():
    capacity = split(default_capacity_for(SIZE), 0.4)
    _, flows, _ = run_areas(3, capacity, 20)
    place_fields = {f.name for f in fields(WeekFlows)}
    shared = [f.name for f in fields(AreaFlows) if f.name in place_fields]
    assert len(shared) >= 10
    for week in flows:
        assert [a.area for a in week.by_area] == ["north", "south"]
        for name in shared:
            total = week.spot_place_days_council if name == "spot_place_days_council" else (
                getattr(week, name))
            assert sum(getattr(a, name) for a in week.by_area) == pytest.approx(
                total, rel=1e-9, abs=1e-9), (week.week, name)


def test_people_live_in_areas_by_their_shares():
    # 20,000 people at 40%: the binomial standard deviation is 0.35 points; allow 4.
    _, flows, _ = run_areas(4, split(default_capacity_for(SIZE), 0.4), 2)
    north = flows[-1].by_area[0].alive / flows[-1].alive
    assert abs(north - 0.4) < 4 * np.sqrt(0.4 * 0.6 / SIZE)


def test_an_area_without_places_of_its_own_gets_none_while_the_other_is_served():
    """The south has no care-home places or packages: its people wait (no spot purchase),
    its residents only leave, while the north places its own people as before."""
    base = default_capacity_for(SIZE)
    capacity = split(base, 0.4, care_home_places=0, home_care_packages=0)
    params = PARAMS.model_copy(update={"hospital": PARAMS.hospital.model_copy(
        update={"spot_purchase": False})})
    for seed in (1, 2, 3):
        _, flows, counts = run_areas(seed, capacity, 26, params)
        south = [c["south"] for c in counts]
        held = [c[Channel.CARE_HOME] + c[Channel.CARE_HOME_HELD] for c in south]
        packages = [c[Channel.PACKAGE_AT_HOME] + c[Channel.PACKAGE_HELD] for c in south]
        assert all(b <= a for a, b in zip(held, held[1:], strict=False)), seed
        assert all(b <= a for a, b in zip(packages, packages[1:], strict=False)), seed
        assert flows[-1].by_area[1].queue_care_home + flows[-1].by_area[1].queue_package > 0
        north = [c["north"][Channel.CARE_HOME] + c["north"][Channel.CARE_HOME_HELD]
                 for c in counts]
        assert max(north) <= capacity.by_area[0].care_home_places, seed
        # The north's residents are replaced as they die or leave: placements go on.
        assert sum(f.care_home_placements for f in flows) > 0, seed


def test_a_councils_spot_places_are_counted_in_its_own_area():
    """Care-home places a tenth of need in the south only: the south buys spot places."""
    base = default_capacity_for(SIZE)
    capacity = split(base, 0.4, care_home_places=base.care_home_places // 10,
                     reablement_places=base.reablement_places // 10)
    _, flows, _ = run_areas(5, capacity, 26)
    north = sum(f.by_area[0].spot_place_days_council for f in flows)
    south = sum(f.by_area[1].spot_place_days_council for f in flows)
    assert south > 0
    assert south > 5 * north


def test_one_area_runs_as_an_undivided_place():
    """An explicit single area is the default place: the same draws, the same weeks."""
    capacity = default_capacity_for(SIZE)
    one = PopulationParams(areas=(Area(name="all", population_share=1.0),))
    _, plain, _ = run_areas(6, capacity, 8, PopulationParams())
    _, named, _ = run_areas(6, capacity, 8, one)
    assert plain == named
    assert all(week.by_area == () for week in plain)


@pytest.mark.parametrize(("areas", "message"), [
    ((Area(name="a", population_share=0.5), Area(name="b", population_share=0.4)),
     "areas[*].population_share must sum to 1"),
    ((Area(name="a", population_share=0.5), Area(name="a", population_share=0.5)),
     "areas[*].name must be distinct"),
    ((), "areas must list at least one area"),
])
def test_bad_areas_are_refused_with_the_field_named(areas, message):
    with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace("*", r"\*")
                       .replace("]", r"\]")):
        PopulationParams(areas=areas)


def test_area_capacities_must_add_up_to_the_places():
    base = default_capacity_for(SIZE)
    expected = r"reablement_places must equal the sum over by_area \(2\), got "
    with pytest.raises(ValueError, match=expected):
        replace(base, by_area=(AreaCapacity(1, 1, 1), AreaCapacity(1, 1, 1)))


def test_each_area_starts_with_its_own_stock_of_care():
    """The south starts with half the north's care-home residents and packages per head."""
    areas = (Area(name="north", population_share=0.5),
             Area(name="south", population_share=0.5, initial_care_home_scale=0.5,
                  initial_package_scale=0.5))
    params = PopulationParams(areas=areas)
    size = 100_000
    table = PersonTable(size, params.n_bands, params.n_areas)
    draws = make_draws(params.random_streams, np.random.SeedSequence(7))
    seed_population(table, params, build_tables(params, CareModifiers(), thin=True), size,
                    0.0, draws)
    counts = table.area_counts
    homes = counts[:, Channel.CARE_HOME]
    packages = counts[:, Channel.PACKAGE_AT_HOME]
    # About 300 residents and 550 packages in the north, half that in the south (seeds
    # 7-11 at 20,000 people gave ratios 0.47-0.62 on a fifth of these counts): the ratio's
    # noise here is about 10% and 7%; allow 0.35-0.65 around the 0.5 expected.
    assert 0.35 < homes[1] / homes[0] < 0.65
    assert 0.35 < packages[1] / packages[0] < 0.65


def test_an_areas_council_funds_its_share_of_new_placements():
    """The south's council funds 60% of its people's new placements, the north's all: over
    half a year, on three seeds, the south's self-funded share is 40% within 8 points (a
    few hundred placements: the binomial standard deviation is about 3 points)."""
    areas = (Area(name="north", population_share=0.5),
             Area(name="south", population_share=0.5, council_funded_share=0.6))
    size = 50_000
    for seed in (1, 2, 3):
        _, weeks, _ = run_areas(seed, default_capacity_for(size), 26,
                                PopulationParams(areas=areas), size)
        funded = np.array([[a.placements_funded for a in w.by_area] for w in weeks]).sum(0)
        self_funded = np.array([[a.placements_self_funded for a in w.by_area]
                                for w in weeks]).sum(0)
        assert self_funded[0] == 0, seed
        share = self_funded[1] / (funded[1] + self_funded[1])
        assert abs(share - 0.4) < 0.08, (seed, funded, self_funded)


def test_an_areas_hazards_at_scale_one_are_the_undivided_places():
    """Each area has its own copy of the hazard tables; at the default scale every copy is
    the undivided place's to the bit, and a scale of 2 doubles exactly the emergency
    admissions of its area's copy, nothing else."""
    whole = build_tables(PopulationParams(), CareModifiers(), thin=True)
    areas = (Area(name="north", population_share=0.5),
             Area(name="south", population_share=0.5, admission_rate_scale=2.0))
    divided = build_tables(PopulationParams(areas=areas), CareModifiers(), thin=True)
    n = whole.total.size
    assert divided.total.size == 2 * n
    north, south = divided.components[:, :n], divided.components[:, n:]
    assert np.array_equal(north, whole.components)
    assert np.array_equal(divided.keep[:n], whole.keep)
    assert np.array_equal(divided.keep[n:], whole.keep)
    nel = HomeEvent.NEL
    assert np.array_equal(south[nel], 2.0 * whole.components[nel])
    others = [e for e in HomeEvent if e != nel]
    assert np.array_equal(south[others], whole.components[others])


def test_an_areas_admission_scale_multiplies_its_peoples_emergencies():
    """The south's people are admitted 1.5 times as often as the north's. Deaths in hospital
    arrive as terminal admissions at the place's rate (about 5 of the ~105 per 1,000 a year)
    and are not scaled, so the per-head ratio expected is (1.5 x 100 + 5) / 105 = 1.475, a
    little less for the time the south's extra patients spend in hospital and step-down
    care, not at risk (1.45 over seeds 1-10, sd 0.066 a seed over half a year). The mean of
    seeds 1-3 is held within 0.1 of 1.475 (2.6 standard errors) and every seed above 1.25
    (unlimited places, so no area waits for the other's)."""
    areas = (Area(name="north", population_share=0.5),
             Area(name="south", population_share=0.5, admission_rate_scale=1.5))
    size = 50_000
    ratios = []
    for seed in (1, 2, 3):
        _, weeks, _ = run_areas(seed, unlimited_capacity(size), 26,
                                PopulationParams(areas=areas), size)
        for w in weeks:
            assert sum(a.admissions for a in w.by_area) == w.admissions
        admitted = np.array([[a.admissions for a in w.by_area] for w in weeks]).sum(0)
        alive = np.array([[a.alive for a in w.by_area] for w in weeks]).sum(0)
        ratios.append((admitted[1] / alive[1]) / (admitted[0] / alive[0]))
    assert min(ratios) > 1.25, ratios
    assert abs(np.mean(ratios) - 1.475) < 0.1, ratios
