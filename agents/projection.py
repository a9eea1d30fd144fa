"""Project what a lever change does to an organisation's own position and to the system.

Everything an organisation projects comes from what it can see: its own accounts and
activity, the prices in its contracts (through the pure payment functions), the
agreements it is party to (through the pure settlement function), its view of the
system, and its own beliefs. No projection asks which payment mechanism is in force.
"""

from dataclasses import dataclass, field, replace

from agents.settlement_forecast import settlement_change_pence
from sim.core.activity import FIGURE_OF_UNIT, ActivityUnit
from sim.core.kinds import SETTING_OF_UNIT, CapacityKind
from sim.payments import expected_annual_payment_pence
from sim.sharing import AgreementError

ESCALATION = "escalation_bed_day"
# In the view as it would be after moves already chosen at a review: the acute beds they add
# (never a published figure; ``agents.options.escalation_change`` adds it to the beds).
BEDS_ADDED = "acute_beds_added"
# The view figure each believed change moves (whole-place annual rates, as in the view).
VIEW_FIGURE_OF_UNIT = {**FIGURE_OF_UNIT, ESCALATION: "escalation_bed_days"}


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
        dtoc_figure: The view figure of the delays it changes, by destination (e.g.
            ``dtoc_d2a_bed_days``), if any.
        acute_beds_change: Change in staffed acute beds.
    """

    own_activity: dict = field(default_factory=dict)
    elsewhere: dict = field(default_factory=dict)
    own_fixed_gbp: float = 0.0
    days_at_home: float = 0.0
    notice_weeks: int = 0
    watch: tuple[str, float] | None = None
    dtoc_days: float = 0.0
    dtoc_figure: str = ""
    acute_beds_change: float = 0.0

    def scaled_elsewhere(self, factor: float) -> "Effect":
        """The same option with its effects elsewhere scaled (e.g. half the benefit)."""
        return replace(self, elsewhere={k: v * factor for k, v in self.elsewhere.items()},
                       days_at_home=self.days_at_home * factor,
                       dtoc_days=self.dtoc_days * factor)


def combined(first: Effect, then: Effect) -> Effect:
    """Two believed effects together: ``then`` built from the view as ``first`` leaves it.

    Built that way, the sum counts nothing twice: delayed days the first frees are gone
    from the view the second caps its own by, and escalation days (convex in occupancy) of
    the second are reckoned at the occupancy and beds the first leaves, so the two add up
    to the change from the view to the view after both. Notice is not summed (a
    combination's present value weighs each move by its own notice: ``agents.decision``).
    """
    def add(a: dict, b: dict) -> dict:
        out = dict(a)
        for key, change in b.items():
            out[key] = out.get(key, 0.0) + change
        return out

    return Effect(own_activity=add(first.own_activity, then.own_activity),
                  elsewhere=add(first.elsewhere, then.elsewhere),
                  own_fixed_gbp=first.own_fixed_gbp + then.own_fixed_gbp,
                  days_at_home=first.days_at_home + then.days_at_home,
                  dtoc_days=first.dtoc_days + then.dtoc_days,
                  acute_beds_change=first.acute_beds_change + then.acute_beds_change)


def figures_after(figures: dict[str, float], effect: Effect) -> dict[str, float]:
    """View figures as they would be once a believed effect is in force (none below zero).

    Activity changes, its own and elsewhere, move the whole-place figure of their unit;
    delayed days move the total and the destination's figure; beds it adds are noted
    under ``BEDS_ADDED``.
    """
    out = dict(figures)

    def move(name: str, change: float) -> None:
        if change:
            out[name] = max(0.0, out.get(name, 0.0) + change)

    for changes in (effect.own_activity, effect.elsewhere):
        for unit, change in changes.items():
            if unit in VIEW_FIGURE_OF_UNIT:
                move(VIEW_FIGURE_OF_UNIT[unit], change)
    move("dtoc_bed_days", effect.dtoc_days)
    if effect.dtoc_figure:
        move(effect.dtoc_figure, effect.dtoc_days)
    if effect.acute_beds_change:
        out[BEDS_ADDED] = out.get(BEDS_ADDED, 0.0) + effect.acute_beds_change
    return out


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


def _annual_payment(contract, volume: float, score: float) -> int:
    # Retention and CQUIN pay on the outcome score: its own forecast, not a certainty.
    return expected_annual_payment_pence(contract.terms, volume=volume,
                                         weighted_heads=contract.weighted_heads,
                                         outcome_score=score, cquin=score,
                                         contract_year=contract.contract_year)


def _believed_unit_cost_gbp(unit, quoted, cash_release) -> float:
    # Quoted unit cost times the share it believes is cash-releasing (agents.cash_release).
    share = cash_release.share(unit) if cash_release is not None else 1.0
    return quoted.cost_gbp(unit) * share


class Valuer:
    """Values a provider's options against its view as it stands.

    What is the same for every option weighed at one review (its own activity, its
    forecast outcome score, its contracts' payments before any change, its believed unit
    costs, the agreements it is in) is worked out once, on first use.
    """

    def __init__(self, provider) -> None:
        """Value options of ``provider`` (its view, accounts and beliefs as they are now)."""
        self.provider = provider
        self.shared = provider.model.place.behaviour
        self._volumes: dict | None = None
        self._score_before: float | None = None
        self._payments: dict[tuple, int] = {}
        self._unit_costs: dict = {}
        self._agreements: list | None = None
        self._setting_shares: dict = {}
        self._kept_of_pool: dict = {}

    def value(self, effect: Effect) -> Valuation:
        """Own, system and outcome value of an option per year (positive is good)."""
        provider, shared = self.provider, self.shared
        own_cost = own_cost_change_gbp(provider, effect)
        other_units = {k: v for k, v in effect.elsewhere.items()
                       if not (k == ESCALATION and provider.holds_acute_beds)}
        system_cost = own_cost + sum(self.unit_cost_gbp(k) * v for k, v in other_units.items())
        own = self.income_change_gbp(effect) - own_cost
        own += self.pooled_adjustment(own, own_cost, other_units)
        return Valuation(own_gbp=own, system_gbp=-system_cost,
                         outcome_gbp=effect.days_at_home * shared.value_of_a_day_at_home_gbp)

    def unit_cost_gbp(self, unit) -> float:
        """Believed cash cost of one unit elsewhere (quoted cost × its cash-releasing share)."""
        if unit not in self._unit_costs:
            self._unit_costs[unit] = _believed_unit_cost_gbp(
                unit, self.shared.quoted_unit_cost_gbp, self.provider.cash_release)
        return self._unit_costs[unit]

    def income_change_gbp(self, effect: Effect) -> float:
        """Annual change in contract income, priced by the contracts' own payment functions."""
        provider = self.provider
        if self._volumes is None:
            self._volumes = provider.annual_own_activity()
            self._score_before = forecast_outcome_score(provider.view)
        volumes, score_before = self._volumes, self._score_before
        score_after = forecast_outcome_score(provider.view, effect)
        change = 0
        for index, contract in enumerate(provider.model.contracts.contracts):
            if contract.spec.payee != provider.org_id:
                continue
            unit = contract.unit
            moved = unit is not None and bool(effect.own_activity.get(unit))
            if not moved and score_after == score_before:
                continue
            before = volumes.get(unit, 0.0) if unit is not None else 0.0
            after = max(0.0, before + effect.own_activity.get(unit, 0.0)) if unit else before
            change += (self._payment(index, contract, after, score_after)
                       - self._payment(index, contract, before, score_before))
        return change / 100

    def _payment(self, index: int, contract, volume: float, score: float) -> int:
        # A contract's payment at a volume and score is the same for every option weighed.
        key = (index, volume, score)
        if key not in self._payments:
            self._payments[key] = _annual_payment(contract, volume, score)
        return self._payments[key]

    def pooled_adjustment(self, own_change: float, own_cost: float,
                          other_units: dict) -> float:
        """How the agreements the provider is party to change what it keeps.

        Inside an agreement whose scope covers the provider, its own surplus is pooled:
        what it keeps is its share of the pool. The pool moves with in-scope cost
        (baseline − out-turn).
        """
        provider = self.provider
        if self._agreements is None:
            self._agreements = provider.model.agreement_book.agreements_of(provider.org_id)
        adjustment = 0.0
        for state in self._agreements:
            scope = set(state.spec.scope)
            in_scope_cost = own_cost if provider.org_id in scope else 0.0
            in_scope_cost += sum(self.unit_cost_gbp(unit) * change
                                 * self._setting_share(unit, state.name, scope)
                                 for unit, change in other_units.items())
            if provider.org_id in scope:
                adjustment -= own_change  # its own surplus is pooled away...
            adjustment += self._kept(state, -in_scope_cost)  # ...it keeps this
        return adjustment

    def _kept(self, state, pool_change_gbp: float) -> float:
        # The same change in a pool settles the same way (a move and its pessimistic
        # version often move in-scope cost alike): settle it once.
        key = (state.name, pool_change_gbp)
        if key not in self._kept_of_pool:
            self._kept_of_pool[key] = kept_of_pool_change_gbp(self.provider, state,
                                                              pool_change_gbp)
        return self._kept_of_pool[key]

    def _setting_share(self, unit, agreement: str, scope: set[str]) -> float:
        key = (unit, agreement)
        if key not in self._setting_shares:
            self._setting_shares[key] = self.provider.model.share_of_setting_in(
                SETTING_OF_UNIT.get(unit, CapacityKind.ACUTE_BEDS), scope)
        return self._setting_shares[key]


def value(provider, effect: Effect) -> Valuation:
    """Own, system and outcome value of an option per year (positive is good)."""
    return Valuer(provider).value(effect)


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
