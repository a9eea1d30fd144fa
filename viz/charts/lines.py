"""An integrated provider's service lines: what each cost and what its contracts paid it.

One panel per integrated organisation; in each year, a pair of bars per service line:
its cost (solid, in the line's family colour) and its contract income (hatched, same
colour), with the fixed plus semi-fixed part of the cost as a narrow dark bar inside the
cost bar, as on the accounts chart. Only contract income is split by line: allocations,
settlements and efficiency savings are the organisation's as a whole.
"""

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from experiments.names import line_family_name, named
from viz.charts.finance import fixed_cost_pence, line_costs_text
from viz.charts.style import KIND_COLOURS, empty_figure, fmt_gbp, millions, new_figure

GROUP_WIDTH = 0.8  # of a year's slot, shared by every line's pair of bars
INNER_SHARE = 0.4  # the fixed-cost bar's width as a share of the cost bar's
FIXED_COLOUR = "#444444"


def service_lines_figure(lines: pd.DataFrame, names: dict[str, str] | None = None) -> Figure:
    """One panel per integrated provider: cost and contract income per line and year.

    Args:
        lines: ``RunResults.service_lines_annual``.
        names: Display names (id → name).
    """
    if lines is None or lines.empty:
        return empty_figure("No integrated provider in this place")
    orgs = list(dict.fromkeys(lines["organisation"]))
    fig = new_figure(9.0, 0.6 + 2.6 * len(orgs))
    axes = fig.subplots(len(orgs), 1, squeeze=False).ravel()
    families: list[str] = []
    for ax, org in zip(axes, orgs, strict=True):
        rows = lines[lines["organisation"] == org]
        families += _organisation_panel(ax, rows, named(str(org), names or {}))
    handles = [Patch(color=KIND_COLOURS.get(f, "grey"), label=line_family_name(f))
               for f in dict.fromkeys(families)]
    handles += [Patch(facecolor="#bbbbbb", label="cost (solid)"),
                Patch(facecolor="white", edgecolor="#888888", hatch="///",
                      label="contract income (hatched)"),
                Patch(color=FIXED_COLOUR, label="fixed + semi-fixed cost")]
    fig.legend(handles=handles, loc="outside lower center", ncols=4, fontsize="x-small")
    return fig


def _organisation_panel(ax, rows: pd.DataFrame, org: str) -> list[str]:
    """Draw one organisation's lines; return the line families drawn, in table order."""
    families = [str(f) for f in dict.fromkeys(rows["service_line"])]
    bar = GROUP_WIDTH / (2 * len(families))
    for i, family in enumerate(families):
        line = rows[rows["service_line"] == family].sort_values("year")
        years = line["year"].to_numpy() + 1
        colour = KIND_COLOURS.get(family, "grey")
        # each line's pair sits side by side within the year's slot, cost then income
        cost_at = years - GROUP_WIDTH / 2 + (2 * i + 0.5) * bar
        ax.bar(cost_at, millions(line["cost_pence"].astype("int64")), width=bar,
               color=colour, gid=f"{family} cost")
        ax.bar(cost_at + bar, millions(line["contract_income_pence"].astype("int64")),
               width=bar, facecolor="white", edgecolor=colour, hatch="///", linewidth=0.8,
               gid=f"{family} income")
        ax.bar(cost_at, millions(fixed_cost_pence(line)), width=bar * INNER_SHARE,
               color=FIXED_COLOUR, gid=f"{family} fixed")
    ax.axhline(0, color="black", lw=0.5)
    ax.set_title(org, fontsize="small")
    ax.set_xticks(sorted(set(rows["year"].astype(int) + 1)))
    ax.set_xlabel("Year", fontsize="x-small")
    ax.set_ylabel("£m in the year", fontsize="x-small")
    ax.tick_params(labelsize="x-small")
    return families


def line_shortfall_text(lines: pd.DataFrame, names: dict[str, str] | None = None) -> str:
    """Per integrated provider: the line whose contract income fell furthest short of its cost.

    Shortfall is the line's cost over the run less its contract income over the run.
    """
    if lines is None or lines.empty:
        return ""
    sentences = []
    for org, rows in lines.groupby("organisation", sort=True):
        totals = rows.groupby("service_line", sort=False)[
            ["cost_pence", "contract_income_pence"]].sum().astype("int64")
        short = (totals["cost_pence"] - totals["contract_income_pence"]).sort_values(
            ascending=False, kind="stable")
        short = short[short > 0]
        who = named(str(org), names or {})
        if short.empty:
            sentences.append(f"Each of {who}'s service lines earned at least its cost from"
                             " its contracts over the run.")
            continue
        worst = str(short.index[0])
        text = (f"Over the run, {who}'s contract income for"
                f" {line_family_name(worst).lower()} fell {fmt_gbp(int(short.iloc[0]))} short"
                " of the line's cost (income"
                f" {fmt_gbp(int(totals.loc[worst, 'contract_income_pence']))}, cost"
                f" {fmt_gbp(int(totals.loc[worst, 'cost_pence']))})")
        others = [f"{line_family_name(str(line)).lower()} ({fmt_gbp(int(pence))})"
                  for line, pence in short.iloc[1:].items()]
        text += f"; {_and(others)} fell short too." if others else "."
        sentences.append(text)
    return " ".join(sentences)


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def service_lines_caption(lines: pd.DataFrame, names: dict[str, str] | None = None) -> str:
    """The chart's caption: what the bars are, each line's cost, and its shortfall."""
    if lines is None or lines.empty:
        return "This place has no integrated provider, so no service lines."
    return ("Each service line's cost (solid) and what its contracts paid it (hatched) per"
            " year; the dark inner bar is the fixed plus semi-fixed part of the cost."
            f" {line_costs_text(lines, names)} {line_shortfall_text(lines, names)}")
