"""A full hospital costs the trust: a sanction per emergency refused, paid to the commissioner.

By hand: the pure charge, the trust's believed refusals from the Normal spread of
occupancy, and a month's sanction in a run; the sanction is a transfer (the system's cost
is the same with and without it, to the penny) and money is conserved.
"""

import math

import pytest

from agents.refusals import expected_refusals_per_year, sanction_change_gbp
from sim.core.calendar import week_info
from sim.core.ledger import SUPPLIERS, Reason
from sim.model import CareSystemModel
from sim.model.finance import refusal_sanction_pence
from sim.scenario import ScenarioError
from tests.core.helpers import raw_with, scenario_with

BEDS_CUT = (("organisations", "acute", "capacities", "acute_beds", "units"), 500)
NO_SANCTION = (("population", "hospital", "refused_admission_sanction_gbp"), 0.0)


class View:
    def __init__(self, **figures):
        self.figures = figures

    def get(self, name):
        return self.figures.get(name, 0.0)


def test_charge_by_hand():
    # 2.5 refusals at £1,000: 250,000p; 1/3 refusal: 33,333.33p rounds to 33,333p.
    assert refusal_sanction_pence(2.5, 1_000.0) == 250_000
    assert refusal_sanction_pence(1 / 3, 1_000.0) == 33_333
    assert refusal_sanction_pence(0.0, 1_000.0) == 0


def test_believed_refusals_by_hand():
    # 1,000 admissions a year, 36,500 bed days: 100 beds occupied, a mean stay of 36.5 days.
    # 100 beds, no escalation, spread 0.1: sigma = 10 beds, z = 0, E[overflow] = 10 x
    # phi(0) = 3.98942 beds = 1,456.14 bed days a year = 39.894 refusals.
    view = View(admissions=1_000.0, acute_bed_days=36_500.0)
    assert expected_refusals_per_year(view, 100, 0.0, 0.1) == pytest.approx(
        10 / math.sqrt(2 * math.pi) * 10, rel=1e-9)
    # 90 beds: z = -1, E = 10 phi(1) + 10 Phi(1) = 2.41971 + 8.41345 = 10.83316 beds,
    # 108.3316 refusals: cutting 10 beds adds 68.437 refusals, £68,437 at £1,000.
    assert sanction_change_gbp(view, 100, -10, 0.0, 0.1, 1_000.0) == pytest.approx(
        68_437.4, abs=1.0)
    # 5% escalation beds: the cap is 105 beds (z = 0.5): fewer refusals.
    assert expected_refusals_per_year(view, 100, 0.05, 0.1) < 39.0
    # Refusals seen are demand the occupancy does not show: 100 refused at 36.5 days are
    # 10 more beds of demand, as if occupancy were 110.
    seen = View(admissions=1_000.0, acute_bed_days=36_500.0, admissions_refused=100.0)
    busier = View(admissions=1_000.0, acute_bed_days=40_150.0)
    assert expected_refusals_per_year(seen, 100, 0.0, 0.1) == pytest.approx(
        expected_refusals_per_year(busier, 100, 0.0, 0.1) * 40.15 / 36.5, rel=1e-9)
    # No sanction, no believed change; no admissions seen, nothing believed.
    assert sanction_change_gbp(view, 100, -10, 0.0, 0.1, 0.0) == 0.0
    assert expected_refusals_per_year(View(), 100, 0.0, 0.1) == 0.0


def _run(overrides, seed=4):
    model = CareSystemModel(scenario_with(overrides), "block", rng=seed, people=5_000,
                            years=1, behaviour=False)
    expected, month = 0, 0.0
    for _ in range(model.horizon_weeks):
        info = week_info(model.week)
        model.step()
        month += model.last_flows.admissions_refused / model.size_scale
        if info.ends_month:
            expected += round(month * 100_000)  # £1,000 a refusal, rounded once a month
            month = 0.0
    return model, expected


def test_refusals_are_paid_by_the_trust_to_the_icb_each_month():
    model, expected = _run((BEDS_CUT,))
    frame = model.ledger.to_frame()
    sanctions = frame[frame["reason"] == Reason.REFUSAL_SANCTION.value]
    assert expected > 0  # with 500 of 840 beds the hospital is full: emergencies refused
    assert int(sanctions["amount_pence"].sum()) == expected
    assert set(sanctions["payer"]) == {"acute"} and set(sanctions["payee"]) == {"icb"}
    assert sum(model.ledger.balances().values()) == 0


def test_the_sanction_is_a_transfer_not_a_cost():
    """Same seed, levers fixed, sanction on and off: the same care, the same system cost
    to the penny; the trust is poorer and the ICB richer by exactly the sanctions."""
    on, paid = _run((BEDS_CUT,))
    off, _ = _run((BEDS_CUT, NO_SANCTION))
    assert paid > 0
    a, b = on.ledger.balances(), off.ledger.balances()
    assert a[SUPPLIERS] == b[SUPPLIERS]
    assert b["acute"] - a["acute"] == paid
    assert a["icb"] - b["icb"] == paid


def test_a_negative_sanction_is_refused_naming_the_field():
    from sim.scenario import scenario_from_dict

    raw = raw_with(((("population", "hospital", "refused_admission_sanction_gbp"), -1.0),))
    with pytest.raises(ScenarioError, match="refused_admission_sanction_gbp"):
        scenario_from_dict(raw, source="default.toml")
