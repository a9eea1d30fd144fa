"""Sharing by measured influence and by Shapley value, exactly in whole pence.

An :class:`~sim.sharing.rule_specs.InfluenceTable` says how many pounds each party's levers
move each cost line. From it, exactly (``Fraction``):

    share(p, l)  = gbp[p][l] / sum_q gbp[q][l]
    weight(l)    = line_weights[l], or sum_q gbp[q][l] / sum_q,m gbp[q][m]
    weight(p)    = sum_l weight(l) x share(p, l)

A line nobody influences keeps its weight for the residual party. The sole-influence
modifier first gives each line whose top party holds at least the threshold of its
influence to that party: the amount is apportioned to lines by weight, and those lines'
pence leave the split.
"""

from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from sim.sharing.apportion import apportion_pence
from sim.sharing.money_fields import format_percent
from sim.sharing.rule_specs import InfluenceTable

Share = tuple[str, int, str]
"""(party, pence, note): one party's part of a split."""

NOBODY = "\x00nobody"  # sorts first; never a real party id


def table_lines(table: InfluenceTable) -> list[str]:
    """Every cost line named in the table (in its influence or its weights), sorted."""
    lines = {line for by_line in table.gbp.values() for line in by_line}
    return sorted(lines | set(table.line_weights or {}))


def line_total(table: InfluenceTable, line: str) -> Fraction:
    """Total measured influence on one line, in pounds."""
    return sum((Fraction(by_line.get(line, 0)) for by_line in table.gbp.values()), Fraction(0))


def line_shares(table: InfluenceTable, line: str) -> dict[str, Fraction]:
    """Each party's share of the influence on one line (empty if nobody influences it)."""
    total = line_total(table, line)
    if total == 0:
        return {}
    return {p: Fraction(by_line.get(line, 0)) / total for p, by_line in table.gbp.items()}


def line_weights(table: InfluenceTable) -> dict[str, Fraction]:
    """Each line's part of the pool: the table's weights, or its share of all influence."""
    if table.line_weights is not None:
        return {line: Fraction(table.line_weights.get(line, 0)) for line in table_lines(table)}
    totals = {line: line_total(table, line) for line in table_lines(table)}
    grand = sum(totals.values(), Fraction(0))
    return {line: (t / grand if grand else Fraction(0)) for line, t in totals.items()}


def sole_influencer(table: InfluenceTable, line: str, threshold: Decimal) -> str | None:
    """The party holding at least ``threshold`` of a line's influence, if there is one."""
    shares = line_shares(table, line)
    best = sorted(shares, key=lambda p: (-shares[p], p))
    if best and shares[best[0]] >= Fraction(threshold):
        return best[0]
    return None


def sole_lines(table: InfluenceTable, threshold: Decimal) -> dict[str, str]:
    """Line -> the party that alone influences it, for every such line of positive weight."""
    weights = line_weights(table)
    found = {line: sole_influencer(table, line, threshold) for line in table_lines(table)}
    return {line: p for line, p in found.items() if p is not None and weights[line] > 0}


def party_weights(table: InfluenceTable, parties: Sequence[str],
                  exclude_lines: Collection[str] = ()) -> dict[str, Fraction]:
    """Weight of each party (and of ``NOBODY`` for lines no party here influences)."""
    weights = dict.fromkeys(parties, Fraction(0))
    weights[NOBODY] = Fraction(0)
    for line, weight in line_weights(table).items():
        if line in exclude_lines or weight == 0:
            continue
        shares = {p: s for p, s in line_shares(table, line).items() if p in weights}
        among = sum(shares.values(), Fraction(0))
        if among == 0:
            weights[NOBODY] += weight
            continue
        for party, share in shares.items():
            weights[party] += weight * share / among
    return weights


def split_by_influence(amount_pence: int, table: InfluenceTable, parties: Sequence[str],
                       residual_party: str, exclude_lines: Collection[str] = ()) -> list[Share]:
    """In proportion to measured influence over the cost lines not excluded.

    Args:
        amount_pence: Size of the gain or loss.
        table: The influence table.
        parties: The parties sharing (the rule's ``among`` or every party).
        residual_party: Takes the part of lines nobody here influences.
        exclude_lines: Lines already assigned (by the sole-influence modifier).

    Returns:
        Shares adding up exactly to ``amount_pence``, by largest remainder.
    """
    weights = party_weights(table, parties, exclude_lines)
    if sum(weights.values()) == 0:
        return [(residual_party, amount_pence, "no measured influence on the lines shared")]
    amounts = apportion_pence(amount_pence, weights)
    total = sum(weights.values(), Fraction(0))
    shares = [(p, amounts[p], f"measured influence {format_percent(_pct(weights[p] / total))}")
              for p in sorted(parties)]
    if amounts[NOBODY]:
        shares.append((residual_party, amounts[NOBODY], "lines no party influences"))
    return shares


def split_sole_lines(amount_pence: int, table: InfluenceTable,
                     threshold: Decimal) -> tuple[int, list[Share], frozenset[str]]:
    """Give each line one party alone influences to that party.

    Args:
        amount_pence: Size of the amount still to split.
        table: The influence table.
        threshold: Share of a line's influence that counts as influencing it alone.

    Returns:
        What is left to split, the shares of sole lines, and the lines taken.
    """
    sole = sole_lines(table, threshold)
    if not sole:
        return amount_pence, [], frozenset()
    by_line = apportion_pence(amount_pence, line_weights(table)) if any(
        line_weights(table).values()) else {}
    shares = [(party, by_line.get(line, 0), f"cost line '{line}' influenced by {party} alone")
              for line, party in sorted(sole.items())]
    taken = sum(pence for _, pence, _ in shares)
    return amount_pence - taken, shares, frozenset(sole)


def split_by_shapley(amount_pence: int, values_gbp: Mapping[str, Decimal],
                     residual_party: str) -> list[Share]:
    """In proportion to Shapley values; negative values count as none.

    Args:
        amount_pence: Size of the gain or loss.
        values_gbp: Each party's Shapley value in pounds.
        residual_party: Takes the amount if no value is positive.

    Returns:
        Shares adding up exactly to ``amount_pence``.
    """
    weights = {p: max(Fraction(v), Fraction(0)) for p, v in values_gbp.items()}
    if sum(weights.values()) == 0:
        return [(residual_party, amount_pence, "no party has a positive Shapley value")]
    amounts = apportion_pence(amount_pence, weights)
    return [(p, amounts[p], f"Shapley value £{values_gbp[p]:,.2f}") for p in sorted(amounts)]


def _pct(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.0001"))
