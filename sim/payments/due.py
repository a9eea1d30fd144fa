"""Amounts due under each mechanism, as pure functions of the contract year to date.

The model pays monthly: ``cumulative_due(this month) − cumulative_due(last month)``.
Each cumulative figure is computed exactly and rounded to whole pence once (half to
even), so the twelve monthly payments telescope to the annual figure to the penny.
Plans and baselines are pro-rated by ``months_elapsed / 12`` within the year;
annual-only elements (corridor settlement, outcome retention, CQUIN) fall due at
month 12.
"""

from fractions import Fraction
from functools import singledispatch

from sim.payments.exact import exact, round_half_even_pence
from sim.payments.terms import (
    ActivityBasedTerms,
    BlendedTerms,
    BlockTerms,
    CapitationTerms,
    ContractTerms,
    GlobalBudgetTerms,
)
from sim.payments.year_to_date import MONTHS_PER_YEAR, YearToDate


def cumulative_due_pence(terms: ContractTerms, ytd: YearToDate, contract_year: int) -> int:
    """Total due from the start of the contract year to the end of ``ytd``'s month.

    With ``s = months_elapsed / 12``, ``V`` the volume to date and ``P`` the unit price
    (per-head rate) of the contract year, ``P₁·(1 + price_uplift)^(contract_year − 1)``:

    * Activity-based: ``P·V`` without a baseline; with baseline ``B`` and
      ``B_s = B·s``: ``P·B_s + above·P·max(V − B_s, 0) − below·P·max(B_s − V, 0)``,
      ``below`` being 1 (pay per unit) when no ``marginal_rate_below`` is set.
    * Block: ``A·(1 + uplift)^(contract_year − 1)·s``; at month 12 plus
      ``c·max(V − N·(1 + f), 0) − c·max(N·(1 − f) − V, 0)`` with a corridor of plan
      ``N``, fraction ``f`` and price ``c``.
    * Capitation: ``per_head · weighted_heads · s``.
    * Blended: with ``F = P·N``: ``(1 − retention)·F·s + variable·P·(V − N·s)``; at
      month 12 plus ``retention·F·outcome_score + cquin_rate·F·cquin_achievement``.
    * Global budget: ``R·(1 + u)^(contract_year − 1)·s``; at month 12 plus
      ``vcf·(R_t/B)·[(V − σ·M) + corridor(σ·M − B)]`` (see ``GlobalBudgetTerms``).

    Args:
        terms: The contract's terms.
        ytd: Activity of the contract year so far.
        contract_year: 1 for the first year of the contract, 2 for the second, ...

    Returns:
        The cumulative amount due in whole pence (half-even rounding of the exact sum).

    Raises:
        ValueError: ``contract_year`` is below 1, or a year-end score that the terms
            need is missing.
        TypeError: ``terms`` is not a known kind of contract terms.
    """
    if contract_year < 1:
        raise ValueError(f"contract_year must be 1 or more, got {contract_year}")
    return round_half_even_pence(_exact_due_pence(terms, ytd, contract_year))


def monthly_payment_pence(
    terms: ContractTerms,
    ytd_now: YearToDate,
    ytd_before: YearToDate | None,
    contract_year: int,
) -> int:
    """The payment for one month: ``cumulative_due(now) − cumulative_due(before)``.

    It may be negative: a month that falls behind a pro-rated plan, or a year-end
    corridor deduction, is a clawback.

    Args:
        terms: The contract's terms.
        ytd_now: The year to date including this month.
        ytd_before: The year to date at the end of the previous month, or ``None``
            for the first month of the contract year.
        contract_year: 1 for the first year of the contract, 2 for the second, ...

    Returns:
        The month's payment in whole pence.

    Raises:
        ValueError: The two year-to-date figures are not consecutive months, or the
            cumulative volume went down.
    """
    if ytd_before is None:
        if ytd_now.months_elapsed != 1:
            raise ValueError(
                f"ytd_before is None, so ytd_now.months_elapsed must be 1, "
                f"got {ytd_now.months_elapsed}"
            )
        return cumulative_due_pence(terms, ytd_now, contract_year)
    if ytd_before.months_elapsed != ytd_now.months_elapsed - 1:
        raise ValueError(
            f"ytd_before.months_elapsed must be {ytd_now.months_elapsed - 1} "
            f"(the month before ytd_now), got {ytd_before.months_elapsed}"
        )
    if ytd_now.volume < ytd_before.volume:
        raise ValueError(
            f"ytd_now.volume ({ytd_now.volume}) is below ytd_before.volume "
            f"({ytd_before.volume}); volume must be cumulative over the year"
        )
    now = cumulative_due_pence(terms, ytd_now, contract_year)
    return now - cumulative_due_pence(terms, ytd_before, contract_year)


def expected_annual_payment_pence(
    terms: ContractTerms,
    volume: float = 0.0,
    weighted_heads: float = 0.0,
    outcome_score: float | None = None,
    cquin: float | None = None,
    contract_year: int = 1,
    market_volume: float | None = None,
) -> int:
    """Projected income for a whole contract year, e.g. to compare contract offers.

    Equals :func:`cumulative_due_pence` at month 12 for the given annual figures.

    Args:
        terms: The contract's terms.
        volume: Units of activity expected over the year.
        weighted_heads: Mean weighted head count expected over the year.
        outcome_score: Expected outcome score in [0, 1], if the terms retain a share.
        cquin: Expected CQUIN achievement in [0, 1], if the terms carry a CQUIN.
        contract_year: 1 for the first year of the contract, 2 for the second, ...
        market_volume: The place's volume of the unit over the year, if a global budget
            measures market shift; without it the projection assumes the provider keeps
            its base market share (no shift).

    Returns:
        The year's total in whole pence.
    """
    if market_volume is None and getattr(terms, "base_market_share", None) is not None:
        market_volume = volume / terms.base_market_share
    year = YearToDate(
        months_elapsed=MONTHS_PER_YEAR,
        volume=volume,
        weighted_heads=weighted_heads,
        outcome_score=outcome_score,
        cquin_achievement=cquin,
        market_volume=market_volume,
    )
    return cumulative_due_pence(terms, year, contract_year)


def _share_of_year(ytd: YearToDate) -> Fraction:
    return Fraction(ytd.months_elapsed, MONTHS_PER_YEAR)


def _uplifted(terms, pence: int, contract_year: int) -> Fraction:
    """A price in contract year ``t``: ``P·(1 + u)^(t − 1)``, exactly (``u`` unset is 0)."""
    uplift = terms.price_uplift_per_year or 0.0
    return Fraction(pence) * (1 + exact(uplift)) ** (contract_year - 1)


def _required_figure(value: float | None, name: str, because: str) -> Fraction:
    """Return a year-end figure the terms depend on, or say which one is missing."""
    if value is None:
        raise ValueError(f"{name} is required at month 12 because {because}")
    return exact(value)


@singledispatch
def _exact_due_pence(terms: object, ytd: YearToDate, contract_year: int) -> Fraction:
    raise TypeError(f"no payment rule for terms of type {type(terms).__name__}")


@_exact_due_pence.register
def _activity_based(terms: ActivityBasedTerms, ytd: YearToDate, contract_year: int) -> Fraction:
    """``P·V``, or around a pro-rated baseline ``B_s``: see cumulative_due_pence."""
    price, volume = _uplifted(terms, terms.price_pence, contract_year), exact(ytd.volume)
    if terms.baseline_volume is None or terms.marginal_rate_above is None:
        return price * volume
    baseline = exact(terms.baseline_volume) * _share_of_year(ytd)
    below = 1 if terms.marginal_rate_below is None else exact(terms.marginal_rate_below)
    above_pence = exact(terms.marginal_rate_above) * price * max(volume - baseline, 0)
    shortfall_pence = below * price * max(baseline - volume, 0)
    return price * baseline + above_pence - shortfall_pence


@_exact_due_pence.register
def _block(terms: BlockTerms, ytd: YearToDate, contract_year: int) -> Fraction:
    """``A·(1 + u)^(year − 1)·s``, plus the corridor settlement at month 12."""
    uplift = (1 + exact(terms.uplift_per_year)) ** (contract_year - 1)
    due = terms.annual_value_pence * uplift * _share_of_year(ytd)
    if ytd.is_year_end and terms.has_corridor:
        due += _corridor_settlement_pence(terms, exact(ytd.volume))
    return due


def _corridor_settlement_pence(terms: BlockTerms, volume: Fraction) -> Fraction:
    """Pay above ``N·(1 + f)`` and deduct below ``N·(1 − f)`` at the corridor price."""
    plan = exact(terms.planned_volume or 0.0)
    fraction = exact(terms.corridor_fraction or 0.0)
    price = Fraction(terms.corridor_price_pence)
    above = max(volume - plan * (1 + fraction), 0)
    below = max(plan * (1 - fraction) - volume, 0)
    return price * (above - below)


@_exact_due_pence.register
def _capitation(terms: CapitationTerms, ytd: YearToDate, contract_year: int) -> Fraction:
    """``per_head · weighted_heads · s``."""
    per_head = _uplifted(terms, terms.per_head_pence, contract_year)
    return per_head * exact(ytd.weighted_heads) * _share_of_year(ytd)


@_exact_due_pence.register
def _blended(terms: BlendedTerms, ytd: YearToDate, contract_year: int) -> Fraction:
    """``(1 − r)·F·s + v·P·(V − N·s)``, plus retention and CQUIN at month 12."""
    price, share = _uplifted(terms, terms.price_pence, contract_year), _share_of_year(ytd)
    plan = exact(terms.planned_volume)
    fixed = price * plan
    retention = exact(terms.outcome_retention)
    due = (1 - retention) * fixed * share
    due += exact(terms.variable_rate) * price * (exact(ytd.volume) - plan * share)
    if ytd.is_year_end:
        due += _blended_year_end_pence(terms, ytd, fixed)
    return due


def _blended_year_end_pence(terms: BlendedTerms, ytd: YearToDate, fixed: Fraction) -> Fraction:
    """Retained share × outcome score, plus CQUIN rate × contract value × achievement."""
    due = Fraction(0)
    if terms.outcome_retention > 0:
        score = _required_figure(
            ytd.outcome_score, "outcome_score", f"outcome_retention is {terms.outcome_retention}"
        )
        due += exact(terms.outcome_retention) * fixed * score
    if terms.cquin_rate > 0:
        achievement = _required_figure(
            ytd.cquin_achievement, "cquin_achievement", f"cquin_rate is {terms.cquin_rate}"
        )
        due += exact(terms.cquin_rate) * fixed * achievement
    return due


@_exact_due_pence.register
def _global_budget(terms: GlobalBudgetTerms, ytd: YearToDate, contract_year: int) -> Fraction:
    """``R_t·s``, plus the market shift and corridor adjustments at month 12."""
    revenue = terms.approved_revenue_pence * (1 + exact(terms.update_factor_per_year)) ** (
        contract_year - 1)
    due = revenue * _share_of_year(ytd)
    if ytd.is_year_end:
        per_unit = exact(terms.variable_cost_factor) * revenue / exact(terms.base_volume)
        due += per_unit * _global_budget_volume_change(terms, ytd)
    return due


def _global_budget_volume_change(terms: GlobalBudgetTerms, ytd: YearToDate) -> Fraction:
    """Units the budget follows: market shift, plus utilisation change beyond the corridor."""
    volume, base = exact(ytd.volume), exact(terms.base_volume)
    shifted, expected = Fraction(0), volume
    if terms.base_market_share is not None:
        market = _required_figure(ytd.market_volume, "market_volume", "base_market_share is set")
        expected = exact(terms.base_market_share) * market
        shifted = volume - expected
    if terms.volume_corridor_fraction is None:
        return shifted
    change, band = expected - base, exact(terms.volume_corridor_fraction) * base
    beyond = max(abs(change) - band, Fraction(0))
    return shifted + (beyond if change > 0 else -beyond)

