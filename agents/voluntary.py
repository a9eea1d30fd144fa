"""Voluntary organisations: prevention and social prescribing on thin reserves."""

from agents.options import Option, admissions_effect
from agents.projection import Effect
from agents.provider import Provider
from sim.core.activity import ActivityUnit
from sim.core.kinds import CapacityKind, OrganisationKind


class VoluntaryProvider(Provider):
    """A voluntary organisation. It closes when its reserves stay negative too long."""

    kind = OrganisationKind.VOLUNTARY

    def __init__(self, model, spec) -> None:
        """Create the organisation, open."""
        super().__init__(model, spec)
        self.closed_week: int | None = None

    @property
    def is_open(self) -> bool:
        """Whether the organisation still runs its service."""
        return self.closed_week is None

    def close(self, week: int) -> None:
        """Close: the service stops and its capacity (and semi-fixed cost) go to zero."""
        self.closed_week = week
        self.pending_changes = []
        for kind in self.capacity:
            self.capacity[kind] = 0

    def candidate_options(self, week: int) -> list[list[Option]]:
        """Prevention places."""
        return [self.capacity_moves(CapacityKind.PREVENTION_PLACES, week, self._places_effect)]

    def _places_effect(self, change: int) -> Effect:
        kind = CapacityKind.PREVENTION_PLACES
        shared = self.model.place.behaviour
        avoided = (change * shared.prior_admissions_avoided_per_prevention_place_year
                   * self.beliefs.multiplier(kind.value))
        effect = admissions_effect(self.view, self.model.acute_beds(), -avoided,
                                   ActivityUnit.PREVENTION_PERSON_WEEK, change * 52.0,
                                   change * self.capacity_cost_gbp(kind), shared=shared)
        return Effect(effect.own_activity, effect.elsewhere, effect.own_fixed_gbp,
                      effect.days_at_home, self.spec.capacities[kind].notice_weeks, effect.watch)
