"""Flow and outcomes for people: admissions, delayed transfers of care, days at home.

With several replications the line is their mean (13-week rolling) and the band spans the
lowest to the highest replication, so the meeting sees how much a single run can vary.
"""

import pandas as pd
from matplotlib.figure import Figure

from viz.charts.style import empty_figure, new_figure

# Weekly series (full-place counts) and what to call them.
SERIES = {
    "admissions": ("NEL admissions", "admissions per week"),
    "dtoc_bed_days": ("Delayed-transfer bed days", "bed days per week"),
    "person_days_at_home": ("Person-days at home", "person-days per week"),
}
ROLLING_WEEKS = 13


def _runs(weekly: pd.DataFrame | list[pd.DataFrame]) -> list[pd.DataFrame]:
    return [w for w in ([weekly] if isinstance(weekly, pd.DataFrame) else weekly) if not w.empty]


def rolling_band(runs: list[pd.DataFrame], column: str) -> pd.DataFrame:
    """Per week: mean, lowest and highest of the replications' 13-week rolling means."""
    table = pd.concat([r.set_index("week")[column].rolling(ROLLING_WEEKS, min_periods=1).mean()
                       for r in runs], axis=1)
    return pd.DataFrame({"mean": table.mean(axis=1), "low": table.min(axis=1),
                         "high": table.max(axis=1)})


def outcomes_figure(weekly: pd.DataFrame | list[pd.DataFrame]) -> Figure:
    """Three weekly series side by side: the mean rolling line and the replications' band.

    Args:
        weekly: ``RunResults.system_weekly`` of one run, or of each replication.
    """
    runs = _runs(weekly)
    present = [c for c in SERIES if runs and c in runs[0]]
    if not present:
        return empty_figure("No weeks run yet")
    fig = new_figure(9.0, 2.6)
    axes = fig.subplots(1, len(present), squeeze=False).ravel()
    for ax, column in zip(axes, present, strict=True):
        band = rolling_band(runs, column)
        years = band.index / 52
        if len(runs) > 1:
            ax.fill_between(years, band["low"], band["high"], color="#c44e52", alpha=0.2,
                            lw=0, label=f"range of {len(runs)} replications")
        ax.plot(years, band["mean"], color="#c44e52", label="13-week average")
        title, unit = SERIES[column]
        ax.set_title(title, fontsize="small")
        ax.set_xlabel("Years", fontsize="x-small")
        ax.set_ylabel(unit, fontsize="x-small")
        ax.set_ylim(bottom=0)
        ax.tick_params(labelsize="x-small")
    axes[0].legend(fontsize="xx-small", loc="lower left")
    return fig


def outcomes_caption(weekly: pd.DataFrame | list[pd.DataFrame]) -> str:
    """Admissions and DTOC in the last 52 weeks against the first 52 (mean of replications)."""
    runs = _runs(weekly)
    if not runs or "admissions" not in runs[0]:
        return "No weeks have been run yet."

    def mean_sum(column: str, take) -> float:
        return sum(take(r)[column].sum() for r in runs) / len(runs)

    first, last = (lambda r: r.head(52)), (lambda r: r.tail(52))
    weeks_last, weeks_first = len(runs[0].tail(52)), len(runs[0].head(52))
    over = f" (mean of {len(runs)} replications)" if len(runs) > 1 else ""
    text = (f"In the last {weeks_last} weeks there were {mean_sum('admissions', last):,.0f}"
            f" NEL admissions (first {weeks_first} weeks: {mean_sum('admissions', first):,.0f})")
    if "dtoc_bed_days" in runs[0]:
        text += (f" and {mean_sum('dtoc_bed_days', last):,.0f} delayed-transfer bed days"
                 f" (first: {mean_sum('dtoc_bed_days', first):,.0f})")
    return text + over + "."
