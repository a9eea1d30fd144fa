"""The meeting room's pure parts, by hand: units, typed values, intervals, names, pool chart."""

import io
import zipfile
from dataclasses import replace

import pandas as pd
import pytest

from experiments.names import organisation_names, title_id
from viz.charts.pool import pool_by_year, pool_shares
from viz.compare import paired_difference
from viz.components.fields import PERCENT, WEEKS, parse_number
from viz.ensemble import summarise
from viz.export import tables_csv_zip
from viz.formatting import format_interval, format_value, gbp, label
from viz.problems import plain_problem, share_problems
from viz.settings import RunSettings


def test_values_are_shown_in_the_units_people_use():
    assert PERCENT.show(0.005) == "0.5%"
    assert WEEKS.show(26) == "26 weeks"
    assert gbp(1_362_953_207) == "£1,363m" and gbp(-16_447_676) == "−£16.4m"
    assert gbp(72_140) == "£72k" and gbp(896.3) == "£896"
    assert format_value("dtoc_bed_days_final_year", 119_994.6) == "119,995"
    assert format_value("share_acute_final_year", 0.144) == "14.4%"


def test_typed_values_are_checked_with_a_reason():
    assert parse_number("2", -0.05, 0.10, PERCENT) == (0.02, "")
    assert parse_number("0.5 %", -0.05, 0.10, PERCENT) == (0.005, "")
    assert parse_number("abc", 0, 1, PERCENT) == (None, "“abc” is not a number.")
    assert parse_number("150", 0, 1, PERCENT) == (None, "Must be between 0.0% and 100.0%.")
    assert parse_number("-5", 0, 100, WEEKS, whole=True)[1] == \
        "Must be between 0 weeks and 100 weeks."
    assert parse_number("2.5", 0, 100, WEEKS, whole=True) == (None, "Enter a whole number.")


def test_intervals_stay_inside_what_a_figure_can_be():
    # shares 0.01, 0.02, 0.09: mean 0.04, t interval 0.04 ± 4.303·0.0436/√3 = (−0.068, 0.148)
    share = summarise("share_acute_final_year", [0.01, 0.02, 0.09])
    assert share.low == 0.0 and share.high == pytest.approx(0.1483, abs=1e-3)
    count = summarise("dtoc_bed_days_final_year", [10.0, 20.0, 900.0])
    assert count.low == 0.0
    surplus = summarise("surplus_acute_gbp", [-10.0, -20.0, 30.0])
    assert surplus.low < 0  # a surplus may be a deficit


def test_a_difference_is_flagged_only_when_its_interval_excludes_zero():
    # same-seed differences +1, +2, +3: mean 2, half-width 4.303·1/√3 = 2.484 → includes 0
    assert not paired_difference([10, 20, 30], [11, 22, 33]).excludes_zero()
    # +10, +11, +12: mean 11, half-width 2.484 → (8.5, 13.5) excludes 0
    assert paired_difference([10, 20, 30], [20, 31, 42]).excludes_zero()
    assert not paired_difference([5, 5, 5], [5, 5, 5]).excludes_zero()


def test_step_mode_labels_say_so_far():
    text = label("nel_admissions_per_1000_final_year", weeks_so_far=13, weeks_in_year=13)
    assert "so far (13 weeks" in text and "final year" not in text
    assert label("system_cost_gbp", weeks_so_far=13) == "System cost, so far (13 weeks)"


def test_display_names_default_to_the_id_title_cased(raw):
    assert title_id("home_from_hospital") == "Home From Hospital" and title_id("icb") == "ICB"
    names = organisation_names({"organisations": [{"id": "age_well"},
                                                  {"id": "icb", "name": "NHS Northshire"}]})
    assert names == {"age_well": "Age Well", "icb": "NHS Northshire"}
    assert label("surplus_age_well_gbp", names).endswith("Age Well, all years")


def test_bad_shares_are_said_in_plain_words(raw):
    settings = RunSettings(design="capitation_gain_loss", seed=1).with_sharing(
        proportions=(("icb", 0.5), ("council", 0.1), ("acute", 0.3), ("community", 0.2),
                     ("social_care", 0.2)))
    (line,) = share_problems(raw, settings)
    assert line.startswith("The shares add to 130% (Integrated care board 50%")
    assert line.endswith("they must add to 100%.")
    assert plain_problem("designs.x.agreements[0].gains.rule.fixed_proportions.shares.icb:"
                         " Input should be less than or equal to 1 (got 1.5)",
                         {"icb": "Integrated care board"}) == \
        "Integrated care board: must be at most 1 (got 1.5)"


def test_pool_chart_shares_add_to_the_pool():
    settlements = pd.DataFrame({"year": [0, 0, 0, 1, 1, 1], "agreement": ["g"] * 6,
                                "party": ["a", "b", "c"] * 2,
                                "amount_pence": [300, 500, 200, -40, -60, 0],
                                "pool_pence": [1000] * 3 + [-100] * 3})
    shares = pool_shares(settlements)
    # year 0: 300 + 500 + 200 = 1000 = pool; year 1: −40 − 60 + 0 = −100 = pool
    assert shares.sum(axis=1).to_dict() == pool_by_year(settlements).to_dict() == \
        {0: 1000, 1: -100}


def test_exports_are_in_pounds_with_years_from_one(raw):
    from viz.overrides import build_scenario
    from viz.session import run_to_end

    settings = RunSettings(design="block", seed=1, people=2000, years=1)
    results = run_to_end(build_scenario(raw, settings), settings).results
    with zipfile.ZipFile(io.BytesIO(tables_csv_zip(results))) as archive:
        finance = pd.read_csv(archive.open("finance_annual.csv"))
        ledger = pd.read_csv(archive.open("ledger.csv"))
        assert "README.txt" in archive.namelist()
    assert set(finance["year"]) == {1}
    assert ((finance["surplus_gbp"] * 100).round() == finance["surplus_pence"]).all()
    assert {"ICB", "Social Care"} <= set(finance["organisation_name"])  # no names given
    assert ((ledger["amount_gbp"] * 100).round() == ledger["amount_pence"]).all()
    assert format_interval("system_cost_gbp", 2e8, 1.5e8, 2.5e8) == "£200m (£150m to £250m)"


def test_putting_a_control_back_brings_the_results_back(raw):
    from viz.overrides import build_scenario
    from viz.room import result_key

    base = RunSettings(design="capitation_gain_loss", seed=1)
    moved = replace(base, demand_growth_per_year=0.02)
    back = replace(base, demand_growth_per_year=raw.get("demand", {}).get(
        "nel_demand_growth_per_year", 0.0))  # the file's value, now set explicitly
    key = result_key(base, build_scenario(raw, base))
    assert result_key(moved, build_scenario(raw, moved)) != key
    assert result_key(back, build_scenario(raw, back)) == key


def test_step_after_the_horizon_says_so(raw):
    from experiments.names import all_names
    from viz.overrides import build_scenario
    from viz.room import Worker

    settings = RunSettings(design="block", seed=1, people=1000, years=1)
    scenario = build_scenario(raw, settings)
    said = []
    worker = Worker(raw, "x", all_names(raw), get_pool=None)
    worker.bind(said.append, lambda shown: said.append(shown))
    for _ in range(4):  # 4 quarters of 13 weeks reach week 52
        worker.work(worker.begin("step", settings, scenario, None, None))
    said.clear()
    worker.work(worker.begin("step", settings, scenario, None, None))
    assert [job.message for job in said] == [
        "The run has reached its last week (week 52 of 52): press Run for every replication,"
        " or Reset to start again."]
