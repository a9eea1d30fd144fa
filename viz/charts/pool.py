"""The gain/loss pool and who received or paid what from it, year by year.

Net settlement per organisation comes from the ledger (risk-share settlement money in
minus out), so the chart shows what actually moved, whatever rule produced it. The pool
itself is drawn when the run recorded it (``settlements.pool_pence``).
"""

import pandas as pd
from matplotlib.figure import Figure

from viz.charts.style import empty_figure, fmt_gbp, millions, new_figure

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


def pool_figure(finance: pd.DataFrame, settlements: pd.DataFrame) -> Figure:
    """Bars of each organisation's net settlement per year; the pool as black diamonds."""
    table = net_settlements(finance)
    pool = pool_by_year(settlements)
    if table.empty and pool.empty:
        return empty_figure("No risk-share settlements in this run")
    fig = new_figure()
    ax = fig.subplots()
    n = max(1, len(table.columns))
    width = 0.8 / n
    for i, org in enumerate(table.columns):
        ax.bar(table.index + 1 - 0.4 + width * (i + 0.5), millions(table[org]), width=width,
               label=org)
    if not pool.empty:
        ax.scatter(pool.index + 1, millions(pool), marker="D", color="black", zorder=3,
                   label="pool (baseline − out-turn)")
    ax.axhline(0, color="black", lw=0.5)
    ax.set_xlabel("Year")
    ax.set_ylabel("£m (+ received, − paid)")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small")
    return fig


def pool_caption(finance: pd.DataFrame, settlements: pd.DataFrame) -> str:
    """Who gained most and who paid most from risk sharing over the run."""
    table = net_settlements(finance)
    if table.empty:
        return ("No money moved under a risk-share agreement in this run (the design has"
                " none, or every pool fell inside its corridor).")
    totals = table.sum().sort_values()
    pool = pool_by_year(settlements)
    text = ""
    if not pool.empty:
        text = f"The pool totalled {fmt_gbp(pool.sum())} over {len(pool)} year(s). "
    return text + (f"Over the run, {totals.index[-1]} received the most"
                   f" ({fmt_gbp(totals.iloc[-1])}) and {totals.index[0]} the least"
                   f" ({fmt_gbp(totals.iloc[0])}).")
