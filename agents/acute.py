"""Acute trusts: beds, admission threshold, discharge effort, admission avoidance."""

from decimal import Decimal

from agents.provider import Provider
from sim.scenario.organisations import OrganisationKind


class AcuteProvider(Provider):
    """An acute trust. Its levers: bed capacity (a capacity), and the fields of ``AcuteLevers``."""

    kind = OrganisationKind.ACUTE

    def lever_cost_gbp_per_year(self) -> Decimal:
        """Discharge effort (teams, weekend discharge) plus admission-avoidance investment."""
        effects = self.model.place.effects
        effort = Decimal(repr(self.levers.discharge_effort))
        return (effort * effects.discharge_effort_cost_gbp_per_year
                + self.levers.avoidance_investment_gbp_per_year)
