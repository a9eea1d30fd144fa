"""Contract terms for each payment mechanism, as frozen, validated data.

A scenario file names the mechanism (``mechanism = "block"``) and pydantic picks the
matching model through the :data:`ContractTerms` discriminated union. Prices are given
in pounds and read in pence through the ``*_pence`` properties, converted once with
:func:`sim.core.money.gbp_to_pence`. Each class docstring names the English payment rules it
can express, with their published parameters (NHS England, HFMA, HSJ).
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from sim.core.activity import ActivityUnit
from sim.core.limits import MAX_VOLUME_PER_YEAR, NonNegativeGbp
from sim.core.money import gbp_to_pence

AmountGbp = NonNegativeGbp
Rate = Annotated[float, Field(ge=0.0, le=1.0)]
VolumePerYear = Annotated[float, Field(ge=0.0, le=MAX_VOLUME_PER_YEAR, allow_inf_nan=False)]
# A compound yearly price uplift from contract year 2; ``None`` leaves it to the place's
# growth rules (tariff uplift or care-market fee uplift), which are 0 unless set.
PriceUplift = Annotated[float, Field(gt=-1.0, le=1.0, allow_inf_nan=False)] | None


class PaymentMechanism(StrEnum):
    """How a contract pays: the ``mechanism`` tag of its terms."""

    ACTIVITY_BASED = "activity_based"
    BLOCK = "block"
    CAPITATION = "capitation"
    BLENDED = "blended"
    GLOBAL_BUDGET = "global_budget"

    def __repr__(self) -> str:
        # Validation errors list the expected tags by repr; show them as a scenario
        # file would spell them.
        return repr(self.value)


class _Terms(BaseModel):
    """Shared configuration: terms are immutable and reject unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class ActivityBasedTerms(_Terms):
    """Payment by results: a price per unit, optionally a marginal rate around a baseline.

    The 2010/11 marginal rate emergency tariff paid 30% of price for emergency activity
    above a baseline (``marginal_rate_above = 0.3``). API elective variable rates
    (2022/23) paid over-plan activity at 75% and deducted shortfall at 50%
    (``marginal_rate_above = 0.75``, ``marginal_rate_below = 0.5``). Without
    ``marginal_rate_below`` a shortfall is deducted at the full price, i.e. activity
    below the baseline is simply paid per unit.

    Attributes:
        mechanism: Always ``"activity_based"``.
        unit: The unit of activity priced.
        price_gbp: Price per unit, pounds.
        baseline_volume: Units per year above (or below) which marginal rates apply.
        marginal_rate_above: Share of price paid per unit above the baseline.
        marginal_rate_below: Share of price deducted per unit of shortfall.
        price_uplift_per_year: Compound yearly uplift of the price from contract year 2
            (a tariff uplift: cost inflation less the efficiency factor).
    """

    mechanism: Literal[PaymentMechanism.ACTIVITY_BASED] = PaymentMechanism.ACTIVITY_BASED
    unit: ActivityUnit
    price_gbp: AmountGbp
    baseline_volume: VolumePerYear | None = None
    marginal_rate_above: Rate | None = None
    marginal_rate_below: Rate | None = None
    price_uplift_per_year: PriceUplift = None

    @model_validator(mode="after")
    def _marginal_rates_need_baseline(self) -> Self:
        if self.baseline_volume is None:
            for name in ("marginal_rate_above", "marginal_rate_below"):
                if getattr(self, name) is not None:
                    raise ValueError(f"{name} is set, so baseline_volume is required")
        elif self.marginal_rate_above is None:
            raise ValueError(
                "baseline_volume is set, so marginal_rate_above is required "
                "(a number in [0, 1], e.g. 0.3)"
            )
        return self

    @property
    def price_pence(self) -> int:
        """Price per unit in whole pence."""
        return gbp_to_pence(self.price_gbp)


class BlockTerms(_Terms):
    """A fixed annual sum paid in twelfths, with an optional uplift and volume corridor.

    Wigan's two-year block carried a +1% annual uplift (``uplift_per_year = 0.01``,
    compounding from contract year 2). With a corridor, year-end activity above
    ``planned_volume × (1 + corridor_fraction)`` is paid, and activity below
    ``planned_volume × (1 − corridor_fraction)`` deducted, at ``corridor_price_gbp``
    per unit; the four corridor fields are given together or not at all.

    Attributes:
        mechanism: Always ``"block"``.
        annual_value_gbp: Value of contract year 1, pounds.
        uplift_per_year: Compound annual uplift; negative for a real-terms cut.
        unit: The unit of activity the corridor counts.
        planned_volume: Planned units per year.
        corridor_fraction: Half-width of the corridor as a share of plan.
        corridor_price_gbp: Pounds per unit outside the corridor.
    """

    mechanism: Literal[PaymentMechanism.BLOCK] = PaymentMechanism.BLOCK
    annual_value_gbp: AmountGbp
    uplift_per_year: Annotated[float, Field(gt=-1.0, le=1.0)] = 0.0
    unit: ActivityUnit | None = None
    planned_volume: VolumePerYear | None = None
    corridor_fraction: Rate | None = None
    corridor_price_gbp: AmountGbp | None = None

    @model_validator(mode="after")
    def _corridor_all_or_nothing(self) -> Self:
        names = ("unit", "planned_volume", "corridor_fraction", "corridor_price_gbp")
        missing = [name for name in names if getattr(self, name) is None]
        if 0 < len(missing) < len(names):
            raise ValueError(
                f"a volume corridor needs all of {', '.join(names)}; missing: {', '.join(missing)}"
            )
        return self

    @property
    def has_corridor(self) -> bool:
        """Whether the block carries a volume corridor."""
        return self.corridor_price_gbp is not None

    @property
    def annual_value_pence(self) -> int:
        """Value of contract year 1 in whole pence."""
        return gbp_to_pence(self.annual_value_gbp)

    @property
    def corridor_price_pence(self) -> int:
        """Price per unit outside the corridor in whole pence (0 without a corridor)."""
        if self.corridor_price_gbp is None:
            return 0
        return gbp_to_pence(self.corridor_price_gbp)


class CapitationTerms(_Terms):
    """An annual amount per (optionally risk-weighted) head, paid in twelfths.

    Risk weights are keyed by a population cell label chosen by the scenario (for
    example ``"85+/severe"`` for an age band and frailty level); see
    :func:`sim.payments.weighted_head_count`.

    Attributes:
        mechanism: Always ``"capitation"``.
        per_head_gbp: Pounds per weighted head per year.
        risk_weights: Weight per population cell; ``None`` counts every head as 1.
        price_uplift_per_year: Compound yearly uplift of the rate from contract year 2.
    """

    mechanism: Literal[PaymentMechanism.CAPITATION] = PaymentMechanism.CAPITATION
    per_head_gbp: AmountGbp
    # A risk weight is a cell's expected cost against the average: estimate, 100 is far
    # above the costliest cells (docs/scenario-limits.md).
    risk_weights: dict[str, Annotated[float, Field(ge=0.0, le=100.0)]] | None = None
    price_uplift_per_year: PriceUplift = None

    @model_validator(mode="after")
    def _weights_not_empty(self) -> Self:
        if self.risk_weights is not None and not self.risk_weights:
            raise ValueError("risk_weights is empty; omit it to count every head as 1")
        return self

    @property
    def per_head_pence(self) -> int:
        """Pence per weighted head per year."""
        return gbp_to_pence(self.per_head_gbp)


class BlendedTerms(_Terms):
    """A fixed element on plan, a variable element off plan, outcome retention and CQUIN.

    The 2019/20 blended emergency payment paid planned activity at full price and
    activity above or below plan at 20% of price (``variable_rate = 0.2``).
    Oxfordshire's mental health outcomes contract held back 20% of the block against
    outcomes (``outcome_retention = 0.2``). CQUIN was 2.5% (2016/17) and 1.25%
    (2022/23) of contract value (``cquin_rate``); here contract value is the fixed
    element, ``price × planned_volume``.

    Attributes:
        mechanism: Always ``"blended"``.
        unit: The unit of activity priced.
        price_gbp: Price per unit, pounds.
        planned_volume: Planned units per year.
        variable_rate: Share of price paid or deducted per unit above or below plan.
        outcome_retention: Share of the fixed element paid at year end × outcome score.
        cquin_rate: Year-end bonus as a share of contract value × CQUIN achievement.
        price_uplift_per_year: Compound yearly uplift of the price from contract year 2.
    """

    mechanism: Literal[PaymentMechanism.BLENDED] = PaymentMechanism.BLENDED
    unit: ActivityUnit
    price_gbp: AmountGbp
    planned_volume: VolumePerYear
    variable_rate: Rate
    outcome_retention: Rate = 0.0
    cquin_rate: Rate = 0.0
    price_uplift_per_year: PriceUplift = None

    @property
    def price_pence(self) -> int:
        """Price per unit in whole pence."""
        return gbp_to_pence(self.price_gbp)


class GlobalBudgetTerms(_Terms):
    """Global budget revenue: an approved annual revenue, updated yearly, moved by volume shift.

    Maryland's hospital global budgets (HSCRC, from 2014; COMAR 10.37.10.04-3) fix a
    hospital's approved revenue in advance from a base period, raise it each rate year by
    an update factor (factor cost inflation, demographic and other adjustments), and move
    it with a *market shift adjustment* only where volume moved between providers, at a
    50% variable cost factor (``variable_cost_factor = 0.5``). A fall in the place's own
    use of hospital care, e.g. admissions avoided, leaves the budget where it was: that is
    the incentive the design exists for.

    Revenue of contract year ``t`` is ``R_t = R·(1 + u)^(t − 1)`` paid in twelfths, and the
    average revenue per unit is ``R_t / B`` for base volume ``B``. At year end:

    * market shift (when ``base_market_share`` σ is given): the hospital's volume ``V``
      against the share of the place's volume ``M`` it held in the base period, ``V − σ·M``
      units, is paid (or taken back) at ``variable_cost_factor`` × ``R_t / B``;
    * volume corridor (when ``volume_corridor_fraction`` f is given): the rest of the
      change, ``σ·M − B`` (or ``V − B`` without σ), is paid or taken back at the same
      rate only beyond ``f·B`` either side of the base. Without a corridor the budget
      does not move with the place's utilisation at all. The corridor is this model's
      way of expressing the HSCRC's limits on how far charges may stray from the
      approved revenue; it is a modelling choice, not a published parameter.

    The HSCRC applies market shift to the following period's budget; here it is settled
    at the end of the contract year in which it happened, so each year's accounts close.

    Attributes:
        mechanism: Always ``"global_budget"``.
        approved_revenue_gbp: Approved revenue of contract year 1, pounds.
        update_factor_per_year: Compound yearly update from contract year 2.
        unit: The unit of activity counted for volume adjustments.
        base_volume: Units per year in the base period.
        variable_cost_factor: Share of average revenue per unit paid per unit shifted.
        base_market_share: The hospital's share of the place's volume of ``unit`` in the
            base period; ``None`` when no market shift is measured.
        volume_corridor_fraction: Half-width of the volume corridor as a share of base.
    """

    mechanism: Literal[PaymentMechanism.GLOBAL_BUDGET] = PaymentMechanism.GLOBAL_BUDGET
    approved_revenue_gbp: AmountGbp
    update_factor_per_year: Annotated[float, Field(gt=-1.0, le=1.0)] = 0.0
    unit: ActivityUnit
    base_volume: Annotated[float, Field(gt=0.0, le=MAX_VOLUME_PER_YEAR, allow_inf_nan=False)]
    variable_cost_factor: Rate = 0.5
    base_market_share: Annotated[float, Field(gt=0.0, le=1.0)] | None = None
    volume_corridor_fraction: Rate | None = None

    @property
    def approved_revenue_pence(self) -> int:
        """Approved revenue of contract year 1 in whole pence."""
        return gbp_to_pence(self.approved_revenue_gbp)


ContractTerms = Annotated[
    ActivityBasedTerms | BlockTerms | CapitationTerms | BlendedTerms | GlobalBudgetTerms,
    Field(discriminator="mechanism"),
]
"""Terms of any mechanism, chosen by the ``mechanism`` field."""

_CONTRACT_TERMS = TypeAdapter(ContractTerms, config=ConfigDict(title="contract terms"))


def parse_contract_terms(data: Mapping[str, Any]) -> ContractTerms:
    """Validate raw contract terms (e.g. a TOML table) into the model for its mechanism.

    Args:
        data: Field names and values, including ``mechanism``.

    Returns:
        The validated, frozen terms.

    Raises:
        pydantic.ValidationError: The mechanism is unknown or missing, or a field is
            missing, unknown or out of range; the message names the field.
    """
    return _CONTRACT_TERMS.validate_python(data)
