"""People are conserved every week; runs are deterministic; designs share random draws."""

import re

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from sim.model import CareSystemModel
from tests.core.helpers import DESIGNS, run_model, scenario_with

# Columns of ``system_weekly`` that describe what happened to people (not money).
POPULATION_COLUMNS = ["alive", "nel_per_1000_annualised", "admissions",
                      "discretionary_admissions", "discretionary_diverted", "acute_bed_days",
                      "escalation_bed_days", "dtoc_bed_days", "d2a_place_days",
                      "reablement_place_days", "community_bed_days",
                      "care_home_resident_weeks", "home_care_hours",
                      "prevention_person_weeks", "community_contacts",
                      "waiting_for_package", "deaths", "births", "person_days_at_home"]


@pytest.mark.parametrize("seed", [2, 17, 404])
def test_people_are_conserved_every_week(seed):
    model = CareSystemModel(scenario_with(), "block", rng=seed, people=6_000, years=1,
                            behaviour=False)
    population = model.population
    start = population.start_size
    assert start == population.alive_count  # counting starts from the people alive at week 0
    deaths = births = 0
    for week in range(52):
        model.step()
        flows = model.last_flows
        deaths += flows.deaths
        births += flows.births
        alive = population.alive_count
        assert alive + population.deaths_total == start + population.births_total, week
        # The engine's counters agree with the weekly flows, and with where people are.
        assert (population.deaths_total, population.births_total) == (deaths, births)
        assert flows.alive == alive
        assert sum(population.counts_by_setting().values()) == alive
        assert int(population.cell_counts().sum()) == alive
    # Over a year about 1% of people die (England: ~10 per 1,000): the counters move.
    assert 0.004 * start < deaths < 0.03 * start
    assert births > 0


def test_same_seed_gives_identical_tables_and_different_seeds_differ():
    first = CareSystemModel(scenario_with(), "capitation_gain_loss", rng=7, people=5_000,
                            years=2, behaviour=False)
    second = CareSystemModel(scenario_with(), "capitation_gain_loss", rng=7, people=5_000,
                             years=2, behaviour=False)
    first.run()
    second.run()
    tables_a, tables_b = first.results().tables(), second.results().tables()
    assert set(tables_a) == set(tables_b)
    for name in ("system_weekly", "organisations_monthly", "finance_annual",
                 "care_shares_annual", "settlements", "ledger"):
        assert len(tables_a[name]) > 0, f"{name} is empty: nothing to compare"
    for name, frame in tables_a.items():
        assert_frame_equal(frame, tables_b[name], check_exact=True, obj=name)
    other = run_model("capitation_gain_loss", seed=8, people=5_000, years=2)
    weekly_other = other.results().system_weekly
    assert not tables_a["system_weekly"][POPULATION_COLUMNS].equals(
        weekly_other[POPULATION_COLUMNS])
    assert not tables_a["ledger"]["amount_pence"].equals(
        other.results().ledger["amount_pence"])


def test_determinism_holds_with_behaviour_on():
    """Organisations' own random choices come from the model's seeded stream too."""
    runs = []
    for _ in range(2):
        model = CareSystemModel(scenario_with(), "blended", rng=12, people=4_000, years=1)
        model.run()
        runs.append(model.results())
    for name, frame in runs[0].tables().items():
        assert_frame_equal(frame, runs[1].tables()[name], check_exact=True, obj=name)


@pytest.mark.parametrize("seed", [4, 9])
def test_designs_share_the_populations_random_draws(seed):
    """With levers held, designs change only money: people's paths are identical."""
    weekly = {}
    ledgers = {}
    for design in DESIGNS:
        results = run_model(design, seed=seed, people=8_000, years=2).results()
        weekly[design] = results.system_weekly[POPULATION_COLUMNS].reset_index(drop=True)
        ledgers[design] = results.ledger
    reference = weekly[DESIGNS[0]]
    assert reference["admissions"].sum() > 0
    for design in DESIGNS[1:]:
        assert_frame_equal(weekly[design], reference, check_exact=True, obj=design)
        # ...while the money differs: the acute trust's income is not the same.
        acute_in = [
            frame.loc[(frame["payee"] == "acute") & (frame["reason"] == "contract_payment"),
                      "amount_pence"].sum()
            for frame in (ledgers[design], ledgers[DESIGNS[0]])]
        assert acute_in[0] != acute_in[1], design


def test_phase_order_is_the_documented_one():
    documented = ("capacity", "population", "account", "pay", "review", "decide", "annual",
                  "record")
    assert CareSystemModel.PHASES == documented
    doc = CareSystemModel.__doc__
    numbered = re.findall(r"^\s*(\d+)\. \*\*(\w+)\*\*", doc, flags=re.MULTILINE)
    assert [int(n) for n, _ in numbered] == list(range(1, len(documented) + 1))
    assert tuple(name for _, name in numbered) == documented


def test_results_tables_are_tidy_and_tagged():
    results = run_model("block", seed=1, people=5_000, years=1).results()
    tables = results.tables()
    # Tables about agreements (settlements, fairness, exits) are empty under a block design.
    for name in ("system_weekly", "organisations_monthly", "finance_annual",
                 "care_shares_annual", "ledger"):
        frame = tables[name]
        assert isinstance(frame, pd.DataFrame) and len(frame) > 0, name
        assert set(frame["design"]) == {"block"} and set(frame["seed"]) == {1}, name
    assert len(results.system_weekly) == 52
    assert results.system_weekly["week"].tolist() == list(range(52))  # week just completed
