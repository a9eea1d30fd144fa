"""Age bands: each band's size, event rates, frailty mix and starting care, with defaults.

Every default cites a row of the project's reference figures (the "REFERENCE" table named in
the comment) or says ``estimate:`` with the reasoning.
"""

import re
from typing import TYPE_CHECKING

from pydantic import model_validator

from sim.population.param_types import (
    Days,
    EventsPer1000,
    Frozen,
    OncePer1000,
    ProgressionTuple,
    Share,
    ShareTuple4,
    TransitionPerYear,
    check_sums_to_one,
)

if TYPE_CHECKING:
    from sim.population.params import PopulationParams


def band_key(name: str) -> str:
    """A band's name as it appears in column and outcome names: ``"85+"`` → ``"85plus"``.

    ``+`` becomes ``plus`` and every other character that is not a letter or digit
    becomes ``_`` (``"0-64"`` → ``"0_64"``), so the name is a valid identifier part.
    """
    return re.sub(r"[^0-9A-Za-z]", "_", name.replace("+", "plus"))


class AgeBand(Frozen):
    """One age band: its size, its event rates and its frailty mix."""

    name: str
    population_share: Share
    nel_admissions_per_1000_per_year: EventsPer1000
    deaths_per_1000_per_year: OncePer1000
    frailty_mix: ShareTuple4
    ageing_out_per_year: TransitionPerYear
    frailty_progression_per_year: ProgressionTuple
    los_to_fit_mean_days: Days
    initial_care_home_share: Share
    initial_package_share: Share

    @model_validator(mode="after")
    def _mix_sums_to_one(self) -> "AgeBand":
        check_sums_to_one(f"age_bands[{self.name}].frailty_mix", self.frailty_mix)
        return self


# Age structure: estimate (English population, ONS mid-year): 0-64 81%, 65-74 10%,
# 75-84 6.5%, 85+ 2.5%.
# NEL rates: REFERENCE "Suggested age-band rates (estimate)" 65-74 150, 75-84 280, 85+ 500.
#   0-64 is raised from the suggested 55 to 70 (estimate) because 55 with this age structure
#   gives an all-age rate of 90 per 1,000, below REFERENCE "All-age NEL admissions per 1,000
#   about 100-110"; 0.81*70 + 0.10*150 + 0.065*280 + 0.025*500 = 102.4 per 1,000.
# Deaths: estimate from ONS deaths by age (England ~9.5 per 1,000 all ages): 0-64 2.6,
#   65-74 16, 75-84 45, 85+ 160; all-age 0.81*2.6 + 0.1*16 + 0.065*45 + 0.025*160 = 10.6.
# Frailty mix: estimate from eFI prevalence in over-65s (Clegg et al. 2016: fit 50%, mild 35%,
#   moderate 12%, severe 3%), spread by age.
# Ageing out: estimate, one single-year cohort out of the band per year (1/49 of 0-64 scaled to
#   the 64-year-old share, 1/10 of a ten-year band), trimmed so the 85+ band grows ~2%/yr.
# Frailty progression (FIT->MILD, MILD->MODERATE, MODERATE->SEVERE per year): estimate, eFI
#   transitions roughly doubling with each older band.
# LOS to medically fit (non-discretionary stays): calibrated so that total emergency LOS
#   including discretionary stays and delays is REFERENCE "Emergency length of stay" 9.1 days
#   all ages, 12.5 days 85+, and "Older people's share of bed days" over-65 LOS 11.9 days.
# Initial care-home and package shares: estimate (~0.7% of all ages in care homes,
#   ~0.9% with a council home-care package), concentrated in the oldest bands.
DEFAULT_AGE_BANDS = (
    AgeBand(
        name="0-64",
        population_share=0.81,
        nel_admissions_per_1000_per_year=70.0,
        deaths_per_1000_per_year=2.6,
        frailty_mix=(0.89, 0.062, 0.035, 0.013),
        ageing_out_per_year=0.0135,
        frailty_progression_per_year=(0.003, 0.02, 0.01),
        los_to_fit_mean_days=7.7,
        initial_care_home_share=0.0004,
        initial_package_share=0.003,
    ),
    AgeBand(
        name="65-74",
        population_share=0.10,
        nel_admissions_per_1000_per_year=150.0,
        deaths_per_1000_per_year=16.0,
        frailty_mix=(0.603, 0.259, 0.106, 0.032),
        ageing_out_per_year=0.093,
        frailty_progression_per_year=(0.06, 0.05, 0.03),
        los_to_fit_mean_days=12.4,
        initial_care_home_share=0.008,
        initial_package_share=0.02,
    ),
    AgeBand(
        name="75-84",
        population_share=0.065,
        nel_admissions_per_1000_per_year=280.0,
        deaths_per_1000_per_year=45.0,
        frailty_mix=(0.373, 0.344, 0.196, 0.087),
        ageing_out_per_year=0.075,
        frailty_progression_per_year=(0.10, 0.08, 0.06),
        los_to_fit_mean_days=13.8,
        initial_care_home_share=0.03,
        initial_package_share=0.055,
    ),
    AgeBand(
        name="85+",
        population_share=0.025,
        nel_admissions_per_1000_per_year=500.0,
        deaths_per_1000_per_year=160.0,
        frailty_mix=(0.242, 0.389, 0.247, 0.122),
        ageing_out_per_year=0.0,
        frailty_progression_per_year=(0.18, 0.12, 0.10),
        los_to_fit_mean_days=14.2,
        initial_care_home_share=0.13,
        initial_package_share=0.15,
    ),
)


def band_stay_days(params: "PopulationParams"):
    """Each band's mean time to medically fit (days): its own mean times ``los_scale``."""
    import numpy as np  # here, not at the top: reading a scenario stays free of numpy

    scale = params.hospital.los_scale
    return np.array([band.los_to_fit_mean_days * scale for band in params.age_bands])
