"""Voluntary organisations: prevention and social prescribing on thin reserves."""

from agents.provider import Provider
from sim.scenario.organisations import OrganisationKind


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
