"""Intervals that stay inside what the figure can be, whatever the runs say."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from experiments.report.board import board_rows
from experiments.report.stats import count_interval, paired_differences, summarise, wilson_interval


@given(st.integers(0, 50).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))
       .filter(lambda t: t[1] > 0))
def test_no_interval_of_a_proportion_leaves_0_to_100_percent(case):
    successes, n = case
    share, low, high = wilson_interval(successes, n)
    assert 0.0 <= low and high <= 1.0
    assert low <= share + 1e-12 and share <= high + 1e-12


def test_wilson_interval_of_one_in_three_by_hand():
    # z = 1.95996; centre = (1/3 + z²/6) / (1 + z²/3) = 0.97360/2.28049 = 0.42693;
    # half = z/(1 + z²/3) · sqrt((1/3)(2/3)/3 + z²/36) = 0.85944 · sqrt(0.07407 + 0.10671)
    #      = 0.85944 · 0.42518 = 0.36541 → (0.0615, 0.7923)
    share, low, high = wilson_interval(1, 3)
    assert share == pytest.approx(1 / 3)
    assert low == pytest.approx(0.0615, abs=5e-4) and high == pytest.approx(0.7923, abs=5e-4)


@given(st.lists(st.integers(0, 6), min_size=1, max_size=12))
def test_no_interval_of_a_count_goes_below_zero(counts):
    mean, low, high = count_interval(np.array(counts, dtype=float))
    assert 0.0 <= low <= mean <= high


def test_count_interval_of_one_event_in_three_runs_by_hand():
    # Garwood: total 1 → (chi2(0.025; 2)/2, chi2(0.975; 4)/2) = (0.02532, 5.5716); / 3 runs
    mean, low, high = count_interval(np.array([1.0, 0.0, 0.0]))
    assert mean == pytest.approx(1 / 3)
    assert low == pytest.approx(0.02532 / 3, rel=1e-3)
    assert high == pytest.approx(5.5716 / 3, rel=1e-3)


def _runs(left_a, left_b):
    rows = []
    for design, left in (("a", left_a), ("b", left_b)):
        for seed, gone in enumerate(left):
            rows.append({"run_id": f"{design}{seed}", "design": design, "seed": seed,
                         "sample": 0, "system_cost_gbp": 1e9 + seed,
                         "surplus_x_gbp": 1e6 * seed, "dtoc_bed_days_final_year": 100.0 + seed,
                         "organisations_left": float(gone), "left_x": float(gone > 0)})
    return pd.DataFrame(rows)


def test_the_reported_nonsense_cannot_recur():
    # One of three runs loses an organisation: the t interval was 33% (−110% to 177%).
    runs = _runs([1, 0, 0], [0, 0, 0])
    summary = summarise(runs, ["a", "b"]).set_index(["design", "outcome"])
    share = summary.loc[("a", "left_x")]
    assert 0.0 <= share["low"] and share["high"] <= 1.0
    count = summary.loc[("a", "organisations_left")]
    assert count["low"] >= 0.0
    paired = paired_differences(runs, ["a", "b"]).set_index(["design", "outcome"])
    assert -1.0 <= paired.loc[("b", "left_x"), "low"] <= paired.loc[("b", "left_x"), "high"] <= 1


def test_board_summary_says_when_a_difference_cannot_be_told_from_none():
    runs = _runs([0, 0, 0], [0, 0, 1])
    runs.loc[runs["design"] == "b", "system_cost_gbp"] += [5e6, -4e6, 1e6]  # mean +£0.67m
    summary, paired = summarise(runs, ["a", "b"]), paired_differences(runs, ["a", "b"])
    rows = board_rows(summary, paired, runs, ["a", "b"], {"a": "Design A", "b": "Design B"})
    assert rows[0]["design"] == "Design A" and rows[0]["versus"] == "reference"
    assert "can't be told from none" in rows[1]["versus"]
    # one of three runs broke down: 33%, Wilson (6% to 79%)
    assert rows[1]["breakdown"] == "33% (6% to 79%)"
    assert rows[0]["breakdown"].startswith("0% (0% to ")
    assert not math.isnan(float(summary["high"].max()))
