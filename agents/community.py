"""Community providers: D2A / intermediate care capacity and proactive care."""

from decimal import Decimal

from agents.provider import Provider
from sim.scenario.organisations import OrganisationKind


class CommunityProvider(Provider):
    """A community provider. Levers: D2A places, community beds, proactive-care investment."""

    kind = OrganisationKind.COMMUNITY

    def lever_cost_gbp_per_year(self) -> Decimal:
        """Proactive care for frail people at home (case management, urgent response)."""
        return Decimal(self.levers.proactive_care_investment_gbp_per_year)
