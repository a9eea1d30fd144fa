import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.core.ledger import EXCHEQUER, SUPPLIERS, Ledger, Reason

ORGS = ["icb", "acute", "community"]
transfers = st.lists(
    st.tuples(
        st.integers(0, 300),
        st.sampled_from([EXCHEQUER, SUPPLIERS, *ORGS]),
        st.sampled_from([EXCHEQUER, SUPPLIERS, *ORGS]),
        st.integers(-10**12, 10**12),
        st.sampled_from(list(Reason)),
    ),
    max_size=200,
)


@given(transfers)
def test_money_is_conserved_and_balances_match_a_hand_tally(entries):
    ledger = Ledger(ORGS)
    tally = dict.fromkeys(ledger.accounts, 0)
    for week, payer, payee, amount, reason in entries:
        if payer == payee:
            continue
        ledger.post(week, payer, payee, amount, reason)
        tally[payer] -= amount
        tally[payee] += amount
    balances = ledger.balances()
    assert sum(balances.values()) == 0
    assert balances == tally
    frame = ledger.to_frame()
    assert (frame["amount_pence"] > 0).all()  # negatives were reversed, zeros skipped


def test_balances_up_to_a_week_and_flows_by_reason():
    ledger = Ledger(ORGS)
    ledger.post(0, EXCHEQUER, "icb", 1_000, Reason.ALLOCATION)
    ledger.post(4, "icb", "acute", 600, Reason.CONTRACT_PAYMENT, "icb-acute")
    ledger.post(4, "acute", SUPPLIERS, 250, Reason.VARIABLE_COST)
    ledger.post(9, "acute", "icb", 50, Reason.CONTRACT_PAYMENT, "refund")
    assert ledger.balance("icb", up_to_week=3) == 1_000
    assert ledger.balance("acute") == 600 - 250 - 50
    flows = ledger.flows("acute", 0, 10)
    assert flows[("in", Reason.CONTRACT_PAYMENT)] == 600
    assert flows[("out", Reason.CONTRACT_PAYMENT)] == 50
    assert flows[("out", Reason.VARIABLE_COST)] == 250


def test_float_amounts_and_self_transfers_are_refused():
    ledger = Ledger(ORGS)
    with pytest.raises(TypeError, match="integer pence"):
        ledger.post(0, "icb", "acute", 10.5, Reason.CONTRACT_PAYMENT)
    with pytest.raises(ValueError, match="two accounts"):
        ledger.post(0, "icb", "icb", 10, Reason.CONTRACT_PAYMENT)
    with pytest.raises(ValueError, match="unique"):
        Ledger(["icb", "icb"])


def test_ledger_grows_past_its_initial_size():
    ledger = Ledger(ORGS)
    for i in range(10_000):
        ledger.post(i, EXCHEQUER, "icb", 1, Reason.ALLOCATION)
    assert len(ledger) == 10_000
    assert ledger.balance("icb") == 10_000
