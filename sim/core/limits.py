"""What is physically or institutionally possible: bounds every input file is checked against.

Each bound has its reason in docs/scenario-limits.md. They are deliberately wide (they
refuse nonsense, not unusual places): a value inside them may still be implausible, but a
value outside them cannot describe any English place and would make a run crash, hang or
report figures with no meaning.
"""

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field

# £1tn: estimate, several times the whole NHS England budget (under £200bn) and far above
# any place's spending (docs/reference.md: a 300k place's social care is £80-120m; the
# national Better Care Fund £3.8bn). In pence it has 14 digits, well inside the 28 digits
# Decimal arithmetic keeps exactly.
MAX_GBP = Decimal(10**12)

# A place's population. estimate: the largest integrated care systems serve about 3m people,
# so 5m is above any place (and a run simulates the whole place unless told otherwise).
# Below 1,000 people the smallest community services round to no staff at all.
MIN_PLACE_SIZE = 1_000
MAX_PLACE_SIZE = 5_000_000

# Staffed units of one kind held by one provider: ten times England's general and acute
# beds (estimate: about 100,000), so no provider of a place can hold more.
MAX_UNITS = 1_000_000

# Weeks: the longest horizon a scenario may run is 30 years; a start week or notice
# period beyond it can never take effect.
MAX_WEEKS = 30 * 52

# Activity volumes per year in one contract: one unit a day for every person of the largest
# place allowed.
MAX_VOLUME_PER_YEAR = 365.0 * MAX_PLACE_SIZE


def _whole_pence(value: Decimal) -> Decimal:
    # Checked after the bounds, so quantize never sees a number too long to hold exactly.
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"amounts in pounds have at most 2 decimal places (pence), got {value};"
                         " fractions of a penny would be rounded away")
    return value


Gbp = Annotated[Decimal, Field(ge=-MAX_GBP, le=MAX_GBP, allow_inf_nan=False),
                AfterValidator(_whole_pence)]
"""Pounds, exact to the penny, at most £1tn either way."""

NonNegativeGbp = Annotated[Gbp, Field(ge=0)]
"""Pounds, exact to the penny, from zero to £1tn."""

PositiveGbp = Annotated[Gbp, Field(gt=0)]
"""Pounds, exact to the penny, above zero and at most £1tn."""

GbpFloat = Annotated[float, Field(ge=-float(MAX_GBP), le=float(MAX_GBP), allow_inf_nan=False)]
"""Pounds as a judgement scale (a behavioural parameter), finite and at most £1tn either way."""

NonNegativeGbpFloat = Annotated[GbpFloat, Field(ge=0.0)]
"""A non-negative judgement scale in pounds."""
