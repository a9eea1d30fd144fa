"""Enumerations for where people are, what they wait for and what happens to them."""

from enum import IntEnum


class Setting(IntEnum):
    """The care setting a person is in; every living person is in exactly one."""

    HOME = 0
    ACUTE = 1
    D2A = 2
    REABLEMENT = 3
    COMMUNITY_BED = 4
    CARE_HOME = 5
    DEAD = 6
    # Admitted to another place's hospital because the local one was full.
    OUT_OF_AREA = 7


class Frailty(IntEnum):
    """Electronic frailty index category (Clegg et al. 2016)."""

    FIT = 0
    MILD = 1
    MODERATE = 2
    SEVERE = 3


class Pathway(IntEnum):
    """Hospital discharge pathway (DHSC hospital discharge guidance)."""

    HOME = 0
    SUPPORT_AT_HOME = 1
    BED_BASED = 2
    CARE_HOME = 3


class Wait(IntEnum):
    """What a person is queued for; NONE when not queued."""

    NONE = 0
    D2A = 1
    REABLEMENT = 2
    COMMUNITY_BED = 3
    CARE_HOME = 4
    PACKAGE = 5


class HomeEvent(IntEnum):
    """Competing events for people at home or in a care home (rows of the hazard table)."""

    DEATH = 0
    PROGRESSION = 1
    AGEING = 2
    NEL = 3
    CARE_NEED = 4
    PACKAGE_END = 5


class StepDownOutcome(IntEnum):
    """Where a person goes at the end of a D2A, reablement or community-bed episode."""

    HOME = 0
    HOME_WITH_PACKAGE = 1
    CARE_HOME = 2


class Channel(IntEnum):
    """Occupancy channels counted continuously; days in each are integrated per week.

    The four HOME_* channels split people at home by frailty (community contacts depend on
    it); DTOC_* are people medically fit in an acute bed, by the place they wait for;
    *_HELD are care-home places and packages kept for residents and clients in hospital.
    """

    HOME_FIT = 0
    HOME_MILD = 1
    HOME_MODERATE = 2
    HOME_SEVERE = 3
    ACUTE = 4
    D2A = 5
    REABLEMENT = 6
    COMMUNITY_BED = 7
    CARE_HOME = 8
    DTOC_D2A = 9
    DTOC_REABLEMENT = 10
    DTOC_COMMUNITY_BED = 11
    DTOC_CARE_HOME = 12
    PACKAGE_AT_HOME = 13
    PACKAGE_HELD = 14
    CARE_HOME_HELD = 15
    WAIT_PACKAGE_AT_HOME = 16
    WAIT_CARE_HOME_AT_HOME = 17
    PREVENTION = 18
    OUT_OF_AREA = 19


N_CHANNELS = len(Channel)
N_FRAILTY = len(Frailty)

#: Physical setting -> its channel (HOME is split by frailty, so it maps to HOME_FIT + f).
SETTING_CHANNEL = {
    Setting.ACUTE: Channel.ACUTE,
    Setting.D2A: Channel.D2A,
    Setting.REABLEMENT: Channel.REABLEMENT,
    Setting.COMMUNITY_BED: Channel.COMMUNITY_BED,
    Setting.CARE_HOME: Channel.CARE_HOME,
    Setting.OUT_OF_AREA: Channel.OUT_OF_AREA,
}

#: Step-down destination queue -> the setting a place in it puts a person in.
WAIT_SETTING = {
    Wait.D2A: Setting.D2A,
    Wait.REABLEMENT: Setting.REABLEMENT,
    Wait.COMMUNITY_BED: Setting.COMMUNITY_BED,
    Wait.CARE_HOME: Setting.CARE_HOME,
}

#: Queue -> DTOC channel for people who wait for it in an acute bed.
WAIT_DTOC_CHANNEL = {
    Wait.D2A: Channel.DTOC_D2A,
    Wait.REABLEMENT: Channel.DTOC_REABLEMENT,
    Wait.COMMUNITY_BED: Channel.DTOC_COMMUNITY_BED,
    Wait.CARE_HOME: Channel.DTOC_CARE_HOME,
}
