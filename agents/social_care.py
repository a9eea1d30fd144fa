"""The social care market: home care, reablement and care-home places."""

from agents.provider import Provider
from sim.scenario.organisations import OrganisationKind


class SocialCareProvider(Provider):
    """The independent-sector social care market taken together.

    Levers: home-care packages, reablement places, care-home places (capacities) and the
    bias towards residential rather than home placements.
    """

    kind = OrganisationKind.SOCIAL_CARE
