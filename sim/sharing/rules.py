"""Distribution rules as pure functions: an amount in pence and party data -> shares.

Every ``split_*`` function takes a non-negative amount (the size of a gain or of a loss;
the sign is applied by the settlement) and returns ``(party, pence, note)`` shares that
add up exactly to the amount. :func:`split_amount` reads the data a rule needs from the
year's figures and calls the matching function.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sim.core.money import gbp_to_pence
from sim.sharing.apportion import apportion_pence
from sim.sharing.figures import YearFigures
from sim.sharing.influence import split_by_influence, split_by_shapley
from sim.sharing.money_fields import format_gbp, format_percent
from sim.sharing.rule_specs import (
    AbilityToPayRule,
    CompensateBudgetFallsRule,
    EqualSharesRule,
    FixedProportionsRule,
    InfluenceRule,
    PayMeasure,
    PerformanceBasis,
    PerformanceRule,
    PrioritiseInvestmentRule,
    ProRataRule,
    RuleKind,
    RuleSpec,
    ShapleyRule,
)

Share = tuple[str, int, str]
"""(party, pence, note): one party's part of a split."""

PRO_RATA_FIELDS = {
    RuleKind.PRO_RATA_CONTRIBUTIONS: "contribution_gbp",
    RuleKind.PRO_RATA_ACTIVITY: "activity_gbp",
    RuleKind.BUDGET_ALLOCATION: "budget_gbp",
    RuleKind.EQUITY: "equity_shares",
}
"""The party figure each pro rata rule weighs by."""


def _shares(amounts: Mapping[str, int], note: Mapping[str, str] | str) -> list[Share]:
    """Shares in party-id order (so listing order never changes the output)."""
    return [
        (party, amounts[party], note if isinstance(note, str) else note[party])
        for party in sorted(amounts)
    ]


def split_fixed_proportions(amount_pence: int, shares: Mapping[str, Decimal]) -> list[Share]:
    """Fixed proportions, e.g. Torbay's CCG 41% / council 9% / ICO 50%.

    Args:
        amount_pence: Size of the gain or loss.
        shares: Proportion per party (adding to 1).

    Returns:
        Shares by largest remainder on the proportions.
    """
    amounts = apportion_pence(amount_pence, shares)
    return _shares(amounts, {p: f"fixed share {format_percent(shares[p])}" for p in amounts})


def split_pro_rata(amount_pence: int, weights: Mapping[str, Decimal], basis: str) -> list[Share]:
    """In proportion to one non-negative figure per party (contribution, activity, ...).

    Args:
        amount_pence: Size of the gain or loss.
        weights: The figure per party; at least one positive.
        basis: Name of the figure, for the note.

    Returns:
        Shares by largest remainder on the weights.
    """
    amounts = apportion_pence(amount_pence, weights)
    total = sum(weights.values(), Decimal(0))
    money = basis.endswith("_gbp")
    notes = {
        p: f"pro rata to {basis}: "
        + (f"£{weights[p]:,.2f} of £{total:,.2f}" if money else f"{weights[p]} of {total}")
        for p in amounts
    }
    return _shares(amounts, notes)


def split_equal(amount_pence: int, parties: Sequence[str]) -> list[Share]:
    """Equal shares; odd pennies go to the smallest party ids.

    Args:
        amount_pence: Size of the gain or loss.
        parties: The parties sharing.

    Returns:
        Equal shares, differing by at most one penny.
    """
    amounts = apportion_pence(amount_pence, dict.fromkeys(parties, 1))
    return _shares(amounts, f"equal share of {len(amounts)}")


def split_by_performance(
    amount_pence: int,
    scores: Mapping[str, Decimal],
    basis: PerformanceBasis,
    residual_party: str,
    earmarks: Mapping[str, Decimal] | None = None,
) -> list[Share]:
    """Linked to performance scores between 0 and 1.

    ``score``: pro rata to scores. ``shortfall``: pro rata to ``1 - score`` (poor
    performers bear more of a loss). ``achievement``: each party earns
    ``earmark x score`` of the amount and the residual party keeps the unearned part.
    If every weight is zero the residual party takes the amount.

    Args:
        amount_pence: Size of the gain or loss.
        scores: Score per party.
        basis: How scores become weights.
        residual_party: Takes unearned or unweighted amounts.
        earmarks: Share of the amount per party before scoring (``achievement``; default
            equal).

    Returns:
        Shares, possibly including the residual party.
    """
    if basis is PerformanceBasis.ACHIEVEMENT:
        return _split_by_achievement(amount_pence, scores, residual_party, earmarks)
    if basis is PerformanceBasis.SCORE:
        weights = {p: Fraction(s) for p, s in scores.items()}
    else:
        weights = {p: 1 - Fraction(s) for p, s in scores.items()}
    if sum(weights.values()) == 0:
        return [(residual_party, amount_pence, f"no {basis} weight to share by")]
    amounts = apportion_pence(amount_pence, weights)
    return _shares(amounts, {p: f"{basis} basis, score {scores[p]}" for p in amounts})


def _split_by_achievement(
    amount_pence: int,
    scores: Mapping[str, Decimal],
    residual_party: str,
    earmarks: Mapping[str, Decimal] | None,
) -> list[Share]:
    if earmarks is None:
        earmarks = {p: Decimal(1) / len(scores) for p in scores}
    earned = {p: Fraction(earmarks[p]) * Fraction(scores[p]) for p in scores}
    unearned_key = "\x00unearned"  # sorts first; never a real party id
    weights = {**earned, unearned_key: 1 - sum(earned.values(), Fraction(0))}
    amounts = apportion_pence(amount_pence, weights)
    shares = [
        (p, amounts[p], f"earned: score {scores[p]} x earmark {format_percent(earmarks[p])}")
        for p in sorted(earned)
    ]
    shares.append((residual_party, amounts[unearned_key], "unearned part retained"))
    return shares


def split_by_ability_to_pay(
    amount_pence: int, measures: Mapping[str, Decimal], measure: PayMeasure, residual_party: str
) -> list[Share]:
    """In proportion to reserves or revenue; negative reserves count as no ability to pay.

    Args:
        amount_pence: Size of the gain or loss.
        measures: Reserves or revenue per party, in pounds.
        measure: Which measure (for the note).
        residual_party: Takes the amount if nobody has any ability to pay.

    Returns:
        Shares pro rata to the clipped measure.
    """
    weights = {p: max(m, Decimal(0)) for p, m in measures.items()}
    if sum(weights.values()) == 0:
        return [(residual_party, amount_pence, f"no party has positive {measure}")]
    amounts = apportion_pence(amount_pence, weights)
    return _shares(amounts, {p: f"ability to pay: {measure} £{measures[p]:,.2f}" for p in amounts})


def split_prioritise_investment(amount_pence: int, needs: Mapping[str, bool]) -> list[Share]:
    """Equal shares among members that need investment (all members if none does).

    Args:
        amount_pence: Size of the gain.
        needs: Whether each member needs investment.

    Returns:
        Equal shares among the prioritised members.
    """
    needing = [p for p, flag in needs.items() if flag]
    if not needing:
        amounts = apportion_pence(amount_pence, dict.fromkeys(needs, 1))
        return _shares(amounts, "equal share: no member needs investment")
    amounts = apportion_pence(amount_pence, dict.fromkeys(needing, 1))
    return _shares(amounts, f"needs investment: equal share of {len(needing)}")


def split_compensate_budget_falls(
    amount_pence: int,
    budget_pence: Mapping[str, int],
    previous_budget_pence: Mapping[str, int],
    residual_party: str,
) -> list[Share]:
    """Compensate members whose budget fell, up to the fall; the rest to the residual.

    Args:
        amount_pence: Size of the gain.
        budget_pence: This year's budget per member.
        previous_budget_pence: Last year's budget per member.
        residual_party: Takes whatever is left after compensation.

    Returns:
        Compensation shares (pro rata to the falls if the gain is smaller than their
        total) and the residual party's remainder.
    """
    falls = {p: max(previous_budget_pence[p] - budget_pence[p], 0) for p in budget_pence}
    total_fall = sum(falls.values())
    if total_fall == 0:
        return [(residual_party, amount_pence, "no member's budget fell")]
    paid = apportion_pence(min(amount_pence, total_fall), falls)
    shares = [
        (p, paid[p], f"compensation for a budget fall of {format_gbp(falls[p])}")
        for p in sorted(paid)
    ]
    shares.append((residual_party, amount_pence - sum(paid.values()), "beyond compensation"))
    return shares


def rule_parties(rule: RuleSpec, all_parties: Sequence[str]) -> tuple[str, ...]:
    """The parties a rule splits between, sorted by id.

    Args:
        rule: The rule.
        all_parties: The agreement's parties (the default for ``among``).

    Returns:
        The fixed-proportion parties, or ``among``, or every party.
    """
    if isinstance(rule, FixedProportionsRule):
        return tuple(sorted(rule.shares))
    if isinstance(rule, ShapleyRule):
        return tuple(sorted(rule.values_gbp))
    return tuple(sorted(rule.among if rule.among is not None else all_parties))


@dataclass(frozen=True)
class SplitContext:
    """What a rule can see besides its own parameters.

    Attributes:
        parties: The agreement's parties.
        residual_party: Takes what a rule leaves unassigned.
        figures: The year's figures (already checked to hold what the rule needs).
        exclude_lines: Cost lines already assigned by the sole-influence modifier (an
            influence rule splits only the others).
    """

    parties: tuple[str, ...]
    residual_party: str
    figures: YearFigures
    exclude_lines: frozenset[str] = frozenset()


def split_amount(rule: RuleSpec, amount_pence: int, ctx: SplitContext) -> list[Share]:
    """Apply any rule, reading the party data it needs from the figures.

    Args:
        rule: The rule to apply.
        amount_pence: Size of the gain or loss (>= 0).
        ctx: Parties, residual party and figures.

    Returns:
        Shares adding up exactly to ``amount_pence``.
    """
    members = rule_parties(rule, ctx.parties)
    data = {p: ctx.figures.party(p) for p in members}
    match rule:
        case FixedProportionsRule():
            return split_fixed_proportions(amount_pence, rule.shares)
        case ProRataRule():
            field = PRO_RATA_FIELDS[rule.kind]
            weights = {p: getattr(data[p], field) for p in members}
            return split_pro_rata(amount_pence, weights, field)
        case EqualSharesRule():
            return split_equal(amount_pence, members)
        case PerformanceRule():
            scores = {p: data[p].performance_score for p in members}
            return split_by_performance(
                amount_pence, scores, rule.basis, ctx.residual_party, rule.earmarks
            )
        case AbilityToPayRule():
            field = "reserves_gbp" if rule.measure is PayMeasure.RESERVES else "revenue_gbp"
            measures = {p: getattr(data[p], field) for p in members}
            return split_by_ability_to_pay(amount_pence, measures, rule.measure, ctx.residual_party)
        case PrioritiseInvestmentRule():
            return split_prioritise_investment(
                amount_pence, {p: bool(data[p].needs_investment) for p in members}
            )
        case CompensateBudgetFallsRule():
            now = {p: gbp_to_pence(data[p].budget_gbp) for p in members}
            before = {p: gbp_to_pence(data[p].budget_previous_gbp) for p in members}
            return split_compensate_budget_falls(amount_pence, now, before, ctx.residual_party)
        case InfluenceRule():
            return split_by_influence(amount_pence, rule.table, members, ctx.residual_party,
                                      ctx.exclude_lines)
        case ShapleyRule():
            return split_by_shapley(amount_pence, rule.values_gbp, ctx.residual_party)
    raise TypeError(f"unknown rule {rule!r}")  # pragma: no cover - the union is closed
