"""Intervals use the quantile of the actual sample size, checked against printed tables."""

import pytest

from experiments import stylised_facts as sf
from experiments.report.stats import mean_interval, wilson_interval

# Two-sided 95% Student-t quantiles t(0.975, df) as printed in statistical tables; the
# tables round to 3 decimals, hence the tolerance.
T_TABLE = {4: 2.776, 9: 2.262}
TABLE_ROUNDING = 5e-4


def test_five_values_use_four_degrees_of_freedom():
    # 2, 4, 4, 5, 10: mean 5; squared deviations 9+1+1+0+25 = 36, variance 36/4 = 9, sd 3;
    # se = 3/sqrt(5) = 1.341641; half-width = 2.776 * 1.341641 = 3.724395
    mean, low, high = mean_interval([2.0, 4.0, 4.0, 5.0, 10.0])
    half = T_TABLE[4] * 3 / 5**0.5
    assert mean == 5.0
    assert high - mean == pytest.approx(half, rel=TABLE_ROUNDING)
    assert mean - low == pytest.approx(half, rel=TABLE_ROUNDING)


def test_ten_values_use_nine_degrees_of_freedom():
    # 1..10: mean 5.5; sum of squared deviations 82.5, variance 82.5/9, sd 3.027650;
    # se = 0.957427; half-width = 2.262 * 0.957427 = 2.165700 (2.776 would give 2.657811)
    mean, low, high = mean_interval([float(v) for v in range(1, 11)])
    assert mean == 5.5
    assert high - mean == pytest.approx(T_TABLE[9] * 0.957427, rel=TABLE_ROUNDING)


def test_stylised_facts_summary_uses_the_number_of_seeds(monkeypatch):
    # A fake fact whose measure is the seed itself: over seeds 1..10 the interval is the
    # one above, on 9 degrees of freedom, not the 4 a five-seed table would use.
    monkeypatch.setattr(sf, "FACTS", {"fake": lambda design, seed: {"x": float(seed)}})
    monkeypatch.setattr(sf, "DESIGNS", ("only",))
    row = sf.summary_table(seeds=range(1, 11)).iloc[0]
    assert row["mean"] == 5.5
    assert row["ci_high"] - 5.5 == pytest.approx(T_TABLE[9] * 0.957427, rel=TABLE_ROUNDING)
    assert row["ci_low"] == pytest.approx(5.5 - (row["ci_high"] - 5.5))


def test_wilson_interval_two_of_ten_by_hand():
    # z = 1.959964, z^2 = 3.841459, p = 0.2, n = 10:
    # centre = (0.2 + 3.841459/20) / (1 + 3.841459/10) = 0.392073 / 1.384146 = 0.283260
    # half = 1.959964/1.384146 * sqrt(0.2*0.8/10 + 3.841459/400) = 1.416011 * 0.160012
    #      = 0.226578 -> [0.056682, 0.509838]
    share, low, high = wilson_interval(2, 10)
    assert share == 0.2
    assert low == pytest.approx(0.056682, abs=2e-6)
    assert high == pytest.approx(0.509838, abs=2e-6)


def test_wilson_interval_stays_inside_zero_and_one():
    # No runs with an exit: the interval starts at 0 and its top is z^2/(n+z^2) by hand
    # (p = 0: centre = half = z^2/(2(n+z^2))): 3.841459/13.841459 = 0.277533 for n = 10.
    share, low, high = wilson_interval(0, 10)
    assert (share, low) == (0.0, 0.0)
    assert high == pytest.approx(0.277533, abs=2e-6)
    assert wilson_interval(10, 10)[1] == pytest.approx(1 - 0.277533, abs=2e-6)
