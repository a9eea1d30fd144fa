"""Where care happens: each setting's share of all care days, year by year."""

import pandas as pd
from matplotlib.figure import Figure

from viz.charts.style import KIND_COLOURS, SETTING_LABELS, empty_figure, new_figure


def care_shares_figure(shares: pd.DataFrame) -> Figure:
    """Stacked bars of the care-day share of each setting per year.

    Args:
        shares: ``RunResults.care_shares_annual`` (year, setting, care_days, share).
    """
    if shares.empty:
        return empty_figure("No care recorded yet")
    table = shares.pivot_table(index="year", columns="setting", values="share", aggfunc="sum")
    fig = new_figure()
    ax = fig.subplots()
    bottom = pd.Series(0.0, index=table.index)
    for setting in table.columns:
        values = table[setting].fillna(0.0) * 100
        ax.bar(table.index + 1, values, bottom=bottom, label=SETTING_LABELS.get(setting, setting),
               color=KIND_COLOURS.get(setting))
        bottom += values
    ax.set_xlabel("Year")
    ax.set_ylabel("Share of care days (%)")
    ax.set_ylim(0, 100)
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small")
    return fig


def care_shares_caption(shares: pd.DataFrame) -> str:
    """One sentence on where care happens in the last year and how that moved since year 1."""
    if shares.empty:
        return "No care has been recorded yet."
    table = shares.pivot_table(index="year", columns="setting", values="share", aggfunc="sum")
    first, last = table.index.min(), table.index.max()
    parts = []
    for setting in table.columns:
        now = table.loc[last, setting] * 100
        change = now - table.loc[first, setting] * 100
        parts.append(f"{SETTING_LABELS.get(setting, setting).lower()} {now:.1f}%"
                     f" ({change:+.1f} points)")
    return (f"In year {last + 1}, care days were: " + "; ".join(parts)
            + f" — changes are since year {first + 1}.")
