"""Voluntary organisations: prevention and social prescribing on thin reserves."""

from agents.options import Option, admissions_effect
from agents.projection import Effect
from agents.provider import Provider
from sim.core.activity import ActivityUnit
from sim.core.kinds import CapacityKind, OrganisationKind


class VoluntaryProvider(Provider):
    """A voluntary organisation. It closes when its reserves stay negative too long."""

    kind = OrganisationKind.VOLUNTARY
    closes_in_distress = True

    def candidate_options(self, week: int) -> list[list[Option]]:
        """Prevention places."""
        return [self.capacity_moves(CapacityKind.PREVENTION_PLACES, week, self._places_effect)]

    def _places_effect(self, change: int) -> Effect:
        kind = CapacityKind.PREVENTION_PLACES
        shared = self.model.place.behaviour
        avoided = (change * shared.prior_admissions_avoided_per_prevention_place_year
                   * self.belief(kind.value))
        effect = admissions_effect(self.view, self.model.acute_beds(), -avoided,
                                   ActivityUnit.PREVENTION_PERSON_WEEK, change * 52.0,
                                   change * self.capacity_cost_gbp(kind), shared=shared)
        return Effect(effect.own_activity, effect.elsewhere, effect.own_fixed_gbp,
                      effect.days_at_home, self.spec.capacities[kind].notice_weeks, effect.watch)
