"""Settlements for people and for programs: a rich table and a JSON-ready dict."""

from decimal import Decimal
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from sim.core.money import pence_to_gbp
from sim.sharing.money_fields import format_gbp
from sim.sharing.settle import Settlement


def _gbp_string(amount_pence: int) -> str:
    return str(pence_to_gbp(amount_pence).quantize(Decimal("0.01")))


def _signed_gbp(amount_pence: int) -> str:
    return ("+" if amount_pence > 0 else "") + format_gbp(amount_pence)


def pool_summary(settlement: Settlement) -> str:
    """One line: baseline, out-turn and the pool, saying whether it is a gain or a loss.

    Args:
        settlement: A settlement.

    Returns:
        E.g. ``Pool: gain of £2,000,000.00 (baseline £100,000,000.00 - out-turn ...)``.
    """
    pool = settlement.pool_pence
    kind = "gain" if pool > 0 else "loss" if pool < 0 else "nil"
    return (
        f"Pool: {kind} of {format_gbp(abs(pool))} "
        f"(baseline {format_gbp(settlement.baseline_pence)} "
        f"- out-turn {format_gbp(settlement.outturn_pence)})"
    )


def settlement_table(settlement: Settlement) -> Group:
    """The settlement as rich renderables: the pool, each line, and totals by party.

    Args:
        settlement: A settlement.

    Returns:
        A group to print with a rich console.
    """
    lines = Table(title=f"Settlement of '{settlement.agreement}', year {settlement.year}")
    lines.add_column("Party", no_wrap=True)
    lines.add_column("Receives (+) / pays (-)", justify="right", no_wrap=True)
    lines.add_column("Rule", overflow="fold")
    lines.add_column("Note", min_width=24)
    for line in settlement.lines:
        lines.add_row(line.party, _signed_gbp(line.amount_pence), line.rule, line.note)
    lines.add_section()
    total = sum(line.amount_pence for line in settlement.lines)
    lines.add_row("Total", _signed_gbp(total), "", "equals the pool")
    totals = Table(title="Net by party")
    totals.add_column("Party", no_wrap=True)
    totals.add_column("Net (£)", justify="right", no_wrap=True)
    for party, amount in settlement.totals_by_party().items():
        totals.add_row(party, _signed_gbp(amount))
    return Group(Text(pool_summary(settlement)), lines, totals)


def settlement_json(settlement: Settlement) -> dict[str, Any]:
    """The settlement as JSON-ready data: pence as ints, pounds as exact strings.

    Args:
        settlement: A settlement.

    Returns:
        A dict with the pool, the lines and the net per party.
    """

    def money(pence: int) -> dict[str, Any]:
        return {"pence": pence, "gbp": _gbp_string(pence)}

    return {
        "agreement": settlement.agreement,
        "year": settlement.year,
        "baseline": money(settlement.baseline_pence),
        "outturn": money(settlement.outturn_pence),
        "pool": money(settlement.pool_pence),
        "lines": [
            {
                "party": line.party,
                "amount_pence": line.amount_pence,
                "amount_gbp": _gbp_string(line.amount_pence),
                "rule": line.rule,
                "note": line.note,
            }
            for line in settlement.lines
        ],
        "net_by_party": {
            party: money(amount) for party, amount in settlement.totals_by_party().items()
        },
    }
