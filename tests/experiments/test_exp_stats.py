"""Intervals, paired differences and readings, against hand-computed values."""

import math

import numpy as np
import pandas as pd
import pytest
from exp_fakes import ORGS, fake_results
from hypothesis import given
from hypothesis import strategies as st

from experiments.report.reading import readings
from experiments.report.stats import mean_interval, paired_differences, summarise
from sim.outputs.outcomes import run_outcomes


def test_mean_interval_hand_computed():
    # values 1, 2, 3: mean 2, sd 1, se 1/sqrt(3) = 0.57735; t(0.975, 2) = 4.302653
    # half-width 4.302653 * 0.57735 = 2.484138
    mean, low, high = mean_interval([1.0, 2.0, 3.0])
    assert mean == 2.0
    assert low == pytest.approx(2.0 - 2.484138, abs=1e-6)
    assert high == pytest.approx(2.0 + 2.484138, abs=1e-6)


def test_mean_interval_of_one_value_collapses():
    assert mean_interval([5.0]) == (5.0, 5.0, 5.0)
    assert all(math.isnan(v) for v in mean_interval([]))


@given(st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=30))
def test_interval_contains_the_mean(values):
    mean, low, high = mean_interval(values)
    assert low <= mean + 1e-6 and mean <= high + 1e-6


def _runs():
    # Two designs, three seeds. Design b costs 10, 12, 8 more than a on seeds 1, 2, 3.
    return pd.DataFrame({
        "run_id": list("abcdef"), "design": ["a"] * 3 + ["b"] * 3, "seed": [1, 2, 3] * 2,
        "sample": 0, "system_cost_gbp": [100.0, 200.0, 300.0, 110.0, 212.0, 308.0]})


def test_paired_difference_hand_computed():
    paired = paired_differences(_runs(), ["a", "b"]).set_index("outcome")
    row = paired.loc["system_cost_gbp"]
    # differences 10, 12, 8: mean 10, sd 2, se 2/sqrt(3) = 1.154701; half 4.302653 * 1.154701
    assert row["mean_difference"] == 10.0
    assert row["high"] - row["mean_difference"] == pytest.approx(4.968275, abs=1e-6)
    # the unpaired interval of design b alone is far wider (sd 99.0): pairing matters
    summary = summarise(_runs(), ["a", "b"]).set_index(["design", "outcome"])
    assert summary.loc[("b", "system_cost_gbp"), "high"] - 210.0 > 200


def test_outcomes_from_tables_hand_computed():
    results = fake_results("beta", seed=3, years=2)
    row = run_outcomes(results)
    finance = results.finance_annual
    providers = finance[finance["kind"] != "commissioner"]
    assert row["system_cost_gbp"] == int(providers["cost_pence"].sum()) / 100
    acute = finance[finance["organisation"] == "acute"]
    assert row["surplus_acute_gbp"] == int(acute["surplus_pence"].sum()) / 100
    assert row["min_reserves_acute_gbp"] == int(acute["reserves_pence"].min()) / 100
    # fake pool: 3,000p a year for 2 years = £60; icb gets 1,000p a year = £20
    assert row["pool_gbp"] == 60.0
    assert row["pool_to_icb_gbp"] == 20.0 and row["pool_to_acute_gbp"] == 40.0
    assert row["pool_to_community_gbp"] == 0.0
    # shares of the final year: acute 0.1, voluntary 0.4
    assert row["share_acute_final_year"] == 0.1 and row["share_voluntary_final_year"] == 0.4
    weekly = results.system_weekly
    last = weekly[weekly["year"] == 1]
    assert row["nel_admissions_per_1000_final_year"] == pytest.approx(
        last["admissions"].sum() * 1000 / 10_000)


def test_readings_name_the_winner_and_loser():
    rows = []
    for design, acute, community, cost in (("a", 0.0, 0.0, 1e9), ("b", 5e6, -3e6, 0.98e9)):
        for seed in (1, 2, 3):
            rows.append({"run_id": f"{design}{seed}", "design": design, "seed": seed,
                         "sample": 0, "system_cost_gbp": cost + seed,
                         "surplus_acute_gbp": acute + seed,
                         "surplus_community_gbp": community - seed, "pool_gbp": 0.0})
    runs = pd.DataFrame(rows)
    summary = summarise(runs, ["a", "b"])
    paired = paired_differences(runs, ["a", "b"])
    text = readings(summary, paired, ["a", "b"], years=5)
    assert "the system spends £20.0m less" in text["b"]
    # without display names, ids are title-cased (short ones read as acronyms)
    assert "Winners against A: Acute (+£5.0m)" in text["b"]
    assert "Losers: Community (−£3.0m)" in text["b"]
    named = readings(summary, paired, ["a", "b"], years=5, names={"acute": "Acute trust"})
    assert "Winners against A: Acute trust (+£5.0m)" in named["b"]
    assert "(the reference design)" in text["a"]
    assert "£1,000.0m over 5 years" in text["a"]


def test_fake_organisations_cover_every_kind_used():
    assert {kind for _, kind in ORGS} == {"commissioner", "acute", "community"}
    assert np.isfinite(list(run_outcomes(fake_results("alpha", 1)).values())).all()


def test_wilson_interval_hand_computed():
    # 1 of 3 runs: z = 1.959964, z^2 = 3.841459
    # centre = (1/3 + 3.841459/6) / (1 + 3.841459/3) = 0.973577 / 2.280486 = 0.426916
    # half = 1.959964/2.280486 * sqrt((1/3)(2/3)/3 + 3.841459/36) = 0.859451 * 0.425184
    #      = 0.365425 -> [0.061491, 0.792341]
    from experiments.report.stats import wilson_interval

    share, low, high = wilson_interval(1, 3)
    assert share == pytest.approx(1 / 3)
    assert low == pytest.approx(0.061491, abs=1e-5)
    assert high == pytest.approx(0.792341, abs=1e-5)
    assert wilson_interval(0, 3)[1] == 0.0 and wilson_interval(3, 3)[2] == 1.0
