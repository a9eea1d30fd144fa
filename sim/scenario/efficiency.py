"""Efficiency programmes (cost improvement plans): planned savings and how far they land.

A provider's programme plans a saving each model year, either a share of its cost base
(fixed plus semi-fixed cost at the year's start: the costs a plan can take out) or an
amount in pounds. The plan is lowered by the planned saving; what is delivered is the
planned saving × an achievement drawn once a year from ``delivery``:

* ``fixed``: achievement ``achieved`` every year (``achieved = 0.5`` is the seeds' stress
  case, "half the benefits");
* ``beta``: a beta distribution on [0, 1] with the given mean and standard deviation.
  The default, mean 0.8 and sd 0.15, is an estimate: NHS providers have typically
  delivered most but not all of their planned cost improvement, with a wide spread
  between trusts (no single published distribution; chosen so that full delivery and
  half delivery are both plausible).

The shortfall (planned − delivered) is the programme's variance against plan.
"""

from decimal import Decimal
from typing import Annotated, Literal, Self

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from sim.core.limits import NonNegativeGbp

_FROZEN = ConfigDict(frozen=True, extra="forbid")
Share = Annotated[float, Field(ge=0.0, le=0.5, allow_inf_nan=False)]


class Delivery(BaseModel):
    """The distribution of a programme's achievement (share of the planned saving delivered)."""

    model_config = _FROZEN

    distribution: Literal["fixed", "beta"] = "beta"
    achieved: float = Field(1.0, ge=0.0, le=1.5, allow_inf_nan=False)
    mean: float = Field(0.8, gt=0.0, lt=1.0)
    sd: float = Field(0.15, gt=0.0, lt=0.5)

    @model_validator(mode="after")
    def _beta_is_possible(self) -> Self:
        if self.distribution == "beta" and self.sd ** 2 >= self.mean * (1 - self.mean):
            raise ValueError(f"sd {self.sd} is too wide for a beta distribution with mean "
                             f"{self.mean}: expected sd² < mean·(1 − mean)")
        return self

    def draw(self, rng: np.random.Generator) -> float:
        """One year's achievement."""
        if self.distribution == "fixed":
            return self.achieved
        spread = self.mean * (1 - self.mean) / self.sd ** 2 - 1
        return float(rng.beta(self.mean * spread, (1 - self.mean) * spread))


class EfficiencyProgramme(BaseModel):
    """A provider's planned savings per model year (year 1 first) and their delivery.

    Attributes:
        planned_share_of_cost: Saving as a share of the year's cost base, per year.
        planned_gbp: Saving in pounds, per year (instead of shares).
        delivery: How much of the planned saving is delivered.
    """

    model_config = _FROZEN

    planned_share_of_cost: tuple[Share, ...] = Field((), max_length=30)
    planned_gbp: tuple[NonNegativeGbp, ...] = ()
    delivery: Delivery = Delivery()

    @model_validator(mode="after")
    def _one_kind_of_plan(self) -> Self:
        if bool(self.planned_share_of_cost) == bool(self.planned_gbp):
            raise ValueError("give exactly one of planned_share_of_cost or planned_gbp "
                             "(one value per year)")
        return self

    def planned_pence(self, year: int, cost_base_pence: int) -> int:
        """The planned saving of model year ``year`` (0-based), in whole pence (0 past the plan)."""
        if self.planned_gbp:
            if year >= len(self.planned_gbp):
                return 0
            return int(round(self.planned_gbp[year] * 100))
        if year >= len(self.planned_share_of_cost):
            return 0
        share = Decimal(repr(self.planned_share_of_cost[year]))
        return int((share * cost_base_pence).to_integral_value())
