"""A service-level agreement on one of an integrated provider's lines settles on that line.

The default place's council pays its social care market a block; a service-level
agreement shares the contract's variance 50/50 between the council and the provider.
Merged into an integrated provider, the social care market becomes a line with the same
costs, and the agreement over the contract naming that line must settle exactly as it
did for the market alone: baseline the year's block payments, out-turn the line's costs.
"""

import copy
from functools import cache

import pytest

from sim.core.records import SettlementRecord
from sim.model import CareSystemModel
from sim.scenario import ScenarioError, scenario_from_dict
from tests.core.helpers import default_raw
from tests.core.integrated import integrate

CONTRACT = "council_social_care"
SEEDS = (2, 9)


def _agreement(provider: str) -> dict:
    half = {"kind": "fixed_proportions", "shares": {"council": "0.5", provider: "0.5"}}
    return {"name": "care_contract_share", "parties": ["council", provider],
            "level": "service", "scope": [CONTRACT], "residual_party": "council",
            "gains": {"rule": half}, "losses": {"rule": copy.deepcopy(half)}}


def _silo_raw() -> dict:
    raw = copy.deepcopy(default_raw())
    raw["designs"] = {"block": raw["designs"]["block"]}
    raw["designs"]["block"]["agreements"] = [_agreement("social_care")]
    return raw


def _ico_raw() -> dict:
    raw = integrate(default_raw())
    raw["designs"]["block"]["agreements"] = [_agreement("ico")]
    return raw


@cache
def _runs(seed: int):
    out = []
    for raw in (_silo_raw(), _ico_raw()):
        model = CareSystemModel(scenario_from_dict(raw, "t.toml"), "block", rng=seed,
                                people=5_000, years=2, behaviour=False)
        model.run()
        out.append(model)
    return out


def _settled(model) -> dict[tuple[int, str], tuple[int, int, int, int]]:
    rows = model.recorder.rows(SettlementRecord)
    return {(r.year, r.party): (r.baseline_pence, r.outturn_pence, r.pool_pence, r.amount_pence)
            for r in rows}


@pytest.mark.parametrize("seed", SEEDS)
def test_the_line_settles_on_its_own_costs_against_its_contract(seed):
    _, ico = _runs(seed)
    ledger = ico.ledger.to_frame()
    ledger["year"] = ledger["week"] // 52
    records = ico.recorder.frame(SettlementRecord)
    for year in (0, 1):
        # Read from the ledger, not the settlement code: the year's block payments under
        # the contract, and the cost entries the social care line posted.
        now = ledger[ledger["year"] == year]
        paid = int(now.loc[(now["reference"] == CONTRACT)
                           & (now["reason"] == "contract_payment"), "amount_pence"].sum())
        cost = int(now.loc[(now["payer"] == "ico") & (now["reference"] == "line:social_care"),
                           "amount_pence"].sum())
        row = records[records["year"] == year].iloc[0]
        if year == 0:  # the baseline is fixed on the first year's payments
            assert int(row["baseline_pence"]) == paid
        assert int(row["outturn_pence"]) == cost
        assert int(row["pool_pence"]) == int(row["baseline_pence"]) - cost
        shares = records[records["year"] == year].set_index("party")["amount_pence"]
        assert int(shares.sum()) == int(row["pool_pence"])
        assert abs(int(shares["ico"]) - int(shares["council"])) <= 1  # 50/50 to the penny


@pytest.mark.parametrize("seed", SEEDS)
def test_the_line_settles_exactly_as_the_provider_alone_did(seed):
    silo, ico = _runs(seed)
    alone, line = _settled(silo), _settled(ico)
    assert len(alone) == 4  # two years, two parties
    for (year, party), figures in alone.items():
        assert line[(year, "ico" if party == "social_care" else party)] == figures
    assert any(figures[2] != 0 for figures in alone.values())  # a real variance to share


def test_a_line_with_two_contracts_cannot_be_settled_on_one():
    raw = _ico_raw()
    contracts = raw["designs"]["block"]["contracts"]
    extra = copy.deepcopy(next(c for c in contracts if c["id"] == CONTRACT))
    contracts.append({**extra, "id": "council_social_care_2", "payer": "icb"})
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(raw, "t.toml")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("t.toml: designs.block.agreements[0]")
    assert "names service line 'social_care' of 'ico'" in message


def test_a_contract_naming_no_line_of_a_provider_with_others_is_still_refused():
    raw = _ico_raw()
    contracts = raw["designs"]["block"]["contracts"]
    del next(c for c in contracts if c["id"] == CONTRACT)["service_line"]
    with pytest.raises(ScenarioError, match="holds other contracts too"):
        scenario_from_dict(raw, "t.toml")
