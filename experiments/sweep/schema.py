"""The experiment file: a base scenario, designs, parameters to vary, sampling, replications.

An experiment is a baseline scenario plus small named changes (the parameters), run under
one or more designs with common random numbers. See docs/experiments.md for the format.
"""

from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from experiments.overrides import Siblings
from experiments.sweep.errors import ExperimentError
from sim.scenario.errors import problems_from_validation
from sim.scenario.loader import read_toml

_FROZEN = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

# Tables kept per run unless the file says otherwise; the ledger is left out because it
# holds every posting and would dominate the store's size. service_lines_annual exists
# only for places with an integrated provider (a few rows a year).
DEFAULT_TABLES = ("system_weekly", "finance_annual", "care_shares_annual", "settlements",
                  "exposure_annual", "exits", "service_lines_annual")
KNOWN_TABLES = frozenset({*DEFAULT_TABLES, "organisations_monthly", "ledger", "fairness",
                          "decisions"})


class SamplingMethod(StrEnum):
    """How parameter values are drawn."""

    GRID = "grid"
    RANDOM = "random"
    LHS = "lhs"


class Parameter(BaseModel):
    """One scenario value to vary, addressed by a dotted path (organisations by id).

    Give either ``values`` (a list, used as-is by grid sampling; an entry may be a whole
    table or list) or a range ``low``–``high`` (grid sampling takes ``levels`` evenly
    spaced points; random and LHS draw within it). ``siblings = "pro_rata"`` rescales the
    other entries of the value's table so it keeps its total (shares keep adding to 1).
    """

    model_config = _FROZEN

    path: str = Field(min_length=1)
    low: float | None = None
    high: float | None = None
    values: list[float | int | str | bool | dict[str, Any] | list[Any]] | None = None
    levels: int = Field(3, ge=2, le=100)
    integer: bool = False
    siblings: Siblings = Siblings.UNCHANGED

    @model_validator(mode="after")
    def _range_or_values(self) -> "Parameter":
        if self.values is not None:
            if not self.values:
                raise ValueError("values is empty; expected at least one value")
            if self.low is not None or self.high is not None:
                raise ValueError("give either values or low/high, not both")
            return self
        if self.low is None or self.high is None:
            raise ValueError("expected a range (low and high) or a list of values")
        if not self.low < self.high:
            raise ValueError(f"empty range: low ({self.low}) must be below high ({self.high})")
        return self

    @property
    def is_range(self) -> bool:
        """Whether the parameter is given as a continuous range."""
        return self.values is None


class Sampling(BaseModel):
    """How to turn parameter ranges into samples."""

    model_config = _FROZEN

    method: SamplingMethod = SamplingMethod.GRID
    samples: int = Field(10, ge=1, le=100_000)
    seed: int = Field(0, ge=0)


class SensitivitySpec(BaseModel):
    """What ``placesim sensitivity`` analyses: outcomes, one design, SALib's sample size."""

    model_config = _FROZEN

    outcomes: list[str] = Field(min_length=1)
    design: str | None = None
    samples: int = Field(32, ge=2, le=100_000)
    morris_levels: int = Field(4, ge=2, le=20)


class ExperimentMeta(BaseModel):
    """Which scenario, designs, horizon and population the runs use."""

    model_config = _FROZEN

    name: str = Field(min_length=1)
    scenario: Path
    designs: list[str] | None = None
    replications: int = Field(1, ge=1, le=10_000)
    years: int | None = Field(None, ge=1, le=30)
    people: int | None = Field(None, ge=100)
    allow_upsample: bool = False
    seed: int = Field(1, ge=0)
    tables: list[str] = Field(default_factory=lambda: list(DEFAULT_TABLES))

    @model_validator(mode="after")
    def _tables_known(self) -> "ExperimentMeta":
        unknown = sorted(set(self.tables) - KNOWN_TABLES)
        if unknown:
            raise ValueError(f"unknown tables {unknown}; expected some of {sorted(KNOWN_TABLES)}")
        return self


class Experiment(BaseModel):
    """A whole experiment file."""

    model_config = _FROZEN

    experiment: ExperimentMeta
    sampling: Sampling = Sampling()
    parameters: list[Parameter] = Field(default_factory=list)
    sensitivity: SensitivitySpec | None = None
    source: Path = Path("<experiment>")

    @model_validator(mode="after")
    def _paths_unique(self) -> "Experiment":
        paths = [p.path for p in self.parameters]
        repeated = sorted({p for p in paths if paths.count(p) > 1})
        if repeated:
            raise ValueError(f"parameters repeated: {repeated}; each path may appear once")
        return self

    @property
    def scenario_path(self) -> Path:
        """The base scenario, relative paths taken from the experiment file's folder."""
        path = self.experiment.scenario
        return path if path.is_absolute() else self.source.parent / path


def load_experiment(path: str | Path) -> Experiment:
    """Read and validate an experiment TOML file (its parameters are checked later).

    Raises:
        ExperimentError: Naming the file and each bad field with what was expected.
    """
    return experiment_from_dict(read_toml(path, "an experiment", ExperimentError),
                                source=Path(path))


def experiment_from_dict(raw: dict[str, Any], source: str | Path = "<experiment>") -> Experiment:
    """Validate an experiment given as a dict.

    Raises:
        ExperimentError: Naming each bad field.
    """
    try:
        return Experiment.model_validate({**raw, "source": Path(source)})
    except ValidationError as error:
        raise ExperimentError(source, problems_from_validation(error)) from None
