"""Modifiers as pure functions on the size of the pool and the entries built so far.

Amount modifiers take what is still to be split and return ``(remaining, entries)``:
the entries they assign and what is left for the next stage. Limit modifiers (caps and
floors) take all entries after the split and return adjusted entries. Sizes are always
>= 0; the sign of the pool is applied by the settlement.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sim.core.money import gbp_to_pence
from sim.sharing.apportion import apportion_pence, fraction_of
from sim.sharing.entries import Entry, reduce_party, total_for
from sim.sharing.figures import YearFigures
from sim.sharing.influence import split_sole_lines
from sim.sharing.modifier_specs import (
    CapModifier,
    ContingencyReserveModifier,
    CorridorModifier,
    CorridorSharing,
    FloorModifier,
    LimitBase,
    ModifierKind,
    ModifierSpec,
    ReinvestmentModifier,
    SharingRateModifier,
    SoleInfluenceModifier,
    ThresholdModifier,
)
from sim.sharing.money_fields import format_gbp, format_percent
from sim.sharing.rule_specs import InfluenceRule, RuleSpec

CONTINGENCY_RESERVE_PARTY = "contingency_reserve"
"""Pseudo-party for the contingency reserve: absorbs losses, is topped up from gains."""

REINVESTMENT_PARTY = "reinvestment"
"""Pseudo-party for the share of a gain reinvested before distribution."""


@dataclass(frozen=True)
class StageContext:
    """What modifiers can see.

    Attributes:
        is_gain: Whether the pool is a gain (else a loss).
        baseline_pence: The year's baseline.
        residual_party: Takes what modifiers leave unassigned.
        parties: The agreement's parties.
        figures: The year's figures (checked to hold what modifiers need).
    """

    is_gain: bool
    baseline_pence: int
    residual_party: str
    parties: tuple[str, ...]
    figures: YearFigures


Step = tuple[int, list[Entry]]
"""(amount still to split, entries assigned by this modifier)."""


def apply_corridor(remaining: int, corridor: CorridorModifier, ctx: StageContext) -> Step:
    """Minimum savings / loss rate: nothing is shared inside ``rate x baseline``.

    Args:
        remaining: Amount still to split.
        corridor: The corridor.
        ctx: Baseline and residual party.

    Returns:
        Inside the corridor, everything to the residual party and 0 left. Outside, with
        first-dollar sharing, everything left; above-threshold, the excess over it.
    """
    limit = fraction_of(ctx.baseline_pence, corridor.minimum_rate)
    kind = "savings" if ctx.is_gain else "loss"
    rate = f"minimum {kind} rate {format_percent(corridor.minimum_rate)} ({format_gbp(limit)})"
    if remaining < limit:
        return 0, [Entry(ctx.residual_party, remaining, ModifierKind.CORRIDOR, f"inside {rate}")]
    if corridor.sharing is CorridorSharing.ABOVE_THRESHOLD:
        kept = Entry(ctx.residual_party, limit, ModifierKind.CORRIDOR, f"amount up to {rate}")
        return remaining - limit, [kept]
    return remaining, []


def apply_contingency_reserve(
    remaining: int, reserve: ContingencyReserveModifier, ctx: StageContext
) -> Step:
    """A loss is absorbed by the reserve first; a gain tops it up to its target.

    Args:
        remaining: Amount still to split.
        reserve: The reserve's target.
        ctx: Gain or loss, and the reserve's balance in the figures.

    Returns:
        What the reserve absorbs (up to its balance) or receives (up to its target).
    """
    balance = gbp_to_pence(ctx.figures.contingency_reserve_gbp or 0)
    if ctx.is_gain:
        target = gbp_to_pence(reserve.target_gbp or 0)
        taken = min(remaining, max(target - balance, 0))
        note = f"top-up towards target {format_gbp(target)} from balance {format_gbp(balance)}"
    else:
        taken = min(remaining, balance)
        note = f"absorbed by the reserve (balance {format_gbp(balance)})"
    entry = Entry(CONTINGENCY_RESERVE_PARTY, taken, ModifierKind.CONTINGENCY_RESERVE, note)
    return remaining - taken, [entry]


def apply_reinvestment(remaining: int, reinvest: ReinvestmentModifier) -> Step:
    """A fraction of a gain is reinvested before it is split.

    Args:
        remaining: Amount still to split.
        reinvest: The fraction reinvested.

    Returns:
        The reinvested amount (rounded half to even) and what is left.
    """
    taken = fraction_of(remaining, reinvest.fraction)
    note = f"{format_percent(reinvest.fraction)} of {format_gbp(remaining)} reinvested"
    return remaining - taken, [Entry(REINVESTMENT_PARTY, taken, ModifierKind.REINVESTMENT, note)]


def apply_threshold(remaining: int, threshold: ThresholdModifier, ctx: StageContext) -> Step:
    """The first part of the amount, up to the threshold, is retained by one party.

    Args:
        remaining: Amount still to split.
        threshold: The party and the threshold (amount or fraction of the baseline).
        ctx: The baseline.

    Returns:
        The retained part and what is left above the threshold.
    """
    if threshold.amount_gbp is not None:
        limit = gbp_to_pence(threshold.amount_gbp)
    else:
        limit = fraction_of(ctx.baseline_pence, threshold.fraction_of_baseline or 0)
    kept = min(remaining, limit)
    note = f"first {format_gbp(limit)} retained"
    return remaining - kept, [Entry(threshold.party, kept, ModifierKind.THRESHOLD, note)]


def apply_sharing_rate(remaining: int, sharing: SharingRateModifier, ctx: StageContext) -> Step:
    """Only ``rate`` of the amount is split; the residual party keeps (or bears) the rest.

    Args:
        remaining: Amount still to split.
        sharing: The sharing rate.
        ctx: The residual party.

    Returns:
        The shared part (rounded half to even) and the residual party's entry.
    """
    shared = fraction_of(remaining, sharing.rate)
    note = f"part not shared at the sharing rate of {format_percent(sharing.rate)}"
    entry = Entry(ctx.residual_party, remaining - shared, ModifierKind.SHARING_RATE, note)
    return shared, [entry]


def apply_sole_influence(remaining: int, sole: SoleInfluenceModifier,
                         rule: RuleSpec) -> tuple[int, list[Entry], frozenset[str]]:
    """Leave each cost line that one party alone influences with that party.

    Args:
        remaining: Amount still to split.
        sole: The modifier (its own table, or the side's influence rule's).
        rule: The side's rule.

    Returns:
        What is left to split, the entries for sole lines, and the lines taken.
    """
    table = sole.table if sole.table is not None else (
        rule.table if isinstance(rule, InfluenceRule) else None)
    if table is None:  # pragma: no cover - validation requires a table
        raise TypeError("sole_influence needs an influence table")
    left, shares, taken = split_sole_lines(remaining, table, sole.threshold)
    entries = [Entry(p, pence, ModifierKind.SOLE_INFLUENCE, note) for p, pence, note in shares]
    return left, entries, taken


def apply_amount_modifier(remaining: int, modifier: ModifierSpec, ctx: StageContext) -> Step:
    """Apply any amount modifier.

    Args:
        remaining: Amount still to split.
        modifier: A corridor, reserve, reinvestment, threshold or sharing-rate modifier.
        ctx: Stage context.

    Returns:
        What is left to split and the entries assigned.
    """
    match modifier:
        case CorridorModifier():
            return apply_corridor(remaining, modifier, ctx)
        case ContingencyReserveModifier():
            return apply_contingency_reserve(remaining, modifier, ctx)
        case ReinvestmentModifier():
            return apply_reinvestment(remaining, modifier)
        case ThresholdModifier():
            return apply_threshold(remaining, modifier, ctx)
        case SharingRateModifier():
            return apply_sharing_rate(remaining, modifier, ctx)
    raise TypeError(f"{modifier.kind} is not an amount modifier")


def limit_pence(limit: CapModifier | FloorModifier, party: str, ctx: StageContext) -> int:
    """The size of a cap or floor for one party.

    Args:
        limit: The cap or floor.
        party: The limited party (its revenue may be the base).
        ctx: Baseline and figures.

    Returns:
        ``amount_gbp`` in pence, or ``fraction`` of the base rounded half to even.
    """
    if limit.amount_gbp is not None:
        return gbp_to_pence(limit.amount_gbp)
    if limit.of is LimitBase.REVENUE:
        base = gbp_to_pence(ctx.figures.party(party).revenue_gbp or 0)
    else:
        base = ctx.baseline_pence
    return fraction_of(base, limit.fraction or 0)


def apply_cap(entries: Sequence[Entry], cap: CapModifier, ctx: StageContext) -> list[Entry]:
    """Hold each capped party's total to its cap; the excess goes to the residual party.

    Args:
        entries: All entries after the split.
        cap: The cap (one party, or every party but the residual).
        ctx: Stage context.

    Returns:
        Adjusted entries, still adding up to the same total.
    """
    limited = [cap.party] if cap.party else [p for p in ctx.parties if p != ctx.residual_party]
    result = list(entries)
    for party in sorted(limited):
        limit = limit_pence(cap, party, ctx)
        excess = total_for(result, party) - limit
        if excess <= 0:
            continue
        result = reduce_party(result, party, excess, f"capped at {format_gbp(limit)}")
        what = "cap" if ctx.is_gain else "loss limit"
        note = f"excess over {party}'s {what} of {format_gbp(limit)}"
        result.append(Entry(ctx.residual_party, excess, ModifierKind.CAP, note))
    return result


def apply_floor(entries: Sequence[Entry], floor: FloorModifier, ctx: StageContext) -> list[Entry]:
    """Raise a party's total to its floor, drawing on the other parties' split shares.

    The top-up is taken pro rata to those shares and cannot exceed them, so a floor is
    met only as far as the split allows.

    Args:
        entries: All entries after the split.
        floor: The floor.
        ctx: Stage context.

    Returns:
        Adjusted entries, still adding up to the same total.
    """
    limit = limit_pence(floor, floor.party, ctx)
    donors: dict[str, int] = {}
    for entry in entries:
        if entry.split and entry.party != floor.party and entry.pence > 0:
            donors[entry.party] = donors.get(entry.party, 0) + entry.pence
    top_up = min(limit - total_for(entries, floor.party), sum(donors.values()))
    if top_up <= 0:
        return list(entries)
    result = list(entries)
    note = f"given to {floor.party} to meet its floor of {format_gbp(limit)}"
    for donor, taken in sorted(apportion_pence(top_up, donors).items()):
        result = reduce_party(result, donor, taken, note, split_only=True)
    result.append(Entry(floor.party, top_up, ModifierKind.FLOOR, f"floor {format_gbp(limit)}"))
    return result
