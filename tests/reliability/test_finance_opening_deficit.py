"""An organisation that opens in deficit: surplus is the year's income less cost, by hand."""

from types import SimpleNamespace

from sim.core.kinds import OrganisationKind
from sim.core.ledger import EXCHEQUER, OPENING_EQUITY, SUPPLIERS, Ledger, Reason
from sim.outputs.tables import finance_annual

POUND = 100


def _model_with_one_trust():
    trust = SimpleNamespace(org_id="acute", kind=OrganisationKind.ACUTE)
    return SimpleNamespace(organisations=[trust])


def _ledger(opening_gbp: int) -> Ledger:
    ledger = Ledger(["acute"])
    ledger.post(0, OPENING_EQUITY, "acute", opening_gbp * POUND, Reason.OPENING_RESERVES)
    # Year 0: paid £100m, spends £104.17m; year 1: paid £110m, spends £105m.
    ledger.post(4, EXCHEQUER, "acute", 100_000_000 * POUND, Reason.CONTRACT_PAYMENT)
    ledger.post(4, "acute", SUPPLIERS, 104_170_000 * POUND, Reason.FIXED_COST)
    ledger.post(60, EXCHEQUER, "acute", 110_000_000 * POUND, Reason.CONTRACT_PAYMENT)
    ledger.post(60, "acute", SUPPLIERS, 105_000_000 * POUND, Reason.VARIABLE_COST)
    return ledger


def _rows(opening_gbp: int):
    frame = finance_annual(_ledger(opening_gbp).to_frame(), _model_with_one_trust())
    return frame.set_index("year")


def test_an_opening_deficit_is_not_booked_as_surplus():
    rows = _rows(-5_000_000)
    # By hand: year 0 surplus = 100.00m - 104.17m = -4.17m (not -9.17m);
    # reserves = -5m - 4.17m = -9.17m; year 1 surplus +5m, reserves -4.17m.
    assert rows.loc[0, "surplus_pence"] == -4_170_000 * POUND
    assert rows.loc[0, "reserves_pence"] == -9_170_000 * POUND
    assert rows.loc[1, "surplus_pence"] == 5_000_000 * POUND
    assert rows.loc[1, "reserves_pence"] == -4_170_000 * POUND


def test_surplus_is_income_minus_cost_whatever_the_opening_position():
    for opening in (-5_000_000, 0, 7_000_000):
        rows = _rows(opening)
        assert (rows["surplus_pence"] == rows["income_pence"] - rows["cost_pence"]).all()
        assert rows.loc[0, "reserves_pence"] == opening * POUND - 4_170_000 * POUND
