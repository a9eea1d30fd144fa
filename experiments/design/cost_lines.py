"""Cost lines of an agreement's scope: activity valued at reference unit costs.

The issue's lines (acute bed days and admissions, delayed transfers, community and social
care activity, long-term packages, prevention) are sums of the weekly system figures
(whole-place counts) times the national reference unit costs every organisation quotes
(``agents.beliefs.QUOTED_UNIT_COST_GBP``, sourced there). Valuing at reference costs, not
at each provider's own, is an estimate: it prices a bed day the same whoever provides it,
which is what a commissioner's baseline does.
"""

import pandas as pd

from agents.beliefs import QUOTED_UNIT_COST_GBP
from sim.core.activity import ActivityUnit as U

COST_LINES: dict[str, tuple[tuple[str, float], ...]] = {
    "acute_admissions": (("admissions", QUOTED_UNIT_COST_GBP[U.NEL_ADMISSION]),),
    "acute_bed_days": (("acute_bed_days", QUOTED_UNIT_COST_GBP[U.ACUTE_BED_DAY]),),
    "delayed_transfers": (("dtoc_bed_days", QUOTED_UNIT_COST_GBP[U.ACUTE_BED_DAY]),),
    "community": (("d2a_place_days", QUOTED_UNIT_COST_GBP[U.D2A_PLACE_DAY]),
                  ("community_bed_days", QUOTED_UNIT_COST_GBP[U.COMMUNITY_BED_DAY]),
                  ("community_contacts", QUOTED_UNIT_COST_GBP[U.COMMUNITY_CONTACT])),
    "social_care": (("reablement_place_days", QUOTED_UNIT_COST_GBP[U.REABLEMENT_PLACE_DAY]),),
    "long_term_packages": (("home_care_hours", QUOTED_UNIT_COST_GBP[U.HOME_CARE_HOUR]),
                           ("care_home_resident_weeks", QUOTED_UNIT_COST_GBP[U.CARE_HOME_WEEK])),
    "prevention": (("prevention_person_weeks", QUOTED_UNIT_COST_GBP[U.PREVENTION_PERSON_WEEK]),),
}
"""Cost line -> (weekly system figure, reference unit cost in pounds) terms."""

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


def cost_lines_gbp(weekly: pd.DataFrame, lines: list[str] | None = None) -> dict[str, float]:
    """Each cost line's value over a run, in pounds, from its weekly system figures.

    Args:
        weekly: One run's ``system_weekly`` table.
        lines: Which lines (default: all).

    Returns:
        Line -> pounds over the whole run.
    """
    chosen = lines or list(COST_LINES)
    return {line: float(sum(weekly[column].sum() * unit_cost
                            for column, unit_cost in COST_LINES[line])) for line in chosen}
