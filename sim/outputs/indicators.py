"""Derived indicators, each defined once (formulas in docs/metrics.md).

- fixed-cost exposure: surplus a provider loses if its activity falls 10% — income that
  moves with activity under its contracts, less the variable cost that moves with it;
- stranded capacity cost: staffed capacity left unused, at its semi-fixed cost;
- silo index: how much more the system spends than the same organisations would if each
  decided with full system orientation (a whole-system planner run on the same seed);
- care shift: share of care days and of cost by setting, per year;
- fairness: share of a settlement received against the share of the pool caused;
- years to break even on an investment; who left an agreement and when.
"""

import pandas as pd

from sim.core.activity import ActivityUnit
from sim.core.ledger import Reason
from sim.core.records import ExposureRecord, LineExposureRecord
from sim.outputs.tables import provider_cost_by_family
from sim.payments import expected_annual_payment_pence

ACTIVITY_FALL = 0.10
SETTING_OF_KIND = {"acute": "acute", "community": "community", "social_care": "social_care",
                   "voluntary": "voluntary"}


def exposure_rows(model, year: int) -> list[ExposureRecord | LineExposureRecord]:
    """Fixed-cost exposure and stranded capacity cost of each provider for one year.

    exposure = Σ_contracts [pay(v) − pay(0.9 v)] − 10% × variable cost, where v is the
    provider's own annual volume of each contract's unit; positive means a fall in activity
    costs the provider that much surplus. An integrated provider also gets a row per service
    line: the line's own volumes, costs and capacity, and the contracts naming the line.
    """
    rows: list[ExposureRecord | LineExposureRecord] = []
    for provider in model.providers:
        contracts = [c for c in model.contracts.contracts
                     if c.spec.payee == provider.org_id]
        rows.append(ExposureRecord(year, provider.org_id, provider.kind.value,
                                   *_exposure(model, provider, contracts)))
        for line in getattr(provider, "lines", []):
            mine = [c for c in contracts if c.spec.service_line == line.kind.value]
            rows.append(LineExposureRecord(year, provider.org_id, line.kind.value,
                                           *_exposure(model, line, mine)))
    return rows


def _exposure(model, provider, contracts) -> tuple[float, float, float, float]:
    """(income at risk, variable cost saved, fixed-cost exposure, stranded cost), in £."""
    volumes = provider.annual_own_activity()
    income_at_risk = 0
    for contract in contracts:
        if contract.unit is None:
            continue
        volume = volumes.get(contract.unit, 0.0)
        income_at_risk += (_payment(contract, volume)
                           - _payment(contract, volume * (1 - ACTIVITY_FALL)))
    variable = sum(float(provider.spec.variable_cost_gbp.get(unit, 0)) * v
                   for unit, v in volumes.items())
    return (income_at_risk / 100, ACTIVITY_FALL * variable,
            income_at_risk / 100 - ACTIVITY_FALL * variable,
            stranded_cost_gbp(model, provider, volumes))


def _payment(contract, volume: float) -> int:
    return expected_annual_payment_pence(contract.terms, volume=volume,
                                         weighted_heads=contract.weighted_heads,
                                         outcome_score=1.0, cquin=1.0,
                                         contract_year=contract.contract_year)


# Units that measure occupancy of a capacity, and how many units one place delivers a year.
OCCUPANCY_UNIT = {
    "acute_beds": (ActivityUnit.ACUTE_BED_DAY, 365.0),
    "d2a_places": (ActivityUnit.D2A_PLACE_DAY, 365.0),
    "community_beds": (ActivityUnit.COMMUNITY_BED_DAY, 365.0),
    "reablement_places": (ActivityUnit.REABLEMENT_PLACE_DAY, 365.0),
    "care_home_places": (ActivityUnit.CARE_HOME_WEEK, 52.0),
    "prevention_places": (ActivityUnit.PREVENTION_PERSON_WEEK, 52.0),
}


def stranded_cost_gbp(model, provider, volumes: dict) -> float:
    """Semi-fixed cost of the capacity a provider staffed but did not use, per year."""
    hours = model.place.population.social_care.home_care_hours_per_package_week
    stranded = 0.0
    for kind, units in provider.capacity.items():
        if kind.value == "home_care_packages":
            used = volumes.get(ActivityUnit.HOME_CARE_HOUR, 0.0) / (hours * 52.0)
        else:
            unit, per_place = OCCUPANCY_UNIT[kind.value]
            used = volumes.get(unit, 0.0) / per_place
        idle = max(0.0, units - used)
        stranded += idle * float(provider.spec.capacities[kind].cost_gbp_per_unit_year)
    return stranded




# Care a commissioner buys direct from outside the place's providers: another place's
# hospital, and the premium on spot-purchased places. It is part of the system's cost of
# care, though no provider's, so it counts with the providers' costs.
EXTERNAL_CARE_COLUMNS = tuple(f"{reason.value}_out_pence"
                              for reason in (Reason.OUT_OF_AREA_CARE, Reason.SPOT_PURCHASE))


def system_cost_pence(finance_annual: pd.DataFrame) -> int:
    """Total cost of care over the rows given: providers' costs and care bought outside.

    Equal to everything the place paid to suppliers, net of efficiency savings, so the
    organisations' surpluses add up to their allocations less this (and the reserves
    returned above a cap count in both).
    """
    providers = finance_annual[finance_annual["kind"] != "commissioner"]
    external = sum(int(finance_annual[column].sum()) for column in EXTERNAL_CARE_COLUMNS
                   if column in finance_annual)
    return int(providers["cost_pence"].sum()) + external


def system_cost_gbp(finance_annual: pd.DataFrame) -> float:
    """Total cost of care over the run (``system_cost_pence``), in pounds."""
    return system_cost_pence(finance_annual) / 100


def days_away_from_home(system_weekly: pd.DataFrame) -> float:
    """Person-days in acute, community or care-home beds, or waiting at home for a package."""
    return float(system_weekly["acute_bed_days"].sum()
                 + system_weekly["community_bed_days"].sum()
                 + 7 * system_weekly["care_home_resident_weeks"].sum()
                 + 7 * system_weekly["waiting_for_package"].sum())


def system_resource_cost_gbp(results) -> float:
    """What the system spends plus the value of the days people lose from home.

    Spending alone would reward a design that rations care: fewer D2A places cost less
    while delayed patients fill acute beds whose cost is largely fixed. Days away from
    home (or without needed care) are therefore valued at the scenario's
    ``behaviour.value_of_a_day_at_home_gbp``, which the run's ``meta`` carries.
    """
    return (system_cost_gbp(results.finance_annual)
            + results.meta["value_of_a_day_at_home_gbp"]
            * days_away_from_home(results.system_weekly))


def silo_index(results, planner_results, guarded_results=None) -> float:
    """(resource cost − benchmark's) / benchmark's, on the same seed and horizon.

    The benchmark is the better (lower resource cost) of two runs the planner could have
    chosen: the whole-system planner itself (``CareSystemModel(..., planner=True)``: true
    effects, full system orientation, every organisation kept open) and the design's own
    run replayed under the planner's solvency guard (``solvency_guard=True``). The planner
    can always keep the design's own choices and stand behind any deficit, so the
    benchmark is never worse than that replay. When the design's run closed nobody the
    replay is the run itself (the guard never acts), the default for ``guarded_results``.
    """
    guarded = results if guarded_results is None else guarded_results
    benchmark = min(system_resource_cost_gbp(planner_results),
                    system_resource_cost_gbp(guarded))
    return (system_resource_cost_gbp(results) - benchmark) / benchmark


def care_shift(results) -> pd.DataFrame:
    """Per year and setting: share of care days and share of provider cost."""
    days = results.care_shares_annual[["year", "setting", "care_days", "share"]].rename(
        columns={"share": "share_of_care_days"})
    lines = getattr(results, "service_lines_annual", pd.DataFrame())
    providers = provider_cost_by_family(results.finance_annual, lines).copy()
    providers["setting"] = providers["kind"].map(SETTING_OF_KIND)
    cost = providers.groupby(["year", "setting"], as_index=False)["cost_pence"].sum()
    cost["share_of_cost"] = cost["cost_pence"] / cost.groupby("year")["cost_pence"].transform(
        "sum")
    return days.merge(cost[["year", "setting", "share_of_cost"]], on=["year", "setting"],
                      how="outer").fillna(0.0)


SHORT_TERM_OUTSIDE = ("d2a_place_days", "community_bed_days", "reablement_place_days")


def out_of_hospital_share(results) -> pd.Series:
    """Per year: share of short-term care days delivered outside hospital.

    Short-term care is acute stays plus D2A, community beds and reablement.
    """
    weekly = results.system_weekly.groupby("year")[
        ["acute_bed_days", *SHORT_TERM_OUTSIDE]].sum()
    outside = weekly[list(SHORT_TERM_OUTSIDE)].sum(axis=1)
    return outside / (outside + weekly["acute_bed_days"])


def fixed_cost_exposure(results) -> pd.DataFrame:
    """Fixed-cost exposure and stranded capacity cost per provider and year."""
    return results.exposure_annual


def fairness(results) -> pd.DataFrame:
    """Per agreement, year and party: received vs caused, fairness judgement and trust."""
    return results.fairness


def who_left(results) -> pd.DataFrame:
    """Who left an agreement (or closed), when, and why."""
    return results.exits


def years_to_break_even(results, organisation: str) -> float | None:
    """Years from an organisation's first lever investment until it has earned it back.

    Counts from the first year its lever costs rise above year 0's; breaks even in the first
    year when its cumulative surplus since then, less year 0's surplus run-rate, is ≥ 0.
    None if it never invested or has not yet broken even.
    """
    own = results.finance_annual[results.finance_annual["organisation"] == organisation]
    own = own.sort_values("year")
    lever = own["lever_cost_out_pence"].to_numpy()
    surplus = own["surplus_pence"].to_numpy()
    started = [i for i in range(len(lever)) if lever[i] > lever[0]]
    if not started:
        return None
    first = started[0]
    running = 0
    for i in range(first, len(surplus)):
        running += surplus[i] - surplus[0]
        if running >= 0:
            return float(i - first + 1)
    return None
