"""Pydantic field types shared by agreements and figures: pounds to the penny, proportions."""

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from sim.core.limits import Gbp, NonNegativeGbp

# Pounds exact to the penny and at most £1tn either way (docs/scenario-limits.md).
__all__ = ["Gbp", "NonNegativeGbp", "Proportion", "format_gbp", "format_percent"]

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
