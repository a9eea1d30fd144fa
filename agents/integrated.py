"""Integrated providers: several service lines under one set of accounts and one behaviour.

An integrated care organisation (ICO) runs, say, acute, community and adult social care.
Each line is a provider of its family (``AcuteProvider``, ``CommunityProvider``, ...) built
from the line's own costs, capacities and levers; the organisation is one account in the
ledger, one set of eyes and beliefs, one decision.

- **Accounts.** The week's activity the organisation delivered is split to its lines by the
  setting of each unit; each line accrues its own costs and posts them from the
  organisation's account with the line named in the entry's reference (``line:<family>``),
  so the organisation's costs are the sum of its lines' to the penny. Care passing between
  its lines (a discharge from its wards to its own reablement) is no payment: nothing is
  posted for it.
- **Choice.** At a review it weighs every line's lever moves with one objective, its own
  whole position. A move's believed effects on activity in settings it runs itself are its
  own activity (their variable cost, escalation and contract income are its own), not
  somebody else's: what silos externalise, it internalises.
"""

from dataclasses import replace
from decimal import Decimal

from agents.acute import AcuteProvider
from agents.community import CommunityProvider
from agents.options import Option
from agents.projection import ESCALATION, Effect
from agents.provider import Provider
from agents.social_care import SocialCareProvider
from agents.voluntary import VoluntaryProvider
from sim.core.activity import ActivityUnit
from sim.core.kinds import SETTING_OF_UNIT, CapacityKind, OrganisationKind
from sim.scenario.levers import CAPACITIES_BY_KIND

LINE_CLASS = {
    OrganisationKind.ACUTE: AcuteProvider,
    OrganisationKind.COMMUNITY: CommunityProvider,
    OrganisationKind.SOCIAL_CARE: SocialCareProvider,
    OrganisationKind.VOLUNTARY: VoluntaryProvider,
}


def line_reference(kind: OrganisationKind) -> str:
    """The ledger reference on a line's cost entries."""
    return f"line:{OrganisationKind(kind).value}"


class IntegratedProvider(Provider):
    """One organisation running several service lines (``IntegratedSpec``)."""

    kind = OrganisationKind.INTEGRATED

    def _init_service(self, spec) -> None:
        # Each line is a provider of its family, posting from this organisation's account.
        self.lines: list[Provider] = []
        for family in spec.line_families:
            line = LINE_CLASS[family](self.model, spec.line_spec(family))
            line.ledger_reference = line_reference(family)
            self.lines.append(line)
        self._line_of_setting = {setting: line for line in self.lines
                                 for setting in CAPACITIES_BY_KIND[line.kind]}

    def __init__(self, model, spec) -> None:
        """Create the organisation and its lines; the lines see and learn as it does."""
        super().__init__(model, spec)
        for line in self.lines:
            line.view, line.beliefs, line.cash_release = self.view, self.beliefs, self.cash_release

    # --- the organisation as the sum of its lines -------------------------------------
    @property
    def capacity(self) -> dict[CapacityKind, int]:
        """Staffed capacity of every line (a fresh dict: change it through a line)."""
        return {k: u for line in self.lines for k, u in line.capacity.items()}

    @property
    def pending_changes(self) -> list:
        """Capacity changes under notice in any line."""
        return [c for line in self.lines for c in line.pending_changes]

    def line(self, family: OrganisationKind) -> Provider | None:
        """Its line of a family, if it runs one."""
        return next((ln for ln in self.lines if ln.kind == family), None)

    def lever_values(self) -> dict[str, float]:
        """Every line's levers by name (names never repeat across families)."""
        return {name: v for line in self.lines for name, v in line.lever_values().items()}

    def positions(self) -> dict[str, float]:
        """Where every line's levers stand now."""
        return {name: v for line in self.lines for name, v in line.positions().items()}

    def lever_cost_gbp_per_year(self) -> Decimal:
        """Its lines' lever programmes together."""
        return sum((line.lever_cost_gbp_per_year() for line in self.lines), Decimal(0))

    def semi_fixed_cost_pence_per_year(self) -> Decimal:
        """Its lines' staffed capacity together."""
        return sum((line.semi_fixed_cost_pence_per_year() for line in self.lines), Decimal(0))

    def escalation_cost_per_day_gbp(self) -> float:
        """An escalation bed day in its acute line (none without one)."""
        acute = self.line(OrganisationKind.ACUTE)
        return acute.escalation_cost_per_day_gbp() if acute is not None else 0.0

    def cost_base_pence(self, year: int) -> int:
        """Fixed plus semi-fixed cost of its lines (its efficiency programme's base)."""
        return sum(line.cost_base_pence(year) for line in self.lines)

    def refresh_costs(self, growth) -> None:
        """Every line reads its cost rates again."""
        for line in self.lines:
            line.refresh_costs(growth)

    # --- capacity -----------------------------------------------------------------
    def request_capacity(self, kind: CapacityKind, units: int, week: int) -> None:
        """Ask the line that runs this capacity for a new level (after its notice)."""
        self._line_of_setting[kind].request_capacity(kind, units, week)

    def apply_due_capacity_changes(self, week: int) -> None:
        """Every line brings in the changes whose notice has run out."""
        for line in self.lines:
            line.apply_due_capacity_changes(week)

    def close(self, week: int) -> None:
        """Close every line."""
        self.closed_week = week
        for line in self.lines:
            line.close(week)

    # --- costs --------------------------------------------------------------------
    def _accrue_costs(self, activity: dict[ActivityUnit, float],
                      escalation_bed_days: float) -> None:
        # Each unit goes to the line whose setting delivers it; escalation to the beds.
        split: dict[Provider, dict[ActivityUnit, float]] = {line: {} for line in self.lines}
        for unit, volume in activity.items():
            split[self._line_of_setting[SETTING_OF_UNIT[unit]]][unit] = volume
        for line in self.lines:
            escalation = escalation_bed_days if line.holds_acute_beds else 0.0
            line.accrue_week(split[line], escalation)

    def post_accrued_costs(self, week: int) -> None:
        """Each line pays its accrued costs from this organisation's account."""
        for line in self.lines:
            line.post_accrued_costs(week)

    # --- choice ---------------------------------------------------------------------
    def candidate_options(self, week: int) -> list[list[Option]]:
        """Every line's lever moves, each with its effects on its other lines made its own."""
        return [[replace(option, effect=self.internalise(option.effect),
                         remake=self._internalised(option.remake)) for option in moves]
                for line in self.lines for moves in line.candidate_options(week)]

    def _internalised(self, remake):
        # The line's effect worked out again, then made its own as above.
        if remake is None:
            return None
        return lambda: self.internalise(remake())

    def internalise(self, effect: Effect) -> Effect:
        """Move believed changes in settings it runs from ``elsewhere`` to its own activity.

        A change in a unit is its own in proportion to its share of the unit's setting
        (all of it where it is the only provider there); escalation stays where it is
        (``value`` already counts it as its own when it holds acute beds).
        """
        own, elsewhere = dict(effect.own_activity), {}
        for unit, change in effect.elsewhere.items():
            if unit == ESCALATION:
                elsewhere[unit] = change
                continue
            share = self.model.share_of_setting_in(SETTING_OF_UNIT[unit], {self.org_id})
            if share > 0:
                own[unit] = own.get(unit, 0.0) + change * share
            if share < 1:
                elsewhere[unit] = change * (1 - share)
        return replace(effect, own_activity=own, elsewhere=elsewhere)
