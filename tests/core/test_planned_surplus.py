"""A planned surplus in the model: a rolled (cost) baseline keeps the providers' surplus.

By hand: commissioners paid 1,000,000p for the scope in the base year, a plan allowing a 1%
surplus. After the one fixed year the baseline is last year's out-turn, 990,000p, a cost
plan; grossed up by 1 / 0.99 it is 1,000,000p again, of which 10,000p is the surplus, and
the pool is the variance from the 990,000p plan. Two providers paid 750,000p and 250,000p
split a 10,000p surplus 7,500p / 2,500p.
"""

from sim.model.risk_share import AgreementState
from sim.sharing import RiskShareAgreement

SHARES = {"rule": {"kind": "fixed_proportions", "shares": {"icb": "0.5", "ico": "0.5"}}}


def _state(providers: dict[str, int]) -> AgreementState:
    spec = RiskShareAgreement.model_validate({
        "name": "t", "parties": ["icb", *providers], "level": "organisation",
        "scope": list(providers), "residual_party": "icb", "gains": SHARES, "losses": SHARES,
        "baseline": {"fixed_years": 1, "rolling_years": 1}, "planned_surplus_share": "0.01"})
    state = AgreementState(spec=spec, members=set(spec.parties))
    state.fix_base_year({("icb", p): paid for p, paid in providers.items()}, set(providers),
                        1000)
    return state


def test_fixed_year_baseline_is_what_was_paid_and_the_surplus_is_one_percent():
    state = _state({"ico": 1_000_000})
    assert state.baseline_pence(1000, {"ico"}) == 1_000_000
    assert state.planned_surplus_by_provider(1_000_000, {"ico"}) == {"ico": 10_000}


def test_rolled_cost_baseline_is_grossed_up_so_the_plan_keeps_its_surplus():
    state = _state({"ico": 1_000_000})
    state.outturns_pence.append(990_000)
    state.outturns_by_provider.append({"ico": 990_000})
    assert state.baseline_pence(1000, {"ico"}) == 1_000_000


def test_two_providers_split_the_surplus_by_what_each_was_paid():
    state = _state({"ico": 750_000, "vcs": 250_000})
    assert state.planned_surplus_by_provider(1_000_000, {"ico", "vcs"}) == {"ico": 7_500,
                                                                            "vcs": 2_500}
