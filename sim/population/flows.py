"""What happened in one week: counts of events and days of care, for contracts and metrics."""

from dataclasses import dataclass, field

import numpy as np

from sim.core.activity import FIGURE_OF_UNIT, ActivityUnit


@dataclass
class WeekTally:
    """Event counters filled in while a week is processed (mutable, internal)."""

    admissions: int = 0
    # Admissions by age band (index = band); sized by the engine when the week starts.
    admissions_by_band: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    discretionary_admissions: int = 0
    discretionary_diverted: int = 0
    terminal_admissions: int = 0
    care_home_resident_admissions: int = 0
    discharges_by_pathway: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    spells_ended: int = 0
    spell_days_total: float = 0.0
    deaths: int = 0
    deaths_in_hospital: int = 0
    births: int = 0
    frailty_progressions: int = 0
    care_needs_arising: int = 0
    package_starts: int = 0
    package_ends: int = 0
    care_home_placements: int = 0
    step_down_outcomes: list[int] = field(default_factory=lambda: [0, 0, 0])
    admissions_refused: int = 0
    out_of_area_admissions: int = 0
    out_of_area_returns: int = 0
    refused_deaths: int = 0
    spot_purchases: int = 0
    # Expected place-days of the places bought, paid by health [0] and the council [1].
    spot_place_days: list[float] = field(default_factory=lambda: [0.0, 0.0])
    # The council's part of them by area (index = area); sized by the engine.
    council_spot_place_days_by_area: np.ndarray = field(
        default_factory=lambda: np.zeros(1))
    # New long-term placements by area (index = area), funded by its council or self-funded
    # (a divided place only; sized by the engine).
    funded_by_area: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    self_funded_by_area: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    # Emergency admissions by area (index = area; a divided place only; sized by the engine).
    admissions_by_area: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))


@dataclass(frozen=True)
class AreaFlows:
    """One area's part of the week: its people and the care its council buys.

    Days are in days, counts are people, as in :class:`WeekFlows`; summed over the areas
    each field gives the place's figure of the same name.
    """

    area: str
    alive: int
    reablement_place_days: float
    care_home_resident_weeks: float
    home_care_hours: float
    dtoc_reablement_bed_days: float
    dtoc_care_home_bed_days: float
    waiting_for_package: int
    waiting_for_care_home_at_home: int
    queue_reablement: int
    queue_care_home: int
    queue_package: int
    spot_place_days_council: float
    # New long-term placements (package or care home) asked for: funded by the area's
    # council, or self-funded and so outside the model's care (``Area.council_funded_share``).
    placements_funded: int = 0
    placements_self_funded: int = 0
    # Emergency admissions of the area's people (the place's sum over areas is ``admissions``).
    admissions: int = 0


@dataclass(frozen=True)
class WeekFlows:
    """Flows and occupancy of one week. Bed and place days are in days; counts are people.

    ``dtoc_*`` are days that medically fit people spent in acute beds waiting for a place;
    ``queue_*`` and ``waiting_*`` are people in line at the end of the week.
    ``admissions_by_band`` and ``alive_by_band`` split ``admissions`` and ``alive`` by age
    band, in the order of the parameters' age bands (they sum to the all-age figures).
    """

    week: int
    admissions: int
    discretionary_admissions: int
    discretionary_diverted: int
    terminal_admissions: int
    care_home_resident_admissions: int
    acute_bed_days: float
    escalation_bed_days: float
    dtoc_bed_days: float
    dtoc_d2a_bed_days: float
    dtoc_reablement_bed_days: float
    dtoc_community_bed_bed_days: float
    dtoc_care_home_bed_days: float
    discharges_home: int
    discharges_support_at_home: int
    discharges_bed_based: int
    discharges_care_home: int
    spells_ended: int
    spell_days_total: float
    d2a_place_days: float
    reablement_place_days: float
    community_bed_days: float
    care_home_resident_weeks: float
    home_care_hours: float
    prevention_person_weeks: float
    community_contacts: float
    waiting_for_package: int
    waiting_for_care_home_at_home: int
    queue_d2a: int
    queue_reablement: int
    queue_community_bed: int
    queue_care_home: int
    queue_package: int
    package_starts: int
    package_ends: int
    care_home_placements: int
    frailty_progressions: int
    care_needs_arising: int
    deaths: int
    deaths_in_hospital: int
    births: int
    alive: int
    person_days_at_home: float
    admissions_by_band: tuple[int, ...] = ()
    alive_by_band: tuple[int, ...] = ()
    # Emergencies the full hospital (staffed plus escalation beds) could not take: sent to
    # another place's hospital, or turned away to wait at home (some of whom die).
    admissions_refused: int = 0
    out_of_area_admissions: int = 0
    out_of_area_returns: int = 0
    out_of_area_bed_days: float = 0.0
    refused_deaths: int = 0
    # Acute occupancy at the week's start and end (the count the cap holds), and its
    # highest at any moment of the week (events are decided in rounds, not in time order,
    # so an admission may land before a discharge that made room for it).
    # Places bought above the commissioned number for people delayed in an acute bed past
    # ``spot_purchase_after_days``, and their expected place-days (the premium is charged
    # on them when bought): step-down places the health commissioner pays for (D2A,
    # community beds) and the council's (reablement, care homes).
    spot_purchases: int = 0
    spot_place_days_health: float = 0.0
    spot_place_days_council: float = 0.0
    acute_occupancy_at_start: int = 0
    acute_occupancy_at_end: int = 0
    acute_peak_occupancy: int = 0
    acute_bed_cap: int = 0
    # Each area's part, in the order of the parameters' areas (empty when undivided).
    by_area: tuple[AreaFlows, ...] = ()

    @property
    def discharges(self) -> int:
        """Live discharges from acute beds, all pathways."""
        return (
            self.discharges_home
            + self.discharges_support_at_home
            + self.discharges_bed_based
            + self.discharges_care_home
        )

    def activity(self, unit: ActivityUnit) -> float:
        """The amount of ``unit`` delivered this week.

        Care-home weeks include places kept for residents while they are in hospital
        (councils pay to hold them).

        Args:
            unit: The unit of activity a contract prices.

        Returns:
            The week's volume of that unit.
        """
        return float(getattr(self, FIGURE_OF_UNIT[unit]))
