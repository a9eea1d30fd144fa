"""Checks that an agreement makes sense, and that a year's figures can settle it.

:func:`agreement_problems` runs whenever an agreement is built; :func:`figures_problems`
runs before a settlement and when a settlement file is loaded. Both return every problem
found, each naming the agreement, the rule or modifier and the field.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from sim.core.money import gbp_to_pence
from sim.sharing.errors import Problem
from sim.sharing.figures import YearFigures
from sim.sharing.modifier_specs import (
    CapModifier,
    ContingencyReserveModifier,
    FloorModifier,
    LimitBase,
    ModifierKind,
    ModifierSpec,
    ReinvestmentModifier,
    SoleInfluenceModifier,
    ThresholdModifier,
    TiersModifier,
)
from sim.sharing.money_fields import format_gbp
from sim.sharing.rule_specs import (
    GAINS_ONLY_RULES,
    PROPORTION_TOLERANCE,
    AbilityToPayRule,
    FixedProportionsRule,
    InfluenceRule,
    InfluenceTable,
    PayMeasure,
    PerformanceBasis,
    PerformanceRule,
    RuleKind,
    RuleSpec,
    ShapleyRule,
)
from sim.sharing.rules import PRO_RATA_FIELDS, rule_parties

if TYPE_CHECKING:
    from sim.sharing.schema import RiskShareAgreement, Side


def _gbp(amount_gbp: Decimal) -> str:
    return format_gbp(gbp_to_pence(amount_gbp))


def _known(parties: Sequence[str]) -> str:
    return "expected one of: " + ", ".join(sorted(parties))


def _sum_problem(values: Sequence[Decimal], what: str) -> str | None:
    """Say by how much proportions miss 1, or None if they are close enough."""
    total = sum(values, Decimal(0))
    gap = total - 1
    if abs(gap) <= PROPORTION_TOLERANCE:
        return None
    direction = f"{-gap} short of 1" if gap < 0 else f"{gap} over 1"
    return f"{what} add to {total}, {direction}"


def agreement_problems(agreement: RiskShareAgreement) -> list[Problem]:
    """Everything wrong with an agreement on its own (without figures).

    Args:
        agreement: The agreement (already type-checked by pydantic).

    Returns:
        Problems found, empty if none.
    """
    from sim.sharing.schema import Level, Side

    problems = list(_party_problems(agreement))
    if agreement.last_year is not None and agreement.last_year < agreement.first_year:
        problems.append(Problem(f"must be at least first_year ({agreement.first_year}), got "
                                f"{agreement.last_year}", agreement.name, None, "last_year"))
    if agreement.planned_surplus_share and agreement.level is not Level.ORGANISATION:
        problems.append(Problem(f"applies only at organisation level (a provider's planned "
                                f"surplus), got level '{agreement.level.value}'",
                                agreement.name, None, "planned_surplus_share"))
    for side in Side:
        problems.extend(_side_problems(agreement, side))
    return problems


def _party_problems(agreement: RiskShareAgreement) -> Iterator[Problem]:
    from sim.sharing.schema import PSEUDO_PARTIES, Level

    name = agreement.name
    for party, count in sorted(Counter(agreement.parties).items()):
        if count > 1:
            yield Problem(f"party '{party}' is listed {count} times", name, None, "parties")
        if party in PSEUDO_PARTIES:
            yield Problem(f"'{party}' is reserved for a pseudo-party", name, None, "parties")
    if agreement.residual_party not in agreement.parties:
        message = f"unknown party '{agreement.residual_party}'; {_known(agreement.parties)}"
        yield Problem(message, name, None, "residual_party")
    if agreement.level is Level.ORGANISATION:
        for item in agreement.scope:
            if item not in agreement.parties:
                message = (
                    f"at organisation level the scope lists parties whose positions are "
                    f"pooled; unknown party '{item}'; {_known(agreement.parties)}"
                )
                yield Problem(message, name, None, "scope")


def _side_problems(agreement: RiskShareAgreement, side: Side) -> Iterator[Problem]:
    spec = agreement.side(side)
    yield from _rule_problems(agreement, side, spec.rule, f"{side}.rule")
    for index, modifier in enumerate(spec.modifiers):
        yield from _modifier_problems(agreement, side, modifier, f"{side}.modifiers[{index}]")
    tiers = sum(1 for m in spec.modifiers if isinstance(m, TiersModifier))
    if tiers > 1:
        message = f"at most one tiers modifier per side, got {tiers}"
        yield Problem(message, agreement.name, ModifierKind.TIERS, f"{side}.modifiers")


def _rule_problems(
    agreement: RiskShareAgreement, side: Side, rule: RuleSpec, field: str
) -> Iterator[Problem]:
    name, kind = agreement.name, rule.kind
    if kind in GAINS_ONLY_RULES and side.value == "losses":
        yield Problem(f"rule '{kind}' can only share gains", name, kind, f"{field}.kind")
    where = {FixedProportionsRule: f"{field}.shares", ShapleyRule: f"{field}.values_gbp"}.get(
        type(rule), f"{field}.among")
    members = rule_parties(rule, agreement.parties)
    if not members:
        yield Problem("needs at least one party", name, kind, where)
    for party in members:
        if party not in agreement.parties:
            message = f"unknown party '{party}'; {_known(agreement.parties)}"
            yield Problem(message, name, kind, where)
    if isinstance(rule, FixedProportionsRule):
        gap = _sum_problem(list(rule.shares.values()), "proportions")
        if gap:
            yield Problem(gap, name, kind, where)
    if isinstance(rule, PerformanceRule):
        yield from _earmark_problems(agreement, rule, field, members)
    if isinstance(rule, InfluenceRule):
        yield from _table_problems(agreement, rule.table, kind, f"{field}.table")


def _table_problems(
    agreement: RiskShareAgreement, table: InfluenceTable, kind: str, field: str
) -> Iterator[Problem]:
    name = agreement.name
    for party in sorted(table.gbp):
        if party not in agreement.parties:
            message = f"unknown party '{party}'; {_known(agreement.parties)}"
            yield Problem(message, name, kind, f"{field}.gbp")
    if table.line_weights is not None:
        gap = _sum_problem(list(table.line_weights.values()), "line weights")
        if gap:
            yield Problem(gap, name, kind, f"{field}.line_weights")
    elif not any(v > 0 for by_line in table.gbp.values() for v in by_line.values()):
        message = "no party has any measured influence: give line_weights or some pounds"
        yield Problem(message, name, kind, f"{field}.gbp")


def _earmark_problems(
    agreement: RiskShareAgreement, rule: PerformanceRule, field: str, members: Sequence[str]
) -> Iterator[Problem]:
    if rule.earmarks is None:
        return
    name, where = agreement.name, f"{field}.earmarks"
    if rule.basis is not PerformanceBasis.ACHIEVEMENT:
        yield Problem("earmarks only apply with basis 'achievement'", name, rule.kind, where)
        return
    if set(rule.earmarks) != set(members):
        message = f"earmarks must name exactly the rule's parties: {', '.join(members)}"
        yield Problem(message, name, rule.kind, where)
    gap = _sum_problem(list(rule.earmarks.values()), "earmarks")
    if gap:
        yield Problem(gap, name, rule.kind, where)


def _modifier_problems(
    agreement: RiskShareAgreement, side: Side, modifier: ModifierSpec, field: str
) -> Iterator[Problem]:
    name, kind = agreement.name, modifier.kind
    party = getattr(modifier, "party", None)
    if party is not None and party not in agreement.parties:
        yield Problem(f"unknown party '{party}'; {_known(agreement.parties)}", name, kind, field)
    if isinstance(modifier, ThresholdModifier):
        given = [modifier.amount_gbp, modifier.fraction_of_baseline]
        if sum(v is not None for v in given) != 1:
            message = "give exactly one of amount_gbp or fraction_of_baseline"
            yield Problem(message, name, kind, field)
    if isinstance(modifier, CapModifier | FloorModifier):
        yield from _limit_problems(agreement, modifier, field)
    if isinstance(modifier, ReinvestmentModifier) and side.value == "losses":
        yield Problem("reinvestment applies to gains only", name, kind, f"{field}.kind")
    if isinstance(modifier, ContingencyReserveModifier) and side.value == "gains":
        if modifier.target_gbp is None:
            message = "target_gbp is needed to top the reserve up from gains"
            yield Problem(message, name, kind, f"{field}.target_gbp")
    if isinstance(modifier, TiersModifier):
        yield from _tier_problems(agreement, side, modifier, field)
    if isinstance(modifier, SoleInfluenceModifier):
        if modifier.table is not None:
            yield from _table_problems(agreement, modifier.table, kind, f"{field}.table")
        elif not isinstance(agreement.side(side).rule, InfluenceRule):
            message = "needs a table, or an 'influence' rule on the same side to take it from"
            yield Problem(message, name, kind, f"{field}.table")


def _limit_problems(
    agreement: RiskShareAgreement, modifier: CapModifier | FloorModifier, field: str
) -> Iterator[Problem]:
    name, kind = agreement.name, modifier.kind
    if (modifier.amount_gbp is None) == (modifier.fraction is None):
        yield Problem("give exactly one of amount_gbp or fraction", name, kind, field)
    if isinstance(modifier, CapModifier) and modifier.party == agreement.residual_party:
        message = f"cannot cap the residual party '{modifier.party}': it takes what caps leave"
        yield Problem(message, name, kind, f"{field}.party")


def _tier_problems(
    agreement: RiskShareAgreement, side: Side, tiers: TiersModifier, field: str
) -> Iterator[Problem]:
    name, kind = agreement.name, ModifierKind.TIERS
    bands = sorted(enumerate(tiers.bands), key=lambda b: b[1].from_gbp)
    expected_start = Decimal(0)
    for index, band in bands:
        where = f"{field}.bands[{index}]"
        upper = "open" if band.to_gbp is None else _gbp(band.to_gbp)
        span = f"{_gbp(band.from_gbp)} to {upper}"
        if band.to_gbp is not None and band.to_gbp <= band.from_gbp:
            yield Problem(f"band {span} is empty: to_gbp must exceed from_gbp", name, kind, where)
        if expected_start is None or band.from_gbp < expected_start:
            yield Problem(f"band {span} overlaps the band before it", name, kind, where)
        elif band.from_gbp > expected_start:
            gap = f"{_gbp(expected_start)} to {_gbp(band.from_gbp)}"
            yield Problem(f"gap before band {span}: {gap} is in no band", name, kind, where)
        expected_start = band.to_gbp
        yield from _rule_problems(agreement, side, band.rule, f"{where}.rule")


def figures_problems(
    agreement: RiskShareAgreement, figures: YearFigures, sides: Sequence[Side] | None = None
) -> list[Problem]:
    """Everything that stops ``figures`` settling ``agreement``.

    Args:
        agreement: A valid agreement.
        figures: The year's figures.
        sides: Which sides to check (default both, as a file is loaded).

    Returns:
        Problems found, empty if none.
    """
    from sim.sharing.schema import Side

    problems = []
    for party in sorted(figures.parties):
        if party not in agreement.parties:
            message = f"'{party}' is not a party to the agreement; {_known(agreement.parties)}"
            problems.append(Problem(message, agreement.name, None, f"figures.parties.{party}"))
    for side in sides if sides is not None else list(Side):
        spec = agreement.side(side)
        problems.extend(_rule_data_problems(agreement, figures, spec.rule))
        for index, modifier in enumerate(spec.modifiers):
            field = f"{side}.modifiers[{index}]"
            problems.extend(_modifier_data_problems(agreement, figures, modifier, field))
    return list(dict.fromkeys(problems))  # both sides may need the same missing figure


def _rule_fields(rule: RuleSpec) -> tuple[str, ...]:
    if rule.kind in PRO_RATA_FIELDS:
        return (PRO_RATA_FIELDS[rule.kind],)
    if isinstance(rule, AbilityToPayRule):
        return ("reserves_gbp",) if rule.measure is PayMeasure.RESERVES else ("revenue_gbp",)
    return {
        RuleKind.PERFORMANCE: ("performance_score",),
        RuleKind.PRIORITISE_INVESTMENT: ("needs_investment",),
        RuleKind.COMPENSATE_BUDGET_FALLS: ("budget_gbp", "budget_previous_gbp"),
    }.get(rule.kind, ())


def _rule_data_problems(
    agreement: RiskShareAgreement, figures: YearFigures, rule: RuleSpec
) -> Iterator[Problem]:
    name, kind = agreement.name, rule.kind
    members = rule_parties(rule, agreement.parties)
    for field in _rule_fields(rule):
        values = {p: getattr(figures.party(p), field) for p in members}
        for party, value in values.items():
            where = f"figures.parties.{party}.{field}"
            if value is None:
                yield Problem(f"missing: rule '{kind}' needs it", name, kind, where)
            elif field != "reserves_gbp" and not isinstance(value, bool) and value < 0:
                yield Problem(f"must not be negative, got {value}", name, kind, where)
        present = [v for v in values.values() if v is not None]
        if kind in PRO_RATA_FIELDS and len(present) == len(values) and sum(present) == 0:
            message = f"every party's {field} is zero: nothing to share pro rata to"
            yield Problem(message, name, kind, f"figures.parties.*.{field}")


def _modifier_data_problems(
    agreement: RiskShareAgreement, figures: YearFigures, modifier: ModifierSpec, field: str
) -> Iterator[Problem]:
    name, kind = agreement.name, modifier.kind
    if isinstance(modifier, ThresholdModifier) and modifier.amount_gbp is not None:
        if modifier.amount_gbp > figures.baseline_gbp:
            message = (
                f"threshold {_gbp(modifier.amount_gbp)} is larger than the baseline "
                f"{_gbp(figures.baseline_gbp)}, so no pool could ever pass it"
            )
            yield Problem(message, name, kind, f"{field}.amount_gbp")
    if isinstance(modifier, ContingencyReserveModifier) and figures.contingency_reserve_gbp is None:
        yield Problem(
            "missing: the contingency reserve needs its balance",
            name,
            kind,
            "figures.contingency_reserve_gbp",
        )
    if isinstance(modifier, CapModifier | FloorModifier) and modifier.of is LimitBase.REVENUE:
        if modifier.fraction is not None:
            yield from _revenue_problems(agreement, figures, modifier, field)
    if isinstance(modifier, TiersModifier):
        for band in modifier.bands:
            yield from _rule_data_problems(agreement, figures, band.rule)


def _revenue_problems(
    agreement: RiskShareAgreement,
    figures: YearFigures,
    modifier: CapModifier | FloorModifier,
    field: str,
) -> Iterator[Problem]:
    if modifier.party is not None:
        limited = [modifier.party]
    else:
        limited = [p for p in agreement.parties if p != agreement.residual_party]
    for party in limited:
        if figures.party(party).revenue_gbp is None:
            message = f"missing: {field} limits by a fraction of revenue"
            yield Problem(
                message, agreement.name, modifier.kind, f"figures.parties.{party}.revenue_gbp"
            )
