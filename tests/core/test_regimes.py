"""Financial regimes: recovery, s114 notices and the allocation rule, by hand to the penny.

Each crafted case starts one organisation far past its threshold so that the regime must
fire at the first year's end (week 51); behaviour is off so nothing else reacts. Expected
amounts come from the thresholds themselves (reserves land exactly on the floor or cap),
not from the model's output.
"""

from functools import cache

import pytest

from sim.core.calendar import WEEKS_PER_YEAR
from sim.core.ledger import Reason
from sim.core.records import ContractCut, RegimeEvent
from sim.model import CareSystemModel
from sim.model.regimes import deficit_support_shares
from sim.scenario import ScenarioError, scenario_from_dict
from tests.core.helpers import raw_with

DESIGN = "block"
YEAR_END = WEEKS_PER_YEAR - 1
ON = (("regimes", "enabled"), True)


@cache
def _run(*overrides) -> CareSystemModel:
    model = CareSystemModel(scenario_from_dict(raw_with(overrides), source="default.toml"),
                            DESIGN, rng=3, people=4_000, years=2, behaviour=False)
    model.run(2)
    return model


def _events(model, regime: str):
    return [e for e in model.recorder.rows(RegimeEvent) if e.regime == regime]


def _entries(model, reason: Reason):
    ledger = model.ledger.to_frame()
    return ledger[ledger["reason"] == reason.value]


def test_recovery_pays_the_trust_back_to_the_floor_from_the_icb():
    model = _run(ON, (("organisations", "acute", "reserves_gbp"), -40_000_000))
    # Reserves at the year's end: the floor, −£5,000,000.00, exactly.
    assert model.ledger.balance("acute", YEAR_END) == -500_000_000
    support = _entries(model, Reason.DEFICIT_SUPPORT)
    first = support[support["week"] == YEAR_END]
    assert set(first["payer"]) == {"icb"} and set(first["payee"]) == {"acute"}
    event = next(e for e in _events(model, "recovery") if e.year == 0)
    assert event.threshold_pence == -500_000_000
    assert event.amount_pence == int(first["amount_pence"].sum())
    assert event.reserves_pence + event.amount_pence == -500_000_000
    assert event.reserves_pence < -500_000_000  # it was past the floor before support


EXCHEQUER_SUPPORT = (("regimes", "deficit_support_from"), "exchequer")


def test_exchequer_deficit_support_reaches_the_trust_and_the_icb():
    model = _run(ON, EXCHEQUER_SUPPORT, (("organisations", "acute", "reserves_gbp"), -40_000_000),
                 (("organisations", "icb", "reserves_gbp"), -30_000_000))
    # Both end the year exactly on the floor, −£5,000,000.00, paid by the exchequer.
    assert model.ledger.balance("acute", YEAR_END) == -500_000_000
    assert model.ledger.balance("icb", YEAR_END) == -500_000_000
    support = _entries(model, Reason.DEFICIT_SUPPORT)
    first = support[support["week"] == YEAR_END]
    assert set(first["payer"]) == {"exchequer"} and set(first["payee"]) == {"acute", "icb"}
    icb = next(e for e in _events(model, "commissioner_support") if e.year == 0)
    assert icb.organisation == "icb" and icb.reserves_pence + icb.amount_pence == -500_000_000
    trust = next(e for e in _events(model, "recovery") if e.year == 0)
    assert trust.reserves_pence + trust.amount_pence == -500_000_000
    assert sum(model.ledger.balances().values()) == 0  # the exchequer is an account too


def test_recovery_mandates_a_cost_improvement_plan_the_next_year():
    model = _run(ON, (("organisations", "acute", "reserves_gbp"), -40_000_000))
    savings = _entries(model, Reason.EFFICIENCY_SAVING)
    year1 = savings[(savings["week"] // WEEKS_PER_YEAR == 1) & (savings["payee"] == "acute")]
    assert len(year1) == 12  # posted monthly in the year after entering recovery
    planned = round(0.03 * model.by_id["acute"].cost_base_pence(1))
    # Delivery is drawn (beta, mean 0.8): strictly some and at most 1.0 of the plan.
    assert 0 < int(year1["amount_pence"].sum()) <= planned
    assert _entries(_run(), Reason.EFFICIENCY_SAVING).empty  # nothing without the regime


def test_the_allocation_rule_returns_reserves_above_the_cap():
    model = _run(ON, (("organisations", "icb", "reserves_gbp"), 100_000_000))
    # Cap: 5% of the year-0 allocation of £129,500,000 = £6,475,000.00.
    assert model.ledger.balance("icb", YEAR_END) == 647_500_000
    clawed = _entries(model, Reason.ALLOCATION_CLAWBACK)
    first = clawed[(clawed["week"] == YEAR_END) & (clawed["payer"] == "icb")]
    assert list(first["payee"]) == ["exchequer"]
    event = next(e for e in _events(model, "allocation_clawback")
                 if e.year == 0 and e.organisation == "icb")
    assert event.reserves_pence - event.amount_pence == 647_500_000


def test_a_council_past_its_floor_issues_a_s114_notice_and_cuts_spending():
    frozen = _run(ON, (("organisations", "council", "reserves_gbp"), -50_000_000))
    plain = _run((("organisations", "council", "reserves_gbp"), -50_000_000))
    event = next(e for e in _events(frozen, "s114") if e.year == 0)
    assert event.organisation == "council" and event.amount_pence == 0
    assert ContractCut(year=1, organisation="council", factor=0.95) in frozen.recorder.rows(
        ContractCut)

    def paid(model, year):
        out = _entries(model, Reason.CONTRACT_PAYMENT)
        return int(out[(out["payer"] == "council")
                       & (out["week"] // WEEKS_PER_YEAR == year)]["amount_pence"].sum())

    assert paid(frozen, 0) == paid(plain, 0)  # the notice acts from the next year
    assert paid(frozen, 1) < paid(plain, 1)
    assert _events(plain, "s114") == []


def test_regimes_off_change_nothing():
    """Off, only the allocation rule acts (it is how allocations work, not a regime of
    distress; ``tests/core/test_allocation_rule.py``)."""
    plain = _run()
    off = _run((("regimes", "enabled"), False))
    assert plain.ledger.to_frame().equals(off.ledger.to_frame())
    assert {e.regime for e in plain.recorder.rows(RegimeEvent)} <= {"allocation_clawback"}


def test_deficit_support_shares_split_by_allocation_to_the_penny():
    # £1.00 split 2:1 → 66p and 34p (the last in id order takes the odd penny).
    assert deficit_support_shares(100, {"a": 2, "b": 1}) == {"a": 66, "b": 34}
    assert sum(deficit_support_shares(1_000_001, {"x": 3, "y": 3, "z": 1}).values()) == 1_000_001


@pytest.mark.parametrize("field, value", [
    ("recovery_reserves_floor_gbp", 1.0), ("recovery_efficiency_share", 0.5),
    ("s114_spending_cut_share", float("nan")), ("allocation_reserve_cap_share", -0.1)])
def test_out_of_bounds_thresholds_are_refused(field, value):
    with pytest.raises(ScenarioError, match=field):
        scenario_from_dict(raw_with(((("regimes", field), value),)), source="default.toml")


@pytest.mark.slow
@pytest.mark.parametrize("design", ["activity_based", "block", "capitation_gain_loss",
                                    "blended"])
def test_no_reserves_beyond_the_thresholds_without_a_regime_event(design):
    years = 20
    model = CareSystemModel(scenario_from_dict(raw_with((ON,)), source="default.toml"),
                            design, rng=11, people=20_000, years=years)
    model.run(years)
    params = model.place.regimes
    events = {(e.year, e.organisation, e.regime) for e in model.recorder.rows(RegimeEvent)}
    ledger = model.ledger.to_frame()

    def reserves_before(org_id: str, week: int, reasons: list[Reason]) -> int:
        """Reserves at ``week`` without that week's entries of ``reasons``."""
        rows = ledger[(ledger["week"] <= week) & ~((ledger["week"] == week)
                                                   & ledger["reason"].isin(reasons))]
        return int(rows.loc[rows["payee"] == org_id, "amount_pence"].sum()
                   - rows.loc[rows["payer"] == org_id, "amount_pence"].sum())

    for year in range(years):
        week = (year + 1) * WEEKS_PER_YEAR - 1
        for org in model.organisations:
            after = model.ledger.balance(org.org_id, week)
            if org.org_id in ("acute", "community"):
                got = reserves_before(org.org_id, week, [Reason.DEFICIT_SUPPORT.value])
                if got < params.recovery_reserves_floor_gbp * 100:
                    assert (year, org.org_id, "recovery") in events
                assert after >= params.recovery_reserves_floor_gbp * 100
            if org.kind.value == "commissioner":
                # Deficit support is paid before the cap is tested: leave it in.
                got = reserves_before(org.org_id, week, [Reason.ALLOCATION_CLAWBACK.value])
                cap = int(org.allocation_pence_for_year(year)
                          * params.allocation_reserve_cap_share)
                assert after <= cap
                if got > cap:
                    assert (year, org.org_id, "allocation_clawback") in events
                if org.commissioner_type == "local_authority" and after < 0:
                    assert (year, org.org_id, "s114") in events
    balances = model.ledger.balances()
    assert sum(balances.values()) == 0  # money conserved


def test_regime_counts_are_outcomes_only_when_regimes_are_on():
    from sim.outputs.outcomes import run_outcomes
    on = run_outcomes(_run(ON, (("organisations", "acute", "reserves_gbp"), -40_000_000))
                      .results())
    assert on["regimes_recovery"] >= 1.0 and on["regimes_s114"] == 0.0
    assert not any(k.startswith("regimes_") for k in run_outcomes(_run().results()))


def test_the_report_lists_each_regime_in_one_line():
    import pandas as pd

    from experiments.report.reading import _regime_sentence
    summary = pd.DataFrame({"design": ["block"] * 2, "outcome": ["regimes_recovery",
                                                                 "regimes_s114"],
                            "mean": [2.0, 0.0], "low": [1.5, 0.0], "high": [2.5, 0.0]})
    assert _regime_sentence(summary, "block") == (
        " Financial regimes: NHS provider recovery 2.0 times a run (95% interval 1.5 to 2.5).")
