"""Each organisation's income, cost and reserves per year, with fixed-cost exposure marked.

Fixed-cost exposure here is the part of a provider's cost that does not move with
activity — fixed plus semi-fixed (staffed capacity) cost — drawn as a dark bar inside the
cost bar: when activity (and so income) moves, that part of the cost stays.
"""

import math

import pandas as pd
from matplotlib.figure import Figure

from experiments.names import line_family_name, named
from viz.charts.style import KIND_COLOURS, empty_figure, fmt_gbp, millions, new_figure

FIXED_COLUMNS = ("fixed_cost_out_pence", "semi_fixed_cost_out_pence")
# A commissioner's spend: what it pays out under contracts and into pooled budgets.
SPEND_COLUMNS = ("contract_payment_out_pence", "pool_contribution_out_pence")


def spend_pence(rows: pd.DataFrame) -> pd.Series:
    """Cost of a provider; for a commissioner, its spend (contract and pool payments)."""
    spend = pd.Series(0, index=rows.index, dtype="int64")
    for column in SPEND_COLUMNS:
        if column in rows:
            spend = spend + rows[column].astype("int64")
    is_commissioner = rows["kind"] == "commissioner"
    return rows["cost_pence"].astype("int64").where(~is_commissioner, spend)


def fixed_cost_pence(finance: pd.DataFrame) -> pd.Series:
    """Fixed plus semi-fixed cost of each row (0 where the ledger has none)."""
    total = pd.Series(0, index=finance.index, dtype="int64")
    for column in FIXED_COLUMNS:
        if column in finance:
            total = total + finance[column].astype("int64")
    return total


def exposure_by_organisation(finance: pd.DataFrame) -> pd.Series:
    """Share of each provider's whole-run cost that is fixed or semi-fixed (0-1)."""
    providers = finance[finance["kind"] != "commissioner"]
    fixed = fixed_cost_pence(providers).groupby(providers["organisation"]).sum()
    cost = providers.groupby("organisation")["cost_pence"].sum()
    return (fixed / cost.where(cost > 0)).fillna(0.0)


def finance_figure(finance: pd.DataFrame, names: dict[str, str] | None = None) -> Figure:
    """One panel per organisation: income and cost bars per year, reserves as a line.

    Args:
        finance: ``RunResults.finance_annual``.
        names: Display names (id → name).
    """
    if finance.empty:
        return empty_figure("No accounts closed yet")
    orgs = list(dict.fromkeys(finance["organisation"]))
    ncols = 3
    nrows = math.ceil(len(orgs) / ncols)
    fig = new_figure(9.0, 2.4 * nrows)
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    for ax, org in zip(axes, orgs, strict=False):
        _organisation_panel(ax, finance[finance["organisation"] == org],
                            named(org, names or {}))
    for ax in axes[len(orgs):]:
        ax.axis("off")
    handles = {label: h for ax in axes for h, label in zip(*ax.get_legend_handles_labels(),
                                                           strict=True)}
    fig.legend(handles.values(), handles.keys(), loc="outside lower center", ncols=3,
               fontsize="x-small")
    return fig


def _organisation_panel(ax, rows: pd.DataFrame, org: str) -> None:
    years = rows["year"].to_numpy() + 1
    colour = KIND_COLOURS.get(str(rows["kind"].iloc[0]), "grey")
    commissioner = rows["kind"].iloc[0] == "commissioner"
    ax.bar(years - 0.2, millions(rows["income_pence"]), width=0.4, color=colour,
           label="commissioner's income (allocation)" if commissioner else "provider's income")
    ax.bar(years + 0.2, millions(spend_pence(rows)), width=0.4,
           color="#888888" if commissioner else "#bbbbbb",
           label="commissioner's spend (contracts, pools)" if commissioner else "provider's cost")
    # a narrow dark bar inside the cost bar: the part of the cost that stays when activity moves
    ax.bar(years + 0.2, millions(fixed_cost_pence(rows)), width=0.16, color="#444444",
           label="fixed + semi-fixed cost")
    ax.plot(years, millions(rows["reserves_pence"]), color="black", marker="o", ms=3,
            label="reserves")
    ax.axhline(0, color="black", lw=0.5)
    ax.set_title(org, fontsize="small")
    ax.set_xticks(list(years))
    ax.set_ylabel("£m", fontsize="x-small")
    ax.tick_params(labelsize="x-small")


def line_costs_text(lines: pd.DataFrame, names: dict[str, str] | None = None) -> str:
    """Each integrated provider's cost over the run by service line, with its share."""
    if lines is None or lines.empty:
        return ""
    sentences = []
    for org, rows in lines.groupby("organisation", sort=True):
        cost = rows.groupby("service_line", sort=False)["cost_pence"].sum()
        total = int(cost.sum())
        parts = [f"{line_family_name(str(line)).lower()} {fmt_gbp(int(pence))}"
                 + (f" ({int(pence) / total:.0%})" if total > 0 else "")
                 for line, pence in cost.items()]
        sentences.append(f"{named(str(org), names or {})}'s cost by service line over the"
                         f" run: {', '.join(parts)}.")
    return " ".join(sentences)


def finance_caption(finance: pd.DataFrame, names: dict[str, str] | None = None,
                    lines: pd.DataFrame | None = None) -> str:
    """Who gains and loses most, who is most exposed, and an integrated provider's lines.

    ``lines`` is ``service_lines_annual``: each integrated provider's cost by line.
    """
    if finance.empty:
        return "No accounts have closed yet."
    total = finance.groupby("organisation")["surplus_pence"].sum().sort_values()
    worst, best = total.index[0], total.index[-1]
    exposure = exposure_by_organisation(finance)
    names = names or {}
    text = (f"Over the run, {named(best, names)} has the largest cumulative surplus"
            f" ({fmt_gbp(total[best])})"
            f" and {named(worst, names)} the weakest position ({fmt_gbp(total[worst])}).")
    if not exposure.empty:
        most = exposure.idxmax()
        text += (f" {named(most, names)} is the most exposed: {exposure[most]:.0%} of its cost"
                 " is fixed or"
                 " semi-fixed (the dark inner bar) and cannot follow activity.")
    by_line = line_costs_text(lines, names)
    return f"{text} {by_line}" if by_line else text
