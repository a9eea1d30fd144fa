"""Indicators computed by hand on small frames (formulas in docs/metrics.md)."""

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from sim.outputs import indicators

DEFAULT_PLACE = Path(__file__).resolve().parents[1] / "scenarios" / "default.toml"


def _finance(rows):
    return pd.DataFrame(rows, columns=["organisation", "kind", "year", "cost_pence",
                                       "surplus_pence", "lever_cost_out_pence"])


def _weekly(acute, community_beds=0.0, care_home_weeks=0.0, waiting=0.0, d2a=0.0,
            reablement=0.0, year=0):
    return {"year": year, "acute_bed_days": acute, "community_bed_days": community_beds,
            "care_home_resident_weeks": care_home_weeks, "waiting_for_package": waiting,
            "d2a_place_days": d2a, "reablement_place_days": reablement}


def test_years_to_break_even_counts_from_the_first_investment():
    # year 0 surplus 10; invests from year 1 (lever cost up): surpluses 4, 9, 20 ->
    # running (4-10) = -6, (-6 + 9-10) = -7, (-7 + 20-10) = +3 >= 0 in the 3rd year.
    finance = _finance([("acute", "acute", y, 0, s, lever)
                        for y, s, lever in ((0, 10, 0), (1, 4, 5), (2, 9, 5), (3, 20, 5))])
    results = SimpleNamespace(finance_annual=finance)
    assert indicators.years_to_break_even(results, "acute") == 3.0
    never = _finance([("acute", "acute", 0, 0, 10, 0), ("acute", "acute", 1, 0, 10, 0)])
    assert indicators.years_to_break_even(SimpleNamespace(finance_annual=never), "acute") is None


def test_silo_index_on_resource_cost():
    # design: spend £1,000 + 10 days away x £150 = £2,500; planner: £1,200 + 6 days = £2,100
    def results(spend_pence, acute_days):
        return SimpleNamespace(
            finance_annual=_finance([("icb", "commissioner", 0, 999_999, 0, 0),
                                     ("acute", "acute", 0, spend_pence, 0, 0)]),
            system_weekly=pd.DataFrame([_weekly(acute_days)]),
            meta={"value_of_a_day_at_home_gbp": 150.0})

    index = indicators.silo_index(results(100_000, 10.0), results(120_000, 6.0))
    assert index == pytest.approx((2_500 - 2_100) / 2_100)
    # the benchmark is the cheaper of the planner and the design replayed under its guard:
    # replay £1,100 + 8 days = £2,300 beats a planner of £1,500 + 8 days = £2,700
    index = indicators.silo_index(results(100_000, 10.0), results(150_000, 8.0),
                                  results(110_000, 8.0))
    assert index == pytest.approx((2_500 - 2_300) / 2_300)
    index = indicators.silo_index(results(100_000, 10.0), results(120_000, 6.0),
                                  results(110_000, 8.0))
    assert index == pytest.approx((2_500 - 2_100) / 2_100)


def test_days_away_from_home_counts_beds_care_homes_and_waits():
    weekly = pd.DataFrame([_weekly(10.0, community_beds=4.0, care_home_weeks=2.0, waiting=1.0)])
    assert indicators.days_away_from_home(weekly) == 10 + 4 + 14 + 7


def test_out_of_hospital_share_by_year():
    weekly = pd.DataFrame([_weekly(60.0, community_beds=10.0, d2a=20.0, reablement=10.0),
                           _weekly(40.0, community_beds=20.0, d2a=30.0, reablement=10.0, year=1)])
    shares = indicators.out_of_hospital_share(SimpleNamespace(system_weekly=weekly))
    assert shares.to_list() == pytest.approx([40 / 100, 60 / 100])


def test_fixed_cost_exposure_of_an_activity_paid_trust_is_price_less_variable_cost():
    # Under payment by results (£3,640 an admission) a 10% fall in admissions loses 10% of
    # admissions × £3,640 of income and saves 10% of (admissions × £450 + bed days × £49).
    from sim.core.activity import ActivityUnit
    from sim.model import CareSystemModel

    model = CareSystemModel(DEFAULT_PLACE, "activity_based", rng=2, years=1,
                            people=20_000, behaviour=False)
    model.run()
    volumes = model.by_id["acute"].annual_own_activity()
    admissions = volumes[ActivityUnit.NEL_ADMISSION]
    bed_days = volumes[ActivityUnit.ACUTE_BED_DAY]
    expected = 0.1 * admissions * 3640 - 0.1 * (admissions * 450 + bed_days * 49)
    row = model.results().exposure_annual.set_index("organisation").loc["acute"]
    assert row["fixed_cost_exposure_gbp"] == pytest.approx(expected, rel=1e-4)
    assert row["fixed_cost_exposure_gbp"] > 0
    # under a block the same trust's income does not move with activity: exposure is negative
    block = CareSystemModel(DEFAULT_PLACE, "block", rng=2, years=1, people=20_000,
                            behaviour=False)
    block.run()
    assert block.results().exposure_annual.set_index("organisation").loc[
        "acute", "fixed_cost_exposure_gbp"] < 0
