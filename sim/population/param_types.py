"""The validated number types and the frozen base shared by every population parameter.

Each type's bounds are what a person could experience in a year (reasons in
docs/scenario-limits.md), so a mistyped scenario value is caught on load.
"""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

SHARE_TOLERANCE = 1e-6

Share = Annotated[float, Field(ge=0.0, le=1.0)]
NonNegative = Annotated[float, Field(ge=0.0)]
Positive = Annotated[float, Field(gt=0.0)]
# Upper bounds: what a person could experience in a year (reasons in docs/scenario-limits.md).
# A repeatable event (an admission) at most once a month per person: 12,000 per 1,000, 24
# times the oldest band's REFERENCE rate of 500 per 1,000.
EventsPer1000 = Annotated[float, Field(ge=0.0, le=12_000.0)]
EventsPerPersonYear = Annotated[float, Field(ge=0.0, le=12.0)]
# A once-only event (death, starting long-term care): at most once per person in a year.
OncePer1000 = Annotated[float, Field(ge=0.0, le=1_000.0)]
# A transition hazard per year (leaving a band, a frailty step): at most 1 (a mean wait of
# at least a year; bands and frailty levels are years wide).
TransitionPerYear = Annotated[float, Field(ge=0.0, le=1.0)]
# Durations: a stay or episode of more than a year is long-term care, not an episode.
Days = Annotated[float, Field(gt=0.0, le=365.0)]
Spread = Annotated[float, Field(gt=0.0, le=10.0)]  # coefficient of variation
RelativeRisk = Annotated[float, Field(ge=0.0, le=20.0)]
Contacts = Annotated[float, Field(ge=0.0, le=14.0)]  # two visits a day, every day
FrailtyTuple = tuple[NonNegative, NonNegative, NonNegative, NonNegative]
RiskTuple = tuple[RelativeRisk, RelativeRisk, RelativeRisk, RelativeRisk]
OnceTuple = tuple[OncePer1000, OncePer1000, OncePer1000, OncePer1000]
ShareTuple4 = tuple[Share, Share, Share, Share]
ShareTuple3 = tuple[Share, Share, Share]
ProgressionTuple = tuple[TransitionPerYear, TransitionPerYear, TransitionPerYear]


def check_sums_to_one(field: str, values: tuple[float, ...]) -> None:
    """Raise a ``ValueError`` naming ``field`` when ``values`` do not sum to 1.

    Args:
        field: The field name to report.
        values: The shares.

    Raises:
        ValueError: If the shares miss 1 by more than a rounding tolerance.
    """
    total = sum(values)
    if abs(total - 1.0) > SHARE_TOLERANCE:
        raise ValueError(
            f"{field} must sum to 1 but sums to {total:.6g} (off by {total - 1.0:+.6g}): {values}"
        )


class Frozen(BaseModel):
    """A parameter block: immutable, no unknown fields, no infinities or NaNs."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
