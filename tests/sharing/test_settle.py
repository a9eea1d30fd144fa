import pandas as pd
import pytest

from sim.sharing import (
    AgreementError,
    RiskShareAgreement,
    Settlement,
    SettlementLine,
    YearFigures,
    settle_risk_share,
)

from .helpers import make_agreement, net, settle


def test_public_api_is_importable_from_the_package():
    assert callable(settle_risk_share)
    assert RiskShareAgreement.model_config["frozen"] and YearFigures.model_config["frozen"]


def test_pool_sign_gain_and_loss():
    agreement = make_agreement()
    gain = settle(agreement, 1000, 990)  # +£10 = +1000p, 333.33 each: 334 / 333 / 333
    assert gain.pool_pence == 1000 and net(gain) == {"a": 334, "b": 333, "c": 333}
    loss = settle(agreement, 990, 1000)  # -1000p: the same split, negative
    assert loss.pool_pence == -1000 and net(loss) == {"a": -334, "b": -333, "c": -333}


def test_zero_pool_has_no_lines():
    result = settle(make_agreement(), 500, 500)
    assert result.pool_pence == 0 and result.lines == ()


def test_gains_and_losses_use_their_own_specs():
    agreement = make_agreement(
        gains={"rule": {"kind": "fixed_proportions", "shares": {"b": 1}}},
        losses={"rule": {"kind": "fixed_proportions", "shares": {"c": 1}}},
    )
    assert net(settle(agreement, 100, 90)) == {"b": 1000}
    assert net(settle(agreement, 90, 100)) == {"c": -1000}


def test_to_frame_is_tidy_and_sums_to_pool():
    result = settle(make_agreement(), 1000, 990)
    frame = result.to_frame()
    assert list(frame.columns) == [
        "agreement",
        "year",
        "party",
        "amount_pence",
        "rule",
        "note",
        "pool_pence",
    ]
    assert frame["amount_pence"].dtype == "int64"
    assert int(frame["amount_pence"].sum()) == result.pool_pence == 1000
    assert set(frame["party"]) == {"a", "b", "c"}


def test_empty_settlement_frame_keeps_its_columns():
    frame = settle(make_agreement(), 1, 1).to_frame()
    assert isinstance(frame, pd.DataFrame) and frame.empty and "amount_pence" in frame.columns


def test_settlement_refuses_lines_that_do_not_add_up():
    with pytest.raises(ArithmeticError, match="assigns 5p of a 6p pool"):
        Settlement("x", 2024, 10, 4, 6, (SettlementLine("a", 5, "r", ""),))


def test_missing_data_for_the_side_in_play_names_agreement_rule_and_field():
    agreement = make_agreement(name="bcf", losses={"rule": {"kind": "pro_rata_contributions"}})
    with pytest.raises(AgreementError) as caught:
        settle(
            agreement,
            100,
            110,
            parties={"a": {"contribution_gbp": 1}, "b": {"contribution_gbp": 1}},
        )
    message = str(caught.value)
    assert "agreement 'bcf'" in message
    assert "rule 'pro_rata_contributions'" in message
    assert "field 'figures.parties.c.contribution_gbp'" in message
    # The gain side needs nothing, so a gain settles with the same figures.
    assert settle(agreement, 110, 100).pool_pence == 1000


def test_negative_contribution_is_refused_at_settlement():
    agreement = make_agreement(
        name="bcf", gains={"rule": {"kind": "pro_rata_contributions", "among": ["b", "c"]}}
    )
    parties = {"b": {"contribution_gbp": "-5.00"}, "c": {"contribution_gbp": 10}}
    with pytest.raises(
        AgreementError,
        match=r"agreement 'bcf', rule 'pro_rata_contributions', "
        r"field 'figures.parties.b.contribution_gbp': must not be negative, got -5.00",
    ):
        settle(agreement, 100, 90, parties=parties)


def test_threshold_larger_than_baseline_is_refused():
    modifier = {"kind": "threshold", "party": "b", "amount_gbp": 5000}
    agreement = make_agreement(
        name="nwl", gains={"rule": {"kind": "equal_shares"}, "modifiers": [modifier]}
    )
    with pytest.raises(AgreementError) as caught:
        settle(agreement, 1000, 900)
    assert str(caught.value) == (
        "agreement 'nwl', rule 'threshold', field 'gains.modifiers[0].amount_gbp': threshold "
        "£5,000.00 is larger than the baseline £1,000.00, so no pool could ever pass it"
    )


def test_reserve_balance_missing_is_named():
    agreement = make_agreement(
        name="bcf",
        losses={"rule": {"kind": "equal_shares"}, "modifiers": [{"kind": "contingency_reserve"}]},
    )
    with pytest.raises(
        AgreementError, match=r"rule 'contingency_reserve', field 'figures.contingency_reserve_gbp'"
    ):
        settle(agreement, 100, 110)


TORBAY_SHARES = {"rule": {"kind": "fixed_proportions",
                          "shares": {"ccg": "0.41", "council": "0.09", "ico": "0.50"}}}


def _torbay(share: str = "0.01", level: str = "organisation") -> RiskShareAgreement:
    return make_agreement(gains=TORBAY_SHARES, losses=TORBAY_SHARES,
                          parties=("ccg", "council", "ico"), residual="ccg", level=level,
                          scope=["ico"] if level == "organisation" else [],
                          planned_surplus_share=share)


def test_a_planned_surplus_stays_out_of_the_pool_by_hand():
    # Commissioners pay £200,000,000.00 "allowing for a 1% surplus": the plan is a cost of
    # £198,000,000.00 and the ICO's £2,000,000.00 surplus is its own. An out-turn of
    # £197,500,000.01 is a variance of £499,999.99 = 49,999,999p, shared 41/9/50:
    # 20,499,999.59p / 4,499,999.91p / 24,999,999.5p, each within a penny.
    result = settle(_torbay(), "200000000.00", "197500000.01")
    assert result.planned_surplus_pence == 200_000_000
    assert result.pool_pence == 49_999_999
    exact = {"ccg": 20_499_999.59, "council": 4_499_999.91, "ico": 24_999_999.5}
    shares = net(result)
    assert sum(shares.values()) == 49_999_999
    assert all(abs(shares[p] - exact[p]) < 1 for p in exact), shares
    # On plan (out-turn £198m) nothing is shared and the ICO keeps its 1%.
    assert settle(_torbay(), "200000000.00", "198000000.00").lines == ()


def test_a_planned_surplus_rounds_half_to_even_and_zero_changes_nothing():
    # 1% of 50p is 0.5p: to even, 0p; of 150p, 1.5p: 2p.
    assert settle(_torbay(), "0.50", "0.10").planned_surplus_pence == 0
    assert settle(_torbay(), "1.50", "0.10").planned_surplus_pence == 2
    without = settle(_torbay("0"), "200000000.00", "197500000.01")
    assert without.planned_surplus_pence == 0 and without.pool_pence == 250_000_000 - 1


def test_a_planned_surplus_outside_organisation_level_is_refused():
    with pytest.raises(ValueError) as caught:  # pydantic's, carrying the agreement's problem
        _torbay(level="system")
    assert ("field 'planned_surplus_share': applies only at organisation level"
            in str(caught.value))
