"""Units of activity that contracts pay for and the population engine counts."""

from enum import StrEnum


class ActivityUnit(StrEnum):
    """A countable unit of care, priced by contracts and reported by the population engine."""

    NEL_ADMISSION = "nel_admission"
    ACUTE_BED_DAY = "acute_bed_day"
    COMMUNITY_CONTACT = "community_contact"
    D2A_PLACE_DAY = "d2a_place_day"
    COMMUNITY_BED_DAY = "community_bed_day"
    REABLEMENT_PLACE_DAY = "reablement_place_day"
    HOME_CARE_HOUR = "home_care_hour"
    CARE_HOME_WEEK = "care_home_week"
    PREVENTION_PERSON_WEEK = "prevention_person_week"


# The weekly figure that counts each unit: a field of the population engine's week flows and,
# by the same name, a published figure organisations see (annual, whole place).
FIGURE_OF_UNIT = {
    ActivityUnit.NEL_ADMISSION: "admissions",
    ActivityUnit.ACUTE_BED_DAY: "acute_bed_days",
    ActivityUnit.COMMUNITY_CONTACT: "community_contacts",
    ActivityUnit.D2A_PLACE_DAY: "d2a_place_days",
    ActivityUnit.COMMUNITY_BED_DAY: "community_bed_days",
    ActivityUnit.REABLEMENT_PLACE_DAY: "reablement_place_days",
    ActivityUnit.HOME_CARE_HOUR: "home_care_hours",
    ActivityUnit.CARE_HOME_WEEK: "care_home_resident_weeks",
    ActivityUnit.PREVENTION_PERSON_WEEK: "prevention_person_weeks",
}
