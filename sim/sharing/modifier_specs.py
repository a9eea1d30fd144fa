"""Modifiers as data: what happens to the amount before and after the rule splits it.

Stages, in this order whatever the listing: amount modifiers (``corridor``,
``contingency_reserve``, ``reinvestment``, ``threshold``, ``sharing_rate``) in the order
listed; then the split (the rule, or ``tiers``); then share limits (``cap``, ``floor``)
in the order listed.
"""

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sim.sharing.money_fields import NonNegativeGbp, Proportion
from sim.sharing.rule_specs import InfluenceTable, RuleSpec


class ModifierKind(StrEnum):
    """Which modifier."""

    CORRIDOR = "corridor"
    CONTINGENCY_RESERVE = "contingency_reserve"
    REINVESTMENT = "reinvestment"
    THRESHOLD = "threshold"
    SHARING_RATE = "sharing_rate"
    TIERS = "tiers"
    CAP = "cap"
    FLOOR = "floor"
    SOLE_INFLUENCE = "sole_influence"


AMOUNT_MODIFIERS = frozenset(
    {
        ModifierKind.CORRIDOR,
        ModifierKind.CONTINGENCY_RESERVE,
        ModifierKind.REINVESTMENT,
        ModifierKind.THRESHOLD,
        ModifierKind.SHARING_RATE,
        ModifierKind.SOLE_INFLUENCE,
    }
)
"""Modifiers that act on the amount before it is split."""


class CorridorSharing(StrEnum):
    """Once outside the corridor, is the whole amount shared or only the excess?"""

    FIRST_DOLLAR = "first_dollar"
    ABOVE_THRESHOLD = "above_threshold"


class LimitBase(StrEnum):
    """What a fractional cap or floor is a fraction of."""

    BASELINE = "baseline"
    REVENUE = "revenue"  # the limited party's own revenue


class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class CorridorModifier(_Spec):
    """Minimum savings (or loss) rate: nothing is shared inside ``minimum_rate x baseline``.

    Inside the corridor the residual party keeps (or bears) it all. Outside,
    ``first_dollar`` shares the whole amount; ``above_threshold`` only the excess.
    """

    kind: Literal[ModifierKind.CORRIDOR] = ModifierKind.CORRIDOR
    minimum_rate: Annotated[Proportion, Field(lt=1)]
    sharing: CorridorSharing = CorridorSharing.FIRST_DOLLAR


class ContingencyReserveModifier(_Spec):
    """A loss is absorbed by the reserve first; a gain tops the reserve up to ``target_gbp``."""

    kind: Literal[ModifierKind.CONTINGENCY_RESERVE] = ModifierKind.CONTINGENCY_RESERVE
    target_gbp: NonNegativeGbp | None = None


class ReinvestmentModifier(_Spec):
    """A fraction of a gain is reinvested before distribution (gains only)."""

    kind: Literal[ModifierKind.REINVESTMENT] = ModifierKind.REINVESTMENT
    fraction: Proportion


class ThresholdModifier(_Spec):
    """The first ``amount_gbp`` (or fraction of the baseline) is retained by ``party``."""

    kind: Literal[ModifierKind.THRESHOLD] = ModifierKind.THRESHOLD
    party: str
    amount_gbp: NonNegativeGbp | None = None
    fraction_of_baseline: Proportion | None = None


class SharingRateModifier(_Spec):
    """Only ``rate`` of the amount is split by the rule; the rest goes to the residual party."""

    kind: Literal[ModifierKind.SHARING_RATE] = ModifierKind.SHARING_RATE
    rate: Proportion


class Band(_Spec):
    """One band of the amount, ``from_gbp`` up to ``to_gbp`` (open if omitted), and its rule."""

    from_gbp: NonNegativeGbp = Decimal(0)
    to_gbp: NonNegativeGbp | None = None
    rule: RuleSpec


class TiersModifier(_Spec):
    """Successive bands of the amount split by their own rules.

    Bands start at 0 and are contiguous; anything above a closed last band is split by
    the side's main rule.
    """

    kind: Literal[ModifierKind.TIERS] = ModifierKind.TIERS
    bands: tuple[Band, ...] = Field(min_length=1)


class CapModifier(_Spec):
    """A party's share (of a gain, or of a loss) is at most a limit; the excess to the residual.

    ``party`` omitted caps every party except the residual. The limit is ``amount_gbp``
    or ``fraction`` of ``of`` (the baseline, or the party's own revenue). A cap in the
    losses spec is a loss limit.
    """

    kind: Literal[ModifierKind.CAP] = ModifierKind.CAP
    party: str | None = None
    amount_gbp: NonNegativeGbp | None = None
    fraction: Proportion | None = None
    of: LimitBase = LimitBase.BASELINE


class FloorModifier(_Spec):
    """A party's share is at least a limit, as far as the split allows.

    The top-up is taken from the other parties' split shares, pro rata to them.
    """

    kind: Literal[ModifierKind.FLOOR] = ModifierKind.FLOOR
    party: str
    amount_gbp: NonNegativeGbp | None = None
    fraction: Proportion | None = None
    of: LimitBase = LimitBase.BASELINE


class SoleInfluenceModifier(_Spec):
    """A cost line one party alone influences stays with that party (the seeds' advice).

    The amount is apportioned to cost lines by the table's line weights; each line on
    which one party holds at least ``threshold`` of the measured influence goes to that
    party, and the rest is split by the rule (an ``influence`` rule then splits only the
    other lines). ``table`` defaults to the side's influence rule's table.
    """

    kind: Literal[ModifierKind.SOLE_INFLUENCE] = ModifierKind.SOLE_INFLUENCE
    threshold: Annotated[Proportion, Field(gt=Decimal("0.5"))] = Decimal("0.9")
    table: InfluenceTable | None = None


ModifierSpec = Annotated[
    CorridorModifier
    | ContingencyReserveModifier
    | ReinvestmentModifier
    | ThresholdModifier
    | SharingRateModifier
    | TiersModifier
    | CapModifier
    | FloorModifier
    | SoleInfluenceModifier,
    Field(discriminator="kind"),
]
"""Any modifier, chosen by its ``kind``."""
