"""Exact rational arithmetic for pricing, rounded to whole pence once at the end.

Pricing works in :class:`fractions.Fraction` rather than ``Decimal``: pro-rating by
``months_elapsed / 12`` has no finite decimal expansion, and exact rationals keep
every intermediate figure exact, so the single final rounding is the only one.
"""

from decimal import Decimal
from fractions import Fraction


def exact(value: Decimal | float | int) -> Fraction:
    """Return the exact rational value of a number as written.

    Floats go through ``repr`` so that ``0.3`` means three tenths, not the nearest
    binary fraction.

    Args:
        value: A price, rate, volume or head count.

    Returns:
        The same number as an exact fraction.
    """
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def round_half_even_pence(amount_pence: Fraction) -> int:
    """Round an exact amount of pence to whole pence, half to even.

    Args:
        amount_pence: An amount in pence, possibly fractional.

    Returns:
        Whole pence; ties go to the even penny (Python's ``round`` on a Fraction).
    """
    return round(amount_pence)
