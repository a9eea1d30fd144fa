"""Where care happens: short-term care (where designs differ) apart from long-term care.

Long-term social care (care-home residents, home-care packages) is most of all care days
and moves slowly, so on one chart with hospital and intermediate care every design looks
the same; short-term care — hospital, D2A, community beds, reablement — gets its own
chart of shares, and long-term care its own chart in its natural units.
"""

import pandas as pd
from matplotlib.figure import Figure

from experiments.names import SERVICE_LINES
from viz.charts.style import SHORT_TERM_COLOURS, empty_figure, new_figure

# Weekly series (whole-place counts of days) of short-term care, and the service line each
# counts; it is called by the line's display name (the scenario's ``[service_lines]``).
SHORT_TERM = {
    "acute_bed_days": "acute_beds",
    "d2a_place_days": "d2a_places",
    "community_bed_days": "community_beds",
    "reablement_place_days": "reablement_places",
}
LONG_TERM = {
    "care_home_resident_weeks": "Care-home residents (average)",
    "home_care_hours": "Home-care hours per week (average)",
}


def setting_name(column: str, names: dict[str, str] | None = None) -> str:
    """The display name of a short-term care series: its service line's name."""
    line = SHORT_TERM[column]
    return (names or {}).get(line) or SERVICE_LINES[line]


def short_term_shares(weekly: pd.DataFrame) -> pd.DataFrame:
    """Year (1-based) × setting: each setting's share (%) of short-term care days."""
    present = [c for c in SHORT_TERM if c in weekly]
    if weekly.empty or not present:
        return pd.DataFrame()
    years = weekly["week"] // 52 + 1
    days = weekly[present].groupby(years).sum()
    return days.div(days.sum(axis=1).where(lambda s: s > 0), axis=0).fillna(0.0) * 100


def care_shares_figure(weekly: pd.DataFrame, names: dict[str, str] | None = None) -> Figure:
    """Stacked bars of short-term care days by setting per year (legend matches the bars).

    Args:
        weekly: ``RunResults.system_weekly``.
        names: Display names, service lines among them (id → name).
    """
    table = short_term_shares(weekly)
    if table.empty:
        return empty_figure("No care recorded yet")
    fig = new_figure()
    ax = fig.subplots()
    bottom = pd.Series(0.0, index=table.index)
    for column in table.columns:
        ax.bar(table.index, table[column], bottom=bottom, label=setting_name(column, names),
               color=SHORT_TERM_COLOURS[column])
        bottom += table[column]
    ax.set_xlabel("Year")
    ax.set_ylabel("Share of short-term care days (%)")
    ax.set_ylim(0, 100)
    ax.set_xticks(list(table.index))
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], loc="center left", bbox_to_anchor=(1.0, 0.5),
              fontsize="small")  # reversed: the legend reads top-down like the stack
    return fig


def care_shares_caption(weekly: pd.DataFrame, names: dict[str, str] | None = None) -> str:
    """Where short-term care happens in the last year, and how that moved since year 1."""
    table = short_term_shares(weekly)
    if table.empty:
        return "No care has been recorded yet."
    first, last = table.index.min(), table.index.max()
    parts = [f"{setting_name(c, names)} {table.loc[last, c]:.1f}%"
             f" ({table.loc[last, c] - table.loc[first, c]:+.1f} points)" for c in table.columns]
    return (f"In year {last}, short-term care days were: " + "; ".join(parts)
            + f" — changes are since year {first}. Long-term care is in its own chart.")


def long_term_figure(weekly: pd.DataFrame) -> Figure:
    """Care-home residents and home-care hours per week, year by year (their own units)."""
    present = [c for c in LONG_TERM if c in weekly]
    if weekly.empty or not present:
        return empty_figure("No care recorded yet")
    years = weekly["week"] // 52 + 1
    means = weekly[present].groupby(years).mean()
    fig = new_figure(7.0, 2.6)
    axes = fig.subplots(1, len(present), squeeze=False).ravel()
    for ax, column in zip(axes, present, strict=True):
        ax.bar(means.index, means[column], color=SHORT_TERM_COLOURS.get(column, "#8172b2"))
        ax.set_title(LONG_TERM[column], fontsize="small")
        ax.set_xlabel("Year", fontsize="x-small")
        ax.set_ylabel("people" if "resident" in column else "hours per week",
                      fontsize="x-small")
        ax.set_xticks(list(means.index))
        ax.tick_params(labelsize="x-small")
    return fig


def long_term_caption(weekly: pd.DataFrame) -> str:
    """Long-term care in the last year against the first."""
    present = [c for c in LONG_TERM if c in weekly]
    if weekly.empty or not present:
        return "No care has been recorded yet."
    years = weekly["week"] // 52 + 1
    means = weekly[present].groupby(years).mean()
    first, last = means.index.min(), means.index.max()
    parts = [f"{LONG_TERM[c].split(' (')[0].lower()} {means.loc[last, c]:,.0f}"
             f" (year {first}: {means.loc[first, c]:,.0f})" for c in present]
    return f"In year {last}, on average: " + "; ".join(parts) + "."
