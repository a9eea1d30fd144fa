"""When a provider leaves an organisation-level agreement, its part of the baseline goes too.

Before the fix the departed provider's base-year payments stayed in the fixed baseline
while its cost left the out-turn: a spurious gain of the order of its whole cost (over
£100m for the acute trust) was charged to the parties still in. Expected figures are
read straight from the ledger: the base year's payments into the providers still in from
outside them, and those providers' costs in the year settled.
"""

import pandas as pd

from sim.core.calendar import WEEKS_PER_YEAR
from sim.core.ledger import COST_REASONS, Reason
from sim.core.records import SettlementRecord
from sim.model import CareSystemModel
from sim.scenario import scenario_from_dict
from tests.core.helpers import raw_with

DESIGN = "capitation_gain_loss"
AGREEMENT = "system_gain_loss"
STAYING = {"community", "social_care"}


def _run(leaver: str | None) -> CareSystemModel:
    raw = raw_with()
    # A fixed baseline without population growth, so the expected figure is a plain sum.
    raw["designs"][DESIGN]["agreements"][0]["baseline"] = {"fixed_years": 5}
    model = CareSystemModel(scenario_from_dict(raw, source="default.toml"), DESIGN, rng=3,
                            people=5_000, years=2, behaviour=False)
    for _ in range(2 * WEEKS_PER_YEAR):
        if leaver and model.week == 60:
            model.recorder.extend(model.agreement_book.leave(
                AGREEMENT, leaver, model.week, "test: leaves in year 2"))
        model.step()
    return model


def _settlements(model) -> pd.DataFrame:
    return model.recorder.frame(SettlementRecord)


def _into(ledger: pd.DataFrame, payees: set[str], year: int) -> int:
    rows = ledger[(ledger["week"] // WEEKS_PER_YEAR == year)
                  & (ledger["reason"] == Reason.CONTRACT_PAYMENT.value)
                  & ledger["payee"].isin(payees) & ~ledger["payer"].isin(payees)]
    return int(rows["amount_pence"].sum())


def _cost(ledger: pd.DataFrame, payers: set[str], year: int) -> int:
    rows = ledger[(ledger["week"] // WEEKS_PER_YEAR == year)
                  & ledger["reason"].isin({str(r) for r in COST_REASONS})
                  & ledger["payer"].isin(payers)]
    return int(rows["amount_pence"].sum())


def test_the_baseline_after_a_provider_leaves_is_the_rest_of_the_base_to_the_penny():
    model = _run(leaver="acute")
    ledger = model.ledger.to_frame()
    second = _settlements(model).query("year == 1")
    baseline = int(second["baseline_pence"].iloc[0])
    outturn = int(second["outturn_pence"].iloc[0])
    # Base year: the council's payments to social care and the acute trust's subcontract
    # to community (external once the acute trust has left).
    assert baseline == _into(ledger, STAYING, year=0)
    assert outturn == _cost(ledger, STAYING, year=1)
    assert int(second["pool_pence"].iloc[0]) == baseline - outturn
    assert int(second["amount_pence"].sum()) == baseline - outturn


def test_leaving_does_not_turn_the_rest_of_the_system_into_a_gain():
    stayed, left = _run(leaver=None), _run(leaver="acute")
    ledger = stayed.ledger.to_frame()
    # With behaviour off the two runs have the same activity and costs, so the pool after
    # acute has left is the stayers' own position: their base less their cost.
    stayers = _into(ledger, STAYING, year=0) - _cost(ledger, STAYING, year=1)
    pool = int(_settlements(left).query("year == 1")["pool_pence"].iloc[0])
    assert pool == stayers
    acute_cost = _cost(ledger, {"acute"}, year=1)
    assert acute_cost > 100 * 100 * 1_000_000  # the size of the old spurious gain: > £100m
    assert abs(pool) < acute_cost / 4
