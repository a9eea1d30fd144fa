"""Every reported figure, defined once: weekly reporters and derived indicators.

Reporters are named pure functions of the model fed to one ``mesa.DataCollector``.
Activity is reported for the whole place: when a run simulates a sample of the
population, counts are scaled back up by the sample fraction.
"""

from functools import partial

from sim.core.activity import ActivityUnit
from sim.population import WeekFlows

# WeekFlows fields reported weekly, as full-place counts.
FLOW_FIELDS = (
    "admissions",
    "discretionary_admissions",
    "discretionary_diverted",
    "acute_bed_days",
    "escalation_bed_days",
    "dtoc_bed_days",
    "d2a_place_days",
    "reablement_place_days",
    "community_bed_days",
    "care_home_resident_weeks",
    "home_care_hours",
    "prevention_person_weeks",
    "community_contacts",
    "waiting_for_package",
    "deaths",
    "births",
    "person_days_at_home",
    "admissions_refused",
    "out_of_area_admissions",
    "out_of_area_bed_days",
    "refused_deaths",
    "spot_purchases",
    "spot_place_days_health",
    "spot_place_days_council",
)



def activity_totals(flows: WeekFlows, size_scale: float = 1.0) -> dict[ActivityUnit, float]:
    """The week's activity in every unit, scaled to the whole place."""
    return {unit: flows.activity(unit) / size_scale for unit in ActivityUnit}


def report_flow(model, name: str) -> float:
    """One ``WeekFlows`` field of the week just completed, as a full-place count.

    Bound to a field with ``functools.partial`` (a module-level function, so the
    collector and the model pickle).
    """
    flows = model.last_flows
    return float(getattr(flows, name)) / model.size_scale if flows is not None else 0.0


def care_days_by_setting(flows: WeekFlows, hours_per_package_week: float) -> dict[str, float]:
    """Days of care delivered in each setting family during one week (sample counts).

    A home-care package counts as a day of care for each day it runs, so care shares compare
    a person-day in hospital with a person-day supported at home.
    """
    home_care_days = flows.home_care_hours / hours_per_package_week * 7.0
    return {
        "acute": float(flows.acute_bed_days),
        "community": float(flows.d2a_place_days + flows.community_bed_days),
        "social_care": float(flows.reablement_place_days + flows.care_home_resident_weeks * 7.0
                             + home_care_days),
        "voluntary": float(flows.prevention_person_weeks * 7.0),
    }


def report_week(model) -> int:
    """Model week just completed."""
    return model.week


def report_year(model) -> int:
    """Model year (0-based) of the week just completed."""
    return model.week // 52


def report_alive(model) -> float:
    """People alive (full-place equivalent)."""
    return model.population.alive_count / model.size_scale


def report_nel_per_1000_annualised(model) -> float:
    """NEL admissions per 1,000 people, at this week's rate over a year."""
    flows = model.last_flows
    if flows is None or not model.population.alive_count:
        return 0.0
    return flows.admissions * 52 * 1000 / model.population.alive_count


def report_band_flow(model, name: str, band: int) -> float:
    """One age band's entry of a by-band ``WeekFlows`` field, as a full-place count."""
    flows = model.last_flows
    if flows is None or not getattr(flows, name):
        return 0.0
    return float(getattr(flows, name)[band]) / model.size_scale


def band_reporters(band_keys: list[str]) -> dict:
    """Weekly reporters ``band_admissions_<band>`` and ``band_alive_<band>`` for each band.

    ``<band>`` is the band's key (``sim.population.band_key``: ``"85+"`` → ``"85plus"``).
    """
    reporters = {}
    for index, key in enumerate(band_keys):
        reporters[f"{BAND_ADMISSIONS}{key}"] = partial(report_band_flow,
                                                       name="admissions_by_band", band=index)
        reporters[f"{BAND_ALIVE}{key}"] = partial(report_band_flow, name="alive_by_band",
                                                  band=index)
    return reporters


BAND_ADMISSIONS = "band_admissions_"
BAND_ALIVE = "band_alive_"
# A divided place's weekly figures by area: ``area_<field>_<area>`` (full-place counts).
AREA_PREFIX = "area_"
AREA_REPORTED = ("alive", "admissions", "care_home_resident_weeks", "home_care_hours",
                 "reablement_place_days", "queue_care_home", "queue_package",
                 "waiting_for_package", "spot_place_days_council")


def report_area_flow(model, name: str, area: int) -> float:
    """One area's ``AreaFlows`` field in the week just completed, as a full-place count."""
    flows = model.last_flows
    if flows is None or not flows.by_area:
        return 0.0
    return float(getattr(flows.by_area[area], name)) / model.size_scale


def area_reporters(area_names: list[str]) -> dict:
    """Weekly reporters ``area_<field>_<area>`` for each area of a divided place (else none)."""
    if len(area_names) < 2:
        return {}
    return {f"{AREA_PREFIX}{name}_{area}": partial(report_area_flow, name=name, area=index)
            for index, area in enumerate(area_names) for name in AREA_REPORTED}


def report_system_cost_to_date_gbp(model) -> float:
    """Cost of care paid to suppliers so far (£; providers' and care bought outside; monthly)."""
    return model.money.system_cost_pence / 100


def report_pooled_budget_balance_gbp(model) -> float:
    """Money held in the pooled budgets now (£; pools are cleared at each year's end)."""
    return model.money.pooled_pence / 100


def report_surplus_to_date_gbp(model, organisation: str) -> float:
    """An organisation's surplus so far in the run: reserves less opening reserves (£)."""
    return model.money.surplus_pence[organisation] / 100


SYSTEM_REPORTERS = {
    "week": report_week,
    "year": report_year,
    "alive": report_alive,
    "nel_per_1000_annualised": report_nel_per_1000_annualised,
    **{name: partial(report_flow, name=name) for name in FLOW_FIELDS},
    "system_cost_to_date_gbp": report_system_cost_to_date_gbp,
    "pooled_budget_balance_gbp": report_pooled_budget_balance_gbp,
}


def system_reporters(organisation_ids: list[str], band_keys: list[str] | None = None,
                     area_names: list[str] | None = None) -> dict:
    """Every weekly reporter of a place: the system's, by band and area, and surpluses."""
    return {**SYSTEM_REPORTERS, **band_reporters(band_keys or []),
            **area_reporters(area_names or []),
            **{f"surplus_to_date_gbp_{org}": partial(report_surplus_to_date_gbp,
                                                     organisation=org)
               for org in organisation_ids}}
