"""Providers: cost structure (fixed, semi-fixed with notice, variable), capacity and accruals."""

from dataclasses import dataclass
from decimal import Decimal

import mesa

from agents.base import Organisation
from sim.activity import ActivityUnit
from sim.ledger import SUPPLIERS, Reason
from sim.money import gbp_to_pence, round_pence
from sim.scenario.organisations import CapacityKind

WEEKS_PER_YEAR = 52


@dataclass(frozen=True)
class CapacityChange:
    """A capacity change that has been decided and takes effect after notice."""

    kind: CapacityKind
    units: int
    effective_week: int


class Provider(Organisation):
    """A provider of care with staffed capacity, costs and levers.

    Costs accrue weekly (in fractional pence) and are posted to the ledger monthly, so the
    ledger stays small while costs follow activity week by week.
    """

    def __init__(self, model: mesa.Model, spec) -> None:
        """Create the provider with capacity and levers at their scenario values."""
        super().__init__(model, spec)
        self.capacity: dict[CapacityKind, int] = {k: c.units for k, c in spec.capacities.items()}
        self.pending_changes: list[CapacityChange] = []
        self.levers = spec.levers
        self._variable_cost_pence = {
            unit: Decimal(gbp_to_pence(cost)) for unit, cost in spec.variable_cost_gbp.items()
        }
        self._accrued: dict[Reason, Decimal] = {}
        self.in_distress_weeks = 0

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

    def planned_capacity(self, kind: CapacityKind) -> int:
        """Capacity once every pending change has taken effect."""
        for change in self.pending_changes:
            if change.kind == kind:
                return change.units
        return self.capacity[kind]

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

    def accrue_week(self, activity: dict[ActivityUnit, float], escalation_bed_days: float) -> None:
        """Add one week's costs to the accruals: fixed, semi-fixed, variable, levers.

        Args:
            activity: This provider's share of the week's activity, by unit.
            escalation_bed_days: Bed days this provider ran above staffed capacity.
        """
        week_share = Decimal(1) / WEEKS_PER_YEAR
        self._add(Reason.FIXED_COST,
                  Decimal(gbp_to_pence(self.spec.fixed_cost_gbp_per_year)) * week_share)
        self._add(Reason.SEMI_FIXED_COST, self.semi_fixed_cost_pence_per_year() * week_share)
        variable = sum(
            (self._variable_cost_pence.get(unit, Decimal(0)) * Decimal(repr(float(volume)))
             for unit, volume in activity.items()),
            Decimal(0),
        )
        self._add(Reason.VARIABLE_COST, variable)
        self._add(Reason.LEVER_COST, Decimal(gbp_to_pence(self.lever_cost_gbp_per_year()))
                  * week_share)
        if escalation_bed_days:
            self._add(Reason.ESCALATION_COST, self._escalation_pence(escalation_bed_days))

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
            self.model.ledger.post(week, self.org_id, SUPPLIERS, whole, reason)
            self._accrued[reason] = amount - whole  # carry the sub-penny remainder
