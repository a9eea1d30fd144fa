"""Pydantic field types shared by agreements and figures: pounds to the penny, proportions."""

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field


def _whole_pence(value: Decimal) -> Decimal:
    """Reject amounts with fractions of a penny, which would be silently rounded."""
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"amounts in pounds have at most 2 decimal places (pence), got {value}")
    return value


Gbp = Annotated[Decimal, Field(allow_inf_nan=False), AfterValidator(_whole_pence)]
"""An amount in pounds, exact to the penny, possibly negative."""

NonNegativeGbp = Annotated[Gbp, Field(ge=0)]
"""An amount in pounds, exact to the penny, zero or more."""

Proportion = Annotated[Decimal, Field(ge=0, le=1, allow_inf_nan=False)]
"""A fraction between 0 and 1 inclusive, held exactly."""


def format_gbp(amount_pence: int) -> str:
    """Format pence as pounds with thousands separators, e.g. ``-£1,234.50``.

    Args:
        amount_pence: An amount in pence.

    Returns:
        The amount in pounds to the penny, sign first.
    """
    sign = "-" if amount_pence < 0 else ""
    pounds, pence = divmod(abs(amount_pence), 100)
    return f"{sign}£{pounds:,}.{pence:02d}"


def format_percent(value: Decimal) -> str:
    """Format a proportion as a percentage without trailing zeros, e.g. ``41%``.

    Args:
        value: A proportion (0.41).

    Returns:
        The percentage, to at most 4 decimal places.
    """
    text = f"{(value * 100).quantize(Decimal('0.0001')):f}".rstrip("0").rstrip(".")
    return f"{text}%"
