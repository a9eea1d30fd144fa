"""The gain/loss pool: the pool itself, each party's share of it, and the money that moved.

Two things are easily confused, so they are drawn apart. A party's *share* of the pool is
what the sharing rule assigns it (the shares add up to the pool). The *net settlement
transfer* is the money that actually moves to settle the agreement: a party that already
holds more of the gain than its share pays the difference, so a party can be assigned a
large share and still make a net payment (from the ledger: settlement money in minus out).
"""

import pandas as pd
from matplotlib.figure import Figure

from experiments.names import named
from viz.charts.style import empty_figure, fmt_gbp, millions, new_figure, party_colours

IN_COLUMN = "risk_share_settlement_in_pence"
OUT_COLUMN = "risk_share_settlement_out_pence"


def net_settlements(finance: pd.DataFrame) -> pd.DataFrame:
    """Year × organisation table of net risk-share settlement (pence, + received)."""
    if finance.empty or IN_COLUMN not in finance:
        return pd.DataFrame()
    net = finance[IN_COLUMN].astype("int64") - finance[OUT_COLUMN].astype("int64")
    table = finance.assign(net_pence=net).pivot_table(
        index="year", columns="organisation", values="net_pence", aggfunc="sum", fill_value=0)
    return table.loc[:, (table != 0).any(axis=0)]


def pool_by_year(settlements: pd.DataFrame) -> pd.Series:
    """The pool (baseline minus out-turn, pence) per year, if the run recorded it."""
    if settlements.empty or "pool_pence" not in settlements or "year" not in settlements:
        return pd.Series(dtype="int64")
    keys = [c for c in ("year", "agreement") if c in settlements]
    pools = settlements.drop_duplicates(keys)
    return pools.groupby("year")["pool_pence"].sum()


def pool_shares(settlements: pd.DataFrame) -> pd.DataFrame:
    """Year × party table of each party's share of the pool (pence); rows add to the pool."""
    if settlements.empty or "amount_pence" not in settlements:
        return pd.DataFrame()
    return settlements.pivot_table(index="year", columns="party", values="amount_pence",
                                   aggfunc="sum", fill_value=0)


def _stacked(ax, table: pd.DataFrame, colours: dict[str, str], names: dict[str, str]) -> None:
    # Positive and negative parts stack away from zero separately, so the bars read honestly.
    up = pd.Series(0.0, index=table.index)
    down = pd.Series(0.0, index=table.index)
    for party in table.columns:
        values = millions(table[party].astype(float))
        base = up.where(values >= 0, down)
        ax.bar(table.index + 1, values, bottom=base, color=colours[party],
               label=named(party, names), width=0.6)
        up = up + values.clip(lower=0)
        down = down + values.clip(upper=0)


def pool_figure(finance: pd.DataFrame, settlements: pd.DataFrame,
                names: dict[str, str] | None = None) -> Figure:
    """Left: the pool and each party's share of it. Right: net settlement transfers."""
    names = names or {}
    shares, net, pool = pool_shares(settlements), net_settlements(finance), \
        pool_by_year(settlements)
    if shares.empty and net.empty:
        return empty_figure("No risk-share settlements in this run")
    colours = party_colours([*shares.columns, *net.columns])
    fig = new_figure(9.0, 3.4)
    left, right = fig.subplots(1, 2, sharey=True)
    _stacked(left, shares, colours, names)
    if not pool.empty:
        left.scatter(pool.index + 1, millions(pool.astype(float)), marker="D", color="black",
                     zorder=3, label="the pool")
    left.set_title("The pool and each party's share", fontsize="small")
    left.set_ylabel("£m (+ gain, − loss)")
    _stacked(right, net, colours, names)
    right.set_title("Net settlement transfers (money moved)", fontsize="small")
    for ax in (left, right):
        ax.axhline(0, color="black", lw=0.5)
        ax.set_xlabel("Year")
        ax.set_xticks(sorted({*(shares.index + 1), *(net.index + 1)}))
    handles, labels = left.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside right center", fontsize="small")
    return fig


def pool_caption(finance: pd.DataFrame, settlements: pd.DataFrame,
                 names: dict[str, str] | None = None) -> str:
    """The pool, who was assigned most of it, and who received or paid most to settle it."""
    names = names or {}
    net = net_settlements(finance)
    pool = pool_by_year(settlements)
    if net.empty and pool.empty:
        return ("No money moved under a risk-share agreement in this run (the design has"
                " none, or every pool fell inside its corridor).")
    text = ("A party's share (left) is its part of the pool under the rule; the net transfer"
            " (right) is the money that moved to settle it, which differs by what each party"
            " already held. ")
    if not pool.empty:
        shares = pool_shares(settlements).sum().sort_values()
        text += (f"The pool totalled {fmt_gbp(pool.sum())} over {len(pool)} year(s);"
                 f" {named(shares.index[-1], names)} was assigned the largest share"
                 f" ({fmt_gbp(shares.iloc[-1])}). ")
    if not net.empty:
        totals = net.sum().sort_values()
        text += (f"To settle it, {named(totals.index[-1], names)} received the most"
                 f" ({fmt_gbp(totals.iloc[-1])}) and {named(totals.index[0], names)} paid the"
                 f" most ({fmt_gbp(-totals.iloc[0])}).")
    return text.strip()
