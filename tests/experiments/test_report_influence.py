"""compare --influence: the report's "Who has the influence?" section and its Parquet."""

import re
import shutil

import pandas as pd
import pytest
from conftest import DEFAULT_SCENARIO
from typer.testing import CliRunner

from experiments.cli import app
from experiments.design.paired import read_scenario
from experiments.influence_section import (
    InfluenceResult,
    designs_with_agreements,
    millions,
    pounds,
    shapley_reading,
)

DESIGN = "capitation_gain_loss"
SHAPLEY_CELL = re.compile(r"<td data-party='([^']+)' data-value='([^']+)'>")


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("influence")
    scenario = folder / "place.toml"
    shutil.copyfile(DEFAULT_SCENARIO, scenario)
    out = folder / "out"
    result = CliRunner().invoke(app, [
        "compare", str(scenario), "--designs", f"block,{DESIGN}", "--replications", "2",
        "--years", "1", "--people", "4000", "--workers", "2", "--out", str(out),
        "--influence"])
    assert result.exit_code == 0, result.output
    return out, (out / "report.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_section_is_in_the_report_for_the_design_with_an_agreement_only(compared):
    _, html = compared
    section = html[html.index("<section id='influence'>"):]
    section = section[:section.index("</section>")]
    assert "Who has the influence?" in section
    assert "data-design='capitation_gain_loss'" in section and "data-design='block'" not in section
    assert section.count("src='data:image/png;base64,") == 1
    assert "4000 people simulated, 1 year)" in section
    # The two seeds are the comparison's first two: the scenario's seed and the next.
    _, place = read_scenario(DEFAULT_SCENARIO)
    assert f"seeds {place.meta.seed}, {place.meta.seed + 1})" in section
    # Display names, not ids, head the Shapley rows.
    assert "<th>Acute trust</th>" in section and "<th>acute</th>" not in section
    assert re.search(r"<p class='reading' data-influence='capitation_gain_loss'>Under "
                     r"Capitation with a gain/loss share, all 5 parties acting as one", section)


@pytest.mark.slow
def test_shares_add_to_one_per_cost_line_and_match_the_effects(compared):
    out, _ = compared
    matrix = pd.read_parquet(out / "influence.parquet")
    assert set(matrix["design"]) == {DESIGN}
    assert set(matrix["party"]) == {"icb", "council", "acute", "community", "social_care"}
    assert set(matrix["design_name"]) == {"Capitation with a gain/loss share"}
    assert "Acute trust" in set(matrix["party_name"])
    for line, rows in matrix.groupby("line"):
        moved = rows["effect_gbp"].abs().sum()
        total = rows["share"].sum()
        # Every share is the party's |effect| over all parties' |effect| on that line.
        assert total == pytest.approx(1.0 if moved > 0 else 0.0, abs=1e-9), line
        if moved > 0:
            assert rows["share"].to_list() == pytest.approx(
                (rows["effect_gbp"].abs() / moved).to_list())


@pytest.mark.slow
def test_shapley_values_add_up_to_the_grand_coalition(compared):
    out, html = compared
    shapley = pd.read_parquet(out / "shapley.parquet")
    grand = float(shapley["grand_value_gbp"].iloc[0])
    assert shapley["shapley_gbp"].sum() == pytest.approx(grand, abs=0.01)
    cells = dict(SHAPLEY_CELL.findall(html[html.index("id='shapley-capitation_gain_loss'"):]))
    parties = {p: float(v) for p, v in cells.items() if p != "all"}
    assert len(parties) == 5
    assert sum(parties.values()) == pytest.approx(float(cells["all"]), abs=0.01)
    assert float(cells["all"]) == pytest.approx(grand, abs=0.01)
    # Each value sits inside its own interval over seeds, shown beside it in the table.
    assert (shapley["shapley_low_gbp"] <= shapley["shapley_gbp"] + 1e-6).all()
    assert (shapley["shapley_gbp"] <= shapley["shapley_high_gbp"] + 1e-6).all()
    table = html[html.index("id='shapley-capitation_gain_loss'"):]
    assert "95% interval over seeds" in table[:table.index("</table>")]


def test_only_designs_with_an_agreement_of_two_or_more_parties():
    _, place = read_scenario(DEFAULT_SCENARIO)
    assert designs_with_agreements(place, ["block", DESIGN, "activity_based"]) == [DESIGN]


def test_plain_pound_labels():
    assert pounds(-1_234_567) == "−£1.2m"
    assert pounds(350_400) == "£350k"
    assert pounds(12.4) == "£12"
    assert millions(-6_610_649) == "−£6.61m"
    assert millions(0.0) == "£0.00m"


def test_reading_names_the_largest_part_and_its_share_of_the_whole():
    shapley = pd.DataFrame({"party": ["acute", "community"],
                            "shapley_gbp": [3_000_000.0, 1_000_000.0],
                            "share_of_whole": [0.75, 0.25]})
    result = InfluenceResult("d", ["acute", "community"], pd.DataFrame(), shapley,
                             4_000_000.0, [1, 2])
    text = shapley_reading(result, {"d": "Design D", "acute": "Acute trust"})
    assert text == ("Under Design D, all 2 parties acting as one saves the system £4.0m over "
                    "the run, and Acute trust's part is the largest, £3.00m (75% of the whole).")
    unsure = InfluenceResult("d", ["acute", "community"], pd.DataFrame(), shapley,
                             4_000_000.0, [1, 2], (-1_000_000.0, 9_000_000.0))
    assert shapley_reading(unsure, {}).endswith(
        "Its 95% interval (−£1.00m to £9.00m) includes no saving, so on these seeds it can't "
        "be told from none, and nor can the parts.")
