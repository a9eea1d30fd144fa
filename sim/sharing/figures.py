"""The figures one year's settlement is computed from.

Everything per party is optional: a rule that needs a figure the year lacks raises an
:class:`~sim.sharing.errors.AgreementError` naming the agreement, the rule and the field.
"""

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from sim.sharing.money_fields import Gbp, NonNegativeGbp


class PartyFigures(BaseModel):
    """One party's figures for the year.

    Attributes:
        contribution_gbp: Paid into the pooled budget or risk share.
        activity_gbp: Value of the activity it commissioned.
        budget_gbp: Its budget allocation for the model of care this year.
        budget_previous_gbp: The same allocation last year (to see whose budget fell).
        equity_shares: Its equity in a shared legal entity (any unit, used as a weight).
        performance_score: Outcome / performance achievement, 0 to 1.
        reserves_gbp: Its reserves (may be negative).
        revenue_gbp: Its annual revenue (its size).
        needs_investment: Whether it is a member that needs investment.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    contribution_gbp: Gbp | None = None
    activity_gbp: Gbp | None = None
    budget_gbp: Gbp | None = None
    budget_previous_gbp: Gbp | None = None
    equity_shares: Annotated[Decimal, Field(allow_inf_nan=False)] | None = None
    performance_score: Annotated[Decimal, Field(ge=0, le=1, allow_inf_nan=False)] | None = None
    reserves_gbp: Gbp | None = None
    revenue_gbp: Gbp | None = None
    needs_investment: bool | None = None


class YearFigures(BaseModel):
    """Baseline, out-turn and party figures for one year of an agreement.

    Attributes:
        year: The year being settled (a label: financial year or agreement year).
        baseline_gbp: Expected cost of care for the scope of the agreement.
        outturn_gbp: Actual cost of that care.
        contingency_reserve_gbp: Balance of the contingency reserve before settlement.
        parties: Figures per party id.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    year: int
    baseline_gbp: NonNegativeGbp
    outturn_gbp: NonNegativeGbp
    contingency_reserve_gbp: NonNegativeGbp | None = None
    parties: dict[str, PartyFigures] = Field(default_factory=dict)

    def party(self, party_id: str) -> PartyFigures:
        """Figures for one party, empty if the year gives none.

        Args:
            party_id: The party's organisation id.

        Returns:
            That party's figures (all fields ``None`` if absent).
        """
        return self.parties.get(party_id, PartyFigures())
