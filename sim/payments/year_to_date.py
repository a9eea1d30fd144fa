"""What a contract has delivered so far in its year: the input to every payment rule."""

from typing import Annotated

from pydantic import ConfigDict, Field
from pydantic.dataclasses import dataclass

MONTHS_PER_YEAR = 12

Score = Annotated[float, Field(ge=0.0, le=1.0)]


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class YearToDate:
    """Cumulative activity of one contract year, after ``months_elapsed`` months.

    Attributes:
        months_elapsed: Whole months of the contract year completed, 1 to 12.
        volume: Units of the contract's activity delivered since the start of the year
            (cumulative, never the month's own count).
        weighted_heads: Mean risk-weighted head count over the months elapsed; for a
            list that does not change this is simply its size. Capitation pays
            ``per_head × weighted_heads × months_elapsed / 12``, so each month is
            paid on that month's list and earlier months are never re-priced.
        outcome_score: Year-end outcome score in [0, 1]; needed at month 12 when the
            terms retain part of the payment against outcomes.
        cquin_achievement: Year-end CQUIN achievement in [0, 1]; needed at month 12
            when the terms carry a CQUIN bonus.
        market_volume: Units of the contract's activity delivered by every provider of
            the place since the start of the year; needed at month 12 when a global
            budget measures market shift.
    """

    months_elapsed: Annotated[int, Field(ge=1, le=MONTHS_PER_YEAR)]
    volume: Annotated[float, Field(ge=0.0, allow_inf_nan=False)] = 0.0
    weighted_heads: Annotated[float, Field(ge=0.0, allow_inf_nan=False)] = 0.0
    outcome_score: Score | None = None
    cquin_achievement: Score | None = None
    market_volume: Annotated[float, Field(ge=0.0, allow_inf_nan=False)] | None = None

    @property
    def is_year_end(self) -> bool:
        """Whether this is the last month, when annual-only elements fall due."""
        return self.months_elapsed == MONTHS_PER_YEAR
