"""The record a calibrated scenario carries: what was fitted, to what, and how well."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class FittedParameter(BaseModel):
    """A fitted parameter: its path, the range searched and the value chosen."""

    model_config = _FROZEN

    path: str
    low: float
    high: float
    prior: str
    value: float
    integer: bool = False  # searched over whole numbers
    start: float | None = None  # the first trial's value, when a refit started from a fit
    at_bound: Literal["low", "high"] | None = None  # the value is at an end of its range
    # The most this parameter moves any target across its range, as a share of the target,
    # over the fit's trials, and which target (experiments/calibration/reach.py).
    reach: float | None = None
    reach_on: str | None = None


class FittedTarget(BaseModel):
    """A target and how well the calibrated scenario meets it (mean over the seeds)."""

    model_config = _FROZEN

    outcome: str
    target: float
    fitted: float
    relative_error: float
    weight: float = 1.0
    source: str = ""


class CalibrationRecord(BaseModel):
    """How the scenario was calibrated; the values themselves are in the scenario."""

    model_config = _FROZEN

    from_scenario: str
    targets_file: str
    design: str
    years: int = Field(ge=1)
    people: int = Field(ge=1)
    seeds: list[int] = Field(min_length=1)
    trials: int = Field(ge=1)
    evaluations: int = Field(ge=1)
    sampler: str
    started_from: str | None = None  # an earlier fit whose values were the first trial
    loss: float = Field(ge=0)
    parameters: list[FittedParameter] = Field(min_length=1)
    targets: list[FittedTarget] = Field(min_length=1)
