"""Efficiency programmes: the shortfall is the variance against plan, exactly.

The acute trust plans a 2% saving of its fixed plus semi-fixed cost each year. With
behaviour off and the same seed, activity and every other cost are the same in each run,
so the difference between two runs' costs and pools is exactly the difference in the
savings delivered, which the ledger shows line by line.
"""

from decimal import Decimal
from functools import cache

import pytest
from pydantic import ValidationError

from sim.core.calendar import WEEKS_PER_YEAR
from sim.core.ledger import Reason
from sim.core.records import EfficiencyRecord, SettlementRecord
from sim.model import CareSystemModel
from sim.scenario import ScenarioError, scenario_from_dict
from sim.scenario.efficiency import Delivery
from tests.core.helpers import raw_with

DESIGN = "capitation_gain_loss"
FULL = {"distribution": "fixed", "achieved": 1.0}
HALF = {"distribution": "fixed", "achieved": 0.5}  # the seeds' "half the benefits"


def _raw(programme: dict | None) -> dict:
    raw = raw_with()
    if programme is not None:
        next(o for o in raw["organisations"] if o["id"] == "acute")["efficiency"] = programme
    return raw


@cache
def _run(share: float | None, delivery: tuple = ()) -> CareSystemModel:
    programme = None if share is None else {"planned_share_of_cost": [share, share],
                                            "delivery": dict(delivery)}
    model = CareSystemModel(scenario_from_dict(_raw(programme), source="default.toml"), DESIGN,
                            rng=4, people=4_000, years=2, behaviour=False)
    model.run(2)
    return model


def _acute_cost(model, year: int) -> int:
    row = model.results().finance_annual.query("organisation == 'acute' and year == @year")
    return int(row["cost_pence"].iloc[0])


def _pool(model, year: int) -> int:
    records = model.recorder.frame(SettlementRecord).query("year == @year")
    return int(records["pool_pence"].iloc[0])


def test_a_zero_programme_changes_nothing():
    plain, zero = _run(None), _run(0.0, tuple(FULL.items()))
    assert plain.ledger.to_frame().drop(columns="reference").equals(
        zero.ledger.to_frame().drop(columns="reference"))
    assert plain.recorder.rows(SettlementRecord) == zero.recorder.rows(SettlementRecord)


def test_full_delivery_lowers_cost_by_the_plan_and_the_ledger_shows_it():
    plain, full = _run(None), _run(0.02, tuple(FULL.items()))
    acute = full.by_id["acute"]
    for year in (0, 1):
        planned = int((Decimal("0.02") * acute.cost_base_pence(year)).to_integral_value())
        assert _acute_cost(plain, year) - _acute_cost(full, year) == planned
        ledger = full.ledger.to_frame()
        saved = ledger[(ledger["reason"] == Reason.EFFICIENCY_SAVING.value)
                       & (ledger["week"] // WEEKS_PER_YEAR == year)]
        assert set(saved["payee"]) == {"acute"} and len(saved) == 12
        assert int(saved["amount_pence"].sum()) == planned


def test_half_delivery_shows_the_shortfall_as_variance_in_cost_and_pool_exactly():
    full, half = _run(0.02, tuple(FULL.items())), _run(0.02, tuple(HALF.items()))
    records = half.recorder.frame(EfficiencyRecord)
    for year in (0, 1):
        shortfall = int(records.query("year == @year")["shortfall_pence"].iloc[0])
        planned = int(records.query("year == @year")["planned_pence"].iloc[0])
        assert shortfall == planned - round(planned * 0.5)
        assert _acute_cost(half, year) - _acute_cost(full, year) == shortfall
    # The year-1 pool (a baseline fixed on year-1 payments) carries it to the penny.
    assert _pool(full, 0) - _pool(half, 0) == int(records.query("year == 0")["shortfall_pence"]
                                                   .iloc[0])


def test_beta_delivery_has_the_documented_mean_and_stays_in_range():
    import numpy as np

    draws = [Delivery().draw(np.random.default_rng(s)) for s in range(4000)]
    assert 0.0 <= min(draws) and max(draws) <= 1.0
    assert np.mean(draws) == pytest.approx(0.8, abs=0.01)
    assert np.std(draws) == pytest.approx(0.15, abs=0.01)


@pytest.mark.parametrize("programme, field", [
    ({"planned_share_of_cost": [0.9]}, "planned_share_of_cost"),
    ({"planned_share_of_cost": [0.02], "planned_gbp": [1000]}, "planned_gbp"),
    ({"planned_gbp": [1000], "delivery": {"distribution": "beta", "mean": 0.9, "sd": 0.4}},
     "sd"),
])
def test_bad_programmes_get_a_one_line_error(programme, field):
    with pytest.raises((ScenarioError, ValidationError)) as error:
        scenario_from_dict(_raw(programme), source="default.toml")
    message = str(error.value)
    assert field in message and "efficiency" in message


def test_each_programme_is_planned_and_drawn_once_a_year():
    # A beta delivery draws on the run's stream: planning a year twice would draw twice and
    # record two plans for one year (it once did).
    beta = {"distribution": "beta", "mean": 0.7, "sd": 0.1}
    table = _run(0.02, tuple(beta.items())).results().efficiency
    assert sorted(zip(table["organisation"], table["year"], strict=True)) == [
        ("acute", 0), ("acute", 1)]
