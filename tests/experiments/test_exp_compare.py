"""compare on a small place: the report exists, holds plots and table, matches the Parquet."""

import re
import shutil

import numpy as np
import pandas as pd
import pytest
from conftest import DEFAULT_SCENARIO
from typer.testing import CliRunner

from experiments.cli import app

DESIGNS = ["block", "capitation_gain_loss"]
NAMES = {"block": "Block contracts", "capitation_gain_loss": "Capitation with a gain/loss share"}
CELL = re.compile(r"<td data-design='([^']+)' data-outcome='([^']+)' data-value='([^']+)' "
                  r"data-low='([^']+)' data-high='([^']+)'>")


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare")
    scenario = folder / "place.toml"
    shutil.copyfile(DEFAULT_SCENARIO, scenario)
    out = folder / "out"
    result = CliRunner().invoke(app, [
        "compare", str(scenario), "--designs", ",".join(DESIGNS), "--replications", "2",
        "--years", "1", "--people", "5000", "--workers", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def _table(html: str, table_id: str) -> list[tuple]:
    start = html.index(f"<table id='{table_id}'>")
    end = html.index("</table>", start)
    return CELL.findall(html[start:end])


def test_report_is_self_contained_with_four_plots(compared):
    out, _ = compared
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("src='data:image/png;base64,") == 4
    # the default place has no integrated provider: no service-lines plot
    assert "What each service line cost and earned" not in html
    assert "<script" not in html and "http://" not in html and "https://" not in html
    for design in DESIGNS:
        reading = re.search(rf"<p class='reading' data-design='{design}'>(.+?)</p>", html)
        assert reading is not None and NAMES[design] in reading.group(1)
    assert "£" in html


def test_summary_table_numbers_equal_the_parquet(compared):
    out, _ = compared
    html = (out / "report.html").read_text(encoding="utf-8")
    summary = pd.read_parquet(out / "summary.parquet").set_index(["design", "outcome"])
    cells = _table(html, "summary")
    assert {c[1] for c in cells} >= {"system_cost_gbp", "dtoc_bed_days_final_year",
                                     "nel_admissions_per_1000_final_year",
                                     "cost_per_head_per_year_gbp", "pool_gbp"}
    assert len(cells) >= 2 * 20
    for design, outcome, value, low, high in cells:
        row = summary.loc[(design, outcome)]
        assert float(value) == row["mean"]
        assert np.isclose(float(low), row["low"], equal_nan=True)
        assert np.isclose(float(high), row["high"], equal_nan=True)


def test_summary_means_are_the_means_of_the_runs(compared):
    out, _ = compared
    runs = pd.read_parquet(out / "runs")
    summary = pd.read_parquet(out / "summary.parquet").set_index(["design", "outcome"])
    assert sorted(runs.groupby("design").size().to_dict().items()) == [
        ("block", 2), ("capitation_gain_loss", 2)]
    for design in DESIGNS:
        part = runs[runs["design"] == design]
        for outcome in ("system_cost_gbp", "dtoc_bed_days_final_year", "surplus_acute_gbp"):
            assert summary.loc[(design, outcome), "mean"] == pytest.approx(
                part[outcome].mean(), rel=1e-12)


def test_paired_differences_are_same_seed_differences(compared):
    out, _ = compared
    html = (out / "report.html").read_text(encoding="utf-8")
    runs = pd.read_parquet(out / "runs")
    wide = runs.pivot(index="seed", columns="design", values="system_cost_gbp")
    expected = (wide["capitation_gain_loss"] - wide["block"]).mean()
    paired = pd.read_parquet(out / "paired.parquet").set_index(["design", "outcome"])
    assert paired.loc[("capitation_gain_loss", "system_cost_gbp"), "mean_difference"] == \
        pytest.approx(expected, rel=1e-12)
    cells = {(d, o): float(v) for d, o, v, _, _ in _table(html, "paired")}
    assert cells[("capitation_gain_loss", "system_cost_gbp")] == \
        paired.loc[("capitation_gain_loss", "system_cost_gbp"), "mean_difference"]


def test_common_random_numbers_seeds_shared_by_designs(compared):
    out, _ = compared
    runs = pd.read_parquet(out / "runs")
    seeds = runs.groupby("design")["seed"].apply(sorted)
    assert seeds["block"] == seeds["capitation_gain_loss"]


def test_terminal_output_has_the_key_results(compared):
    _, output = compared
    assert "Key results" in output and "Difference from block" in output
    assert "System cost over the run" in output


def test_second_compare_into_same_folder_reuses_runs(compared):
    out, _ = compared
    before = {p.name: p.stat().st_mtime_ns for p in (out / "runs").iterdir()}
    scenario = out.parent / "place.toml"
    result = CliRunner().invoke(app, [
        "compare", str(scenario), "--designs", ",".join(DESIGNS), "--replications", "2",
        "--years", "1", "--people", "5000", "--workers", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    after = {p.name: p.stat().st_mtime_ns for p in (out / "runs").iterdir()}
    assert before == after


def test_the_report_opens_with_the_board_summary(compared):
    out, _ = compared
    html = (out / "report.html").read_text(encoding="utf-8")
    board, charts, tables = (html.index(f"<section id='{s}'") for s in ("board", "charts",
                                                                          "tables"))
    assert board < charts < tables  # summary, then charts, then the detailed tables
    summary = html[board:charts]
    assert summary.count("<tr><th>") == 1 + len(DESIGNS)  # heading row + one per design
    assert NAMES["capitation_gain_loss"] in summary and "@media print" in html


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium not installed")
def test_pdf_is_an_a4_board_paper(compared):
    from pypdf import PdfReader

    out, _ = compared
    scenario = out.parent / "place.toml"
    result = CliRunner().invoke(app, [
        "compare", str(scenario), "--designs", ",".join(DESIGNS), "--replications", "2",
        "--years", "1", "--people", "5000", "--workers", "1", "--out", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    reader = PdfReader(out / "report.pdf")
    # summary page, four charts, two tables and the glossary: more than one page, not dozens
    assert 2 <= len(reader.pages) <= 12
    width, height = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert "Summary for the board" in reader.pages[0].extract_text()
