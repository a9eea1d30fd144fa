"""The board paper's one-screen summary: per design, the few figures a board acts on.

System cost and its same-seed difference from the reference, who gains and who loses most
(cumulative surplus, £m), delayed transfers, and the chance an agreement breaks down (the
share of runs in which any party left or closed, with a Wilson interval). Every figure is
shown with its 95% interval; a difference whose interval includes zero says so.
"""

import pandas as pd

from experiments.money_text import millions
from experiments.names import named
from experiments.report.stats import wilson_interval

NO_DIFFERENCE = "can't be told from none"


def _row(frame: pd.DataFrame, design: str, outcome: str) -> pd.Series | None:
    part = frame[(frame["design"] == design) & (frame["outcome"] == outcome)]
    return None if part.empty else part.iloc[0]


def gbp_m(value: float) -> str:
    """Pounds as signed £m to one decimal (−£93.0m)."""
    return millions(value, decimals=1)


def with_interval(mean: float, low: float, high: float, fmt) -> str:
    """``mean (low to high)``, or the mean alone when the interval has no width."""
    if low != low or fmt(low) == fmt(high):
        return fmt(mean)
    return f"{fmt(mean)} ({fmt(low)} to {fmt(high)})"


def difference_text(row: pd.Series | None, fmt) -> str:
    """A paired difference with its interval, saying when it includes zero."""
    if row is None:
        return "reference"
    text = with_interval(row["mean_difference"], row["low"], row["high"], fmt)
    if row["low"] <= 0 <= row["high"]:
        return f"{text}: {NO_DIFFERENCE}"
    return text


def _extreme_surplus(summary: pd.DataFrame, design: str, names: dict[str, str],
                     largest: bool) -> str:
    part = summary[(summary["design"] == design) & summary["outcome"].str.startswith("surplus_")]
    if part.empty:
        return "–"
    row = part.loc[part["mean"].idxmax() if largest else part["mean"].idxmin()]
    org = row["outcome"].removeprefix("surplus_").removesuffix("_gbp")
    return f"{named(org, names)} {with_interval(row['mean'], row['low'], row['high'], gbp_m)}"


def breakdown_chance(runs: pd.DataFrame, design: str) -> tuple[float, float, float]:
    """Share of a design's runs in which any party left or closed, with its Wilson interval."""
    part = runs[runs["design"] == design]
    if "organisations_left" not in part:
        return wilson_interval(0, len(part))
    broke = int((part["organisations_left"].fillna(0) > 0).sum())
    return wilson_interval(broke, len(part))


def board_rows(summary: pd.DataFrame, paired: pd.DataFrame, runs: pd.DataFrame,
               designs: list[str], names: dict[str, str]) -> list[dict[str, str]]:
    """One row of plain text per design for the summary table."""
    rows = []
    for design in designs:
        cost = _row(summary, design, "system_cost_gbp")
        dtoc = _row(summary, design, "dtoc_bed_days_final_year")
        share, low, high = breakdown_chance(runs, design)
        rows.append({
            "design": named(design, names),
            "cost": with_interval(cost["mean"], cost["low"], cost["high"], gbp_m)
            if cost is not None else "–",
            "versus": difference_text(None if design == designs[0] else
                                      _row(paired, design, "system_cost_gbp"), gbp_m),
            "gains": _extreme_surplus(summary, design, names, largest=True),
            "loses": _extreme_surplus(summary, design, names, largest=False),
            "dtoc": with_interval(dtoc["mean"], max(0.0, dtoc["low"]), dtoc["high"],
                                  lambda x: f"{x:,.0f}") if dtoc is not None else "–",
            "breakdown": with_interval(share, low, high, lambda x: f"{x:.0%}"),
        })
    return rows
