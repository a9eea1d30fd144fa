"""Distribution rules as data: how a gain or loss is split between parties.

Each rule is a small frozen pydantic model tagged by ``kind``; the functions that apply
them live in :mod:`sim.sharing.rules`. The rule kinds follow the routes in the source
guidance: fixed proportions (Torbay 41/9/50), pro rata to contributions or activity
commissioned (BCF quick guide), equal shares, budget allocation, equity, performance,
ability to pay, prioritising members that need investment, and compensating members
whose budgets fell (provider-network guidance on sharing savings and deficits).
"""

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sim.sharing.money_fields import Gbp, NonNegativeGbp, Proportion


class RuleKind(StrEnum):
    """Which distribution rule splits the amount."""

    FIXED_PROPORTIONS = "fixed_proportions"
    PRO_RATA_CONTRIBUTIONS = "pro_rata_contributions"
    PRO_RATA_ACTIVITY = "pro_rata_activity"
    EQUAL_SHARES = "equal_shares"
    BUDGET_ALLOCATION = "budget_allocation"
    EQUITY = "equity"
    PERFORMANCE = "performance"
    ABILITY_TO_PAY = "ability_to_pay"
    PRIORITISE_INVESTMENT = "prioritise_investment"
    COMPENSATE_BUDGET_FALLS = "compensate_budget_falls"
    INFLUENCE = "influence"
    SHAPLEY = "shapley"


class PerformanceBasis(StrEnum):
    """How performance scores turn into shares."""

    SCORE = "score"  # shares in proportion to scores (rewards the best performers)
    SHORTFALL = "shortfall"  # in proportion to 1 - score (poor performers bear more loss)
    ACHIEVEMENT = "achievement"  # earmarked share x score; the unearned part to the residual


class PayMeasure(StrEnum):
    """What 'ability to pay' is measured by."""

    RESERVES = "reserves"
    REVENUE = "revenue"


class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class FixedProportionsRule(_Spec):
    """Fixed shares per party, adding to 1 (e.g. CCG 0.41, council 0.09, ICO 0.50)."""

    kind: Literal[RuleKind.FIXED_PROPORTIONS] = RuleKind.FIXED_PROPORTIONS
    shares: dict[str, Proportion] = Field(min_length=1)


class ProRataRule(_Spec):
    """In proportion to one figure per party: contributions, activity, budget or equity.

    ``among`` limits the rule to some parties; by default every party takes part.
    """

    kind: Literal[
        RuleKind.PRO_RATA_CONTRIBUTIONS,
        RuleKind.PRO_RATA_ACTIVITY,
        RuleKind.BUDGET_ALLOCATION,
        RuleKind.EQUITY,
    ]
    among: tuple[str, ...] | None = None


class EqualSharesRule(_Spec):
    """Equal shares for every party taking part."""

    kind: Literal[RuleKind.EQUAL_SHARES] = RuleKind.EQUAL_SHARES
    among: tuple[str, ...] | None = None


class PerformanceRule(_Spec):
    """Linked to performance scores (0-1), by ``basis``.

    With ``achievement``, ``earmarks`` give each party's share of the amount before
    scoring (default: equal); a party receives ``earmark x score`` and the unearned part
    goes to the residual party, as in an outcome-retention contract.
    """

    kind: Literal[RuleKind.PERFORMANCE] = RuleKind.PERFORMANCE
    among: tuple[str, ...] | None = None
    basis: PerformanceBasis = PerformanceBasis.SCORE
    earmarks: dict[str, Proportion] | None = None


class AbilityToPayRule(_Spec):
    """In proportion to reserves (negative reserves count as none) or to revenue."""

    kind: Literal[RuleKind.ABILITY_TO_PAY] = RuleKind.ABILITY_TO_PAY
    among: tuple[str, ...] | None = None
    measure: PayMeasure = PayMeasure.RESERVES


class PrioritiseInvestmentRule(_Spec):
    """Gains shared equally among members flagged as needing investment.

    If no member needs investment, every member taking part shares equally.
    """

    kind: Literal[RuleKind.PRIORITISE_INVESTMENT] = RuleKind.PRIORITISE_INVESTMENT
    among: tuple[str, ...] | None = None


class CompensateBudgetFallsRule(_Spec):
    """Gains compensate members whose budget fell, up to the fall; the rest to the residual.

    If the gain is smaller than the total fall, it is shared pro rata to the falls.
    """

    kind: Literal[RuleKind.COMPENSATE_BUDGET_FALLS] = RuleKind.COMPENSATE_BUDGET_FALLS
    among: tuple[str, ...] | None = None


class InfluenceTable(_Spec):
    """Measured influence: how many pounds each party's levers move each cost line.

    ``gbp[party][line]`` is the size of the change in the line's cost when the party's
    levers move freely rather than stay at their status-quo positions (``placesim
    influence`` measures it). A party's share of a line is its pounds over the line's
    total. ``line_weights`` give each line's part of the pool (adding to 1); by default a
    line weighs in proportion to its total measured influence, so the split is pro rata
    to each party's pounds of influence over all lines.
    """

    gbp: dict[str, dict[str, NonNegativeGbp]] = Field(min_length=1)
    line_weights: dict[str, Proportion] | None = None


class InfluenceRule(_Spec):
    """In proportion to measured influence over the pool's cost lines.

    A line nobody influences (zero pounds in the table) has its part of the amount
    go to the residual party.
    """

    kind: Literal[RuleKind.INFLUENCE] = RuleKind.INFLUENCE
    table: InfluenceTable
    among: tuple[str, ...] | None = None


class ShapleyRule(_Spec):
    """In proportion to each party's Shapley value (``placesim coalitions`` computes them).

    Negative values count as none; if no party has a positive value the residual party
    takes the amount.
    """

    kind: Literal[RuleKind.SHAPLEY] = RuleKind.SHAPLEY
    values_gbp: dict[str, Gbp] = Field(min_length=1)


RuleSpec = Annotated[
    FixedProportionsRule
    | ProRataRule
    | EqualSharesRule
    | PerformanceRule
    | AbilityToPayRule
    | PrioritiseInvestmentRule
    | CompensateBudgetFallsRule
    | InfluenceRule
    | ShapleyRule,
    Field(discriminator="kind"),
]
"""Any distribution rule, chosen by its ``kind``."""

GAINS_ONLY_RULES = frozenset({RuleKind.PRIORITISE_INVESTMENT, RuleKind.COMPENSATE_BUDGET_FALLS})
"""Rules that only make sense for sharing a gain."""

PROPORTION_TOLERANCE = Decimal("0.000001")
"""How far proportions may sum from 1 (so that thirds written as 0.333333 are accepted)."""
