"""How levers change care (ground truth used by the simulator, not by the agents' beliefs).

Each effect saturates with spend: effect = max_effect × (1 − exp(−spend / scale)), so early
money buys most and no amount of money removes all need. All values are estimates: see the
comments in ``scenarios/default.toml`` and docs/ODD.md.
"""

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from sim.core.limits import MAX_WEEKS, NonNegativeGbp, PositiveGbp


class LeverEffects(BaseModel):
    """Parameters of the functions that turn lever positions into changes in care."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    discharge_effort_max_los_reduction: float = Field(0.15, ge=0.0, le=0.9)
    discharge_effort_cost_gbp_per_year: NonNegativeGbp = Decimal(2_000_000)
    avoidance_max_hazard_reduction: float = Field(0.10, ge=0.0, le=0.9)
    avoidance_scale_gbp: PositiveGbp = Decimal(2_000_000)
    proactive_max_frail_hazard_reduction: float = Field(0.15, ge=0.0, le=0.9)
    proactive_scale_gbp: PositiveGbp = Decimal(1_500_000)
    proactive_contacts_per_frail_person_week_at_scale: float = Field(0.25, ge=0.0, le=14.0)


class DemandParams(BaseModel):
    """Demand shocks and schemes that nobody in the model controls (uncertainties)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    nel_demand_growth_per_year: float = Field(0.0, ge=-0.2, le=0.3)
    prevention_scheme_effect: float = Field(0.0, ge=0.0, le=0.9)
    prevention_scheme_start_week: int = Field(0, ge=0, le=MAX_WEEKS)
    scheme_benefit_realised: float = Field(1.0, ge=0.0, le=2.0)
