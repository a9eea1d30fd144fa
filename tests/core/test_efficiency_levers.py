"""An efficiency programme that counts on a lever: a plan to close beds saves only if they close.

The acute trust plans £1.2m a year, fully delivered, half of it counting on 32 acute
beds closing. Behaviour is off, so the beds close only when the timeline closes them, and
the two runs' costs differ by exactly the savings posted.
"""

from decimal import Decimal
from functools import cache

import pytest

from sim.core.calendar import WEEKS_PER_YEAR
from sim.core.ledger import Reason
from sim.core.records import EfficiencyRecord
from sim.model import CareSystemModel
from sim.scenario import ScenarioError, scenario_from_dict
from sim.scenario.efficiency import LeverDependency
from tests.core.helpers import default_raw, raw_with
from tests.core.integrated import integrate

DESIGN = "block"
PLAN_GBP = 1_200_000
PENCE = 100


def _beds() -> int:
    acute = next(o for o in default_raw()["organisations"] if o["id"] == "acute")
    return int(acute["capacities"]["acute_beds"]["units"])


def _raw(with_programme: bool = True, closes_at_week: int | None = None,
         to_value: float | None = None) -> dict:
    raw = raw_with()
    acute = next(o for o in raw["organisations"] if o["id"] == "acute")
    if with_programme:
        acute["efficiency"] = {
            "planned_gbp": [PLAN_GBP, PLAN_GBP],
            "delivery": {"distribution": "fixed", "achieved": 1.0},
            "depends_on": {"lever": "acute_beds", "from_value": _beds(),
                           "to_value": _beds() - 32 if to_value is None else to_value,
                           "share_of_plan": 0.5}}
    if closes_at_week is not None:
        raw["timeline"] = [{"week": closes_at_week, "value": _beds() - 32,
                            "path": "organisations.acute.capacities.acute_beds.units",
                            "note": "32 beds close"}]
    return raw


@cache
def _run(with_programme: bool, closes_at_week: int | None) -> CareSystemModel:
    model = CareSystemModel(scenario_from_dict(_raw(with_programme, closes_at_week), "t.toml"),
                            DESIGN, rng=5, people=4_000, years=2, behaviour=False)
    model.run()
    return model


def _saved(model, year: int) -> int:
    ledger = model.ledger.to_frame()
    rows = ledger[(ledger["reason"] == Reason.EFFICIENCY_SAVING.value)
                  & (ledger["week"] // WEEKS_PER_YEAR == year) & (ledger["payee"] == "acute")]
    return int(rows["amount_pence"].sum())


def _cost(model, year: int) -> int:
    finance = model.results().finance_annual
    return int(finance.query("organisation == 'acute' and year == @year")["cost_pence"].iloc[0])


def _record(model, year: int) -> dict:
    return model.recorder.frame(EfficiencyRecord).query("year == @year").iloc[0].to_dict()


def test_completion_is_how_far_the_lever_has_moved_towards_the_plan():
    closing = LeverDependency(lever="acute_beds", from_value=840, to_value=808,
                              share_of_plan=0.5)
    # (840 − position) / (840 − 808), held to 0–1: none, half, all, no more than all, none.
    assert [closing.completion(p) for p in (840, 824, 808, 800, 850)] == [
        0, Decimal("0.5"), 1, 1, 0]
    opening = LeverDependency(lever="d2a_places", from_value=10, to_value=20,
                              share_of_plan=1.0)
    assert opening.completion(15) == Decimal("0.5") and opening.completion(25) == 1


def test_beds_that_never_close_deliver_only_the_part_that_does_not_count_on_them():
    plain, kept = _run(False, None), _run(True, None)
    for year in (0, 1):
        # £1.2m planned, all of it achieved, but half counts on the beds: £600,000 saved.
        assert _saved(kept, year) == 600_000 * PENCE
        assert _cost(plain, year) - _cost(kept, year) == 600_000 * PENCE
        record = _record(kept, year)
        assert record["planned_pence"] == PLAN_GBP * PENCE
        assert record["delivered_pence"] == 600_000 * PENCE
        assert record["shortfall_pence"] == record["lever_shortfall_pence"] == 600_000 * PENCE


def test_once_the_beds_close_the_whole_plan_is_delivered():
    plain, closed = _run(False, WEEKS_PER_YEAR), _run(True, WEEKS_PER_YEAR)
    assert closed.by_id["acute"].capacity_units()["acute_beds"] == _beds() - 32
    # Year 1: the beds are still open, £600,000; year 2 (they closed at its first week):
    # all £1.2m, no shortfall.
    assert [_saved(closed, y) for y in (0, 1)] == [600_000 * PENCE, 1_200_000 * PENCE]
    assert [_cost(plain, y) - _cost(closed, y) for y in (0, 1)] == [
        600_000 * PENCE, 1_200_000 * PENCE]
    assert _record(closed, 1)["shortfall_pence"] == 0
    assert _record(closed, 0)["lever_shortfall_pence"] == 600_000 * PENCE


def test_a_lever_the_provider_does_not_have_is_refused_in_one_line():
    raw = _raw()
    acute = next(o for o in raw["organisations"] if o["id"] == "acute")
    acute["efficiency"]["depends_on"]["lever"] = "d2a_places"
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(raw, source="t.toml")
    message = str(caught.value)
    assert message.startswith("t.toml: organisations[") and "\n" not in message
    assert "efficiency.depends_on.lever" in message and "'d2a_places'" in message
    assert "expected one of acute_beds" in message


def test_a_plan_that_counts_on_no_move_is_refused():
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(_raw(to_value=_beds()), source="t.toml")
    assert "to_value" in str(caught.value) and "depends_on" in str(caught.value)


def test_an_integrated_provider_may_count_on_any_of_its_lines_levers():
    raw = integrate(default_raw())
    ico = next(o for o in raw["organisations"] if o["id"] == "ico")
    ico["efficiency"] = {"planned_gbp": [100_000],
                         "depends_on": {"lever": "d2a_places", "from_value": 40,
                                        "to_value": 20, "share_of_plan": 1.0}}
    place = scenario_from_dict(raw, "ico.toml")
    assert place.organisation("ico").efficiency.depends_on.lever == "d2a_places"
    ico["efficiency"]["depends_on"]["lever"] = "prevention_places"  # no voluntary line
    with pytest.raises(ScenarioError, match="efficiency.depends_on.lever"):
        scenario_from_dict(raw, "ico.toml")
