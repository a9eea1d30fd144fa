"""A targets file: what to fit (parameters with ranges), to what (targets), and how.

```toml
[calibration]                 # all optional; command-line options override them
design = "activity_based"     # default: the scenario's first design
years = 2                     # default: the scenario's horizon
people = 20_000               # simulated sample (money and activity scale to the place)
seeds = [1, 2, 3]             # every trial runs on these seeds (common random numbers)
trials = 60
sampler_seed = 0

[[parameters]]
path = "population.hospital.discretionary_share_of_nel"   # an override path
low = 0.05
high = 0.30
prior = "uniform"             # or "log_uniform"
integer = false               # true for whole-number fields (places, beds): whole values

[[targets]]
outcome = "nel_admissions_per_1000_final_year"
value = 102.0
weight = 1.0                  # relative weight in the loss (default 1)
source = "HES 2015/16, all ages"
```

Every problem is reported at once, one line each, naming the file and the field.
"""

import math
import re
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sim.population import DEFAULT_AGE_BANDS, band_key
from sim.scenario import ScenarioError
from sim.scenario.errors import problems_from_validation
from sim.scenario.loader import read_toml

_STRICT = ConfigDict(frozen=True, extra="forbid")

# Admissions per 1,000 by age band: one outcome per band of the scenario, named by the
# band's key (the default bands 0-64, 65-74, 75-84, 85+ are listed; a scenario with other
# bands targets its own, checked against the scenario before any run).
BAND_OUTCOME = "nel_admissions_per_1000_{}_final_year"
BAND_OUTCOME_PATTERN = re.compile(r"nel_admissions_per_1000_([0-9A-Za-z_]+)_final_year")
BAND_TARGET_OUTCOMES = tuple(BAND_OUTCOME.format(band_key(band.name))
                             for band in DEFAULT_AGE_BANDS)

# A divided place's long-term care by area (docs/areas.md): one outcome per area of the
# scenario, named by the area, checked against the scenario before any run.
AREA_OUTCOME = "people_{}_{}_final_year"
AREA_OUTCOME_PATTERN = re.compile(r"people_(in_care_homes|with_home_care)_([a-z][a-z0-9_]*)"
                                  r"_final_year")
# And each area's emergency admissions per 1,000 of its people ("in" keeps the name apart
# from an age band's).
AREA_ADMISSIONS_OUTCOME = "nel_admissions_per_1000_in_{}_final_year"
AREA_ADMISSIONS_PATTERN = re.compile(r"nel_admissions_per_1000_in_([a-z][a-z0-9_]*)_final_year")

# Outcomes a target may name: figures a place publishes, all final-year or whole-run
# averages that do not depend on which organisations the scenario has.
TARGET_OUTCOMES = (
    "nel_admissions_per_1000_final_year",
    *BAND_TARGET_OUTCOMES,
    "mean_los_days",
    "mean_los_days_final_year",
    "dtoc_bed_days_final_year",
    "dtoc_share_of_bed_days_final_year",
    "cost_per_head_per_year_gbp",
    "system_cost_gbp",
    "spend_acute_final_year_gbp",
    "spend_community_final_year_gbp",
    "spend_social_care_final_year_gbp",
    "spend_voluntary_final_year_gbp",
    "social_care_spend_final_year_gbp",
    "people_in_care_homes_final_year",
    "people_with_home_care_final_year",
    "people_in_long_term_care_final_year",
    "community_beds_occupied_final_year",
    "share_acute_final_year",
    "share_community_final_year",
    "share_social_care_final_year",
    "share_voluntary_final_year",
)


class Prior(StrEnum):
    """How a parameter's range is searched."""

    UNIFORM = "uniform"
    LOG_UNIFORM = "log_uniform"  # for rates spanning an order of magnitude


# A fitted value this close to an end of its range (a share of the range's width) is
# flagged: estimate, 2% is finer than TPE's spread around a best trial over 60-80 trials.
AT_BOUND_SHARE = 0.02


class Parameter(BaseModel):
    """One parameter to fit: an override path and its range."""

    model_config = _STRICT

    path: str = Field(min_length=1)
    low: float
    high: float
    prior: Prior = Prior.UNIFORM
    integer: bool = False  # whole values only (a count of places or beds)

    @model_validator(mode="after")
    def _range(self) -> "Parameter":
        if not self.low < self.high:
            raise ValueError(f"expected low < high, got low {self.low}, high {self.high}")
        if self.integer and not (self.low.is_integer() and self.high.is_integer()):
            raise ValueError("an integer parameter needs whole-number low and high, got "
                             f"low {self.low}, high {self.high}")
        if self.prior is Prior.LOG_UNIFORM and self.low <= 0:
            raise ValueError(f"a log_uniform prior needs low > 0, got {self.low}")
        return self

    def bound_reached(self, value: float) -> str | None:
        """Which end of the range ``value`` sits at ("low", "high"), or None.

        At an end means within ``AT_BOUND_SHARE`` of the range's width (on the prior's
        scale). A best value at the edge of its range says the fit wanted to go further: the range
        is too narrow, or the parameter is standing in for something else that is off.
        """
        scale = math.log if self.prior is Prior.LOG_UNIFORM else float
        low, high, at = scale(self.low), scale(self.high), scale(value)
        margin = AT_BOUND_SHARE * (high - low)
        if at <= low + margin:
            return "low"
        if at >= high - margin:
            return "high"
        return None


class Target(BaseModel):
    """One published figure the run's outcome should match."""

    model_config = _STRICT

    outcome: str
    value: float
    weight: float = Field(1.0, gt=0)
    source: str = ""

    @model_validator(mode="after")
    def _known(self) -> "Target":
        if (self.outcome not in TARGET_OUTCOMES and self.band is None
                and self.area is None):
            raise ValueError(f"unknown outcome {self.outcome!r}; expected one of "
                             f"{', '.join(TARGET_OUTCOMES)}")
        if self.value == 0:
            raise ValueError("expected a non-zero value (errors are relative to it)")
        return self

    @property
    def band(self) -> str | None:
        """The age band's key when this is an admissions-by-band target, else None."""
        if AREA_ADMISSIONS_PATTERN.fullmatch(self.outcome):
            return None
        match = BAND_OUTCOME_PATTERN.fullmatch(self.outcome)
        return match.group(1) if match else None

    @property
    def area(self) -> str | None:
        """The area's name when this is a target by area, else None."""
        if self.outcome in TARGET_OUTCOMES:
            return None
        if match := AREA_ADMISSIONS_PATTERN.fullmatch(self.outcome):
            return match.group(1)
        match = AREA_OUTCOME_PATTERN.fullmatch(self.outcome)
        return match.group(2) if match else None


class CalibrationSettings(BaseModel):
    """How the fit is run."""

    model_config = _STRICT

    design: str | None = None
    years: int | None = Field(None, ge=1, le=30)
    people: int | None = Field(None, ge=100)
    seeds: list[int] = Field(default_factory=lambda: [1, 2, 3], min_length=1)
    trials: int = Field(40, ge=1)
    sampler_seed: int = Field(0, ge=0)


class TargetsFile(BaseModel):
    """The whole targets file."""

    model_config = _STRICT

    calibration: CalibrationSettings = CalibrationSettings()
    parameters: list[Parameter] = Field(min_length=1)
    targets: list[Target] = Field(min_length=1)

    @model_validator(mode="after")
    def _distinct(self) -> "TargetsFile":
        for what, names in (("parameters", [p.path for p in self.parameters]),
                            ("targets", [t.outcome for t in self.targets])):
            twice = sorted({n for n in names if names.count(n) > 1})
            if twice:
                raise ValueError(f"{what}: named more than once: {', '.join(twice)}")
        return self


def band_problems(targets: TargetsFile, band_keys: tuple[str, ...]) -> list[str]:
    """Targets by age band that name a band the scenario does not have, one line each."""
    return [f"targets[{i}].outcome: {t.outcome!r} names age band {t.band!r}, which the "
            f"scenario does not have; expected one of "
            f"{', '.join(BAND_OUTCOME.format(k) for k in band_keys)}"
            for i, t in enumerate(targets.targets) if t.band is not None
            and t.band not in band_keys]


def area_problems(targets: TargetsFile, area_names: tuple[str, ...]) -> list[str]:
    """Targets by area that name no area of a divided scenario, one line each."""
    expected = (", ".join([*(AREA_OUTCOME.format(kind, name) for name in area_names
                             for kind in ("in_care_homes", "with_home_care")),
                           *(AREA_ADMISSIONS_OUTCOME.format(name) for name in area_names)])
                if len(area_names) > 1 else "no area targets: the place is not divided")
    return [f"targets[{i}].outcome: {t.outcome!r} names area {t.area!r}, which the "
            f"scenario does not have; expected {expected}"
            for i, t in enumerate(targets.targets) if t.area is not None
            and (len(area_names) < 2 or t.area not in area_names)]


def load_targets(path: str | Path) -> TargetsFile:
    """Read and check a targets file.

    Raises:
        ScenarioError: One line per problem, each naming the file and the field.
    """
    raw = read_toml(path, "a calibration targets")
    try:
        return TargetsFile.model_validate(raw)
    except ValidationError as error:
        raise ScenarioError(path, problems_from_validation(error)) from None
