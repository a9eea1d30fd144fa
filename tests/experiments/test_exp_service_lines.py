"""An integrated provider's service lines in the compare report, its exports and the app's.

The per-line figures are read two ways: from ``service_lines_annual`` (costs posted with
the line in their reference) and from the organisation's own accounts in
``finance_annual`` (totals by ledger reason). The lines must add up to the accounts.
"""

import io
import re
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from experiments.cli import app
from experiments.names import line_label
from experiments.report.labels import display, report_order
from experiments.runs import run
from sim.outputs.outcomes import service_line_outcomes
from viz.export import tables_csv_zip
from viz.formatting import label

ROOT = Path(__file__).resolve().parents[2]
ICO_SCHEME = ROOT / "scenarios" / "schemes" / "torbay_ico.toml"
ICO, ICO_NAME = "ico", "Torbay integrated care organisation"  # as the scheme names it
LINES = {"acute": "Acute hospital services", "community": "Community health services",
         "social_care": "Adult social care"}
CELL = re.compile(r"<td data-design='([^']+)' data-outcome='([^']+)' data-value='([^']+)'")


# --- labels and outcomes, by hand ----------------------------------------------------------
class _Results:
    def __init__(self, lines: pd.DataFrame) -> None:
        self.service_lines_annual = lines


def test_line_outcomes_sum_each_lines_years_in_pence():
    lines = pd.DataFrame({"organisation": ["ico"] * 4, "year": [0, 1, 0, 1],
                          "service_line": ["acute", "acute", "social_care", "social_care"],
                          "cost_pence": [150, 250, 1_000_001, 2],
                          "contract_income_pence": [100, -30, 7, 0]})
    row = service_line_outcomes(_Results(lines))
    # (150 + 250) p = £4.00; (1,000,001 + 2) p = £10,000.03; income 100 − 30 p = £0.70
    assert row == {"line_cost_ico__acute_gbp": 4.00, "line_income_ico__acute_gbp": 0.70,
                   "line_cost_ico__social_care_gbp": 10_000.03,
                   "line_income_ico__social_care_gbp": 0.07}


def test_a_place_without_an_integrated_provider_has_no_line_outcomes():
    assert service_line_outcomes(_Results(pd.DataFrame())) == {}


def test_line_outcomes_are_labelled_in_plain_english_with_units():
    names = {"my_ico": "Torbay ICO"}
    shown = display("line_cost_my_ico__social_care_gbp", names)
    # An id holding "_" is split at the double underscore only.
    assert shown.label == "Service line cost over the run: Torbay ICO, adult social care"
    assert shown.unit == "£m" and shown.format(12_345_678) == "12.35"
    income = display("line_income_my_ico__acute_gbp", names)
    assert income.label == ("Service line contract income over the run: Torbay ICO, acute"
                            " hospital services")
    assert line_label("my_ico__voluntary", names) == "Torbay ICO, voluntary-sector prevention"
    assert label("line_cost_my_ico__community_gbp", names) == (
        "Service line cost: Torbay ICO, community health services, all years")
    order = report_order(["silo_index", "line_income_a__acute_gbp", "line_cost_a__acute_gbp",
                          "stranded_capacity_cost_gbp"])
    assert order == ["stranded_capacity_cost_gbp", "line_cost_a__acute_gbp",
                     "line_income_a__acute_gbp", "silo_index"]


def test_the_reports_line_means_average_each_designs_replications_by_hand():
    from experiments.report.plots import service_line_means

    lines = pd.DataFrame({
        "design": ["a", "a", "a", "a", "b"], "seed": [1, 2, 1, 2, 1],
        "organisation": ["ico"] * 5, "service_line": ["acute", "acute", "acute", "acute",
                                                     "acute"],
        "year": [0, 0, 1, 1, 0], "cost_pence": [100, 300, 10, 20, 7],
        "contract_income_pence": [50, 150, 0, 40, 9],
        "fixed_cost_out_pence": [10, 30, 1, 1, 2], "semi_fixed_cost_out_pence": [5, 5, 0, 2, 0]})
    means = service_line_means(lines, ["a"]).set_index("year")
    # design a, year 0: cost (100 + 300) / 2, income (50 + 150) / 2, fixed (15 + 35) / 2;
    # year 1: (10 + 20) / 2, (0 + 40) / 2, (1 + 3) / 2. Design b is not asked for.
    assert means[["cost_pence", "contract_income_pence", "fixed_pence"]].to_dict("index") == {
        0: {"cost_pence": 200.0, "contract_income_pence": 100.0, "fixed_pence": 25.0},
        1: {"cost_pence": 15.0, "contract_income_pence": 20.0, "fixed_pence": 2.0}}
    assert set(means["design"]) == {"a"}


# --- the compare report and its exports ---------------------------------------------------
@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    out = tmp_path_factory.mktemp("ico") / "out"
    result = CliRunner().invoke(app, [
        "compare", str(ICO_SCHEME), "--replications", "1", "--years", "2", "--people", "5000",
        "--workers", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _csv(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / "export" / f"{name}.csv")


def test_the_lines_export_names_each_line_and_keeps_exact_pence(compared):
    lines = _csv(compared, "service_lines_annual")
    assert sorted(lines["year"].unique()) == [1, 2]  # years from 1, as on screen
    assert dict(zip(lines["service_line"], lines["service_line_name"], strict=True)) == LINES
    assert set(lines["organisation_name"]) == {ICO_NAME}
    for stem in ("cost", "contract_income", "fixed_cost_out"):
        assert (lines[f"{stem}_pence"] / 100 - lines[f"{stem}_gbp"]).abs().max() < 0.005


def test_the_exported_lines_add_up_to_the_organisations_accounts(compared):
    lines = _csv(compared, "service_lines_annual")
    finance = _csv(compared, "finance_annual")
    ico = finance[finance["organisation"] == ICO].set_index("year")
    for year, part in lines.groupby("year"):
        # Costs posted by line, before the organisation's efficiency savings, to the penny.
        assert int(part["cost_pence"].sum()) == int(
            ico.loc[year, "cost_pence"] + ico.loc[year, "efficiency_saving_in_pence"])
        for reason in ("fixed_cost", "semi_fixed_cost", "variable_cost", "lever_cost"):
            assert int(part[f"{reason}_out_pence"].sum()) == int(
                ico.loc[year, f"{reason}_out_pence"]), reason
        # Every contract paying the organisation names one of its lines.
        assert int(part["contract_income_pence"].sum()) == int(
            ico.loc[year, "contract_payment_in_pence"])
    # The block contracts name their lines: the scheme's £109.91m, £18.57m and £134.48m a year.
    income = lines.groupby("service_line")["contract_income_pence"].sum()
    assert income.to_dict() == {"acute": 2 * 10_991_000_000, "community": 2 * 1_857_000_000,
                                "social_care": 2 * 13_448_000_000}


def test_the_report_shows_each_lines_figures_as_the_table_has_them(compared):
    lines = _csv(compared, "service_lines_annual")
    summary = pd.read_parquet(compared / "summary.parquet").set_index("outcome")
    html = (compared / "report.html").read_text(encoding="utf-8")
    cells = {outcome: float(value) for _, outcome, value in CELL.findall(html)}
    for line, words in LINES.items():
        per_line = lines[lines["service_line"] == line]
        for stem, column in (("cost", "cost_pence"), ("income", "contract_income_pence")):
            outcome = f"line_{stem}_{ICO}__{line}_gbp"
            expected = int(per_line[column].sum()) / 100
            assert summary.loc[outcome, "mean"] == pytest.approx(expected, abs=0.005)
            assert cells[outcome] == pytest.approx(expected, abs=0.005)
        assert (f"Service line cost over the run: {ICO_NAME}, {words.lower()} (£m)"
                in html)
    # The scheme sets no pay or price inflation: its pounds are real, at its price year.
    assert "Money is in real terms, at 2023/24 prices." in html


# --- the app's download and headline --------------------------------------------------------
@pytest.fixture(scope="module")
def app_run():
    return run(ICO_SCHEME, seed=4, people=5_000, years=1)


def test_the_apps_headline_shows_each_lines_cost_and_income(app_run):
    from viz.formatting import format_value
    from viz.session import headline

    figures = headline(app_run.results)
    lines = app_run.results.service_lines_annual.set_index("service_line")
    for line in LINES:
        key = f"line_cost_{ICO}__{line}_gbp"
        assert figures[key] == int(lines.loc[line, "cost_pence"]) / 100
        assert format_value(key, figures[key]).startswith("£")
    assert label(f"line_income_{ICO}__social_care_gbp", {ICO: ICO_NAME}, weeks_so_far=13) == (
        f"Service line contract income: {ICO_NAME}, adult social care, so far (13 weeks)")


def test_the_apps_download_holds_the_lines_with_their_names(app_run):
    done = app_run
    names = {ICO: ICO_NAME}
    archive = zipfile.ZipFile(io.BytesIO(tables_csv_zip(done.results, names)))
    assert "service_lines_annual.csv" in archive.namelist()
    assert "service_lines_annual" in archive.read("README.txt").decode("utf-8")
    lines = pd.read_csv(archive.open("service_lines_annual.csv"))
    finance = pd.read_csv(archive.open("finance_annual.csv"))
    assert dict(zip(lines["service_line"], lines["service_line_name"], strict=True)) == LINES
    ico = finance[finance["organisation"] == ICO].iloc[0]
    assert int(lines["cost_pence"].sum()) == int(ico["cost_pence"]
                                                 + ico["efficiency_saving_in_pence"])


def test_the_report_plots_the_lines_only_when_the_runs_have_them(compared, tmp_path):
    from experiments.compare import (
        PLOT_ACTIVITY,
        PLOT_CARE,
        PLOT_LINES,
        PLOT_POOL,
        PLOT_SURPLUS,
        Comparison,
        make_plots,
    )
    from experiments.sweep.store import load_runs

    runs = load_runs(compared)
    comparison = Comparison(list(dict.fromkeys(runs["design"])), runs, pd.DataFrame(),
                            pd.DataFrame(), {})
    plots = make_plots(compared, comparison)
    assert list(plots) == [PLOT_ACTIVITY, PLOT_SURPLUS, PLOT_LINES, PLOT_POOL, PLOT_CARE]
    assert plots[PLOT_LINES].startswith(b"\x89PNG")
    html = (compared / "report.html").read_text(encoding="utf-8")
    assert html.count("src='data:image/png;base64,") == 5
    assert f"<h3>{PLOT_LINES}</h3>" in html
    # the same runs with no lines table in the store (as a place without an integrated
    # provider leaves it): no lines plot
    copy = shutil.copytree(compared, tmp_path / "out")
    shutil.rmtree(copy / "tables" / "service_lines_annual")
    assert list(make_plots(copy, comparison)) == [PLOT_ACTIVITY, PLOT_SURPLUS, PLOT_POOL,
                                                 PLOT_CARE]
