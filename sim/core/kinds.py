"""Shared kinds: organisation families, capacity settings, and the setting of each unit."""

from enum import StrEnum

from sim.core.activity import ActivityUnit


class OrganisationKind(StrEnum):
    """The families of organisation (one agent class each; an integrated one runs several)."""

    COMMISSIONER = "commissioner"
    ACUTE = "acute"
    COMMUNITY = "community"
    SOCIAL_CARE = "social_care"
    VOLUNTARY = "voluntary"
    INTEGRATED = "integrated"  # several of the provider families as lines of one organisation


# Between an organisation and one of its service lines in a key (``ico__social_care``):
# ids may hold a single "_", and a family never holds two.
LINE_SEPARATOR = "__"


class CapacityKind(StrEnum):
    """Staffed capacity that limits a setting's flow (names match ``CareCapacity`` fields)."""

    ACUTE_BEDS = "acute_beds"
    D2A_PLACES = "d2a_places"
    REABLEMENT_PLACES = "reablement_places"
    COMMUNITY_BEDS = "community_beds"
    CARE_HOME_PLACES = "care_home_places"
    HOME_CARE_PACKAGES = "home_care_packages"
    PREVENTION_PLACES = "prevention_places"


# Each unit of activity is delivered in the setting whose capacity it uses. Community
# contacts (nursing, urgent response, diverted discretionary cases) go to community
# providers in proportion to their D2A places.
SETTING_OF_UNIT: dict[ActivityUnit, CapacityKind] = {
    ActivityUnit.NEL_ADMISSION: CapacityKind.ACUTE_BEDS,
    ActivityUnit.ACUTE_BED_DAY: CapacityKind.ACUTE_BEDS,
    ActivityUnit.COMMUNITY_CONTACT: CapacityKind.D2A_PLACES,
    ActivityUnit.D2A_PLACE_DAY: CapacityKind.D2A_PLACES,
    ActivityUnit.COMMUNITY_BED_DAY: CapacityKind.COMMUNITY_BEDS,
    ActivityUnit.REABLEMENT_PLACE_DAY: CapacityKind.REABLEMENT_PLACES,
    ActivityUnit.HOME_CARE_HOUR: CapacityKind.HOME_CARE_PACKAGES,
    ActivityUnit.CARE_HOME_WEEK: CapacityKind.CARE_HOME_PLACES,
    ActivityUnit.PREVENTION_PERSON_WEEK: CapacityKind.PREVENTION_PLACES,
}
