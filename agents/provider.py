"""Providers: cost structure (fixed, semi-fixed with notice, variable), capacity and accruals."""

from collections import deque
from dataclasses import dataclass
from decimal import Decimal

import mesa

from agents.base import Organisation
from agents.beliefs import Beliefs
from agents.cash_release import CashReleaseBelief
from agents.decision import choose_and_apply
from agents.options import Option
from agents.priors import believed_effects
from agents.view import SystemView, refresh_view
from sim.core.activity import ActivityUnit
from sim.core.kinds import CapacityKind
from sim.core.ledger import SUPPLIERS, Reason
from sim.core.money import gbp_to_pence, round_pence
from sim.core.records import DecisionRecord
from sim.scenario.growth import CostLine, growth_factor

WEEKS_PER_YEAR = 52
# A review weighs moves of one and of three steps of each lever: a quarter can bring a small
# adjustment or a programme. estimate.
STEP_MULTIPLES = (1, 3)
POSITION_WEEKS_KEPT = 2 * WEEKS_PER_YEAR + 4  # the longest lag plus reporting window

QUEUE_OF_CAPACITY = {
    CapacityKind.D2A_PLACES: "queue_d2a",
    CapacityKind.COMMUNITY_BEDS: "queue_community_bed",
    CapacityKind.REABLEMENT_PLACES: "queue_reablement",
    CapacityKind.CARE_HOME_PLACES: "queue_care_home",
    CapacityKind.HOME_CARE_PACKAGES: "queue_package",
}


@dataclass(frozen=True)
class CapacityChange:
    """A capacity change that has been decided and takes effect after notice."""

    kind: CapacityKind
    units: int
    effective_week: int


class Provider(Organisation):
    """A provider of care with staffed capacity, costs and levers.

    Costs accrue weekly (in fractional pence) and are posted to the ledger monthly, so the
    ledger stays small while costs follow activity week by week. A family whose
    ``closes_in_distress`` is true closes when its reserves stay negative too long.
    """

    closes_in_distress = False
    # What its cost entries say in the ledger's reference: empty for a provider of one
    # family; a service line of an integrated provider names itself (``agents.integrated``).
    ledger_reference = ""

    def __init__(self, model: mesa.Model, spec) -> None:
        """Create the provider with capacity and levers at their scenario values."""
        super().__init__(model, spec)
        self._init_service(spec)
        self.in_distress_weeks = 0
        self.view = SystemView()
        self.beliefs = Beliefs(self.behaviour)
        self.cash_release = CashReleaseBelief(self.behaviour)
        self.activity_by_year: dict[int, dict[ActivityUnit, float]] = {}
        self.start_positions = self.positions()
        self.position_history: deque[dict[str, dict[str, float]]] = deque(
            maxlen=POSITION_WEEKS_KEPT)
        self.reference: dict[str, float] = {}
        self.recent_activity: deque[dict[ActivityUnit, float]] = deque(
            maxlen=model.place.behaviour.lookback_weeks)
        self.closed_week: int | None = None

    def _init_service(self, spec) -> None:
        """Capacity, levers and cost rates at their scenario values."""
        self.capacity: dict[CapacityKind, int] = {k: c.units for k, c in spec.capacities.items()}
        self.pending_changes: list[CapacityChange] = []
        self.levers = spec.levers
        self._variable_cost_pence = {
            unit: Decimal(gbp_to_pence(cost)) for unit, cost in spec.variable_cost_gbp.items()
        }
        self._accrued: dict[Reason, Decimal] = {}
        self._line_rates = self.model.place.growth.line_rates(spec.cost_inflation)

    @property
    def is_open(self) -> bool:
        """Whether the provider still runs its services."""
        return self.closed_week is None

    def close_year(self, info) -> list:
        """Year end: learn how much of a quoted saving is cash from the published accounts."""
        self.cash_release.learn(self.model.published_accounts(info.year),
                                self.model.place.behaviour.quoted_unit_cost_gbp)
        return []

    def close(self, week: int) -> None:
        """Close: the service stops and its capacity (and semi-fixed cost) go to zero."""
        self.closed_week = week
        self.pending_changes = []
        for kind in self.capacity:
            self.capacity[kind] = 0

    def capacity_units(self) -> dict[CapacityKind, int]:
        """Staffed capacity by kind."""
        return self.capacity

    def lever_values(self) -> dict[str, float]:
        """Its levers' current values by name."""
        return {name: float(value) for name, value in self.levers.model_dump().items()}

    # --- what it knows ----------------------------------------------------------------
    @property
    def holds_acute_beds(self) -> bool:
        """Whether the provider runs acute beds (and so bears escalation cost)."""
        return CapacityKind.ACUTE_BEDS in self.capacity

    def annual_own_activity(self) -> dict[ActivityUnit, float]:
        """Its own activity over recent weeks, at an annual rate (it always knows this)."""
        weeks = len(self.recent_activity)
        if not weeks:
            return {}
        totals: dict[ActivityUnit, float] = {}
        for week in self.recent_activity:
            for unit, volume in week.items():
                totals[unit] = totals.get(unit, 0.0) + volume
        return {unit: v * WEEKS_PER_YEAR / weeks for unit, v in totals.items()}

    def escalation_cost_per_day_gbp(self) -> float:
        """Cost of one escalation bed day (semi-fixed bed cost with the agency premium)."""
        return float(self._escalation_pence(1.0)) / 100

    def capacity_cost_gbp(self, kind: CapacityKind) -> float:
        """Semi-fixed cost of one unit of a capacity per year."""
        return float(self.spec.capacities[kind].cost_gbp_per_unit_year)

    # --- review and decide ------------------------------------------------------------
    def effective_orientation(self) -> float:
        """System orientation now: its own, moved by trust in its partners (1 for a planner)."""
        if self.model.planner:
            return 1.0
        return self.model.trust.orientation(self.org_id, self.behaviour)

    def positions(self) -> dict[str, float]:
        """Where its levers stand now: capacities in force and the other levers."""
        out = {kind.value: float(units) for kind, units in self.capacity.items()}
        out.update({name: float(v) for name, v in self.levers.model_dump().items()})
        return out

    def observe(self, info) -> None:
        """Note its lever positions; when its cadence comes round, see the figures and learn.

        The figures cover the reporting window ending ``transparency_lag_weeks`` ago; it
        learns from them against its levers' positions over that same window.
        """
        self.position_history.append(self.model.published_positions())
        behaviour = self.behaviour
        if info.week - self.view.refreshed_week < behaviour.transparency_weeks:
            return
        lag, window = behaviour.transparency_lag_weeks, self.model.place.behaviour.lookback_weeks
        if len(self.position_history) < lag + 1:
            return
        published = self.model.published_figures(lag, getattr(self.spec, "area", None))
        covers = info.week - lag - window // 2
        if not refresh_view(self.view, published, info.week, behaviour.transparency_weeks,
                            behaviour.transparency_noise, self.model.rng, covers):
            return
        if not self.reference:
            self.reference = dict(self.view.figures)
        weeks = list(self.position_history)[-(lag + window):len(self.position_history) - lag]
        self.beliefs.learn(covers, self.view.figures, self.window_prior_effects(weeks))

    def window_prior_effects(self, weeks: list[dict]) -> dict[str, dict[str, float]]:
        """Per figure, each seen lever's prior-believed effect, averaged over some weeks.

        Levers are keyed ``"<organisation>.<lever>"``; positions are the published ones.
        """
        totals: dict[str, dict[str, float]] = {}
        starts = self.model.starting_positions()
        kinds = self.model.kinds_of_providers()
        shared = self.model.place.behaviour
        for published in weeks:
            for org_id, now in published.items():
                for lever, figure, change in believed_effects(
                        kinds[org_id], self.behaviour, shared, self.reference, now,
                        starts[org_id]):
                    cell = totals.setdefault(figure, {})
                    key = f"{org_id}.{lever}"
                    cell[key] = cell.get(key, 0.0) + change / len(weeks)
        return totals

    def belief(self, lever: str) -> float:
        """Its believed multiplier on its prior effect of one of its own levers."""
        return self.beliefs.multiplier(f"{self.org_id}.{lever}")

    def turnover_gbp(self) -> float:
        """Annual turnover from its own accounts: fixed, semi-fixed and variable cost."""
        variable = sum(float(self.spec.variable_cost_gbp.get(unit, 0)) * volume
                       for unit, volume in self.annual_own_activity().items())
        return (float(self.spec.fixed_cost_gbp_per_year) + variable
                + float(self.semi_fixed_cost_pence_per_year()) / 100
                + float(self.lever_cost_gbp_per_year()))

    def temperature_gbp(self) -> float:
        """Logit temperature: a share of its turnover, plus any fixed pounds."""
        behaviour = self.behaviour
        return (behaviour.temperature_gbp
                + behaviour.temperature_share_of_turnover * self.turnover_gbp())

    def decide(self, info) -> list[DecisionRecord]:
        """Consider each lever and take the chosen moves (capacity after notice)."""
        if not self.view.figures or not self.is_open:
            return []
        moves = []
        for option in choose_and_apply(self, self.candidate_options(info.week), self.model.rng,
                                       self.spec.adapts):
            moves.append(DecisionRecord(week=info.week, organisation=self.org_id,
                                        lever=option.lever, new_value=option.new_value))
        return moves

    def candidate_options(self, week: int) -> list[list[Option]]:
        """Per lever, the candidate moves (each family says which levers it has)."""
        return []

    def capacity_moves(self, kind: CapacityKind, week: int, effect_of) -> list[Option]:
        """Up and down one or several steps of a capacity, unless a change is under notice."""
        if any(c.kind == kind for c in self.pending_changes):
            return []
        spec = self.spec.capacities[kind]
        current = self.capacity[kind]
        queue = QUEUE_OF_CAPACITY.get(kind)
        # Duty of care: a service does not shed places while people wait for them.
        steps = [spec.step_units * k for k in STEP_MULTIPLES]
        if queue is None or self.view.get(queue) < 0.5:
            steps += [-spec.step_units * k for k in STEP_MULTIPLES]
        moves = []
        for change in steps:
            target = current + change
            if target < spec.min_units or (spec.max_units is not None and target > spec.max_units):
                continue
            moves.append(Option(
                lever=kind.value, new_value=target, effect=effect_of(change),
                apply=lambda t=target: self.request_capacity(kind, t, week),
                remake=lambda c=change: effect_of(c)))
        return moves

    def lever_moves(self, name: str, step: float, low: float, high: float,
                    effect_of) -> list[Option]:
        """Up and down one or several steps of a non-capacity lever, within its bounds."""
        current = float(getattr(self.levers, name))
        moves, targets = [], set()
        for change in [sign * step * k for k in STEP_MULTIPLES for sign in (1, -1)]:
            target = min(high, max(low, current + change))
            if abs(target - current) < 1e-12 or round(target, 9) in targets:
                continue
            targets.add(round(target, 9))
            moves.append(Option(lever=name, new_value=target, effect=effect_of(target - current),
                                apply=lambda t=target: self.set_lever(name, t),
                                remake=lambda c=target - current: effect_of(c)))
        return moves

    def set_lever(self, name: str, value: float) -> None:
        """Move a non-capacity lever (takes effect at once)."""
        field_type = type(getattr(self.levers, name))
        self.levers = self.levers.model_copy(update={name: field_type(repr(value)) if
                                                      field_type is Decimal else value})

    # --- capacity -----------------------------------------------------------------
    def request_capacity(self, kind: CapacityKind, units: int, week: int) -> None:
        """Ask for a new capacity level; it takes effect after the spec's notice period.

        Increases and decreases both wait for notice: staff must be recruited, or given
        notice, and semi-fixed cost keeps running until then.
        """
        spec = self.spec.capacities[kind]
        units = max(spec.min_units, units)
        if spec.max_units is not None:
            units = min(spec.max_units, units)
        self.pending_changes = [c for c in self.pending_changes if c.kind != kind]
        if units != self.capacity[kind]:
            self.pending_changes.append(CapacityChange(kind, units, week + spec.notice_weeks))

    def apply_due_capacity_changes(self, week: int) -> None:
        """Bring into force every change whose notice has run out."""
        due = [c for c in self.pending_changes if c.effective_week <= week]
        for change in due:
            self.capacity[change.kind] = change.units
        self.pending_changes = [c for c in self.pending_changes if c.effective_week > week]

    # --- costs --------------------------------------------------------------------
    def lever_cost_gbp_per_year(self) -> Decimal:
        """Annual cost of the provider's non-capacity levers (zero unless a family says)."""
        return Decimal(0)

    def semi_fixed_cost_pence_per_year(self) -> Decimal:
        """Cost of staffed capacity at current levels."""
        return sum(
            (Decimal(gbp_to_pence(self.spec.capacities[k].cost_gbp_per_unit_year)) * units
             for k, units in self.capacity.items()),
            Decimal(0),
        )

    def refresh_costs(self, growth) -> None:
        """Read the cost rates again after the spec changed (a dated change of the timeline)."""
        self._variable_cost_pence = {
            unit: Decimal(gbp_to_pence(cost)) for unit, cost in self.spec.variable_cost_gbp.items()
        }
        self._line_rates = growth.line_rates(self.spec.cost_inflation)

    def cost_base_pence(self, year: int) -> int:
        """Fixed plus semi-fixed cost of a year at current capacity (an efficiency plan's base)."""
        fixed = Decimal(gbp_to_pence(self.spec.fixed_cost_gbp_per_year))
        fixed *= growth_factor(self._line_rates[CostLine.FIXED], year)
        semi = self.semi_fixed_cost_pence_per_year()
        semi *= growth_factor(self._line_rates[CostLine.SEMI_FIXED], year)
        return round_pence(fixed + semi)

    def accrue_week(self, activity: dict[ActivityUnit, float], escalation_bed_days: float) -> None:
        """Add one week's costs to the accruals: fixed, semi-fixed, variable, levers.

        Args:
            activity: This provider's share of the week's activity, by unit.
            escalation_bed_days: Bed days this provider ran above staffed capacity.
        """
        self._record_activity(activity)
        self._accrue_costs(activity, escalation_bed_days)

    def _record_activity(self, activity: dict[ActivityUnit, float]) -> None:
        self.recent_activity.append(activity)
        year = self.activity_by_year.setdefault(self.model.week // WEEKS_PER_YEAR, {})
        for unit, volume in activity.items():
            year[unit] = year.get(unit, 0.0) + float(volume)

    def _accrue_costs(self, activity: dict[ActivityUnit, float],
                      escalation_bed_days: float) -> None:
        week_share = Decimal(1) / WEEKS_PER_YEAR
        self._add(Reason.FIXED_COST, self._inflated(
            CostLine.FIXED, Decimal(gbp_to_pence(self.spec.fixed_cost_gbp_per_year)) * week_share))
        self._add(Reason.SEMI_FIXED_COST, self._inflated(
            CostLine.SEMI_FIXED, self.semi_fixed_cost_pence_per_year() * week_share))
        variable = sum(
            (self._variable_cost_pence.get(unit, Decimal(0)) * Decimal(repr(float(volume)))
             for unit, volume in activity.items()),
            Decimal(0),
        )
        self._add(Reason.VARIABLE_COST, self._inflated(CostLine.VARIABLE, variable))
        self._add(Reason.LEVER_COST, Decimal(gbp_to_pence(self.lever_cost_gbp_per_year()))
                  * week_share)
        if escalation_bed_days:
            self._add(Reason.ESCALATION_COST, self._inflated(
                CostLine.SEMI_FIXED, self._escalation_pence(escalation_bed_days)))

    def _inflated(self, line: CostLine, pence: Decimal) -> Decimal:
        # Costs are in the scenario's price year; model year y pays (1 + rate)^y of them.
        # Levers are chosen in cash and are not inflated.
        rate = self._line_rates[line]
        if not rate:
            return pence
        return pence * growth_factor(rate, self.model.week // WEEKS_PER_YEAR)

    def _escalation_pence(self, bed_days: float) -> Decimal:
        # Beds opened above staffed capacity cost a bed-day of semi-fixed cost plus a
        # premium (agency staff), on top of the variable cost of the care itself.
        spec = self.spec.capacities.get(CapacityKind.ACUTE_BEDS)
        if spec is None:
            return Decimal(0)
        per_day = Decimal(gbp_to_pence(spec.cost_gbp_per_unit_year)) / 365
        factor = Decimal(1) + Decimal(repr(self.spec.escalation_premium))
        return per_day * factor * Decimal(repr(float(bed_days)))

    def _add(self, reason: Reason, pence: Decimal) -> None:
        self._accrued[reason] = self._accrued.get(reason, Decimal(0)) + pence

    def post_accrued_costs(self, week: int) -> None:
        """Pay the accrued costs to suppliers through the ledger, in whole pence."""
        for reason, amount in sorted(self._accrued.items()):
            whole = round_pence(amount)
            self.model.ledger.post(week, self.org_id, SUPPLIERS, whole, reason,
                                   self.ledger_reference)
            self._accrued[reason] = amount - whole  # carry the sub-penny remainder
