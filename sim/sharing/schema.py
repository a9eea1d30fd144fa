"""A risk/benefit-sharing agreement as data.

An agreement names its parties, the level it is held at and what it covers, how its
baseline is set, the party that takes whatever caps or corridors leave unassigned, and
separate specs for sharing gains and losses. It is embedded in scenario files as
``[[designs.<design>.agreements]]`` and settled by
:func:`sim.sharing.settle.settle_risk_share`.
"""

from decimal import Decimal
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sim.core.limits import NonNegativeGbp
from sim.sharing.errors import AgreementError
from sim.sharing.modifier_specs import ModifierSpec
from sim.sharing.modifiers import CONTINGENCY_RESERVE_PARTY, REINVESTMENT_PARTY
from sim.sharing.rule_specs import RuleSpec

PSEUDO_PARTIES = frozenset({CONTINGENCY_RESERVE_PARTY, REINVESTMENT_PARTY})


class Level(StrEnum):
    """Where the risk share is held (the guidance: project, organisation or system)."""

    SERVICE = "service"  # scope lists contract ids
    ORGANISATION = "organisation"  # scope lists party ids whose positions are pooled
    SYSTEM = "system"  # scope lists a pooled-budget id or the whole place


class Side(StrEnum):
    """Which spec applies: a gain (pool > 0) or a loss (pool < 0)."""

    GAINS = "gains"
    LOSSES = "losses"


class BaselineSpec(BaseModel):
    """How the baseline is set over the years.

    Attributes:
        fixed_years: Years the base baseline stays fixed (``None``: fixed throughout).
            Torbay: 5 years fixed, then rolling over 3.
        rolling_years: After the fixed period, the baseline is the mean out-turn of the
            last this-many years.
        adjust_for_population_growth: Scale the baseline by population growth.
        planned_growth_per_year: Planned growth built into the plan: each year's
            baseline is last year's × (1 + growth); rolled out-turns are grown to the year.
        series_gbp: An explicit baseline per agreement year (year 1 first), pounds; a
            year past the series grows its last value by ``planned_growth_per_year``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    fixed_years: int | None = Field(default=None, ge=1)
    rolling_years: int = Field(default=3, ge=1)
    adjust_for_population_growth: bool = False
    planned_growth_per_year: float = Field(default=0.0, ge=-0.5, le=0.5, allow_inf_nan=False)
    series_gbp: tuple[NonNegativeGbp, ...] = ()


class SideSpec(BaseModel):
    """How one side (gains or losses) is shared: a rule plus modifiers.

    Attributes:
        rule: The distribution rule.
        modifiers: Composable modifiers (see :mod:`sim.sharing.modifier_specs`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    rule: RuleSpec
    modifiers: tuple[ModifierSpec, ...] = ()


class RiskShareAgreement(BaseModel):
    """A gain/loss sharing agreement between organisations.

    Attributes:
        name: Identifies the agreement in settlements and errors.
        parties: Organisation ids taking part.
        level: Service, organisation or system.
        scope: Contract ids, a pooled-budget id, or party ids whose positions are pooled.
        baseline: How the baseline is set year to year.
        residual_party: Takes what a corridor, sharing rate or cap leaves unassigned
            (usually the host commissioner).
        gains: How a gain (baseline above out-turn) is shared.
        losses: How a loss (out-turn above baseline) is shared.
        first_year: In a model run, the first year it is in force (1 = the run's first
            year, as on screen); it first settles at that year's end and its base year is
            that year. A settlement on its own ignores it.
        last_year: The last year it is in force (None: to the end of the run).
        minimum_term_years: In a model run, years from its first during which no party may
            leave (a party that decides to leave goes once the term is served).
        notice_years: Settlements a party still takes part in after giving notice.
        planned_surplus_share: At organisation level, the scope providers' planned surplus
            as a share of the baseline: the pool is the variance from the plan, baseline ×
            (1 − share) − out-turn, and the planned surplus stays with them. Torbay:
            commissioners pay the baseline "allowing for a 1% surplus for the ICO", and
            "any variance in the planned financial performance" is shared (0.01).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    name: str = Field(min_length=1)
    parties: tuple[str, ...] = Field(min_length=1)
    level: Level
    scope: tuple[str, ...] = ()
    baseline: BaselineSpec = BaselineSpec()
    residual_party: str
    gains: SideSpec
    losses: SideSpec
    first_year: int = Field(1, ge=1, le=1000)
    last_year: int | None = Field(None, ge=1, le=1000)
    minimum_term_years: int = Field(0, ge=0, le=100)
    notice_years: int = Field(0, ge=0, le=10)
    planned_surplus_share: Decimal = Field(Decimal(0), ge=0, lt=Decimal("0.5"))

    def earliest_exit_year(self, decided_in: int) -> int:
        """The last model year (0-based) a leaver still settles in, deciding in ``decided_in``.

        It is out from the year after (``decided_in`` itself: out from the next year).
        """
        return max(decided_in + self.notice_years, self.first_year - 2 + self.minimum_term_years)

    def in_force_in(self, year: int) -> bool:
        """Whether it is in force in model year ``year`` (0-based, as the model counts)."""
        return (self.first_year - 1 <= year
                and (self.last_year is None or year <= self.last_year - 1))

    @model_validator(mode="after")
    def _check(self) -> Self:
        # Imported here: the checks read these models, which import nothing back.
        from sim.sharing.validation import agreement_problems

        problems = agreement_problems(self)
        if problems:
            raise AgreementError(problems)
        return self

    def side(self, side: Side) -> SideSpec:
        """The spec for one side.

        Args:
            side: Gains or losses.

        Returns:
            ``self.gains`` or ``self.losses``.
        """
        return self.gains if side is Side.GAINS else self.losses
