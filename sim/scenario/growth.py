"""Cost and price growth: pay and price inflation per cost line, tariff and fee uplifts.

Figures are nominal when any rate is set: costs of model year ``y`` (0-based) are the
scenario's costs × ``(1 + rate)^y`` per cost line, and contract prices rise by their
uplift from contract year 2. With every rate 0 (the default) figures are real, in the
scenario's price year, and runs are what they were before growth existed.

* A cost line's rate defaults to ``pay_share·pay_inflation + (1 − pay_share)·price_inflation``
  (a provider may set any line's rate itself).
* The national tariff uplift is cost inflation less the efficiency factor (the NHS
  payment scheme's cost uplift factor minus its efficiency factor); it applies to unit
  prices and per-head rates a health commissioner, pooled budget or lead provider pays,
  unless the contract sets ``price_uplift_per_year`` itself.
* The care-market fee uplift applies to what a local authority pays; unset, it follows
  cost inflation (fees that keep pace with providers' costs).
* Allocations grow at each commissioner's ``allocation_growth_per_year``.
"""

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

_FROZEN = ConfigDict(frozen=True, extra="forbid")
Inflation = Field(0.0, ge=-0.2, le=0.5, allow_inf_nan=False)


class CostLine(StrEnum):
    """A provider's cost lines that inflation applies to."""

    FIXED = "fixed_cost"
    SEMI_FIXED = "semi_fixed_cost"
    VARIABLE = "variable_cost"


class CostLineInflation(BaseModel):
    """A provider's own inflation per cost line (``None``: the place's cost inflation)."""

    model_config = _FROZEN

    fixed_cost: float | None = Field(None, ge=-0.2, le=0.5, allow_inf_nan=False)
    semi_fixed_cost: float | None = Field(None, ge=-0.2, le=0.5, allow_inf_nan=False)
    variable_cost: float | None = Field(None, ge=-0.2, le=0.5, allow_inf_nan=False)


class PlaceGrowth(BaseModel):
    """The place's ``[growth]`` table: inflation and uplift rules (all per year, nominal).

    Attributes:
        pay_inflation_per_year: Pay award.
        price_inflation_per_year: Non-pay price inflation.
        pay_share: Share of a cost line that is pay (estimate: about two thirds of NHS
            provider spending is staff; used only where rates are set).
        tariff_efficiency_factor: Deducted from cost inflation for the tariff uplift.
        care_fee_uplift_per_year: Uplift of local-authority fees (``None``: cost inflation).
    """

    model_config = _FROZEN

    pay_inflation_per_year: float = Inflation
    price_inflation_per_year: float = Inflation
    pay_share: float = Field(0.65, ge=0.0, le=1.0)
    tariff_efficiency_factor: float = Field(0.0, ge=0.0, le=0.2, allow_inf_nan=False)
    care_fee_uplift_per_year: float | None = Field(None, ge=-0.2, le=0.5, allow_inf_nan=False)

    @property
    def cost_inflation(self) -> Decimal:
        """Default inflation of a cost line: pay and price inflation weighted by pay share."""
        pay, share = Decimal(repr(self.pay_inflation_per_year)), Decimal(repr(self.pay_share))
        return share * pay + (1 - share) * Decimal(repr(self.price_inflation_per_year))

    @property
    def tariff_uplift(self) -> Decimal:
        """The tariff uplift: cost inflation less the efficiency factor."""
        return self.cost_inflation - Decimal(repr(self.tariff_efficiency_factor))

    @property
    def care_fee_uplift(self) -> Decimal:
        """The care-market fee uplift (cost inflation unless set)."""
        if self.care_fee_uplift_per_year is None:
            return self.cost_inflation
        return Decimal(repr(self.care_fee_uplift_per_year))

    def is_nominal(self, provider_lines: list[CostLineInflation] = ()) -> bool:
        """Whether any rate is set (figures are then nominal, not in the price year)."""
        rates = [self.pay_inflation_per_year, self.price_inflation_per_year,
                 self.tariff_efficiency_factor, self.care_fee_uplift_per_year or 0.0]
        rates += [v or 0.0 for line in provider_lines for v in line.model_dump().values()]
        return any(rates)

    def line_rates(self, own: CostLineInflation) -> dict[CostLine, Decimal]:
        """A provider's inflation per cost line: its own where set, else the place's."""
        rates = own.model_dump()
        return {line: (self.cost_inflation if rates[line.value] is None
                       else Decimal(repr(rates[line.value]))) for line in CostLine}


def growth_factor(rate: Decimal, years: int) -> Decimal:
    """``(1 + rate)^years``: the multiplier after ``years`` whole years of growth."""
    return (1 + rate) ** years
