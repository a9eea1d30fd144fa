"""Project what a lever change does to an organisation's own position and to the system.

Everything an organisation projects comes from what it can see: its own accounts and
activity, the prices in its contracts (through the pure payment functions), the
agreements it is party to (through the pure settlement function), its view of the
system, and its own beliefs. No projection asks which payment mechanism is in force.
"""

from dataclasses import dataclass, field

from agents.settlement_forecast import settlement_change_pence
from sim.core.activity import ActivityUnit
from sim.core.kinds import SETTING_OF_UNIT, CapacityKind
from sim.payments import expected_annual_payment_pence
from sim.sharing import AgreementError

ESCALATION = "escalation_bed_day"


@dataclass(frozen=True)
class Effect:
    """Believed annual effect of one option, once in force.

    Attributes:
        own_activity: Change in the organisation's own activity, by unit.
        elsewhere: Change in other organisations' activity, by unit (or escalation days).
        own_fixed_gbp: Change in the organisation's semi-fixed and lever costs per year.
        days_at_home: Change in person-days at home per year (the mission's measure).
        notice_weeks: Weeks before the change takes effect.
        watch: A system figure and its predicted change (for the record).
        dtoc_days: Change in delayed acute bed days a year, which moves the outcome score.
    """

    own_activity: dict = field(default_factory=dict)
    elsewhere: dict = field(default_factory=dict)
    own_fixed_gbp: float = 0.0
    days_at_home: float = 0.0
    notice_weeks: int = 0
    watch: tuple[str, float] | None = None
    dtoc_days: float = 0.0

    def scaled_elsewhere(self, factor: float) -> "Effect":
        """The same option with its effects elsewhere scaled (e.g. half the benefit)."""
        return Effect(self.own_activity, {k: v * factor for k, v in self.elsewhere.items()},
                      self.own_fixed_gbp, self.days_at_home * factor, self.notice_weeks,
                      self.watch, self.dtoc_days * factor)


def forecast_outcome_score(view, effect: Effect | None = None) -> float:
    """Its forecast of the outcome score (share of acute bed days not delayed), from its view.

    The score that outcome-linked retention and CQUIN pay on is public (the model's
    ``outcome_score``): 1 − delayed / all acute bed days. With an option, the delayed and
    total bed days it believes the option changes are added first.
    """
    bed_days = view.get("acute_bed_days")
    delayed = view.get("dtoc_bed_days")
    if effect is not None:
        bed_days += (effect.own_activity.get(ActivityUnit.ACUTE_BED_DAY, 0.0)
                     + effect.elsewhere.get(ActivityUnit.ACUTE_BED_DAY, 0.0))
        delayed += effect.dtoc_days
    if bed_days <= 0:
        return 1.0
    return max(0.0, min(1.0, 1.0 - max(0.0, delayed) / bed_days))


@dataclass(frozen=True)
class Valuation:
    """An option's projected annual consequences in pounds."""

    own_gbp: float
    system_gbp: float
    outcome_gbp: float


def own_cost_change_gbp(provider, effect: Effect) -> float:
    """Annual change in the provider's own cost: fixed part plus variable cost of activity."""
    variable = sum(float(provider.spec.variable_cost_gbp.get(unit, 0)) * change
                   for unit, change in effect.own_activity.items())
    escalation = effect.elsewhere.get(ESCALATION, 0.0) if provider.holds_acute_beds else 0.0
    return effect.own_fixed_gbp + variable + escalation * provider.escalation_cost_per_day_gbp()


def own_income_change_gbp(provider, effect: Effect) -> float:
    """Annual change in contract income, priced by the contracts' own payment functions."""
    volumes = provider.annual_own_activity()
    score_before = forecast_outcome_score(provider.view)
    score_after = forecast_outcome_score(provider.view, effect)
    change = 0
    for contract in provider.model.contracts.contracts:
        if contract.spec.payee != provider.org_id:
            continue
        unit = contract.unit
        moved = unit is not None and bool(effect.own_activity.get(unit))
        if not moved and score_after == score_before:
            continue
        before = volumes.get(unit, 0.0) if unit is not None else 0.0
        after = max(0.0, before + effect.own_activity.get(unit, 0.0)) if unit else before
        change += (_annual_payment(contract, after, score_after)
                   - _annual_payment(contract, before, score_before))
    return change / 100


def _annual_payment(contract, volume: float, score: float) -> int:
    # Retention and CQUIN pay on the outcome score: its own forecast, not a certainty.
    return expected_annual_payment_pence(contract.terms, volume=volume,
                                         weighted_heads=contract.weighted_heads,
                                         outcome_score=score, cquin=score,
                                         contract_year=contract.contract_year)


def elsewhere_cost_gbp(elsewhere: dict, quoted, cash_release=None) -> float:
    """Believed cash cost of activity changes elsewhere.

    Each change is valued at the place's quoted unit cost times the share of it the
    organisation believes is cash-releasing (``agents.cash_release``; all of it without).
    """
    return sum(_believed_unit_cost_gbp(k, quoted, cash_release) * v for k, v in elsewhere.items())


def _believed_unit_cost_gbp(unit, quoted, cash_release) -> float:
    share = cash_release.share(unit) if cash_release is not None else 1.0
    return quoted.cost_gbp(unit) * share


def value(provider, effect: Effect) -> Valuation:
    """Own, system and outcome value of an option per year (positive is good)."""
    own_cost = own_cost_change_gbp(provider, effect)
    other_units = {k: v for k, v in effect.elsewhere.items()
                   if not (k == ESCALATION and provider.holds_acute_beds)}
    shared = provider.model.place.behaviour
    system_cost = own_cost + elsewhere_cost_gbp(other_units, shared.quoted_unit_cost_gbp,
                                                provider.cash_release)
    own = own_income_change_gbp(provider, effect) - own_cost
    own += pooled_adjustment(provider, effect, own, own_cost, other_units)
    return Valuation(own_gbp=own, system_gbp=-system_cost,
                     outcome_gbp=effect.days_at_home * shared.value_of_a_day_at_home_gbp)


def pooled_adjustment(provider, effect: Effect, own_change: float, own_cost: float,
                      other_units: dict) -> float:
    """How the agreements the provider is party to change what it keeps.

    Inside an agreement whose scope covers the provider, its own surplus is pooled: what it
    keeps is its share of the pool. The pool moves with in-scope cost (baseline − out-turn).
    """
    adjustment = 0.0
    quoted = provider.model.place.behaviour.quoted_unit_cost_gbp
    for state in provider.model.agreement_book.agreements_of(provider.org_id):
        scope = set(state.spec.scope)
        in_scope_cost = own_cost if provider.org_id in scope else 0.0
        in_scope_cost += sum(_believed_unit_cost_gbp(unit, quoted, provider.cash_release)
                             * change
                             * provider.model.share_of_setting_in(
                                 SETTING_OF_UNIT.get(unit, CapacityKind.ACUTE_BEDS), scope)
                             for unit, change in other_units.items())
        if provider.org_id in scope:
            adjustment -= own_change  # its own surplus is pooled away...
        adjustment += kept_of_pool_change_gbp(provider, state, -in_scope_cost)  # ...it keeps this
    return adjustment


def kept_of_pool_change_gbp(provider, state, pool_change_gbp: float) -> float:
    """What the provider keeps of a change in an agreement's pool, as it will settle.

    Its forecast of the year (``AgreementBook.forecast_figures``) is settled by the
    agreement's own function with and without the change; when the figures are too thin
    to settle, a typical pool's share (``expected_share``) applied linearly stands in.
    """
    model = provider.model
    figures = model.agreement_book.forecast_figures(model, state)
    if figures is not None:
        try:
            before = model.agreement_book.forecast_settled_pence(model, state, provider.org_id)
            return settlement_change_pence(state.spec, figures, provider.org_id,
                                           -round(pool_change_gbp * 100), before) / 100
        except (AgreementError, ValueError):
            pass  # a rule needs a figure the forecast lacks: fall back on the typical share
    share = model.expected_share(state, provider.org_id, gain=pool_change_gbp >= 0)
    return share * pool_change_gbp


def present_value_factor(horizon_years: float, discount_rate: float, notice_weeks: int) -> float:
    """Discounted years of effect over the horizon, the first shortened by the notice period."""
    whole = int(horizon_years)
    factor = sum(1.0 / (1.0 + discount_rate) ** t for t in range(1, whole + 1))
    factor += (horizon_years - whole) / (1.0 + discount_rate) ** (whole + 1)
    return max(0.0, factor - min(1.0, notice_weeks / 52) / (1.0 + discount_rate))
