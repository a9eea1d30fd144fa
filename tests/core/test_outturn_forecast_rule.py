"""The out-turn forecast by hand: last out-turn × trend × exp(learned bias)."""

import math

import pytest

from agents.settlement_forecast import (
    bias_belief,
    forecast_outturn_pence,
    trend_outturn_pence,
    trend_ratio,
)


def test_trend_is_the_geometric_mean_year_on_year_ratio():
    assert trend_ratio([100, 110, 121]) == pytest.approx(1.1)
    assert trend_ratio([100, 121]) == pytest.approx(1.21)
    assert trend_ratio([100]) == 1.0  # one year shows no trend
    assert trend_ratio([100, 200]) == 1.25  # doubling in a year is not extrapolated
    assert trend_ratio([100, 50]) == 0.8


def test_bias_is_the_mean_log_error_shrunk_by_one_unbiased_year():
    assert bias_belief([]) == 0.0
    # one year 10% over its forecast: log 1.1 / 2
    assert bias_belief([(100, 110)]) == pytest.approx(math.log(1.1) / 2)
    # 10% over, then 10% under: logs nearly cancel, over three
    assert bias_belief([(100, 110), (110, 99)]) == pytest.approx(
        (math.log(1.1) + math.log(0.9)) / 3)


def test_forecast_out_turn():
    """£1,000, £1,100, £1,210 settled: trend 1.1, so 1,331; one year 10% above the trend's
    forecast: × √1.1 = 1,395.96."""
    outturns = [100_000, 110_000, 121_000]
    assert trend_outturn_pence(outturns) == 133_100
    assert forecast_outturn_pence(outturns, [(110_000, 121_000)]) == 139_596
    assert forecast_outturn_pence([], []) is None
