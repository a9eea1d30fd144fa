"""A place of two areas, each with its own council and social care market (docs/areas.md).

Each council pays its own market for its own area's people: contract payments are
recomputed here from the engine's area flows, spot places are charged to the area's
council, and a scenario that leaves an area without a council, or a market without an
area, is refused on load with the field named.
"""

import copy

import numpy as np
import pytest

from sim.core.calendar import week_info
from sim.core.ledger import Reason
from sim.core.money import gbp_to_pence
from sim.model import CareSystemModel
from sim.payments import YearToDate, cumulative_due_pence
from sim.scenario import ScenarioError, scenario_from_dict
from tests.core.helpers import default_raw

PEOPLE = 10_000
SEEDS = (1, 2)
AREA_UNITS = {"council_home_care": "home_care_hours",
              "council_reablement": "reablement_place_days",
              "council_care_homes": "care_home_resident_weeks"}


def two_area_raw(north_places_share: float = 0.7) -> dict:
    """The default place as north (40% of people) and south (60%), activity-based design.

    The north holds ``north_places_share`` of the social care places: more than its share
    of people, so splitting activity by places across both areas would pay it too much.
    """
    raw = copy.deepcopy(default_raw())
    raw["population"]["areas"] = [{"name": "north", "population_share": 0.4},
                                  {"name": "south", "population_share": 0.6}]
    orgs = raw["organisations"]
    council = next(o for o in orgs if o["id"] == "council")
    market = next(o for o in orgs if o["id"] == "social_care")
    south_council = copy.deepcopy(council) | {"id": "council_south", "area": "south",
                                               "name": "South council"}
    south_market = copy.deepcopy(market) | {"id": "social_care_south", "area": "south",
                                             "name": "South care market"}
    council["area"], market["area"] = "north", "north"
    for kind, spec in market["capacities"].items():
        north = round(spec["units"] * north_places_share)
        south_market["capacities"][kind] = spec | {"units": spec["units"] - north,
                                                   "min_units": 0}
        spec.update(units=north, min_units=0)
    orgs[orgs.index(market) + 1:orgs.index(market) + 1] = [south_market]
    orgs[orgs.index(council) + 1:orgs.index(council) + 1] = [south_council]
    design = raw["designs"]["activity_based"]
    south = [copy.deepcopy(c) | {"id": f"{c['id']}_south", "payer": "council_south",
                                 "payee": "social_care_south"}
             for c in design["contracts"] if c["payee"] == "social_care"]
    design["contracts"].extend(south)
    raw["designs"] = {"activity_based": design}
    return raw


def run_two_areas(seed: int, raw: dict | None = None, weeks: int = 52):
    scenario = scenario_from_dict(raw or two_area_raw(), source="two_areas")
    model = CareSystemModel(scenario, "activity_based", rng=seed, people=PEOPLE, years=1)
    volumes = {}
    checks = []
    for week in range(weeks):
        model.step()
        flows = model.last_flows
        for contract in model.contracts.contracts:
            field = AREA_UNITS.get(contract.spec.id.removesuffix("_south"))
            if field is None:
                continue
            area = 1 if contract.spec.id.endswith("_south") else 0
            volumes[contract.spec.id] = volumes.get(contract.spec.id, 0.0) + getattr(
                flows.by_area[area], field) / model.size_scale
        info = week_info(week)
        if info.ends_month:
            checks.append((week, info, dict(volumes)))
    return model, checks


@pytest.mark.parametrize("seed", SEEDS)
def test_each_council_pays_its_own_market_for_its_own_areas_care(seed):
    model, checks = run_two_areas(seed)
    ledger = model.ledger.to_frame()
    for contract in model.contracts.contracts:
        if contract.spec.id.removesuffix("_south") not in AREA_UNITS:
            continue
        paid_before = 0
        for week, info, volumes in checks:
            ytd = YearToDate(months_elapsed=info.month + 1, volume=volumes[contract.spec.id],
                             weighted_heads=0.0, outcome_score=None, cquin_achievement=None)
            due = cumulative_due_pence(contract.terms, ytd, info.year + 1)
            rows = ledger[(ledger["week"] == week) & (ledger["reference"] == contract.spec.id)
                          & (ledger["reason"] == Reason.CONTRACT_PAYMENT.value)]
            assert set(rows["payer"]) <= {contract.spec.payer}
            assert set(rows["payee"]) <= {contract.spec.payee}
            assert int(rows["amount_pence"].sum()) == due - paid_before, (
                seed, contract.spec.id, week)
            paid_before = due
        assert paid_before > 0, contract.spec.id


@pytest.mark.parametrize("seed", SEEDS)
def test_each_councils_spot_places_are_its_own_areas(seed):
    """South's care-home places cut to a fifth of its share: the south council buys spot
    places; what each council pays is the premium on its own area's spot days."""
    raw = two_area_raw()
    south = next(o for o in raw["organisations"] if o["id"] == "social_care_south")
    places = south["capacities"]["care_home_places"]
    places.update(units=places["units"] // 5, step_units=1)
    model = CareSystemModel(scenario_from_dict(raw, source="two_areas"), "activity_based",
                            rng=seed, people=PEOPLE, years=1)
    days = np.zeros(2)
    for _ in range(52):
        model.step()
        days += [a.spot_place_days_council / model.size_scale
                 for a in model.last_flows.by_area]
    ledger = model.ledger.to_frame()
    spot = ledger[ledger["reason"] == Reason.SPOT_PURCHASE.value]
    paid = spot.groupby("payer")["amount_pence"].sum()
    premium = model.population.params.hospital.spot_premium_gbp_per_day
    assert days[1] > 0
    for council, area in (("council", 0), ("council_south", 1)):
        expected = float(gbp_to_pence(premium)) * days[area]
        # Charged month by month in whole pence: at most a penny a month off.
        assert abs(int(paid.get(council, 0)) - expected) <= 13, (seed, council)
    assert paid.get("council_south", 0) > paid.get("council", 0)
    # What each market is shown of the care-home queue is its own area's: the two add up
    # to the place's, and the south's short places show in the south's figure.
    place = model.published_figures()
    north, south = (model.published_figures(0, area) for area in ("north", "south"))
    for name in ("queue_care_home", "care_home_resident_weeks", "home_care_hours"):
        assert north[name] + south[name] == pytest.approx(place[name], rel=1e-9), name
    assert south["queue_care_home"] > north["queue_care_home"]
    assert north["admissions"] == south["admissions"] == place["admissions"]


def test_the_weekly_table_shows_each_areas_figures():
    model, _ = run_two_areas(3, weeks=8)
    weekly = model.results().system_weekly
    for name in ("alive", "care_home_resident_weeks", "home_care_hours"):
        both = weekly[f"area_{name}_north"] + weekly[f"area_{name}_south"]
        assert np.allclose(both, weekly[name] if name != "alive" else weekly["alive"]), name
    assert (weekly["area_alive_south"] > weekly["area_alive_north"]).all()


def test_each_areas_long_term_care_is_a_published_figure():
    from sim.outputs.outcomes import place_outcomes

    model, _ = run_two_areas(4, weeks=52)
    figures = place_outcomes(model.results(), 12.0, ["council", "council_south"])
    for kind in ("in_care_homes", "with_home_care"):
        parts = [figures[f"people_{kind}_{area}_final_year"] for area in ("north", "south")]
        assert min(parts) > 0
        assert sum(parts) == pytest.approx(figures[f"people_{kind}_final_year"], rel=1e-9)


def test_the_places_are_the_areas_providers_and_sum_to_the_places_total():
    model, _ = run_two_areas(1, weeks=1)
    capacity = model.care_capacity()
    north, south = capacity.by_area
    scale = model.size_scale
    raw = two_area_raw()
    spec = {o["id"]: o for o in raw["organisations"]}
    assert north.care_home_places == round(
        spec["social_care"]["capacities"]["care_home_places"]["units"] * scale)
    assert south.care_home_places == round(
        spec["social_care_south"]["capacities"]["care_home_places"]["units"] * scale)
    assert capacity.care_home_places == north.care_home_places + south.care_home_places


def _problems(raw: dict) -> str:
    with pytest.raises(ScenarioError) as error:
        scenario_from_dict(raw, source="two_areas.toml")
    return str(error.value)


def test_a_market_that_names_no_area_is_refused():
    raw = two_area_raw()
    market = next(o for o in raw["organisations"] if o["id"] == "social_care_south")
    del market["area"]
    message = _problems(raw)
    assert "two_areas.toml" in message
    assert "('social_care_south').area: it holds care_home_places, home_care_packages, " \
           "reablement_places" in message
    assert "expected one of 'north', 'south'" in message


def test_an_area_without_a_council_is_refused():
    raw = two_area_raw()
    council = next(o for o in raw["organisations"] if o["id"] == "council_south")
    council["area"] = "north"
    message = _problems(raw)
    assert "population.areas: area 'north' has 'council', 'council_south' as its council" in (
        message)
    assert "area 'south' has none as its council" in message


def test_an_unknown_area_is_refused():
    raw = two_area_raw()
    next(o for o in raw["organisations"] if o["id"] == "acute")["area"] = "east"
    assert "('acute').area: 'east' is not an area of the place; expected one of 'north', " \
           "'south'" in _problems(raw)


def test_an_undivided_place_needs_no_areas_and_refuses_a_wrong_one():
    raw = copy.deepcopy(default_raw())
    scenario_from_dict(raw, source="default.toml")  # no area anywhere: fine
    next(o for o in raw["organisations"] if o["id"] == "council")["area"] = "north"
    assert "('council').area: 'north' is not an area of the place; expected one of " \
           "'place'" in _problems(raw)


def test_each_areas_admissions_per_head_are_a_published_figure():
    """Each area's emergency admissions per 1,000 of its people: weighted by the areas'
    mean populations they average to the place's all-age rate (admissions and people both
    add up over areas)."""
    from sim.outputs.outcomes import activity_outcomes, place_outcomes

    model, _ = run_two_areas(5, weeks=52)
    results = model.results()
    figures = place_outcomes(results, 12.0, ["council", "council_south"])
    weekly = results.system_weekly
    rates = {area: figures[f"nel_admissions_per_1000_in_{area}_final_year"]
             for area in ("north", "south")}
    people = {area: float(weekly[f"area_alive_{area}"].mean()) for area in rates}
    assert min(rates.values()) > 0
    average = sum(rates[a] * people[a] for a in rates) / sum(people.values())
    whole = activity_outcomes(weekly)["nel_admissions_per_1000_final_year"]
    assert average == pytest.approx(whole, rel=1e-9)
    assert np.array_equal(weekly["area_admissions_north"] + weekly["area_admissions_south"],
                          weekly["admissions"])


@pytest.mark.parametrize("scale", [0.0, -1.0, 6.0, "high"])
def test_a_bad_admission_scale_is_refused_in_one_line_naming_the_field(scale):
    raw = two_area_raw()
    raw["population"]["areas"][1]["admission_rate_scale"] = scale
    message = _problems(raw)
    assert len(message.splitlines()) == 1, message
    assert "two_areas.toml" in message
    assert "two_areas.toml: population.areas[1].admission_rate_scale: " in message, message
