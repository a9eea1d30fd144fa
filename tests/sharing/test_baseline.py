from decimal import Decimal

import pytest

from sim.sharing import BaselineSpec, baseline_for_year

TORBAY = BaselineSpec(fixed_years=5, rolling_years=3)


@pytest.mark.parametrize("year", [1, 3, 5])
def test_fixed_period_uses_the_base_baseline(year):
    assert baseline_for_year(TORBAY, year, [1, 2, 3, 4], 1_000_000) == 1_000_000


def test_rolling_period_is_mean_of_last_out_turns():
    # Year 6 rolls over years 3-5: (300 + 400 + 500) / 3 = 400.
    assert baseline_for_year(TORBAY, 6, [100, 200, 300, 400, 500], 999) == 400


def test_rolling_ignores_out_turns_from_the_year_itself_or_later():
    # Year 6 may only look at years 1-5, even if year 6's out-turn is passed in.
    assert baseline_for_year(TORBAY, 6, [100, 200, 300, 400, 500, 10_000], 999) == 400


def test_rolling_with_fewer_years_than_the_window_uses_those_available():
    # fixed 1, rolling 3: year 2 has only year 1's out-turn -> 700.
    spec = BaselineSpec(fixed_years=1, rolling_years=3)
    assert baseline_for_year(spec, 2, [700], 500) == 700


def test_population_growth_applied_only_when_asked():
    # 1,000,000 x 1.02 = 1,020,000.
    grown = BaselineSpec(adjust_for_population_growth=True)
    assert baseline_for_year(grown, 4, [], 1_000_000, Decimal("1.02")) == 1_020_000
    assert baseline_for_year(BaselineSpec(), 4, [], 1_000_000, Decimal("1.02")) == 1_000_000


def test_rolling_mean_rounds_half_to_even():
    spec = BaselineSpec(fixed_years=1, rolling_years=2)
    assert baseline_for_year(spec, 3, [1, 2], 0) == 2  # 1.5 -> 2
    assert baseline_for_year(spec, 3, [2, 3], 0) == 2  # 2.5 -> 2


def test_growth_then_rolling_combined():
    # Year 4 (fixed 2, rolling 2): mean(200, 300) = 250 x 1.1 = 275.
    spec = BaselineSpec(fixed_years=2, rolling_years=2, adjust_for_population_growth=True)
    assert baseline_for_year(spec, 4, [100, 200, 300], 0, Decimal("1.1")) == 275


@pytest.mark.parametrize(
    ("year", "history", "factor", "message"),
    [
        (0, [], 1, "year counts from 1"),
        (6, [], 1, "none were given"),
        (1, [], 0, "must be > 0"),
    ],
)
def test_bad_baseline_inputs(year, history, factor, message):
    with pytest.raises(ValueError, match=message):
        baseline_for_year(TORBAY, year, history, 100, factor)
