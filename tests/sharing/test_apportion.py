import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.sharing.apportion import apportion_pence, fraction_of


def test_equal_thirds_left_over_penny_goes_to_smallest_id():
    # 100 / 3 = 33.33 each; floors 33+33+33 = 99; the 1 left ties on .33 -> "a".
    assert apportion_pence(100, {"c": 1, "a": 1, "b": 1}) == {"a": 34, "b": 33, "c": 33}


def test_largest_remainder_wins_the_penny():
    # 10 x 0.41 = 4.1 and 10 x 0.59 = 5.9 -> floors 4 + 5 = 9; 1 left to y (.9 > .1).
    assert apportion_pence(10, {"x": Decimal("0.41"), "y": Decimal("0.59")}) == {"x": 4, "y": 6}


def test_weights_need_not_sum_to_one():
    # 1000 x 2/3 = 666.67, 1000 x 1/3 = 333.33 -> 666 + 333 = 999; 1 left to "icb" (.67).
    assert apportion_pence(1000, {"icb": 20, "la": 10}) == {"icb": 667, "la": 333}


def test_zero_weight_gets_nothing():
    assert apportion_pence(7, {"a": 0, "b": 1, "c": 1}) == {"a": 0, "b": 4, "c": 3}


@pytest.mark.parametrize(
    ("amount", "weights", "message"),
    [
        (-1, {"a": 1}, "must be >= 0"),
        (5, {"a": -1, "b": 2}, "negative for a"),
        (5, {"a": 0, "b": 0}, "at least one weight must be positive"),
    ],
)
def test_bad_apportionment_inputs(amount, weights, message):
    with pytest.raises(ValueError, match=message):
        apportion_pence(amount, weights)


def test_fraction_of_rounds_half_to_even():
    # 5 x 0.5 = 2.5 -> 2 (even); 7 x 0.5 = 3.5 -> 4 (even); 1001 x 0.3 = 300.3 -> 300.
    assert fraction_of(5, Decimal("0.5")) == 2
    assert fraction_of(7, Decimal("0.5")) == 4
    assert fraction_of(1001, Decimal("0.3")) == 300


weights_st = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=3),
    st.one_of(st.integers(0, 3), st.integers(0, 10_000)),  # small weights make ties common
    min_size=1,
    max_size=6,
).filter(lambda w: sum(w.values()) > 0)


@given(amount=st.integers(0, 10**12), weights=weights_st)
def test_every_penny_assigned_and_each_share_within_a_penny_of_quota(amount, weights):
    shares = apportion_pence(amount, weights)
    assert sum(shares.values()) == amount
    total = sum(weights.values())
    for party, weight in weights.items():
        quota = Fraction(amount * weight, total)
        assert math.floor(quota) <= shares[party] <= math.floor(quota) + 1


@given(
    amount=st.one_of(st.integers(0, 10), st.integers(0, 10**9)), weights=weights_st, data=st.data()
)
def test_listing_order_never_moves_a_penny(amount, weights, data):
    order = data.draw(st.permutations(list(weights)))
    reordered = {party: weights[party] for party in order}
    assert apportion_pence(amount, reordered) == apportion_pence(amount, weights)


@given(amount=st.integers(0, 10**9), extra=st.integers(1, 10**6), weights=weights_st)
def test_monotone_in_the_amount(amount, extra, weights):
    # Largest remainder can lose a tie-break penny when the amount grows (the Alabama
    # paradox), so a share never falls by more than 1p, and never falls at all once the
    # increase adds at least one whole penny to that party's quota.
    before = apportion_pence(amount, weights)
    after = apportion_pence(amount + extra, weights)
    total = sum(weights.values())
    for party, weight in weights.items():
        assert after[party] >= before[party] - 1
        if extra * weight >= total:
            assert after[party] >= before[party]
