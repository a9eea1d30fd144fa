"""Whether a party stays in a risk share: trust, losses out of its hands, and its finances.

A pure rule over what the party itself has seen (its settlements, its trust in partners,
its own books); it reads no engine internals. The party forms a pessimistic estimate of
next year's share of the pool at its own uncertainty,

    D = E − k·σ

(E: the mean of the settlements it has seen; σ: their spread, or a prior spread after one;
k: how many standard deviations of downside it guards against). Gains are worth what it
trusts its partners to deliver; losses weigh more when they come from cost lines others
drive and it distrusts those others, and more again when its reserves could not absorb them:

    value = trust·max(0, D) + min(0, D)·(1 + u·(1 − trust))·(1 + strain)

with u the share of its losses it could not influence (from attribution) and strain the
part of the pessimistic loss its reserves cannot cover, as a share of that loss. It leaves
only when staying is worth less than leaving costs (−exit cost), and never before it has
seen a settlement: a year-one exit on forecasts alone is not what places do.
"""

from dataclasses import dataclass
from enum import Enum


class ExitReason(Enum):
    """What drove a decision to leave."""

    UNINFLUENCEABLE_LOSSES = "losses it could not influence"
    FINANCES = "losses its reserves cannot absorb"
    LOSSES = "expected losses beyond the cost of leaving"


@dataclass(frozen=True)
class StayView:
    """What a party weighs at the annual round (pounds; shares in [0, 1])."""

    settlements_seen: tuple[float, ...]
    trust: float
    uninfluenceable_loss_share: float
    reserves_gbp: float
    exit_cost_gbp: float
    prior_spread_gbp: float
    downside_sds: float


@dataclass(frozen=True)
class StayDecision:
    """The value of staying and, if the party leaves, why."""

    value_gbp: float
    pessimistic_share_gbp: float
    leave: bool
    reason: ExitReason | None


def pessimistic_share_gbp(view: StayView) -> float:
    """D = mean − k·spread of the settlements seen (the prior spread after just one)."""
    seen = view.settlements_seen
    mean = sum(seen) / len(seen)
    if len(seen) > 1:
        spread = (sum((s - mean) ** 2 for s in seen) / (len(seen) - 1)) ** 0.5
    else:
        spread = view.prior_spread_gbp
    return mean - view.downside_sds * spread


def decide_stay(view: StayView) -> StayDecision:
    """Value staying as the module docstring states, and leave if it is below −exit cost."""
    if not view.settlements_seen:
        return StayDecision(0.0, 0.0, False, None)
    d = pessimistic_share_gbp(view)
    if d >= 0:
        value = view.trust * d
        return StayDecision(value, d, False, None)
    distrust_weight = view.uninfluenceable_loss_share * (1.0 - view.trust)
    strain = max(0.0, -d - max(0.0, view.reserves_gbp)) / -d
    value = d * (1.0 + distrust_weight) * (1.0 + strain)
    leave = value < -view.exit_cost_gbp
    return StayDecision(value, d, leave, _reason(distrust_weight, strain) if leave else None)


def _reason(distrust_weight: float, strain: float) -> ExitReason:
    """Name the larger of the two weights on the loss (ties go to influence).

    With neither weight the expected loss alone outweighs the cost of leaving.
    """
    if strain == distrust_weight == 0.0:
        return ExitReason.LOSSES
    if strain > distrust_weight:
        return ExitReason.FINANCES
    return ExitReason.UNINFLUENCEABLE_LOSSES
