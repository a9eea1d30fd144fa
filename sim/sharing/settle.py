"""Settle one year of a risk/benefit-sharing agreement: pool -> lines per party.

The pool is baseline minus out-turn, in integer pence: positive is a gain, negative a
loss. The side's modifiers and rule assign the pool's size in stages (amount modifiers
in listed order, then the split, then caps and floors), and the lines take the pool's
sign. Every penny of the pool is assigned: ``sum(line.amount_pence) == pool_pence``.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from sim.core.money import gbp_to_pence
from sim.sharing.apportion import round_fraction
from sim.sharing.entries import Entry
from sim.sharing.errors import AgreementError
from sim.sharing.figures import YearFigures
from sim.sharing.modifier_specs import (
    AMOUNT_MODIFIERS,
    CapModifier,
    FloorModifier,
    ModifierKind,
    SoleInfluenceModifier,
    TiersModifier,
)
from sim.sharing.modifiers import (
    StageContext,
    apply_amount_modifier,
    apply_cap,
    apply_floor,
    apply_sole_influence,
)
from sim.sharing.money_fields import format_gbp
from sim.sharing.rules import SplitContext, split_amount
from sim.sharing.schema import RiskShareAgreement, Side, SideSpec
from sim.sharing.validation import figures_problems

if TYPE_CHECKING:  # pandas is imported by to_frame only, so loading a scenario stays quick
    import pandas as pd


@dataclass(frozen=True)
class SettlementLine:
    """One party's part of the pool.

    Attributes:
        party: Organisation id, or a pseudo-party (contingency reserve, reinvestment).
        amount_pence: Positive: a share of a gain received; negative: a share of a loss borne.
        rule: The rule or modifier that assigned it.
        note: Why, in words.
    """

    party: str
    amount_pence: int
    rule: str
    note: str


@dataclass(frozen=True)
class Settlement:
    """One year's settlement of one agreement.

    Attributes:
        agreement: The agreement's name.
        year: The year settled.
        baseline_pence: The baseline.
        outturn_pence: The out-turn.
        pool_pence: ``baseline_pence - planned_surplus_pence - outturn_pence``.
        lines: Every assignment of the pool, adding up to it exactly.
        planned_surplus_pence: The scope providers' planned surplus, outside the pool
            (``planned_surplus_share`` of the baseline; 0 for most agreements).
    """

    agreement: str
    year: int
    baseline_pence: int
    outturn_pence: int
    pool_pence: int
    lines: tuple[SettlementLine, ...]
    planned_surplus_pence: int = 0

    def __post_init__(self) -> None:
        # The engine's invariant, checked on every settlement built.
        assigned = sum(line.amount_pence for line in self.lines)
        pool = self.baseline_pence - self.planned_surplus_pence - self.outturn_pence
        if assigned != self.pool_pence or self.pool_pence != pool:
            raise ArithmeticError(
                f"settlement of '{self.agreement}' assigns {assigned}p of a {self.pool_pence}p pool"
            )

    def totals_by_party(self) -> dict[str, int]:
        """Net amount per party (and pseudo-party), in pence, sorted by party id.

        Returns:
            Party id -> sum of its lines.
        """
        totals: dict[str, int] = {}
        for line in self.lines:
            totals[line.party] = totals.get(line.party, 0) + line.amount_pence
        return dict(sorted(totals.items()))

    def to_frame(self) -> "pd.DataFrame":
        """The lines as a tidy frame, one row per line.

        Returns:
            Columns ``agreement, year, party, amount_pence, rule, note, pool_pence``.
        """
        rows = [
            {
                "agreement": self.agreement,
                "year": self.year,
                "party": line.party,
                "amount_pence": line.amount_pence,
                "rule": line.rule,
                "note": line.note,
                "pool_pence": self.pool_pence,
            }
            for line in self.lines
        ]
        import pandas as pd

        columns = ["agreement", "year", "party", "amount_pence", "rule", "note", "pool_pence"]
        frame = pd.DataFrame(rows, columns=columns)
        return frame.astype({"year": "int64", "amount_pence": "int64", "pool_pence": "int64"})


def settle_risk_share(agreement: RiskShareAgreement, figures: YearFigures) -> Settlement:
    """Settle one year: compute the pool and assign every penny of it.

    Args:
        agreement: The agreement.
        figures: The year's baseline, out-turn and party figures.

    Returns:
        The settlement; a zero pool has no lines.

    Raises:
        AgreementError: If the figures lack what the side in play needs, naming the
            agreement, the rule and the field.
    """
    baseline = gbp_to_pence(figures.baseline_gbp)
    outturn = gbp_to_pence(figures.outturn_gbp)
    planned_surplus = planned_surplus_pence(agreement.planned_surplus_share, baseline)
    pool = baseline - planned_surplus - outturn
    lines: tuple[SettlementLine, ...] = ()
    if pool != 0:
        side = Side.GAINS if pool > 0 else Side.LOSSES
        problems = figures_problems(agreement, figures, [side])
        if problems:
            raise AgreementError(problems)
        ctx = StageContext(
            is_gain=pool > 0,
            baseline_pence=baseline,
            residual_party=agreement.residual_party,
            parties=agreement.parties,
            figures=figures,
        )
        entries = assign_pool_size(agreement.side(side), abs(pool), ctx)
        sign = 1 if pool > 0 else -1
        lines = tuple(
            SettlementLine(e.party, sign * e.pence, str(e.rule), e.note) for e in entries if e.pence
        )
    return Settlement(agreement.name, figures.year, baseline, outturn, pool, lines,
                      planned_surplus)


def planned_surplus_pence(share: Decimal, baseline_pence: int) -> int:
    """The planned surplus of an agreement's providers, kept outside the pool.

    It is ``share`` of the baseline, to the penny (halves to even).
    """
    return round_fraction(Fraction(share) * baseline_pence) if share else 0


def assign_pool_size(spec: SideSpec, size_pence: int, ctx: StageContext) -> list[Entry]:
    """Run one side's stages on the size of the pool.

    Args:
        spec: The gains or losses spec.
        size_pence: ``abs(pool)``.
        ctx: Stage context.

    Returns:
        Entries (sizes >= 0) adding up to ``size_pence``.
    """
    remaining = size_pence
    entries: list[Entry] = []
    lines_taken: frozenset[str] = frozenset()
    for modifier in spec.modifiers:
        if isinstance(modifier, SoleInfluenceModifier) and remaining > 0:
            remaining, assigned, taken = apply_sole_influence(remaining, modifier, spec.rule)
            lines_taken |= taken
            entries.extend(assigned)
        elif modifier.kind in AMOUNT_MODIFIERS and remaining > 0:
            remaining, assigned = apply_amount_modifier(remaining, modifier, ctx)
            entries.extend(assigned)
    entries.extend(split_stage(spec, remaining, ctx, lines_taken))
    for modifier in spec.modifiers:
        if isinstance(modifier, CapModifier):
            entries = apply_cap(entries, modifier, ctx)
        elif isinstance(modifier, FloorModifier):
            entries = apply_floor(entries, modifier, ctx)
    return entries


def split_stage(spec: SideSpec, amount_pence: int, ctx: StageContext,
                lines_taken: frozenset[str] = frozenset()) -> list[Entry]:
    """Split what the amount modifiers left, by the rule or by tiers.

    Args:
        spec: The side's spec.
        amount_pence: What is left to split.
        ctx: Stage context.
        lines_taken: Cost lines the sole-influence modifier already assigned.

    Returns:
        Split entries adding up to ``amount_pence``.
    """
    if amount_pence == 0:
        return []
    split_ctx = SplitContext(ctx.parties, ctx.residual_party, ctx.figures, lines_taken)
    tiers = next((m for m in spec.modifiers if isinstance(m, TiersModifier)), None)
    if tiers is None:
        shares = split_amount(spec.rule, amount_pence, split_ctx)
        return [Entry(p, pence, spec.rule.kind, note, split=True) for p, pence, note in shares]
    entries: list[Entry] = []
    top = 0
    for band in sorted(tiers.bands, key=lambda b: b.from_gbp):
        start = gbp_to_pence(band.from_gbp)
        end = amount_pence if band.to_gbp is None else gbp_to_pence(band.to_gbp)
        in_band = max(min(amount_pence, end) - start, 0)
        top = max(top, end)
        label = f"band {format_gbp(start)} to " + (
            "open" if band.to_gbp is None else format_gbp(end)
        )
        if in_band:
            shares = split_amount(band.rule, in_band, split_ctx)
            entries.extend(
                Entry(p, pence, ModifierKind.TIERS, f"{label}: {note}", split=True)
                for p, pence, note in shares
            )
    if amount_pence > top:
        shares = split_amount(spec.rule, amount_pence - top, split_ctx)
        label = f"above {format_gbp(top)}"
        entries.extend(
            Entry(p, pence, spec.rule.kind, f"{label}: {note}", split=True)
            for p, pence, note in shares
        )
    return entries
