"""Multi-year baselines: fixed for N years, then rolling, optionally grown with population.

Torbay's agreement fixed its baseline for five years and then moved to a rolling
three-year period; many agreements also adjust the baseline for demographic growth.
"""

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from sim.sharing.apportion import round_fraction
from sim.sharing.schema import BaselineSpec


def baseline_for_year(
    spec: BaselineSpec,
    year: int,
    history_outturns_pence: Sequence[int],
    base_baseline_pence: int,
    population_growth_factor: Decimal | Fraction | int = 1,
) -> int:
    """The baseline for one agreement year.

    Years ``1..fixed_years`` use ``base_baseline_pence``. Later years use the mean
    out-turn of the last ``rolling_years`` years before ``year`` (fewer if fewer have
    passed). With ``adjust_for_population_growth``, the result is multiplied by
    ``population_growth_factor`` (this year's population over the population of the
    period the baseline was drawn from).

    Args:
        spec: How the baseline is set.
        year: Agreement year, starting at 1.
        history_outturns_pence: Out-turns of years ``1..year-1``, oldest first.
        base_baseline_pence: The baseline agreed at the start.
        population_growth_factor: Population growth multiplier (> 0).

    Returns:
        The baseline in whole pence (rounded half to even).

    Raises:
        ValueError: If ``year`` < 1, the factor is not positive, or a rolling year has
            no earlier out-turns to roll over.
    """
    if year < 1:
        raise ValueError(f"baseline_for_year: year counts from 1, got {year}")
    growth = Fraction(population_growth_factor)
    if growth <= 0:
        raise ValueError(f"baseline_for_year: population_growth_factor must be > 0, got {growth}")
    if spec.fixed_years is None or year <= spec.fixed_years:
        base = Fraction(base_baseline_pence)
    else:
        past = list(history_outturns_pence)[: year - 1][-spec.rolling_years :]
        if not past:
            raise ValueError(
                f"baseline_for_year: year {year} rolls over past out-turns, but none were given"
            )
        base = Fraction(sum(past), len(past))
    if spec.adjust_for_population_growth:
        base *= growth
    return round_fraction(base)
