"""Community providers: D2A / intermediate care capacity and proactive care."""

from decimal import Decimal

from agents.options import Option, admissions_effect, saturating_gain, step_down_capacity_effect
from agents.projection import Effect
from agents.provider import Provider
from sim.core.activity import ActivityUnit
from sim.core.kinds import CapacityKind, OrganisationKind

PROACTIVE = "proactive_care_investment_gbp_per_year"


class CommunityProvider(Provider):
    """A community provider. Levers: D2A places, community beds, proactive-care investment."""

    kind = OrganisationKind.COMMUNITY

    def lever_cost_gbp_per_year(self) -> Decimal:
        """Proactive care for frail people at home (case management, urgent response)."""
        return Decimal(self.levers.proactive_care_investment_gbp_per_year)

    def candidate_options(self, week: int) -> list[list[Option]]:
        """D2A places, community beds and proactive care."""
        moves = []
        if CapacityKind.D2A_PLACES in self.capacity:
            moves.append(self.capacity_moves(CapacityKind.D2A_PLACES, week, self._d2a_effect))
        if CapacityKind.COMMUNITY_BEDS in self.capacity:
            moves.append(self.capacity_moves(CapacityKind.COMMUNITY_BEDS, week, self._beds_effect))
        moves.append(self.lever_moves("proactive_care_investment_gbp_per_year",
                                      self.behaviour.proactive_step_gbp_per_year, 0.0,
                                      self.behaviour.investment_ceiling_gbp_per_year,
                                      self._proactive_effect))
        return moves

    def _d2a_effect(self, change: int) -> Effect:
        kind = CapacityKind.D2A_PLACES
        return step_down_capacity_effect(
            self.view, self.model.acute_beds(), self.capacity[kind], change, "queue_d2a",
            "d2a_place_days", "dtoc_d2a_bed_days", ActivityUnit.D2A_PLACE_DAY,
            self.belief(kind.value), self.spec.capacities[kind].notice_weeks,
            self.capacity_cost_gbp(kind), shared=self.model.place.behaviour)

    def _beds_effect(self, change: int) -> Effect:
        kind = CapacityKind.COMMUNITY_BEDS
        return step_down_capacity_effect(
            self.view, self.model.acute_beds(), self.capacity[kind], change,
            "queue_community_bed", "community_bed_days", "dtoc_community_bed_bed_days",
            ActivityUnit.COMMUNITY_BED_DAY, self.belief(kind.value),
            self.spec.capacities[kind].notice_weeks, self.capacity_cost_gbp(kind),
            bed_based=True, shared=self.model.place.behaviour)

    def _avoided_per_reach(self) -> float:
        return (self.behaviour.prior_proactive_max_frail_reduction
                * self.model.place.behaviour.prior_frail_share_of_admissions)

    def _proactive_effect(self, change: float) -> Effect:
        mine, shared = self.behaviour, self.model.place.behaviour
        spend = float(self.levers.proactive_care_investment_gbp_per_year)
        reach = saturating_gain(spend, spend + change, 1.0, mine.prior_proactive_scale_gbp)
        avoided = (self._avoided_per_reach() * reach * self.view.get("admissions")
                   * self.belief(PROACTIVE))
        contacts = (mine.prior_proactive_contacts_per_frail_person_week * reach
                    * self.view.get("frail_people_at_home") * 52)
        return admissions_effect(self.view, self.model.acute_beds(), -avoided,
                                 ActivityUnit.COMMUNITY_CONTACT, contacts, change, shared=shared)
