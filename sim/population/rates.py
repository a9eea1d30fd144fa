"""Hazard tables for people at home and in care homes, per day.

A person's hazards depend only on (area, place, age band, frailty, three flag bits), so they
are looked up in a small table rather than computed per person. Band rates are normalised by
the band's frailty mix so that the band's average equals the published band rate.
"""

from dataclasses import dataclass

import numpy as np

from sim.population.capacity import CareModifiers
from sim.population.params import PopulationParams
from sim.population.settings import N_FRAILTY, Frailty, HomeEvent
from sim.population.state import HAS_PACKAGE, N_HAZARD_FLAGS, SUPPORTED, WAITING

DAYS_PER_YEAR = 365.25
HOME_PLACE = 0
CARE_HOME_PLACE = 1
N_PLACES = 2
FRAIL_LEVELS = (Frailty.MODERATE, Frailty.SEVERE)


@dataclass(frozen=True)
class HazardTables:
    """Per-day hazards indexed by a flat code (see :func:`hazard_code`).

    Attributes:
        components: Shape (len(HomeEvent), n_codes): hazard of each competing event.
        total: Shape (n_codes,): sum of the components.
        cumulative: Shape (len(HomeEvent), n_codes): running sum, for choosing the event.
        keep: Shape (n_codes,): probability that an urgent-need onset goes on to need urgent
            care rather than being prevented by admission avoidance (all 1 unless the tables
            were built with ``thin=True``).
    """

    components: np.ndarray
    total: np.ndarray
    cumulative: np.ndarray
    keep: np.ndarray

    @property
    def thinned(self) -> bool:
        """Whether any onset may be prevented (some ``keep`` below 1)."""
        return bool(self.keep.min() < 1.0)


def hazard_code(
    place: np.ndarray, band: np.ndarray, frailty: np.ndarray, flags: np.ndarray, n_bands: int,
    area: np.ndarray | int = 0,
) -> np.ndarray:
    """Flat index into :class:`HazardTables` for each person.

    Area 0's codes come first, so an undivided place's codes are those of its one area.
    """
    where = np.asarray(area, dtype=np.int64) * N_PLACES + place.astype(np.int64)
    code = (where * n_bands + band) * N_FRAILTY + frailty
    return code * N_HAZARD_FLAGS + (flags & 7)


def band_rates_per_day(params: PopulationParams) -> tuple[np.ndarray, np.ndarray]:
    """Death and emergency-admission hazards at home by [band, frailty], per day.

    Band rates are spread over frailty by the relative risks, normalised so each band's
    mix-weighted average is the band's published rate.
    """
    mix = np.array([band.frailty_mix for band in params.age_bands])
    rr_death = np.array(params.frailty_death_rr)
    rr_adm = np.array(params.frailty_admission_rr)
    deaths = np.array([band.deaths_per_1000_per_year for band in params.age_bands]) / 1000
    nel = np.array([band.nel_admissions_per_1000_per_year for band in params.age_bands]) / 1000
    death = deaths[:, None] * rr_death[None, :] / (mix @ rr_death)[:, None]
    admit = nel[:, None] * rr_adm[None, :] / (mix @ rr_adm)[:, None]
    return death / DAYS_PER_YEAR, admit / DAYS_PER_YEAR


def build_tables(
    params: PopulationParams, modifiers: CareModifiers, thin: bool = False
) -> HazardTables:
    """Build the hazard tables for these parameters and modifiers.

    Args:
        params: Population parameters.
        modifiers: The week's modifiers.
        thin: Apply admission avoidance by thinning rather than by scaling the hazard: the
            onsets of urgent need arrive at the unavoided rate (times any multiplier above
            1) and each is kept with probability ``keep``. The rate of urgent needs is the
            same either way (a Poisson process thinned with probability m has rate m times
            the original); thinning leaves the onsets themselves, and so every person's
            clock, the same whatever the design avoids.
    """
    n_bands = params.n_bands
    shape = (len(HomeEvent), N_PLACES, n_bands, N_FRAILTY, N_HAZARD_FLAGS)
    comp = np.zeros(shape)
    flags = np.arange(N_HAZARD_FLAGS)
    supported = (flags & SUPPORTED) != 0
    waiting = (flags & WAITING) != 0
    package = (flags & HAS_PACKAGE) != 0
    death, admit = band_rates_per_day(params)
    # Deaths in hospital arrive as terminal admissions; take them out of the other
    # admissions so that the band's total admission rate stays at the published figure.
    terminal = params.hospital.death_in_hospital_share * death
    admit = np.maximum(admit - terminal, 0.0)
    frail = np.ones(N_FRAILTY)
    frail[list(FRAIL_LEVELS)] = modifiers.frail_admission_hazard_multiplier
    # The part of avoidance applied to the hazard ("scale") and the part applied by thinning
    # ("keep"), for people at home by frailty and for care-home residents.
    at_home = modifiers.admission_hazard_multiplier * frail
    in_care_home = modifiers.admission_hazard_multiplier
    if thin:
        scale_home, scale_care_home = np.maximum(at_home, 1.0), max(in_care_home, 1.0)
        keep_home, keep_care_home = at_home / scale_home, in_care_home / scale_care_home
    else:  # all of it in the hazard; the overall multiplier rides with demand below
        scale_home, scale_care_home = frail, 1.0
        keep_home, keep_care_home = np.ones(N_FRAILTY), 1.0
    # (Unthinned, the products keep their original order, so results are unchanged to the bit.)
    demand = (1.0 if thin else modifiers.admission_hazard_multiplier) * modifiers.demand_multiplier
    prevention = params.prevention
    admit_flag = np.where(supported, 1 - prevention.admission_reduction, 1.0) * np.where(
        waiting, params.social_care.waiting_admission_hazard_multiplier, 1.0
    )
    home = (slice(None), slice(None), slice(None))
    comp[(HomeEvent.DEATH, HOME_PLACE) + home] = death[:, :, None]
    comp[(HomeEvent.NEL, HOME_PLACE) + home] = (admit * scale_home[None, :] * demand)[
        :, :, None
    ] * admit_flag[None, None, :]
    progression = np.zeros((n_bands, N_FRAILTY))
    progression[:, :-1] = [band.frailty_progression_per_year for band in params.age_bands]
    slow = np.where(supported, 1 - prevention.progression_reduction, 1.0)
    comp[(HomeEvent.PROGRESSION, HOME_PLACE) + home] = (
        progression[:, :, None] / DAYS_PER_YEAR * slow[None, None, :]
    )
    ageing = np.array([band.ageing_out_per_year for band in params.age_bands]) / DAYS_PER_YEAR
    comp[HomeEvent.AGEING] = ageing[None, :, None, None]
    need = np.array(params.social_care.care_need_per_1000_per_year_by_frailty) / 1000
    comp[(HomeEvent.CARE_NEED, HOME_PLACE) + home] = (need / DAYS_PER_YEAR)[None, :, None] * (
        ~(waiting | package)
    )[None, None, :]
    social = params.social_care
    comp[(HomeEvent.PACKAGE_END, HOME_PLACE) + home] = (
        social.package_end_per_year / DAYS_PER_YEAR * package
    )[None, None, :]
    comp[HomeEvent.DEATH, CARE_HOME_PLACE] = social.care_home_deaths_per_resident_year / 365.25
    comp[HomeEvent.NEL, CARE_HOME_PLACE] = (
        social.care_home_admissions_per_resident_year
        * scale_care_home
        * demand
        / DAYS_PER_YEAR
    )
    # One copy per area, its admissions times the area's scale (x 1.0 leaves them exact).
    scale = np.array([area.admission_rate_scale for area in params.areas])
    comp = np.repeat(comp[:, None], params.n_areas, axis=1)
    comp[HomeEvent.NEL] *= scale[:, None, None, None, None]
    flat = comp.reshape(len(HomeEvent), -1)
    keep = np.ones(shape[1:])
    keep[HOME_PLACE] = keep_home[None, :, None]
    keep[CARE_HOME_PLACE] = keep_care_home
    keep = np.tile(keep.reshape(-1), params.n_areas)
    return HazardTables(
        components=flat, total=flat.sum(axis=0), cumulative=np.cumsum(flat, axis=0), keep=keep
    )
