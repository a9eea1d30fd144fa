"""Exports read as the screen does: pounds (exact pence where kept), years from 1, names."""

import shutil

import pandas as pd
import pytest
from conftest import DEFAULT_SCENARIO
from typer.testing import CliRunner

from experiments.cli import app
from experiments.exports import readable
from experiments.names import all_names
from experiments.report.plots import line_name
from sim.scenario import ScenarioError, scenario_from_dict
from sim.scenario.loader import read_toml

DESIGNS = ["block", "capitation_gain_loss"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    scenario = folder / "place.toml"
    shutil.copyfile(DEFAULT_SCENARIO, scenario)
    # The acute trust without a name of its own: its id is title-cased.
    text = scenario.read_text(encoding="utf-8")
    assert 'name = "Acute trust"\n' in text
    text = text.replace('name = "Acute trust"\n', "", 1)
    # One service line renamed by the scenario; the others keep their default names.
    scenario.write_text(f'[service_lines]\nd2a_places = "Home first"\n\n{text}',
                        encoding="utf-8")
    out = folder / "out"
    result = CliRunner().invoke(app, [
        "compare", str(scenario), "--designs", ",".join(DESIGNS), "--replications", "1",
        "--years", "1", "--people", "5000", "--workers", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "out"
    result = CliRunner().invoke(app, [
        "run", str(DEFAULT_SCENARIO), "--design", "capitation_gain_loss", "--seed", "2",
        "--years", "1", "--people", "5000", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _csv(out, name: str) -> pd.DataFrame:
    return pd.read_csv(out / "export" / f"{name}.csv")


def _assert_pounds_match_pence(frame: pd.DataFrame) -> None:
    pence = [c for c in frame.columns if c.endswith("_pence")]
    assert pence and len(frame) > 0
    for column in pence:
        pounds = frame[column.removesuffix("_pence") + "_gbp"]
        assert (pounds * 100).round().astype("int64").tolist() == frame[column].tolist(), column
        assert ((pounds - frame[column] / 100).abs() < 0.005).all(), column


@pytest.mark.parametrize("name", ["settlements", "finance_annual"])
def test_compare_csv_pounds_equal_the_exact_pence_to_the_penny(exported, name):
    _assert_pounds_match_pence(_csv(exported, name))


@pytest.mark.parametrize("name", ["ledger", "settlements", "finance_annual"])
def test_run_parquet_pounds_equal_the_exact_pence_to_the_penny(run_folder, name):
    _assert_pounds_match_pence(pd.read_parquet(run_folder / f"{name}.parquet"))


def test_other_tables_carry_pounds_only(run_folder):
    monthly = pd.read_parquet(run_folder / "organisations_monthly.parquet")
    assert "reserves_gbp" in monthly and not [c for c in monthly if c.endswith("_pence")]
    weekly = pd.read_parquet(run_folder / "system_weekly.parquet")
    assert set(weekly["year"]) == {1} and set(weekly["design_name"]) == {
        "Capitation with a gain/loss share"}


def test_years_start_at_one_as_on_screen(exported):
    for name in ("finance_annual", "system_weekly", "settlements", "care_shares_annual"):
        assert set(_csv(exported, name)["year"]) == {1}, name  # a one-year run
    # The store the report reads keeps the model's own years (from 0) and pence.
    stored = pd.read_parquet(exported / "tables" / "finance_annual")
    assert set(stored["year"]) == {0} and "surplus_gbp" not in stored


def test_ledger_names_both_sides(run_folder):
    ledger = pd.read_parquet(run_folder / "ledger.parquet")
    paid = ledger[ledger["payer"] == "icb"]
    assert len(paid) and set(paid["payer_name"]) == {"Integrated care board"}
    assert {"payee_name", "reason"} <= set(ledger.columns)


def test_names_are_display_names(exported):
    finance = _csv(exported, "finance_annual")
    shown = dict(zip(finance["organisation"], finance["organisation_name"], strict=False))
    assert shown["icb"] == "Integrated care board"  # given in the scenario
    assert shown["acute"] == "Acute"  # no name given: the id title-cased
    assert shown["age_well"] == "Age Well (voluntary)"
    designs = dict(zip(finance["design"], finance["design_name"], strict=False))
    assert designs == {"block": "Block contracts",
                       "capitation_gain_loss": "Capitation with a gain/loss share"}
    settlements = _csv(exported, "settlements")
    assert set(settlements["party_name"]) <= set(shown.values())
    summary = pd.read_parquet(exported / "summary.parquet")
    assert set(summary["design_name"]) == set(designs.values())


def test_readable_converts_by_hand():
    frame = pd.DataFrame({"year": [0, 4], "organisation": ["icb", "age_well"],
                          "amount_pence": [12_345, -1], "cost_gbp": [1.004, 2.5]})
    kept = readable("ledger", frame, {"age_well": "Age Well"})
    assert kept["amount_gbp"].tolist() == [123.45, -0.01]
    assert kept["amount_pence"].tolist() == [12_345, -1]
    assert kept["year"].tolist() == [1, 5] and kept["cost_gbp"].tolist() == [1.0, 2.5]
    assert kept["organisation_name"].tolist() == ["ICB", "Age Well"]
    assert list(kept.columns[:3]) == ["year", "organisation", "organisation_name"]
    dropped = readable("efficiency", frame)
    assert "amount_pence" not in dropped and dropped["amount_gbp"].tolist() == [123.45, -0.01]
    assert frame["year"].tolist() == [0, 4]  # the model's table is left as it was


def test_decisions_name_each_lever_in_plain_words():
    frame = pd.DataFrame({"week": [13, 13, 26], "organisation": ["acute"] * 3,
                          "lever": ["d2a_places", "discharge_effort", "new_lever"],
                          "new_value": [40.0, 0.2, 1.0]})
    names = all_names({"service_lines": {"d2a_places": "Home first"}})
    kept = readable("decisions", frame, names)
    # a capacity by its service line's (renamed) name; another lever by its plain label;
    # a lever without one title-cased
    assert kept["lever_name"].tolist() == ["Home first", "Discharge effort", "New Lever"]
    assert list(kept.columns).index("lever_name") == list(kept.columns).index("lever") + 1


def test_names_file_lists_every_organisation_design_and_service_line(exported):
    lookup = pd.read_csv(exported / "export" / "names.csv")
    lines = dict(lookup.loc[lookup["kind"] == "service_line", ["id", "name"]].values)
    assert lines["d2a_places"] == "Home first"  # from the scenario
    assert lines["acute_beds"] == "Acute hospital beds"  # the default
    assert len(lines) == 7  # every capacity setting
    orgs = dict(lookup.loc[lookup["kind"] == "organisation", ["id", "name"]].values)
    assert orgs["acute"] == "Acute" and len(orgs) == 7


def test_service_line_names_label_the_care_chart():
    assert line_name("d2a_places", {"d2a_places": "Home first"}) == "Home first"
    assert line_name("community_beds", None) == "Community beds"


def test_an_unknown_service_line_is_refused():
    raw = read_toml(DEFAULT_SCENARIO, "a scenario")
    with pytest.raises(ScenarioError, match="service_lines"):
        scenario_from_dict({**raw, "service_lines": {"beds": "Beds"}}, source=DEFAULT_SCENARIO)
