"""Payment mechanisms: contract terms as data, pricing as pure functions.

Contract terms (activity-based, block, capitation, blended, global budget) are frozen
pydantic models picked by their ``mechanism`` field. Pricing is a pure function of the terms and the
activity of the contract year to date: the model pays the difference between this
month's and last month's cumulative amount due, so the twelve monthly payments add up
to the annual formula to the penny.
"""

from sim.payments.capitation import weighted_head_count
from sim.payments.due import (
    cumulative_due_pence,
    expected_annual_payment_pence,
    monthly_payment_pence,
)
from sim.payments.terms import (
    ActivityBasedTerms,
    BlendedTerms,
    BlockTerms,
    CapitationTerms,
    ContractTerms,
    GlobalBudgetTerms,
    PaymentMechanism,
    parse_contract_terms,
)
from sim.payments.year_to_date import MONTHS_PER_YEAR, YearToDate

__all__ = [
    "MONTHS_PER_YEAR",
    "ActivityBasedTerms",
    "BlendedTerms",
    "BlockTerms",
    "CapitationTerms",
    "ContractTerms",
    "GlobalBudgetTerms",
    "PaymentMechanism",
    "YearToDate",
    "cumulative_due_pence",
    "expected_annual_payment_pence",
    "monthly_payment_pence",
    "parse_contract_terms",
    "weighted_head_count",
]
