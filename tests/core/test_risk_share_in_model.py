"""Risk-share agreements inside the model (capitation + system gain/loss share).

Each year's settlement lines sum to the pool exactly; the transfers that realise them net to
zero through the agreement's clearing account; every movement is a ledger entry with a
settlement reason and the agreement's name; and parties can leave.
"""

import pandas as pd
import pytest

from sim.core.calendar import WEEKS_PER_YEAR
from sim.core.ledger import Reason
from sim.core.records import ExitRecord, SettlementRecord
from sim.model import CareSystemModel
from tests.core.helpers import scenario_with

DESIGN = "capitation_gain_loss"
AGREEMENT = "system_gain_loss"
SETTLEMENT_REASONS = {Reason.RISK_SHARE_SETTLEMENT.value, Reason.CONTINGENCY_RESERVE.value,
                      Reason.REINVESTMENT.value}
PEOPLE = 5_000
YEAR_END = (WEEKS_PER_YEAR - 1, 2 * WEEKS_PER_YEAR - 1)  # weeks 51 and 103


def two_years(seed: int, leaver: str | None = None, leave_week: int = 60) -> CareSystemModel:
    model = CareSystemModel(scenario_with(), DESIGN, rng=seed, people=PEOPLE, years=2,
                            behaviour=False)
    for _ in range(2 * WEEKS_PER_YEAR):
        if leaver is not None and model.week == leave_week:
            model.recorder.extend(model.agreement_book.leave(
                AGREEMENT, leaver, model.week, "test: leaves mid-year"))
        model.step()
    return model


def settlement_rows(model: CareSystemModel) -> pd.DataFrame:
    ledger = model.ledger.to_frame()
    return ledger[ledger["reference"] == AGREEMENT]


def net_from_clearing(rows: pd.DataFrame, clearing: str) -> dict[str, int]:
    """Net pence each account received from the clearing account."""
    net: dict[str, int] = {}
    for row in rows.itertuples(index=False):
        if row.payer == clearing:
            net[row.payee] = net.get(row.payee, 0) + int(row.amount_pence)
        else:
            net[row.payer] = net.get(row.payer, 0) - int(row.amount_pence)
    return net


@pytest.mark.parametrize("seed", [1, 6, 13])
def test_settlements_are_exact_and_every_penny_is_a_ledger_entry(seed):
    model = two_years(seed)
    records = model.recorder.frame(SettlementRecord)
    assert sorted(records["year"].unique()) == [0, 1]
    state = model.agreement_book.states[0]
    clearing = state.clearing_account
    rows = settlement_rows(model)
    assert set(rows["reason"]) <= SETTLEMENT_REASONS
    # Every settlement movement passes through the clearing account, at a year's end.
    assert ((rows["payer"] == clearing) | (rows["payee"] == clearing)).all()
    assert set(rows["week"]) <= set(YEAR_END)
    for year, lines in records.groupby("year"):
        pool = lines["pool_pence"].iloc[0]
        assert (lines["pool_pence"] == pool).all()
        # The lines assign the pool exactly: baseline - out-turn, to the penny.
        assert int(lines["amount_pence"].sum()) == int(pool)
        assert int(pool) == int(lines["baseline_pence"].iloc[0] - lines["outturn_pence"].iloc[0])
        week = YEAR_END[year]
        moved = net_from_clearing(rows[rows["week"] == week], clearing)
        # The transfers net to zero: the clearing account ends the year empty...
        assert sum(moved.values()) == 0
        assert model.ledger.balance(clearing, up_to_week=week) == 0
        # ...and each organisation receives its lines less what it already held.
        for party, own in lines.groupby("party"):
            if party in model.by_id:
                expected = int(own["amount_pence"].sum()) - int(own["held_pence"].iloc[0])
                assert moved.get(party, 0) == expected, (year, party)
    # Only gain/loss-share reasons are used for the organisations' transfers.
    orgs = rows[rows["payee"].isin(model.by_id) | rows["payer"].isin(model.by_id)]
    assert set(orgs["reason"]) == {Reason.RISK_SHARE_SETTLEMENT.value}


def test_a_party_that_leaves_gets_no_transfer_and_its_lines_go_to_the_residual_party():
    model = two_years(seed=6, leaver="acute", leave_week=60)
    records = model.recorder.frame(SettlementRecord)
    first, second = records[records["year"] == 0], records[records["year"] == 1]
    assert "acute" in set(first["party"])  # a member in year 1 (30% of gains and losses)
    assert "acute" not in set(second["party"])
    moved_lines = second[second["note"].str.contains("acute has left")]
    assert len(moved_lines) >= 1 and set(moved_lines["party"]) == {"icb"}
    assert int(second["amount_pence"].sum()) == int(second["pool_pence"].iloc[0])
    rows = settlement_rows(model)
    late = rows[rows["week"] == YEAR_END[1]]
    assert not ((late["payer"] == "acute") | (late["payee"] == "acute")).any()
    early = rows[rows["week"] == YEAR_END[0]]
    assert ((early["payer"] == "acute") | (early["payee"] == "acute")).any()
    exits = model.recorder.rows(ExitRecord)
    assert [(e.organisation, e.agreement, e.week) for e in exits] == [
        ("acute", AGREEMENT, 60)]
    assert model.agreement_book.states[0].ended_week is None  # the others carry on


def test_when_the_residual_party_leaves_the_agreement_ends():
    model = two_years(seed=6, leaver="icb", leave_week=60)
    state = model.agreement_book.states[0]
    assert state.ended_week == 60
    records = model.recorder.frame(SettlementRecord)
    assert set(records["year"]) == {0}  # no settlement after it ended
    rows = settlement_rows(model)
    assert set(rows["week"]) == {YEAR_END[0]}
