"""One row of outcome figures per run: what compare tables, sweeps store and SALib analyses.

Money is summed in integer pence from the run's tables and only then shown in pounds.
Indicators defined in ``sim.outputs.indicators`` (fixed-cost exposure, who left) are added
from the tables the run recorded.
"""

from typing import Any

import pandas as pd

from sim.core.calendar import WEEKS_PER_YEAR
from sim.core.kinds import LINE_SEPARATOR
from sim.outputs import indicators
from sim.outputs.metrics import BAND_ADMISSIONS, BAND_ALIVE
from sim.outputs.tables import provider_cost_by_family

PENCE_PER_POUND = 100


def _gbp(pence: int | float) -> float:
    return float(pence) / PENCE_PER_POUND


def activity_outcomes(weekly: pd.DataFrame) -> dict[str, float]:
    """NEL admissions per 1,000, mean length of stay, DTOC bed days (final year, whole run)."""
    final_year = int(weekly["year"].max())
    last = weekly[weekly["year"] == final_year]
    alive = float(last["alive"].mean())
    return {
        "nel_admissions_per_1000_final_year": float(last["admissions"].sum()) * 1000 / alive,
        "mean_los_days": float(weekly["acute_bed_days"].sum())
        / max(1.0, float(weekly["admissions"].sum())),
        "dtoc_bed_days_final_year": float(last["dtoc_bed_days"].sum()),
        "dtoc_bed_days_total": float(weekly["dtoc_bed_days"].sum()),
        "people_final_year": alive,
        **band_admission_outcomes(last),
    }


def band_admission_outcomes(last: pd.DataFrame) -> dict[str, float]:
    """NEL admissions per 1,000 people in each age band over ``last`` (the final year's weeks).

    ``nel_admissions_per_1000_<band>_final_year`` is the band's admissions × 1,000 ÷ its mean
    weekly population, ``<band>`` the band's key (``"85+"`` → ``85plus``, ``"0-64"`` →
    ``0_64``). Weighted by the bands' mean populations the rates average to the all-age rate.
    """
    row = {}
    for column in last.columns:
        if not column.startswith(BAND_ADMISSIONS):
            continue
        key = column.removeprefix(BAND_ADMISSIONS)
        alive = float(last[f"{BAND_ALIVE}{key}"].mean())
        rate = float(last[column].sum()) * 1000 / alive if alive else 0.0
        row[f"nel_admissions_per_1000_{key}_final_year"] = rate
    return row


def cost_outcomes(weekly: pd.DataFrame, finance: pd.DataFrame) -> dict[str, float]:
    """System cost (``indicators.system_cost_pence``) and cost per head per year."""
    cost_pence = indicators.system_cost_pence(finance)
    years = len(weekly) / WEEKS_PER_YEAR
    people = float(weekly["alive"].mean())
    return {
        "system_cost_gbp": _gbp(cost_pence),
        "cost_per_head_per_year_gbp": _gbp(cost_pence) / people / years,
    }


def organisation_outcomes(finance: pd.DataFrame) -> dict[str, float]:
    """Each organisation's cumulative surplus (deficit if negative) and lowest reserves."""
    row: dict[str, float] = {}
    for org, frame in finance.groupby("organisation", sort=True):
        row[f"surplus_{org}_gbp"] = _gbp(int(frame["surplus_pence"].sum()))
        row[f"min_reserves_{org}_gbp"] = _gbp(int(frame["reserves_pence"].min()))
    return row


def share_outcomes(shares: pd.DataFrame) -> dict[str, float]:
    """Share of care days in each setting in the final year."""
    if shares.empty:
        return {}
    final = shares[shares["year"] == shares["year"].max()]
    return {f"share_{s}_final_year": float(v) for s, v in zip(final["setting"], final["share"],
                                                              strict=True)}


def pool_outcomes(settlements: pd.DataFrame, organisations: list[str]) -> dict[str, float]:
    """The gain (+) or loss (−) pool over the run and what each organisation received.

    Every organisation gets a column (zero when it had no part), and parts held by
    pseudo-parties (contingency reserve, reinvestment fund) are summed as
    ``pool_retained_gbp``, so every run of a scenario has the same columns.
    """
    row = {"pool_gbp": 0.0, **{f"pool_to_{org}_gbp": 0.0 for org in organisations},
           "pool_retained_gbp": 0.0}
    if settlements.empty or "pool_pence" not in settlements:
        return row
    pools = settlements.drop_duplicates(["agreement", "year"])["pool_pence"]
    row["pool_gbp"] = _gbp(int(pools.sum()))
    retained = 0
    for party, amount in settlements.groupby("party", sort=True)["amount_pence"].sum().items():
        if party in organisations:
            row[f"pool_to_{party}_gbp"] = _gbp(int(amount))
        else:
            retained += int(amount)
    row["pool_retained_gbp"] = _gbp(retained)
    return row


def indicator_outcomes(results: Any, organisations: list[str]) -> dict[str, float]:
    """Fixed-cost exposure, stranded capacity cost and who left, from ``indicators``.

    Fixed-cost exposure is each provider's final-year figure (surplus lost if its activity
    fell 10%); stranded capacity cost is summed over providers and years; who left gives a
    0/1 column per organisation so every run of a scenario has the same columns.
    """
    row: dict[str, float] = {}
    exposure = indicators.fixed_cost_exposure(results)
    if not exposure.empty:
        final = exposure[exposure["year"] == exposure["year"].max()]
        for org, value in zip(final["organisation"], final["fixed_cost_exposure_gbp"],
                              strict=True):
            row[f"fixed_cost_exposure_{org}_gbp"] = float(value)
        if "stranded_capacity_cost_gbp" in exposure:
            row["stranded_capacity_cost_gbp"] = float(exposure["stranded_capacity_cost_gbp"]
                                                      .sum())
    exits = indicators.who_left(results)
    left = set(map(str, exits["organisation"])) if "organisation" in exits else set()
    row["organisations_left"] = float(len(left))
    row.update({f"left_{org}": float(org in left) for org in organisations})
    row.update(regime_outcomes(results))
    return row


def service_line_outcomes(results: Any) -> dict[str, float]:
    """Each integrated provider's service lines over the run: cost and contract income.

    ``line_cost_<organisation>__<line>_gbp`` is the line's costs (every cost reason) and
    ``line_income_<organisation>__<line>_gbp`` the payments of contracts naming it, less
    refunds, both summed over the run in pence from ``service_lines_annual``. Runs of
    places without an integrated provider carry none of these columns.
    """
    lines = getattr(results, "service_lines_annual", pd.DataFrame())
    if lines.empty:
        return {}
    row: dict[str, float] = {}
    for (org, line), frame in lines.groupby(["organisation", "service_line"], sort=True):
        key = f"{org}{LINE_SEPARATOR}{line}"
        row[f"line_cost_{key}_gbp"] = _gbp(int(frame["cost_pence"].sum()))
        row[f"line_income_{key}_gbp"] = _gbp(int(frame["contract_income_pence"].sum()))
    return row


REGIMES = ("recovery", "s114", "allocation_clawback")


def regime_outcomes(results: Any) -> dict[str, float]:
    """How many times each financial regime was applied in the run (when regimes are on).

    Only runs with ``[regimes] enabled`` carry these columns, so results of places without
    regimes keep the columns they had.
    """
    if not results.meta.get("regimes_enabled"):
        return {}
    events = results.regimes
    counts = events["regime"].value_counts() if "regime" in events else {}
    return {f"regimes_{name}": float(counts.get(name, 0)) for name in REGIMES}


def run_outcomes(results: Any, silo_index: float | None = None) -> dict[str, float]:
    """Every outcome of one run as a flat ``name → number`` dict."""
    row = cost_outcomes(results.system_weekly, results.finance_annual)
    row.update(activity_outcomes(results.system_weekly))
    row.update(share_outcomes(results.care_shares_annual))
    row.update(organisation_outcomes(results.finance_annual))
    organisations = sorted(map(str, results.finance_annual["organisation"].unique()))
    row.update(pool_outcomes(results.settlements, organisations))
    row.update(indicator_outcomes(results, organisations))
    row.update(service_line_outcomes(results))
    if silo_index is not None:
        row["silo_index"] = float(silo_index)
    return row


def place_outcomes(results: Any, hours_per_package_week: float,
                   local_authorities: list[str]) -> dict[str, float]:
    """Final-year figures a place publishes, for calibration targets.

    Args:
        results: The run's tables.
        hours_per_package_week: Home-care hours in one package-week (the scenario's), to
            turn hours into people with a package.
        local_authorities: Ids of the councils, whose spend is social care spend.

    Returns:
        ``dtoc_share_of_bed_days_final_year`` (delayed days ÷ acute bed days),
        ``mean_los_days_final_year``, ``spend_<setting>_final_year_gbp`` (providers' cost
        by setting), ``people_in_care_homes_final_year`` and
        ``people_with_home_care_final_year`` (average on a day), their sum
        ``people_in_long_term_care_final_year``, ``community_beds_occupied_final_year``
        (step-down beds in use on an average day), the first two by area in a divided place
        (``people_in_care_homes_<area>_final_year``, ``people_with_home_care_<area>_...``)
        with each area's emergency admissions per 1,000 of its people
        (``nel_admissions_per_1000_in_<area>_final_year``),
        and ``social_care_spend_final_year_gbp`` (the councils' contract payments and pool
        contributions).
    """
    weekly = results.system_weekly
    last = weekly[weekly["year"] == int(weekly["year"].max())]
    bed_days = float(last["acute_bed_days"].sum())
    weeks = max(1, len(last))
    homes = float(last["care_home_resident_weeks"].sum()) / weeks
    packages = float(last["home_care_hours"].sum()) / hours_per_package_week / weeks
    row = {
        "dtoc_share_of_bed_days_final_year": float(last["dtoc_bed_days"].sum())
        / max(1.0, bed_days),
        "mean_los_days_final_year": bed_days / max(1.0, float(last["admissions"].sum())),
        "people_in_care_homes_final_year": homes,
        "people_with_home_care_final_year": packages,
        "people_in_long_term_care_final_year": homes + packages,
    }
    if "community_bed_days" in last:  # tables read back from an older store may lack it
        row["community_beds_occupied_final_year"] = float(last["community_bed_days"].sum()) / (
            7.0 * weeks)
    # A divided place's long-term care by area (docs/areas.md), from its weekly columns.
    prefix = "area_care_home_resident_weeks_"
    for column in (c for c in last.columns if c.startswith(prefix)):
        area = column.removeprefix(prefix)
        row[f"people_in_care_homes_{area}_final_year"] = float(last[column].sum()) / weeks
        row[f"people_with_home_care_{area}_final_year"] = float(
            last[f"area_home_care_hours_{area}"].sum()) / hours_per_package_week / weeks
        if f"area_admissions_{area}" in last:  # an older store's tables may lack it
            alive = float(last[f"area_alive_{area}"].mean())
            row[f"nel_admissions_per_1000_in_{area}_final_year"] = (
                float(last[f"area_admissions_{area}"].sum()) * 1000 / alive if alive else 0.0)
    # Tables read back from a store may predate service lines: none is then an empty table.
    lines = getattr(results, "service_lines_annual", pd.DataFrame())
    row.update(_final_year_spend(results.finance_annual, local_authorities, lines))
    return row


def _final_year_spend(finance: pd.DataFrame, local_authorities: list[str],
                      lines: pd.DataFrame) -> dict[str, float]:
    final = finance[finance["year"] == finance["year"].max()]
    costs = provider_cost_by_family(finance, lines)
    costs = costs[costs["year"] == finance["year"].max()]
    row = {f"spend_{kind}_final_year_gbp": _gbp(int(frame["cost_pence"].sum()))
           for kind, frame in costs.groupby("kind", sort=True)}
    councils = final[final["organisation"].isin(local_authorities)]
    paid = councils["contract_payment_out_pence"] + councils["pool_contribution_out_pence"]
    row["social_care_spend_final_year_gbp"] = _gbp(int(paid.sum()))
    return row
