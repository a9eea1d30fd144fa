"""The system as a network: organisations, the money and patients flowing between them.

Edge widths are money paid under each contract in the last year run and patients moved
between settings over the run; each organisation is coloured by its surplus in that year.
"""

import textwrap

import networkx as nx
import pandas as pd
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from experiments.names import named
from viz.charts.style import PENCE_PER_MILLION_GBP, fmt_gbp, new_figure

MAX_MONEY_WIDTH = 8.0
MAX_PATIENT_WIDTH = 5.0


def money_edges(ledger: pd.DataFrame, year: int) -> dict[tuple[str, str], int]:
    """Contract payments (pence) in one year by (payer, payee)."""
    if ledger.empty:
        return {}
    rows = ledger[(ledger["week"] // 52 == year) & (ledger["reason"] == "contract_payment")]
    return {k: int(v) for k, v in rows.groupby(["payer", "payee"])["amount_pence"].sum().items()}


def surplus_by_org(finance: pd.DataFrame, year: int) -> dict[str, int]:
    """Each organisation's surplus (pence) in one year."""
    if finance.empty:
        return {}
    rows = finance[finance["year"] == year]
    return {str(o): int(s) for o, s in zip(rows["organisation"], rows["surplus_pence"],
                                            strict=True)}


def layout(graph: nx.MultiDiGraph) -> dict:
    """Commissioners in the middle ring, providers around them (stable from run to run)."""
    inner = [n for n, d in graph.nodes(data=True) if d.get("kind") == "commissioner"]
    outer = [n for n in graph.nodes if n not in inner]
    shells = [inner, outer] if inner and outer else [list(graph.nodes)]
    return nx.shell_layout(graph, shells)


def network_figure(graph: nx.MultiDiGraph, money: dict[tuple[str, str], int],
                   surplus: dict[str, int], names: dict[str, str] | None = None) -> Figure:
    """Draw the organisation graph with money and patient-flow widths and surplus colours."""
    fig = new_figure(7.0, 5.0)
    ax = fig.subplots()
    ax.axis("off")
    pos = layout(graph)
    biggest = max(money.values(), default=0) or 1
    money_edges_drawn = [(u, v) for (u, v) in money if u in pos and v in pos]
    nx.draw_networkx_edges(graph, pos, ax=ax, edgelist=money_edges_drawn, edge_color="#4c72b0",
                           width=[0.5 + MAX_MONEY_WIDTH * money[e] / biggest
                                  for e in money_edges_drawn],
                           arrows=True, connectionstyle="arc3,rad=0.1", alpha=0.7)
    patients = {(u, v): d.get("people", 0.0) for u, v, d in graph.edges(data=True)
                if d.get("relation") == "patients"}
    most = max(patients.values(), default=0.0) or 1.0
    nx.draw_networkx_edges(graph, pos, ax=ax, edgelist=list(patients), edge_color="#c44e52",
                           style="dashed", width=[0.5 + MAX_PATIENT_WIDTH * p / most
                                                  for p in patients.values()],
                           arrows=True, connectionstyle="arc3,rad=-0.15", alpha=0.7)
    values = [surplus.get(n, 0) / PENCE_PER_MILLION_GBP for n in graph.nodes]
    limit = max((abs(v) for v in values), default=0.0) or 1.0
    nodes = nx.draw_networkx_nodes(graph, pos, ax=ax, node_color=values, cmap="RdYlGn",
                                   node_size=900, edgecolors="black",
                                   vmin=-limit, vmax=limit)
    nodes.set_norm(TwoSlopeNorm(vcenter=0.0, vmin=-limit, vmax=limit))
    labels = {n: textwrap.fill(named(n, names or {}), 14) for n in graph.nodes}
    nx.draw_networkx_labels(graph, pos, labels=labels, ax=ax, font_size=7)
    bar = fig.colorbar(nodes, ax=ax, shrink=0.6, label="surplus (+) or deficit (−) in the year, £m")
    bar.formatter = FuncFormatter(lambda x, _: f"{x:,.1f}")
    bar.update_ticks()
    ax.set_title("blue: money paid under contracts · red dashed: patients moved", fontsize="small")
    return fig


def network_caption(money: dict[tuple[str, str], int], surplus: dict[str, int],
                    year: int, names: dict[str, str] | None = None) -> str:
    """The largest money flow and the best and worst surplus in the year shown."""
    if not money and not surplus:
        return "No money has moved yet."
    text = f"In year {year + 1}, {fmt_gbp(sum(money.values()))} was paid under contracts"
    if money:
        (payer, payee), amount = max(money.items(), key=lambda kv: kv[1])
        text += (f"; the largest flow was {named(payer, names or {})} →"
                 f" {named(payee, names or {})} ({fmt_gbp(amount)})")
    if surplus:
        ranked = sorted(surplus.items(), key=lambda kv: kv[1])
        best, worst = named(ranked[-1][0], names or {}), named(ranked[0][0], names or {})
        text += (f". {best} had the best year ({fmt_gbp(ranked[-1][1])}) and"
                 f" {worst} the worst ({fmt_gbp(ranked[0][1])})")
    return text + "."
