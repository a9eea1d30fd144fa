"""Exact apportionment of whole pence: the largest-remainder (Hamilton) method.

Each party's exact quota ``amount * weight / total`` is computed in whole numbers, every
weight over one common denominator (no float drift), rounded down, and the pennies left
over go one each to the largest fractional remainders. Ties are broken by party id, never
by the order in which the parties were listed, so reordering an agreement cannot move a
penny.
"""

import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

Weight = int | Decimal | Fraction


def apportion_pence(amount_pence: int, weights: Mapping[str, Weight]) -> dict[str, int]:
    """Split a non-negative whole number of pence in proportion to weights.

    Args:
        amount_pence: The amount to split (>= 0).
        weights: Non-negative weight per party; at least one must be positive.

    Returns:
        Pence per party (every party in ``weights``), summing exactly to ``amount_pence``.
        Each share is its exact quota rounded down or up, never further away.

    Raises:
        ValueError: If the amount or a weight is negative, or all weights are zero.
    """
    if amount_pence < 0:
        raise ValueError(f"amount to apportion must be >= 0 pence, got {amount_pence}")
    # Exact in whole numbers: every weight over one common denominator, so each quota is
    # amount × w / total with w and total integers (the same as with Fraction, faster).
    ratios = {party: weight.as_integer_ratio() for party, weight in weights.items()}
    negative = sorted(p for p, (num, _) in ratios.items() if num < 0)
    if negative:
        raise ValueError(f"weights must be >= 0; negative for {', '.join(negative)}")
    common = math.lcm(*(den for _, den in ratios.values())) if ratios else 1
    scaled = {party: num * (common // den) for party, (num, den) in ratios.items()}
    total = sum(scaled.values())
    if total <= 0:
        raise ValueError("at least one weight must be positive")
    shares, remainders = {}, {}
    for party, w in scaled.items():
        shares[party], remainders[party] = divmod(amount_pence * w, total)
    left_over = amount_pence - sum(shares.values())
    # Largest remainder first; equal remainders go to the smaller party id.
    by_remainder = sorted(remainders, key=lambda p: (-remainders[p], p))
    for party in by_remainder[:left_over]:
        shares[party] += 1
    return shares


def round_fraction(value: Fraction) -> int:
    """Round an exact fraction of pence to whole pence, half to even.

    Args:
        value: An exact amount in pence.

    Returns:
        Whole pence (``Fraction.__round__`` rounds halves to even).
    """
    return round(value)


def fraction_of(amount_pence: int, rate: Decimal | Fraction) -> int:
    """Take an exact fraction of an amount, rounded half to even to whole pence.

    Args:
        amount_pence: The base amount in pence.
        rate: The fraction to take (e.g. ``Decimal("0.02")``).

    Returns:
        ``round(amount_pence * rate)`` in whole pence.
    """
    return round_fraction(amount_pence * Fraction(rate))
