"""Flow and outcomes for people: admissions, delayed transfers of care, days at home."""

import pandas as pd
from matplotlib.figure import Figure

from viz.charts.style import empty_figure, new_figure

# Weekly series (full-place counts) and what to call them.
SERIES = {
    "admissions": "NEL admissions / week",
    "dtoc_bed_days": "Delayed-transfer bed days / week",
    "person_days_at_home": "Person-days at home / week",
}


def outcomes_figure(weekly: pd.DataFrame) -> Figure:
    """Three weekly series side by side, with a 13-week rolling mean.

    Args:
        weekly: ``RunResults.system_weekly``.
    """
    present = [c for c in SERIES if c in weekly]
    if weekly.empty or not present:
        return empty_figure("No weeks run yet")
    fig = new_figure(9.0, 2.6)
    axes = fig.subplots(1, len(present), squeeze=False).ravel()
    years = weekly["week"] / 52 if "week" in weekly else weekly.index / 52
    for ax, column in zip(axes, present, strict=True):
        ax.plot(years, weekly[column], color="#cccccc", lw=0.8)
        ax.plot(years, weekly[column].rolling(13, min_periods=1).mean(), color="#c44e52")
        ax.set_title(SERIES[column], fontsize="small")
        ax.set_xlabel("Years", fontsize="x-small")
        ax.tick_params(labelsize="x-small")
    return fig


def outcomes_caption(weekly: pd.DataFrame) -> str:
    """Admissions and DTOC in the last 52 weeks against the first 52."""
    if weekly.empty or "admissions" not in weekly:
        return "No weeks have been run yet."
    first, last = weekly.head(52), weekly.tail(52)
    text = (f"In the last {len(last)} weeks there were {last['admissions'].sum():,.0f}"
            f" NEL admissions (first {len(first)} weeks: {first['admissions'].sum():,.0f})")
    if "dtoc_bed_days" in weekly:
        text += (f" and {last['dtoc_bed_days'].sum():,.0f} delayed-transfer bed days"
                 f" (first: {first['dtoc_bed_days'].sum():,.0f})")
    return text + "."
