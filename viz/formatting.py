"""How figures are written on the page (shared with the tests that read it).

Plain English and units a board reads without a calculator: money in £m or £k with
sensible rounding, counts as whole numbers, shares as percentages, and the names of
organisations rather than their ids. A figure of a run still in progress says so
("so far (13 weeks)") instead of claiming a whole year.
"""

import math

from experiments.money_text import pounds as gbp  # noqa: F401  (the app's name for it)
from experiments.names import line_label, named

LABELS = {
    "nel_admissions_per_1000_final_year": "NEL admissions per 1,000 people (final year)",
    "mean_los_days": "Mean length of stay (days)",
    "dtoc_bed_days_final_year": "Delayed-transfer bed days (final year)",
    "system_cost_gbp": "System cost, all years",
    "cost_per_head_per_year_gbp": "Cost per head per year",
}
WHOLE_NUMBERS = ("dtoc_bed_days_final_year",)


def label(name: str, names: dict[str, str] | None = None, weeks_so_far: int | None = None,
          weeks_in_year: int | None = None) -> str:
    """A readable label for a headline figure's key.

    Args:
        name: The figure's key.
        names: Display names of organisations (id → name).
        weeks_so_far: Weeks run, when the run has not reached its horizon (step mode).
        weeks_in_year: Weeks run in the last (partial) year, in step mode.
    """
    names = names or {}
    text = LABELS.get(name) or _pattern_label(name, names)
    if weeks_so_far is None:
        return text
    return (text.replace("(final year)", f"so far ({weeks_in_year or weeks_so_far} weeks of"
                         " the latest year)")
            .replace("all years", f"so far ({weeks_so_far} weeks)"))


def _pattern_label(name: str, names: dict[str, str]) -> str:
    if name.startswith("share_") and name.endswith("_final_year"):
        return f"Share of care days: {SETTING_WORDS.get(name[6:-11], name[6:-11])} (final year)"
    if name.startswith("surplus_") and name.endswith("_gbp"):
        return f"Surplus (+) or deficit (−): {named(name[8:-4], names)}, all years"
    for prefix, words in LINE_WORDS.items():
        if name.startswith(prefix) and name.endswith("_gbp"):
            return f"{words}: {line_label(name[len(prefix):-4], names)}, all years"
    return name.replace("_", " ")


LINE_WORDS = {"line_cost_": "Service line cost",
              "line_income_": "Service line contract income"}
SETTING_WORDS = {"acute": "acute hospital", "community": "community (D2A, beds)",
                 "social_care": "social care", "voluntary": "voluntary (prevention)"}


def format_value(name: str, value: float) -> str:
    """A figure as shown: shares as %, money in £ (rounded), counts whole, rates to 0.1."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if name.startswith("share_"):
        return f"{value:.1%}"
    if name.endswith("_gbp"):
        return gbp(value)
    if name in WHOLE_NUMBERS or abs(value) >= 1000:
        return f"{value:,.0f}".replace("-", "−")
    return f"{value:,.1f}".replace("-", "−")


def format_interval(name: str, mean: float, low: float, high: float) -> str:
    """A mean and its interval: ``38,114 (30,100 to 45,200)``; one value when they agree."""
    shown = format_value(name, mean)
    low_text, high_text = format_value(name, low), format_value(name, high)
    if low_text == high_text:
        return shown
    return f"{shown} ({low_text} to {high_text})"
