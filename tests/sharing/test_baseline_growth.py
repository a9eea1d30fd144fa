"""Baselines with planned growth or an explicit series, and baselines of the members still in.

Expected values are hand arithmetic on round numbers.
"""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from sim.sharing import BaselineSpec, baseline_for_year, members_baseline_for_year
from sim.sharing.baseline import external_base


def test_planned_growth_compounds_through_the_fixed_years():
    spec = BaselineSpec(planned_growth_per_year=0.03)
    # £1,000,000 grown 3% a year: year 3 is 1,000,000 × 1.03² = 1,060,900.
    assert baseline_for_year(spec, 1, [], 100_000_000) == 100_000_000
    assert baseline_for_year(spec, 3, [], 100_000_000) == 106_090_000


def test_rolled_outturns_are_each_grown_to_the_year():
    spec = BaselineSpec(fixed_years=1, rolling_years=2, planned_growth_per_year=0.1)
    # Year 3 rolls years 1 and 2: (1000·1.1² + 2000·1.1) / 2 = (1210 + 2200) / 2 = 1705.
    assert baseline_for_year(spec, 3, [1000, 2000], 0) == 1705


def test_an_explicit_series_sets_each_year_and_growth_carries_it_on():
    spec = BaselineSpec(series_gbp=(Decimal(100), Decimal(110)), planned_growth_per_year=0.05)
    assert baseline_for_year(spec, 1, [], 1) == 10_000
    assert baseline_for_year(spec, 2, [], 1) == 11_000
    assert baseline_for_year(spec, 4, [], 1) == 12_128  # 11,000 × 1.05² = 12,127.5 → even


def test_zero_growth_and_no_series_is_the_old_fixed_baseline():
    assert baseline_for_year(BaselineSpec(), 5, [1, 2, 3], 123_456) == 123_456


def test_a_provider_that_leaves_takes_its_part_of_the_baseline():
    # The ICB pays acute 60,000 and the council pays care 40,000; acute pays community
    # 10,000 (internal while acute is in).
    base = {("icb", "acute"): 60_000, ("council", "care"): 40_000, ("acute", "community"): 10_000}
    history = [{"acute": 55_000, "community": 12_000, "care": 30_000}]
    everyone = {"acute", "community", "care"}
    fixed = BaselineSpec()
    assert members_baseline_for_year(fixed, 2, base, history, everyone) == 100_000
    assert members_baseline_for_year(fixed, 2, base, history, {"care"}) == 40_000
    # Once acute has left, its payments to community come from outside: 40,000 + 10,000.
    assert members_baseline_for_year(fixed, 2, base, history, {"care", "community"}) == 50_000
    rolled = BaselineSpec(fixed_years=1, rolling_years=1)
    assert members_baseline_for_year(rolled, 2, base, history, {"care", "community"}) == 42_000
    series = BaselineSpec(series_gbp=(Decimal(1000), Decimal(2000)))
    # The series is the whole agreement's; care was 40% of the agreed base.
    assert members_baseline_for_year(series, 2, base, history, {"care"}) == 80_000
    assert members_baseline_for_year(fixed, 2, base, history, set()) == 0
    assert external_base(base, {"care", "community"}, "acute") == 10_000


@pytest.mark.parametrize("field, value", [("planned_growth_per_year", 0.9),
                                          ("series_gbp", (Decimal(-1),))])
def test_out_of_range_growth_or_series_is_refused(field, value):
    with pytest.raises(ValidationError, match=field):
        BaselineSpec(**{field: value})
