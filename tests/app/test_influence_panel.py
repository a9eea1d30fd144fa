"""The "who has the influence?" panel's measurement, on a two-party agreement."""

import copy
from concurrent.futures import ThreadPoolExecutor

import pytest

from experiments.names import all_names
from viz.influence import measure, plan_for, shapley_rows
from viz.overrides import build_scenario
from viz.settings import RunSettings

DESIGN = "capitation_gain_loss"
PEOPLE = 1000


@pytest.fixture(scope="module")
def two_parties(raw):
    """The default place with the design's agreement between the ICB and the acute trust."""
    edited = copy.deepcopy(raw)
    agreement = edited["designs"][DESIGN]["agreements"][0]
    agreement["parties"] = ["icb", "acute"]
    agreement["scope"] = ["acute"]
    for side in ("gains", "losses"):
        agreement[side]["rule"]["shares"] = {"icb": "0.5", "acute": "0.5"}
    return edited


@pytest.fixture(scope="module")
def measured(two_parties):
    settings = RunSettings(design=DESIGN, seed=3, people=50_000, years=1,
                           demand_growth_per_year=0.02)
    scenario = build_scenario(two_parties, settings)
    plan = plan_for(two_parties, scenario, settings, "place.toml", people=PEOPLE)
    ticks = []
    with ThreadPoolExecutor(2) as pool:
        result = measure(plan, DESIGN, pool, on_run=lambda done, total: ticks.append(
            (done, total)))
    return plan, result, ticks


def test_a_design_without_an_agreement_has_nothing_to_measure(raw):
    settings = RunSettings(design="block", seed=1, years=1)
    assert plan_for(raw, build_scenario(raw, settings), settings, "x", people=PEOPLE) is None


@pytest.mark.slow  # 12 runs, ~20 s on a loaded machine
def test_the_plan_runs_the_page_settings_on_a_small_sample(measured):
    plan, _, ticks = measured
    # 2 seeds × (everyone free, each of 2 parties held, 4 coalitions) = 2 × 7 = 14 runs, less
    # the coalition of nobody, which is the everyone-free run again: 12 distinct runs.
    assert plan.unique_runs == 12
    assert {spec.seed for spec in plan.runs} == {3, 4}  # the page's seed and the next
    assert {spec.people for spec in plan.runs} == {PEOPLE}
    assert all(spec.scenario_raw["demand"]["nel_demand_growth_per_year"] == 0.02
               for spec in plan.runs)  # the page's setting, not the file's
    assert ticks == [(k, 12) for k in range(1, 13)]


@pytest.mark.slow  # 12 runs, ~20 s on a loaded machine
def test_shapley_values_add_up_and_shares_split_each_line(measured, two_parties):
    _, result, _ = measured
    rows = shapley_rows(result, all_names(two_parties)).set_index("party")
    assert sorted(rows.index) == ["acute", "all", "icb"]
    assert rows.loc["acute", "name"] == "Acute trust"
    # efficiency: the parties' Shapley values add to what all of them save acting as one
    assert rows.loc[["icb", "acute"], "shapley_gbp"].sum() == pytest.approx(
        rows.loc["all", "shapley_gbp"], abs=1.0)
    # each cost line's influence shares add to 1 (or are all 0 where nobody moves it)
    for _, line in result.matrix.groupby("line"):
        assert line["share"].sum() == pytest.approx(1.0) or (line["share"] == 0).all()
    assert result.seeds == [3, 4]


@pytest.mark.slow  # 12 runs, ~20 s on a loaded machine
def test_a_page_setting_changes_what_is_measured(two_parties, measured):
    plan, _, _ = measured
    settings = RunSettings(design=DESIGN, seed=3, years=1)
    other = plan_for(two_parties, build_scenario(two_parties, settings), settings, "x",
                     people=PEOPLE)
    assert {s.run_id for s in other.runs}.isdisjoint({s.run_id for s in plan.runs})
