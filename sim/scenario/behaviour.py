"""Behavioural parameters of an organisation (see docs/behaviour.md for units and ranges)."""

from pydantic import BaseModel, ConfigDict, Field


class BehaviourParams(BaseModel):
    """How an organisation weighs its options and how it trusts its partners.

    Defaults are judged values (no published figures exist): see docs/behaviour.md.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    system_orientation: float = Field(0.1, ge=0.0, le=1.0)
    mission_weight: float = Field(0.1, ge=0.0, le=5.0)
    risk_aversion: float = Field(0.5, ge=0.0, le=5.0)
    temperature_gbp: float = Field(100_000.0, ge=0.0)
    horizon_years: float = Field(2.0, gt=0.0, le=10.0)
    discount_rate_per_year: float = Field(0.035, ge=0.0, le=0.5)
    transparency_weeks: int = Field(13, ge=1, le=104)
    transparency_noise: float = Field(0.1, ge=0.0, le=1.0)
    learning_rate: float = Field(0.3, ge=0.0, le=1.0)
    trust_initial: float = Field(0.6, ge=0.0, le=1.0)
    trust_learning_rate: float = Field(0.3, ge=0.0, le=1.0)
    trust_exit_threshold: float = Field(0.25, ge=0.0, le=1.0)
    reserves_exit_threshold_gbp: float = Field(-1_000_000.0)
    trust_orientation_gain: float = Field(0.5, ge=0.0, le=2.0)
