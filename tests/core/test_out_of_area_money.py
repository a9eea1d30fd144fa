"""Out-of-area care when local beds are full: charged to the health commissioner, to the penny."""

from sim.core.calendar import week_info
from sim.core.ledger import SUPPLIERS, Reason
from sim.model import CareSystemModel
from sim.model.finance import out_of_area_charge_pence
from tests.core.helpers import scenario_with

BEDS_CUT = (("organisations", "acute", "capacities", "acute_beds", "units"), 500)


def test_charge_by_hand():
    # 10.5 bed days at £509 a day: 10.5 x 50,900p = 534,450p; 1/3 day at £509 = 16,966.67p
    # rounds to 16,967p.
    assert out_of_area_charge_pence(10.5, 509.0) == 534_450
    assert out_of_area_charge_pence(1 / 3, 509.0) == 16_967
    assert out_of_area_charge_pence(0.0, 509.0) == 0


def test_out_of_area_bed_days_are_paid_by_the_icb_each_month():
    model = CareSystemModel(scenario_with((BEDS_CUT,)), "block", rng=4, people=5_000, years=1,
                            behaviour=False)
    month_days, expected = 0.0, 0
    for _ in range(model.horizon_weeks):
        info = week_info(model.week)
        model.step()
        month_days += model.last_flows.out_of_area_bed_days / model.size_scale
        if info.ends_month:
            expected += round(month_days * 50_900)  # £509 a day, rounded once a month
            month_days = 0.0
    frame = model.ledger.to_frame()
    charges = frame[frame["reason"] == Reason.OUT_OF_AREA_CARE.value]
    assert expected > 0  # with 500 of 840 beds the hospital is full: the charge happens
    assert int(charges["amount_pence"].sum()) == expected
    assert set(charges["payer"]) == {"icb"} and set(charges["payee"]) == {SUPPLIERS}
    # Money is conserved: every balance sums to zero, out-of-area charges included.
    assert sum(model.ledger.balances().values()) == 0
    # The refusals are reported as whole-place weekly counts.
    weekly = model.datacollector.get_model_vars_dataframe()
    assert weekly["admissions_refused"].sum() > 0
    assert weekly["out_of_area_admissions"].sum() > 0
