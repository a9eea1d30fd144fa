"""Agreements in force by year: a scheme that starts in year 2, one that ends after year 1."""

from functools import cache

import pytest

from sim.core.records import SettlementRecord
from sim.model import CareSystemModel
from sim.scenario import ScenarioError, scenario_from_dict
from tests.core.helpers import raw_with

DESIGN = "capitation_gain_loss"


def _raw(**dates) -> dict:
    raw = raw_with()
    raw["designs"][DESIGN]["agreements"][0].update(dates)
    # Nobody leaves, so what is in force depends on the dates alone.
    for org in raw["organisations"]:
        org.setdefault("behaviour", {}).update(
            {"reserves_exit_threshold_gbp": -1e9, "trust_exit_threshold": 0.0})
    return raw


@cache
def _run(first_year: int = 1, last_year: int | None = None) -> CareSystemModel:
    dates = {"first_year": first_year} | ({} if last_year is None else {"last_year": last_year})
    model = CareSystemModel(scenario_from_dict(_raw(**dates), source="default.toml"), DESIGN,
                            rng=3, people=4_000, years=3)
    model.run()
    return model


def _settled_years(model) -> list[int]:
    return sorted({r.year for r in model.recorder.rows(SettlementRecord)})


def test_an_agreement_from_year_two_first_settles_at_year_two_s_end_on_its_own_base_year():
    late = _run(first_year=2)
    assert _settled_years(late) == [1, 2]  # model years are 0-based: screen years 2 and 3
    rows = late.recorder.frame(SettlementRecord)
    # The base year is the first year it settles: the first settlement's baseline is that
    # year's own payments (pool = baseline − out-turn), not year 1's.
    first = rows[rows["year"] == 1].iloc[0]
    assert first["pool_pence"] == first["baseline_pence"] - first["outturn_pence"]
    full = _run().recorder.frame(SettlementRecord)
    assert first["baseline_pence"] != full[full["year"] == 0].iloc[0]["baseline_pence"]


def test_nobody_weighs_a_pool_before_the_agreement_starts():
    late = _run(first_year=2)
    assert late.agreement_book.year == 3  # the book follows the model's years
    late.agreement_book.start_year(0)
    assert late.agreement_book.agreements_of("acute") == []
    late.agreement_book.start_year(1)
    assert [s.name for s in late.agreement_book.agreements_of("acute")] == ["system_gain_loss"]


def test_an_agreement_that_ends_after_year_one_settles_once_and_money_still_balances():
    short = _run(last_year=1)
    assert _settled_years(short) == [0]
    assert sum(short.ledger.balances().values()) == 0  # every penny is somewhere
    # After its last year nobody's decisions weigh it.
    assert short.agreement_book.in_force() == []


@pytest.mark.parametrize(("dates", "message"), [
    ({"first_year": 9}, "agreements[0].first_year: 9 is after the scenario's 5 years"),
    ({"first_year": 3, "last_year": 2}, "must be at least first_year (3), got 2"),
    ({"first_year": 0}, "first_year"),
])
def test_bad_dates_are_one_line_naming_the_field(dates, message):
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(_raw(**dates), source="default.toml")
    assert message in str(caught.value)
    assert len(str(caught.value).strip().splitlines()) == 1


def test_a_system_level_agreement_cannot_be_dated():
    from sim.scenario.references import _date_problems

    design = {"agreements": [{"level": "system", "first_year": 2}]}
    problems = _date_problems("pooled", design, {"years": 5})
    assert problems == ["designs.pooled.agreements[0].first_year: a system-level agreement "
                        "settles its pooled budgets every year of the run; expected no "
                        "first_year or last_year"]
    assert _date_problems("pooled", {"agreements": [{"level": "system"}]}, {"years": 5}) == []


def test_a_timeline_entry_can_end_an_agreement_at_a_year_start():
    raw = _raw()
    raw["timeline"] = [{"week": 104, "path": f"designs.{DESIGN}.agreements.system_gain_loss"
                        ".last_year", "value": 2, "note": "the scheme ends after year 2"}]
    model = CareSystemModel(scenario_from_dict(raw, source="default.toml"), DESIGN, rng=3,
                            people=4_000, years=3)
    model.run()
    assert _settled_years(model) == [0, 1]
