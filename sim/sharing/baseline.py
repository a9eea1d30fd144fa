"""Multi-year baselines: fixed for N years, then rolling, with planned and population growth.

Torbay's agreement fixed its baseline for five years and then moved to a rolling
three-year period; many agreements also adjust the baseline for demographic growth, and
a plan may build in planned growth (plan = last year × (1 + growth)) or give an explicit
series. When a provider leaves an organisation-level agreement, the baseline must lose
that provider's part as its cost leaves the out-turn: :func:`members_baseline_for_year`
draws both from the providers still in.
"""

from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from sim.sharing.apportion import round_fraction
from sim.sharing.schema import BaselineSpec

Factor = Decimal | Fraction | int


def baseline_for_year(
    spec: BaselineSpec,
    year: int,
    history_outturns_pence: Sequence[int],
    base_baseline_pence: int,
    population_growth_factor: Factor = 1,
    series_scale: Factor = 1,
) -> int:
    """The baseline for one agreement year.

    With planned growth ``g`` (``spec.planned_growth_per_year``): years ``1..fixed_years``
    use ``base·(1 + g)^(year − 1)``, or the explicit ``spec.series_gbp`` value for the year
    (times ``series_scale``, the share of the agreed base still in the agreement; a year
    past the series grows its last value by ``g`` a year). Later years use the mean of the
    last ``rolling_years`` out-turns before ``year``, each grown to this year,
    ``outturn_j·(1 + g)^(year − j)`` (fewer if fewer have passed). With
    ``adjust_for_population_growth``, the result is multiplied by
    ``population_growth_factor`` (this year's population over the population of the
    period the baseline was drawn from). Rounded to whole pence once.

    Args:
        spec: How the baseline is set.
        year: Agreement year, starting at 1.
        history_outturns_pence: Out-turns of years ``1..year-1``, oldest first.
        base_baseline_pence: The baseline agreed at the start.
        population_growth_factor: Population growth multiplier (> 0).
        series_scale: Multiplier on an explicit series (> 0), 1 while every party is in.

    Returns:
        The baseline in whole pence (rounded half to even).

    Raises:
        ValueError: If ``year`` < 1, a factor is not positive, or a rolling year has
            no earlier out-turns to roll over.
    """
    if year < 1:
        raise ValueError(f"baseline_for_year: year counts from 1, got {year}")
    growth = _positive(population_growth_factor, "population_growth_factor")
    scale = _positive(series_scale, "series_scale")
    if spec.fixed_years is None or year <= spec.fixed_years:
        base = _fixed_base(spec, year, base_baseline_pence, scale)
    else:
        base = _rolled_base(spec, year, history_outturns_pence)
    if spec.adjust_for_population_growth:
        base *= growth
    return round_fraction(base)


def members_baseline_for_year(
    spec: BaselineSpec,
    year: int,
    base_paid: Mapping[tuple[str, str], int],
    history_by_provider: Sequence[Mapping[str, int]],
    providers: Collection[str],
    population_growth_factor: Factor = 1,
) -> int:
    """The baseline of the providers still in an agreement.

    The base is what the providers still in were paid in the base year from outside
    their own set (so a departed lead provider's payments to a subcontractor still in
    count, as they are no longer internal); an explicit series is scaled by that base's
    share of the agreed one; rolled out-turns count only these providers. A provider that
    has left takes its part of the baseline with it, just as its cost leaves the out-turn.

    Args:
        spec: How the baseline is set.
        year: Agreement year, starting at 1.
        base_paid: Pence paid in the base year per ``(payer, payee)`` into the scope;
            payees are the providers then in, payers anyone.
        history_by_provider: Out-turn (cost) per provider of years ``1..year-1``.
        providers: The providers still in the agreement.
        population_growth_factor: Population growth multiplier (> 0).

    Returns:
        The baseline in whole pence.
    """
    inside = set(providers)
    base = external_base(base_paid, inside)
    agreed = external_base(base_paid, {payee for _, payee in base_paid})
    if agreed and not base:
        return 0
    scale = Fraction(base, agreed) if agreed else Fraction(1)
    history = [sum(past.get(p, 0) for p in sorted(inside)) for past in history_by_provider]
    return baseline_for_year(spec, year, history, base, population_growth_factor, scale)


def external_base(
    base_paid: Mapping[tuple[str, str], int], providers: Collection[str], payer: str | None = None,
) -> int:
    """Base-year pence paid into ``providers`` from outside them (by ``payer`` only, if given).

    Args:
        base_paid: Pence per ``(payer, payee)`` in the base year.
        providers: The set of providers whose income counts.
        payer: Count only this payer's payments.

    Returns:
        The total in pence.
    """
    return sum(v for (who, payee), v in base_paid.items()
               if payee in providers and who not in providers and payer in (None, who))


def _positive(value: Factor, name: str) -> Fraction:
    factor = Fraction(value)
    if factor <= 0:
        raise ValueError(f"baseline_for_year: {name} must be > 0, got {factor}")
    return factor


def _growth(spec: BaselineSpec) -> Fraction:
    return 1 + Fraction(Decimal(repr(spec.planned_growth_per_year)))


def _fixed_base(spec: BaselineSpec, year: int, base_pence: int, scale: Fraction) -> Fraction:
    growth = _growth(spec)
    if not spec.series_gbp:
        return Fraction(base_pence) * growth ** (year - 1)
    series = [Fraction(Decimal(v) * 100) for v in spec.series_gbp]
    if year <= len(series):
        return series[year - 1] * scale
    return series[-1] * scale * growth ** (year - len(series))


def _rolled_base(spec: BaselineSpec, year: int, history: Sequence[int]) -> Fraction:
    growth = _growth(spec)
    past = list(history)[: year - 1]
    first = len(past) - spec.rolling_years
    window = [(j + 1, v) for j, v in enumerate(past) if j >= first]
    if not window:
        raise ValueError(
            f"baseline_for_year: year {year} rolls over past out-turns, but none were given"
        )
    return sum((Fraction(v) * growth ** (year - j) for j, v in window), Fraction(0)) / len(window)
