"""Cost lines of an agreement's scope: activity valued at reference unit costs.

The issue's lines (acute bed days and admissions, delayed transfers, community and social
care activity, long-term packages, prevention) are sums of the weekly system figures
(whole-place counts) times the national reference unit costs every organisation quotes
(the scenario's ``behaviour.quoted_unit_cost_gbp``, sourced there). Valuing at reference
costs, not at each provider's own, is an estimate: it prices a bed day the same whoever
provides it, which is what a commissioner's baseline does.
"""

import pandas as pd

from sim.core.activity import ActivityUnit as U
from sim.scenario.behaviour import QuotedUnitCosts

COST_LINES: dict[str, tuple[tuple[str, U], ...]] = {
    "acute_admissions": (("admissions", U.NEL_ADMISSION),),
    "acute_bed_days": (("acute_bed_days", U.ACUTE_BED_DAY),),
    "delayed_transfers": (("dtoc_bed_days", U.ACUTE_BED_DAY),),
    "community": (("d2a_place_days", U.D2A_PLACE_DAY),
                  ("community_bed_days", U.COMMUNITY_BED_DAY),
                  ("community_contacts", U.COMMUNITY_CONTACT)),
    "social_care": (("reablement_place_days", U.REABLEMENT_PLACE_DAY),),
    "long_term_packages": (("home_care_hours", U.HOME_CARE_HOUR),
                           ("care_home_resident_weeks", U.CARE_HOME_WEEK)),
    "prevention": (("prevention_person_weeks", U.PREVENTION_PERSON_WEEK),),
}
"""Cost line -> (weekly system figure, unit it is priced at) terms."""

LINE_LABELS = {
    "acute_admissions": "Acute admissions",
    "acute_bed_days": "Acute bed days",
    "delayed_transfers": "Delayed transfers (bed days)",
    "community": "Community (D2A, beds, contacts)",
    "social_care": "Social care (reablement)",
    "long_term_packages": "Long-term packages (home care, care homes)",
    "prevention": "Prevention (voluntary)",
}
"""Plain-English label of each cost line."""


def unknown_lines(lines: list[str]) -> list[str]:
    """Names that are not cost lines."""
    return [line for line in lines if line not in COST_LINES]


def cost_lines_gbp(weekly: pd.DataFrame, unit_costs: QuotedUnitCosts,
                   lines: list[str] | None = None) -> dict[str, float]:
    """Each cost line's value over a run, in pounds, from its weekly system figures.

    Args:
        weekly: One run's ``system_weekly`` table.
        unit_costs: The place's quoted unit costs.
        lines: Which lines (default: all).

    Returns:
        Line -> pounds over the whole run.
    """
    chosen = lines or list(COST_LINES)
    return {line: float(sum(weekly[column].sum() * unit_costs.cost_gbp(unit)
                            for column, unit in COST_LINES[line])) for line in chosen}
