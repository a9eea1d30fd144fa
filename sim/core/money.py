"""Exact money: integer pence throughout the engine.

Scenario files may give prices as decimals (pounds); they are converted once, on load,
with :func:`gbp_to_pence`. Arithmetic that splits money (payments, settlements) works in
integer pence so that conservation holds to the penny.
"""

from decimal import ROUND_HALF_EVEN, Decimal

PENCE_PER_POUND = 100


def gbp_to_pence(amount_gbp: Decimal | str | int | float) -> int:
    """Convert pounds to whole pence, rounding half to even.

    Floats are converted through ``str`` so that ``0.1`` means ten pence, not the
    nearest binary fraction.

    Args:
        amount_gbp: An amount in pounds.

    Returns:
        The amount in integer pence.
    """
    if isinstance(amount_gbp, float):
        amount_gbp = repr(amount_gbp)
    pence = Decimal(amount_gbp) * PENCE_PER_POUND
    return int(pence.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def pence_to_gbp(amount_pence: int) -> Decimal:
    """Convert integer pence to an exact ``Decimal`` number of pounds.

    Args:
        amount_pence: An amount in pence.

    Returns:
        The amount in pounds, exact to the penny.
    """
    return Decimal(int(amount_pence)) / PENCE_PER_POUND


def round_pence(value: Decimal | float) -> int:
    """Round a fractional number of pence to whole pence, half to even.

    Args:
        value: An amount in pence that may have a fractional part.

    Returns:
        Whole pence.
    """
    if isinstance(value, float):
        value = Decimal(repr(value))
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
