"""Cost and price growth in the model: costs per line and prices rise at the stated rates.

With pay 3% and prices 1% a year and a pay share of 0.65, cost inflation is
0.65·3% + 0.35·1% = 2.3%; with an efficiency factor of 1.1% the tariff uplift is 1.2%;
the care-market fee uplift is set to 4%. Expected figures are these rates compounded by
hand over three years, to within a penny per year of rounding.
"""

from decimal import Decimal
from functools import cache

import pytest

from sim.core.ledger import Reason
from sim.model import CareSystemModel
from sim.outputs.tables import money_basis
from sim.scenario import scenario_from_dict
from tests.core.helpers import org_flow, raw_with

GROWTH = {"pay_inflation_per_year": 0.03, "price_inflation_per_year": 0.01,
          "tariff_efficiency_factor": 0.011, "care_fee_uplift_per_year": 0.04}


def _scenario(growth: dict | None):
    raw = raw_with()
    if growth:
        raw["growth"] = growth
    return scenario_from_dict(raw, source="default.toml")


@cache
def _run(with_growth: bool) -> CareSystemModel:
    model = CareSystemModel(_scenario(GROWTH if with_growth else None), "activity_based",
                            rng=2, people=4_000, years=3, behaviour=False)
    model.run(3)
    return model


def _contract_paid(model, contract_id: str) -> list[int]:
    contract = next(c for c in model.contracts.contracts if c.spec.id == contract_id)
    return contract.paid_by_year_pence


def test_fixed_costs_grow_at_cost_inflation():
    ledger = _run(True).ledger.to_frame()
    fixed = 37_000_000 * 100  # the acute trust's fixed cost, pence a year
    for year in range(3):
        posted = org_flow(ledger, "acute", [Reason.FIXED_COST], year=year)
        assert posted == pytest.approx(fixed * Decimal("1.023") ** year, abs=1)


@pytest.mark.parametrize("contract_id, uplift", [("council_home_care", 1.04),
                                                 ("icb_acute", 1.012)])
def test_prices_rise_by_the_fee_or_tariff_uplift(contract_id, uplift):
    # Behaviour off and the same seed: the same activity, so payments differ by the price.
    plain, grown = _contract_paid(_run(False), contract_id), _contract_paid(_run(True), contract_id)
    for year in range(3):
        assert grown[year] == pytest.approx(plain[year] * uplift ** year, abs=1)


def test_reports_say_nominal_or_real_and_the_price_year():
    assert money_basis(_scenario(None)) == {"money_basis": "real", "price_year": "2023/24"}
    assert money_basis(_scenario(GROWTH))["money_basis"] == "nominal"
    assert _run(True).results().meta["money_basis"] == "nominal"


def test_an_explicit_contract_uplift_wins_over_the_place_rule():
    raw = raw_with()
    raw["growth"] = GROWTH
    raw["designs"]["activity_based"]["contracts"][0]["terms"]["price_uplift_per_year"] = 0.0
    model = CareSystemModel(scenario_from_dict(raw, source="default.toml"), "activity_based",
                            rng=2, people=2_000, years=1, behaviour=False)
    terms = {c.spec.id: c.terms for c in model.contracts.contracts}
    assert terms["icb_acute"].price_uplift_per_year == 0.0
    assert terms["council_home_care"].price_uplift_per_year == pytest.approx(0.04)
    assert terms["icb_community"].uplift_per_year == 0.01  # a block keeps its own uplift
