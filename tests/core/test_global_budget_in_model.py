"""A global budget in the model: the acute trust's revenue does not follow avoided admissions."""

import pytest

from sim.model import CareSystemModel
from sim.scenario import scenario_from_dict
from tests.core.helpers import raw_with

# The block design's acute value (£109.3m); one acute trust holds the whole market.
GLOBAL_BUDGET = {"mechanism": "global_budget", "approved_revenue_gbp": 109_300_000,
                 "unit": "nel_admission", "base_volume": 30_000, "variable_cost_factor": 0.5,
                 "base_market_share": 1.0}
SCHEME = (("demand", "prevention_scheme_effect"), 0.1)


def _acute_contract_income_pence(scheme: bool, seed: int) -> int:
    raw = raw_with((SCHEME,) if scheme else ())
    design = raw["designs"]["block"]
    acute = next(c for c in design["contracts"] if c["id"] == "icb_acute")
    acute["terms"] = GLOBAL_BUDGET
    model = CareSystemModel(scenario_from_dict(raw, source="global budget test"), "block",
                            rng=seed, people=10_000, years=1, behaviour=False)
    model.run()
    ledger = model.ledger.to_frame()
    paid = ledger[(ledger["reason"] == "contract_payment") & (ledger["payee"] == "acute")]
    return int(paid["amount_pence"].sum())


@pytest.mark.parametrize("seed", [1, 2])
def test_avoided_admissions_leave_the_budget_whole(seed):
    # With one acute provider its volume is the whole market's, so there is never a market
    # shift, and without a corridor year-1 revenue is the approved £109.3m to the penny,
    # whether or not a scheme cuts demand by 10%.
    assert _acute_contract_income_pence(False, seed) == 10_930_000_000
    assert _acute_contract_income_pence(True, seed) == 10_930_000_000
