"""Properties that hold for every contract: exact monthly totals, monotonicity, corridors."""

from fractions import Fraction
from itertools import pairwise

from hypothesis import assume, given
from hypothesis import strategies as st

from sim.payments import (
    YearToDate,
    cumulative_due_pence,
    expected_annual_payment_pence,
    monthly_payment_pence,
)

from .strategies import (
    activity_based_terms,
    annual_volumes,
    any_terms,
    blended_terms,
    block_terms,
    year_of_months,
)

contract_years = st.integers(min_value=1, max_value=10)
months = st.integers(min_value=1, max_value=12)


@given(terms=any_terms, year=year_of_months(), contract_year=contract_years)
def test_twelve_monthly_payments_sum_exactly_to_the_annual_amount(terms, year, contract_year):
    payments = [monthly_payment_pence(terms, year[0], None, contract_year)]
    payments += [
        monthly_payment_pence(terms, now, before, contract_year) for before, now in pairwise(year)
    ]
    year_end = year[-1]
    annual = expected_annual_payment_pence(
        terms,
        volume=year_end.volume,
        weighted_heads=year_end.weighted_heads,
        outcome_score=year_end.outcome_score,
        cquin=year_end.cquin_achievement,
        contract_year=contract_year,
    )
    assert all(isinstance(payment, int) for payment in payments)
    assert sum(payments) == annual


@given(
    terms=activity_based_terms() | blended_terms(),
    month=months,
    volumes=st.tuples(annual_volumes, annual_volumes),
    outcome=st.floats(0.0, 1.0),
    cquin=st.floats(0.0, 1.0),
)
def test_activity_based_and_blended_are_non_decreasing_in_volume(
    terms, month, volumes, outcome, cquin
):
    low, high = sorted(volumes)
    scores = {"outcome_score": outcome, "cquin_achievement": cquin}
    due_low = cumulative_due_pence(terms, YearToDate(month, volume=low, **scores), 1)
    due_high = cumulative_due_pence(terms, YearToDate(month, volume=high, **scores), 1)
    assert due_low <= due_high


def _exact(value: float) -> Fraction:
    return Fraction(repr(value))


@given(
    terms=block_terms(with_corridor=True),
    positions=st.tuples(st.floats(0.0, 1.0), st.floats(0.0, 1.0)),
    contract_year=contract_years,
)
def test_block_year_end_is_independent_of_volume_inside_the_corridor(
    terms, positions, contract_year
):
    plan, fraction = _exact(terms.planned_volume), _exact(terms.corridor_fraction)
    lower, upper = plan * (1 - fraction), plan * (1 + fraction)
    inside = [float(lower + (upper - lower) * _exact(p)) for p in positions]
    # Converting back to float can step just outside an edge; such draws test nothing.
    assume(all(lower <= _exact(v) <= upper for v in inside))
    on_plan = cumulative_due_pence(
        terms, YearToDate(12, volume=terms.planned_volume), contract_year
    )
    for volume in inside:
        assert cumulative_due_pence(terms, YearToDate(12, volume=volume), contract_year) == on_plan


@given(terms=block_terms(with_corridor=True), extra_units=st.integers(1, 1000))
def test_block_year_end_pays_for_activity_above_the_corridor(terms, extra_units):
    assume(terms.corridor_price_pence > 0)
    upper = _exact(terms.planned_volume) * (1 + _exact(terms.corridor_fraction))
    above = float(upper + extra_units)
    on_plan = cumulative_due_pence(terms, YearToDate(12, volume=terms.planned_volume), 1)
    # At least extra_units × price, less under a penny of rounding and float conversion.
    gained = cumulative_due_pence(terms, YearToDate(12, volume=above), 1) - on_plan
    assert gained >= extra_units * terms.corridor_price_pence - 1


@given(
    terms=block_terms(),
    month=st.integers(min_value=1, max_value=11),
    volumes=st.tuples(annual_volumes, annual_volumes),
    contract_year=contract_years,
)
def test_block_before_year_end_ignores_volume(terms, month, volumes, contract_year):
    dues = {
        cumulative_due_pence(terms, YearToDate(month, volume=v), contract_year) for v in volumes
    }
    assert len(dues) == 1
