"""Hand-computed checks of the app's pure parts: captions, comparison, formats, exports."""

import io
import zipfile

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from experiments.names import all_names
from sim.scenario import ScenarioError
from viz.charts.care import care_shares_caption, care_shares_figure
from viz.charts.finance import exposure_by_organisation
from viz.charts.pool import net_settlements, pool_by_year
from viz.export import tables_csv_zip
from viz.formatting import format_value
from viz.overrides import build_scenario, equal_shares
from viz.settings import RunSettings, env_int


def test_care_caption_reports_short_term_shares_and_change():
    # weeks 0-51 are year 1, 52-103 year 2; one week of each year carries the days
    weekly = pd.DataFrame({"week": [1, 53], "acute_bed_days": [60.0, 50.0],
                           "d2a_place_days": [40.0, 50.0], "community_bed_days": [0.0, 0.0],
                           "reablement_place_days": [0.0, 0.0]})
    text = care_shares_caption(weekly)
    # acute 60% -> 50% of short-term days: -10.0 points; D2A 40% -> 50%: +10.0 points
    assert "Acute hospital beds 50.0% (-10.0 points)" in text
    assert "Discharge to assess 50.0% (+10.0 points)" in text
    assert text.startswith("In year 2")


def test_care_chart_and_caption_use_the_scenarios_service_line_names():
    weekly = pd.DataFrame({"week": [1], "acute_bed_days": [75.0], "d2a_place_days": [25.0]})
    names = all_names({"service_lines": {"d2a_places": "Home first", "acute_beds": "Wards"}})
    text = care_shares_caption(weekly, names)
    assert "Wards 75.0%" in text and "Home first 25.0%" in text  # 75 / (75 + 25)
    _, labels = care_shares_figure(weekly, names).axes[0].get_legend_handles_labels()
    assert set(labels) == {"Wards", "Home first"}


def test_exposure_is_fixed_plus_semi_fixed_over_cost():
    finance = pd.DataFrame({"organisation": ["a", "a", "icb"], "kind": ["acute", "acute",
                                                                         "commissioner"],
                            "fixed_cost_out_pence": [30, 30, 0],
                            "semi_fixed_cost_out_pence": [20, 0, 0],
                            "cost_pence": [100, 100, 0]})
    # (30 + 20 + 30 + 0) / (100 + 100) = 0.4; the commissioner is not a provider
    assert exposure_by_organisation(finance).to_dict() == {"a": pytest.approx(0.4)}


def test_net_settlements_and_pool_per_year():
    finance = pd.DataFrame({"organisation": ["a", "b", "a", "b"], "year": [0, 0, 1, 1],
                            "risk_share_settlement_in_pence": [500, 0, 0, 0],
                            "risk_share_settlement_out_pence": [0, 500, 0, 0]})
    table = net_settlements(finance)
    # year 0: a +500, b -500; year 1 all zero (rows kept, both columns moved money)
    assert table.loc[0, "a"] == 500 and table.loc[0, "b"] == -500
    settlements = pd.DataFrame({"year": [0, 0, 1], "agreement": ["x", "x", "x"],
                                "pool_pence": [900, 900, -40]})
    # one pool per (year, agreement), not one per party line
    assert pool_by_year(settlements).to_dict() == {0: 900, 1: -40}


@pytest.mark.parametrize(("name", "value", "shown"), [
    ("share_acute_final_year", 0.1671, "16.7%"),
    ("surplus_acute_gbp", -29179325.83, "−£29.2m"),
    ("mean_los_days", 10.6067, "10.6"),
    ("system_cost_gbp", float("nan"), "—"),
])
def test_format_value(name, value, shown):
    assert format_value(name, value) == shown


@given(st.lists(st.text(min_size=1, max_size=5), min_size=1, max_size=12, unique=True))
def test_equal_shares_add_to_one_exactly(parties):
    from decimal import Decimal

    shares = equal_shares(parties)
    assert list(shares) == parties
    assert sum(Decimal(str(v)) for v in shares.values()) == 1


def test_unknown_design_names_the_field(raw):
    with pytest.raises(ScenarioError, match="design: no design 'nope'; known: activity_based"):
        build_scenario(raw, RunSettings(design="nope", seed=1))


def test_bad_environment_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("PLACESIM_APP_PEOPLE", "lots")
    with pytest.raises(ValueError, match="PLACESIM_APP_PEOPLE: expected a positive whole number"):
        env_int("PLACESIM_APP_PEOPLE", 5)


def test_csv_export_holds_every_table():
    from sim.outputs import RunResults

    frame = pd.DataFrame({"x": [1, 2]})
    results = RunResults(*(frame for _ in range(6)))
    names = zipfile.ZipFile(io.BytesIO(tables_csv_zip(results))).namelist()
    assert sorted(names) == sorted(["README.txt", *(f"{n}.csv" for n in results.tables())])
    text = zipfile.ZipFile(io.BytesIO(tables_csv_zip(results))).read("ledger.csv").decode()
    assert text.splitlines() == ["x", "1", "2"]
