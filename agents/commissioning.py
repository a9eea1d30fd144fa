"""A commissioner's choices at the contract round: values, volumes, grants, pools, notice.

A pure rule over what the commissioner itself sees at a year's end (its allocation, what it
spent, the contracts and pool contributions it controls, what it has seen of each
agreement); it reads no engine internals. In order:

1. **Budget.** With last year's spend S, of which C went on values it controls (block
   values, per-head rates, planned volumes, grants, pool contributions), and next year's
   affordable spend A = allocation − contingency, the values it controls are scaled by

       f = clip(1 − (S − A) / C,  1 − max_cut,  1 + max_rise)

   so an overspend lowers values and planned volumes (as far as the cut brings spend back
   within the allocation, never more than ``max_cut`` a year) and headroom restores them,
   by at most ``max_rise`` a year. Spend it does not control (activity at national prices)
   is taken as it was.
2. **Grants** to voluntary organisations (prevention) are discretionary and move first:
   ``f_grant = clip(1 + g·(f − 1), 1 − min(1, g·max_cut), 1 + max_rise)``.
3. **Pool contributions.** For each pool, the pessimistic loss it expects that it could
   not influence, E = Σ u·max(0, −D) over the agreements it stays in that cover the pool
   (D and u as in ``agents.withdrawal``), comes off its contribution after the budget
   factor: ``c' = max(c·f − E, c·f·(1 − max_pool_cut))``.
4. **Notice.** It weighs staying in each agreement with the staying rule
   (``agents.withdrawal.decide_stay``) and gives notice where staying is worth less than
   leaving costs.
5. **Placement policy** (a council that buys social care). Its assessment and eligibility
   policy, not the market, sets the bias towards residential rather than home placements:
   with an overspend it moves the bias one step towards the cheaper setting (at the quoted
   week of a care home against a week of a home-care package); with headroom one step back
   towards its starting policy; spend exactly affordable, it holds.

**In year** (``review_in_year``), at the end of each quarter but the last, it projects the
year's out-turn from what it has paid so far at the same monthly run rate,
``P = spent to date × 12 / months elapsed``, against this year's allocation less its
contingency. A council projecting an overspend tightens its placement policy one step (its
panels' in-year lever); it relaxes only at the contract round, when it sets next year's
budget. An ICB has no in-year lever here: NHS contract values and planned volumes are
agreed for the year and a variation needs both parties' agreement, and referral or
activity management is not modelled.
"""

from dataclasses import dataclass

from agents.withdrawal import StayDecision, StayView, decide_stay, pessimistic_share_gbp


@dataclass(frozen=True)
class ContractLine:
    """A contract it pays whose value it sets (£ a year at last year's activity)."""

    id: str
    value_gbp: float
    grant: bool = False  # a grant to a voluntary organisation (prevention)


@dataclass(frozen=True)
class AgreementLine:
    """An agreement it is party to, what it has seen of it, and the pools it covers."""

    name: str
    stay: StayView
    pools: tuple[str, ...] = ()


# The range of the residential placement bias (``SocialCareLevers``).
PLACEMENT_BIAS_RANGE = (0.2, 3.0)


@dataclass(frozen=True)
class PlacementPolicy:
    """A council's eligibility policy for residential care, and what each setting costs it."""

    bias: float  # now: a multiplier on the rate of residential placements
    starting_bias: float  # the policy it started the run with
    residential_week_gbp: float  # a care-home week, at the quoted cost
    home_week_gbp: float  # a week of a home-care package, at the quoted cost
    step: float


@dataclass(frozen=True)
class CommissionView:
    """What a commissioner weighs at the contract round (pounds a year; shares in [0, 1])."""

    allocation_gbp: float  # next year's
    contingency_gbp: float  # next year's
    spent_gbp: float  # last year's, everything it paid out
    contracts: tuple[ContractLine, ...] = ()
    pool_contributions_gbp: tuple[tuple[str, float], ...] = ()
    agreements: tuple[AgreementLine, ...] = ()
    placement: PlacementPolicy | None = None


@dataclass(frozen=True)
class InYearView:
    """What a commissioner weighs at an in-year review (pounds; this year's figures)."""

    allocation_gbp: float
    contingency_gbp: float
    spent_to_date_gbp: float  # everything it has paid out this year so far
    months_elapsed: int
    placement: PlacementPolicy | None = None


@dataclass(frozen=True)
class CommissionParams:
    """The commissioner's traits the rule uses (from its behaviour table)."""

    max_cut: float
    max_rise: float
    grant_weight: float
    max_pool_cut: float


@dataclass(frozen=True)
class Choice:
    """One thing it chose for next year: a new value and why."""

    kind: str  # "contract_value", "grant", "pool_contribution", "notice", "placement_policy"
    target: str
    old_value: float
    new_value: float
    reason: str


@dataclass(frozen=True)
class CommissionPlan:
    """What it chose: the budget factor, every choice, and its staying decisions."""

    budget_factor: float
    grant_factor: float
    choices: tuple[Choice, ...]
    stays: tuple[tuple[str, StayDecision], ...]

    @property
    def notices(self) -> tuple[str, ...]:
        """The agreements it gives notice on."""
        return tuple(name for name, decision in self.stays if decision.leave)


def budget_factor(view: CommissionView, params: CommissionParams) -> float:
    """f: the scaling of the values it controls that brings spend within the allocation."""
    controlled = (sum(c.value_gbp for c in view.contracts)
                  + sum(v for _, v in view.pool_contributions_gbp))
    if controlled <= 0:
        return 1.0
    gap = view.spent_gbp - (view.allocation_gbp - view.contingency_gbp)
    return min(1.0 + params.max_rise, max(1.0 - params.max_cut, 1.0 - gap / controlled))


def grant_factor(f: float, params: CommissionParams) -> float:
    """Grants take the budget's change with weight g (discretionary spending moves first)."""
    floor = 1.0 - min(1.0, params.grant_weight * params.max_cut)
    return min(1.0 + params.max_rise, max(floor, 1.0 + params.grant_weight * (f - 1.0)))


def placement_bias(policy: PlacementPolicy, gap_gbp: float) -> float:
    """Next year's residential placement bias, given spend over (+) or under (−) budget."""
    low, high = PLACEMENT_BIAS_RANGE
    if gap_gbp > 0:
        towards_home = policy.residential_week_gbp > policy.home_week_gbp
        moved = policy.bias - policy.step if towards_home else policy.bias + policy.step
        return round(min(high, max(low, moved)), 6)
    if gap_gbp < 0:
        back = policy.starting_bias - policy.bias
        return round(policy.bias + max(-policy.step, min(policy.step, back)), 6)
    return policy.bias


def uninfluenceable_loss_gbp(stay: StayView) -> float:
    """E for one agreement: u × the pessimistic loss it expects (0 before a settlement)."""
    if not stay.settlements_seen:
        return 0.0
    return stay.uninfluenceable_loss_share * max(0.0, -pessimistic_share_gbp(stay))


def decide_commissioning(view: CommissionView, params: CommissionParams) -> CommissionPlan:
    """Choose next year's values, grants, pool contributions and notices (module docstring)."""
    f = budget_factor(view, params)
    g = grant_factor(f, params)
    gap = view.spent_gbp - (view.allocation_gbp - view.contingency_gbp)
    why = (f"spend £{view.spent_gbp:,.0f} {'over' if gap > 0 else 'within'} the affordable"
           f" £{view.allocation_gbp - view.contingency_gbp:,.0f}")
    choices = []
    for line in view.contracts:
        factor = g if line.grant else f
        if factor != 1.0:
            choices.append(Choice("grant" if line.grant else "contract_value", line.id,
                                  line.value_gbp, line.value_gbp * factor, why))
    stays = tuple((a.name, decide_stay(a.stay)) for a in view.agreements)
    staying = [a for a, (_, d) in zip(view.agreements, stays, strict=True) if not d.leave]
    for pool, contribution in view.pool_contributions_gbp:
        expected = sum(uninfluenceable_loss_gbp(a.stay) for a in staying if pool in a.pools)
        scaled = contribution * f
        new = max(scaled - expected, scaled * (1.0 - params.max_pool_cut))
        if new != contribution:
            reason = why if expected == 0 else (
                f"{why}; expects £{expected:,.0f} of losses it cannot influence")
            choices.append(Choice("pool_contribution", pool, contribution, new, reason))
    if view.placement is not None:
        bias = placement_bias(view.placement, gap)
        if bias != view.placement.bias:
            choices.append(Choice("placement_policy", "residential_placement_bias",
                                  view.placement.bias, bias, why))
    for name, decision in stays:
        if decision.leave:
            choices.append(Choice("notice", name, 1.0, 0.0,
                                  f"{decision.reason.value}: staying worth"
                                  f" £{decision.value_gbp:,.0f}"))
    return CommissionPlan(f, g, tuple(choices), stays)


def projected_outturn_gbp(view: InYearView) -> float:
    """The year's spend projected from the months paid so far at the same run rate."""
    return view.spent_to_date_gbp * 12 / view.months_elapsed


def review_in_year(view: InYearView) -> tuple[Choice, ...]:
    """A quarterly review: a council projecting an overspend tightens placements one step."""
    if view.placement is None or view.months_elapsed <= 0:
        return ()
    projected = projected_outturn_gbp(view)
    affordable = view.allocation_gbp - view.contingency_gbp
    if projected <= affordable:
        return ()
    bias = placement_bias(view.placement, projected - affordable)
    if bias == view.placement.bias:
        return ()
    why = (f"projected spend £{projected:,.0f} over the affordable £{affordable:,.0f}"
           f" after {view.months_elapsed} months")
    return (Choice("placement_policy", "residential_placement_bias", view.placement.bias,
                   bias, why),)
