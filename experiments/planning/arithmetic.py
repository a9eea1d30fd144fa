"""The plan's arithmetic: means over seeds, the margin, and rounding, exactly.

Money arrives from the ledger in whole pence; every step below is a ``Fraction`` until the
last, which rounds to a whole multiple of the rounding step in pounds, halves up (a
finance convention: £55,685,000 to £10,000 is £55,690,000, never the even neighbour).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import floor, sqrt

Exact = Fraction | Decimal | int | str
PENCE_PER_POUND = 100


def exact(value: Exact | float) -> Fraction:
    """A number as an exact fraction; a float is read as written (``0.01`` is 1/100)."""
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def round_half_up(amount: Exact | float, step: int) -> int:
    """``amount`` to the nearest whole multiple of ``step``; an exact half goes up.

    Args:
        amount: Pounds (non-negative in a plan, but a negative half goes up too: -5 to 10
            is 0).
        step: The rounding step in pounds, at least 1.

    Raises:
        ValueError: If ``step`` is not a whole number of at least 1.
    """
    if not isinstance(step, int) or isinstance(step, bool) or step < 1:
        raise ValueError(f"the rounding step must be a whole number of pounds >= 1, got {step!r}")
    return floor(exact(amount) / step + Fraction(1, 2)) * step


def mean_pence(per_seed: Sequence[Exact]) -> Fraction:
    """The exact mean of one figure over seeds (pence in, pence out).

    Raises:
        ValueError: With no seeds.
    """
    if not per_seed:
        raise ValueError("a mean over seeds needs at least one seed")
    return sum((exact(v) for v in per_seed), Fraction(0)) / len(per_seed)


def with_margin(amount: Exact, margin: Exact | float) -> Fraction:
    """``amount × (1 + margin)``, exactly."""
    return exact(amount) * (1 + exact(margin))


def growth_factor(rate: Exact | float, years: int) -> Fraction:
    """The mean of ``(1 + rate)^t`` over years ``t = 0 .. years-1`` (1 for one year).

    A value that grows at ``rate`` a year from year 2 pays this many times its year-1
    value in the mean year of the first ``years``.
    """
    if years < 1:
        raise ValueError(f"years must be at least 1, got {years}")
    step = 1 + exact(rate)
    return sum((step ** t for t in range(years)), Fraction(0)) / years


def block_value(cost_pence_per_seed: Sequence[Exact], margin: Exact | float, step: int,
                uplift: Exact | float = 0, years: int = 1) -> int:
    """A block's year-1 value: the mean cost it buys over seeds × (1 + margin), rounded.

    Args:
        cost_pence_per_seed: The cost the block buys in the mean year of the years run, in
            pence, one figure per seed.
        margin: The planned surplus on cost, as a share (0.01 for 1%).
        step: The rounding step in pounds.
        uplift: The block's uplift a year from year 2: over several years the year-1 value
            is set so the mean year's value meets the mean year's cost (``growth_factor``).
        years: The years the cost is the mean of.

    Returns:
        Pounds, a whole multiple of ``step``.
    """
    mean_gbp = mean_pence(cost_pence_per_seed) / PENCE_PER_POUND
    return round_half_up(with_margin(mean_gbp, margin) / growth_factor(uplift, years), step)


def allocation_value(fixed_contracts_gbp: Sequence[Exact],
                     other_payments_pence_per_seed: Sequence[Exact], margin: Exact | float,
                     step: int, growth: Exact | float = 0, years: int = 1) -> int:
    """A commissioner's year-1 allocation: what it plans to pay × (1 + margin), rounded.

    Args:
        fixed_contracts_gbp: What its derived blocks pay in the mean year, at their planned
            (rounded) values (for one year: the values themselves).
        other_payments_pence_per_seed: Per seed, everything else it pays that is planned
            spending in the mean year (contracts not derived, as paid; out-of-area and
            spot-purchase charges, pool contributions), in pence.
        margin: The headroom on planned spending, as a share.
        step: The rounding step in pounds.
        growth: The allocation's growth a year: over several years the year-1 allocation
            is set so the mean year's allocation meets the mean year's spending.
        years: The years the spending is the mean of.

    Returns:
        Pounds, a whole multiple of ``step``.
    """
    planned = (sum((exact(v) for v in fixed_contracts_gbp), Fraction(0))
               + mean_pence(other_payments_pence_per_seed) / PENCE_PER_POUND)
    return round_half_up(with_margin(planned, margin) / growth_factor(growth, years), step)


@dataclass(frozen=True)
class Spread:
    """One figure over seeds, in pounds: mean, standard deviation (n − 1), lowest, highest.

    The standard deviation is 0 for a single seed (no spread can be seen).
    """

    mean: float
    sd: float
    low: float
    high: float
    seeds: int

    @classmethod
    def of_pence(cls, per_seed: Sequence[Exact]) -> "Spread":
        """The spread of a figure given in pence per seed."""
        values = [exact(v) / PENCE_PER_POUND for v in per_seed]
        mean = mean_pence(values)
        var = (sum(((v - mean) ** 2 for v in values), Fraction(0)) / (len(values) - 1)
               if len(values) > 1 else Fraction(0))
        return cls(float(mean), sqrt(var), float(min(values)), float(max(values)),
                   len(values))

    @property
    def relative_sd(self) -> float:
        """Standard deviation as a share of the mean (0 when the mean is 0)."""
        return self.sd / abs(self.mean) if self.mean else 0.0
