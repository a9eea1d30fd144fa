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

A part of the plan may count on a lever move (``depends_on``): a plan that closes beds
saves their cost only if the beds close. That part (``share_of_plan`` of the delivered
saving) is delivered month by month in proportion to how far the lever has moved from
``from_value`` towards ``to_value`` that month (none before it moves, all once it is
there, never more); the rest is delivered as above.

The shortfall (planned − delivered) is the programme's variance against plan.
"""

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sim.core.limits import NonNegativeGbp

if TYPE_CHECKING:  # the draw's generator comes from the run: validating needs no numpy
    import numpy as np

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

    def draw(self, rng: "np.random.Generator") -> float:
        """One year's achievement."""
        if self.distribution == "fixed":
            return self.achieved
        spread = self.mean * (1 - self.mean) / self.sd ** 2 - 1
        return float(rng.beta(self.mean * spread, (1 - self.mean) * spread))


class LeverDependency(BaseModel):
    """The part of a programme's saving that counts on one of the provider's levers moving.

    Attributes:
        lever: A capacity (``acute_beds``: units in force) or another lever of the provider
            (for an integrated provider, of any of its lines).
        from_value: Where the plan found the lever (e.g. 840 beds), in its unit.
        to_value: Where the plan counts on it standing (e.g. 808 beds: 32 closed).
        share_of_plan: Share of the delivered saving that rests on the move (0–1).
    """

    model_config = _FROZEN

    lever: str = Field(min_length=1)
    from_value: float = Field(ge=0.0, allow_inf_nan=False)
    to_value: float = Field(ge=0.0, allow_inf_nan=False)
    share_of_plan: float = Field(gt=0.0, le=1.0, allow_inf_nan=False)

    @model_validator(mode="after")
    def _a_move(self) -> Self:
        if self.from_value == self.to_value:
            raise ValueError(f"to_value {self.to_value} equals from_value: expected the "
                             f"position the plan counts on the lever moving to")
        return self

    def completion(self, position: float) -> Decimal:
        """How far the lever has moved from ``from_value`` to ``to_value`` (0 to 1)."""
        start, end = Decimal(repr(self.from_value)), Decimal(repr(self.to_value))
        moved = (start - Decimal(repr(float(position)))) / (start - end)
        return min(Decimal(1), max(Decimal(0), moved))


class EfficiencyProgramme(BaseModel):
    """A provider's planned savings per model year (year 1 first) and their delivery.

    Attributes:
        planned_share_of_cost: Saving as a share of the year's cost base, per year.
        planned_gbp: Saving in pounds, per year (instead of shares).
        delivery: How much of the planned saving is delivered.
        depends_on: The part of the saving that counts on a lever move (none: all of it
            is delivered as ``delivery`` says).
    """

    model_config = _FROZEN

    planned_share_of_cost: tuple[Share, ...] = Field((), max_length=30)
    planned_gbp: tuple[NonNegativeGbp, ...] = ()
    delivery: Delivery = Delivery()
    depends_on: LeverDependency | None = None

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
