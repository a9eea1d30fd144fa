"""The commissioner's rule at the contract round, checked by hand (``agents.commissioning``).

Figures are chosen so the arithmetic is short: an allocation of £100m with £1m contingency
leaves £99m affordable.
"""

import pytest

from agents.commissioning import (
    AgreementLine,
    CommissionParams,
    CommissionView,
    ContractLine,
    InYearView,
    PlacementPolicy,
    decide_commissioning,
    projected_outturn_gbp,
    review_in_year,
)
from agents.withdrawal import StayView

M = 1_000_000.0
PARAMS = CommissionParams(max_cut=0.2, max_rise=0.02, grant_weight=2.0, max_pool_cut=0.1)
NEVER = 1e12


def _view(spent_gbp: float, contracts=(), pools=(), agreements=()) -> CommissionView:
    return CommissionView(allocation_gbp=100 * M, contingency_gbp=1 * M, spent_gbp=spent_gbp,
                          contracts=tuple(contracts), pool_contributions_gbp=tuple(pools),
                          agreements=tuple(agreements))


def _values(plan) -> dict[str, float]:
    return {c.target: c.new_value for c in plan.choices}


def _stay(settlement_gbp: float, u: float, exit_cost_gbp: float = NEVER,
          trust: float = 0.5) -> StayView:
    # One settlement seen: the prior spread is half of it, k = 1, so D = 1.5 × settlement.
    return StayView(settlements_seen=(settlement_gbp,), trust=trust,
                    uninfluenceable_loss_share=u, reserves_gbp=NEVER,
                    exit_cost_gbp=exit_cost_gbp, prior_spread_gbp=0.5 * abs(settlement_gbp),
                    downside_sds=1.0)


def test_an_overspend_lowers_values_until_spend_is_within_the_allocation() -> None:
    """Spend £105m, £60m of it on blocks it sets: the £6m gap is a tenth of them (f = 0.9).

    New spend: £45m it does not set + £54m = £99m, exactly the affordable sum.
    """
    contracts = (ContractLine("a", 40 * M), ContractLine("b", 20 * M))
    plan = decide_commissioning(_view(105 * M, contracts), PARAMS)
    assert plan.budget_factor == pytest.approx(0.9)
    assert _values(plan) == pytest.approx({"a": 36 * M, "b": 18 * M})
    assert 105 * M - 60 * M + sum(_values(plan).values()) == pytest.approx(99 * M)
    assert plan.notices == ()


def test_the_cut_is_capped_at_its_largest_cut_a_year() -> None:
    """The same gap with at most 3% a year: f = 0.97, so spend stays over (the cap binds)."""
    params = CommissionParams(max_cut=0.03, max_rise=0.02, grant_weight=2.0, max_pool_cut=0.1)
    plan = decide_commissioning(_view(105 * M, [ContractLine("a", 60 * M)]), params)
    assert plan.budget_factor == pytest.approx(0.97)
    assert _values(plan)["a"] == pytest.approx(58.2 * M)


def test_headroom_raises_values_by_at_most_the_largest_rise() -> None:
    """Spend £90m against £99m affordable would allow +15% of £60m; the cap gives +2%."""
    plan = decide_commissioning(_view(90 * M, [ContractLine("a", 60 * M)]), PARAMS)
    assert plan.budget_factor == pytest.approx(1.02)
    assert _values(plan)["a"] == pytest.approx(61.2 * M)


def test_spend_exactly_affordable_changes_nothing() -> None:
    plan = decide_commissioning(_view(99 * M, [ContractLine("a", 60 * M)]), PARAMS)
    assert plan.budget_factor == 1.0
    assert plan.choices == ()


def test_grants_to_prevention_are_cut_twice_as_hard() -> None:
    """f = 0.9 (a £6m gap on £60m); a grant with weight 2 takes 1 + 2 × (0.9 − 1) = 0.8."""
    contracts = (ContractLine("block", 59.9 * M), ContractLine("grant", 0.1 * M, grant=True))
    plan = decide_commissioning(_view(105 * M, contracts), PARAMS)
    assert plan.grant_factor == pytest.approx(0.8)
    assert _values(plan)["grant"] == pytest.approx(80_000)
    assert _values(plan)["block"] == pytest.approx(59.9 * M * 0.9)
    kinds = {c.target: c.kind for c in plan.choices}
    assert kinds == {"block": "contract_value", "grant": "grant"}


def test_a_grant_cut_has_a_floor_of_its_weight_times_the_largest_cut() -> None:
    """A gap bigger than every value it sets: f = 0.8 (floor), grant 1 − 2 × 0.2 = 0.6."""
    plan = decide_commissioning(_view(150 * M, [ContractLine("g", 1 * M, grant=True)]), PARAMS)
    assert plan.budget_factor == pytest.approx(0.8)
    assert plan.grant_factor == pytest.approx(0.6)


def _pool_plan(u: float, max_pool_cut: float = 0.5):
    """A £1m contribution, no budget gap; one agreement over the pool with a £200k loss.

    D = 1.5 × −£200k = −£300k, so E = u × £300k comes off the contribution.
    """
    params = CommissionParams(max_cut=0.2, max_rise=0.02, grant_weight=2.0,
                              max_pool_cut=max_pool_cut)
    agreement = AgreementLine("bcf", _stay(-200_000.0, u), pools=("fund",))
    return decide_commissioning(_view(99 * M, pools=[("fund", 1 * M)], agreements=[agreement]),
                                params)


def test_losses_it_cannot_influence_lower_its_pool_contribution() -> None:
    """u = 0.5: £1m − £150k = £850k; u = 0.09: £1m − £27k = £973k (a smaller cut)."""
    high, low = _values(_pool_plan(0.5))["fund"], _values(_pool_plan(0.09))["fund"]
    assert high == pytest.approx(850_000)
    assert low == pytest.approx(973_000)
    assert high < low


def test_the_pool_cut_is_capped() -> None:
    """At most 10% a year: £900k, not £850k."""
    assert _values(_pool_plan(0.5, max_pool_cut=0.1))["fund"] == pytest.approx(900_000)


def test_a_pool_it_gives_notice_on_is_not_cut_for_losses_it_will_no_longer_bear() -> None:
    """With no cost of leaving it gives notice; the contribution then only follows f (= 1)."""
    agreement = AgreementLine("bcf", _stay(-200_000.0, 0.5, exit_cost_gbp=0.0), pools=("fund",))
    plan = decide_commissioning(_view(99 * M, pools=[("fund", 1 * M)], agreements=[agreement]),
                                PARAMS)
    assert plan.notices == ("bcf",)
    assert [c.kind for c in plan.choices] == ["notice"]


def test_a_larger_share_of_losses_it_cannot_influence_gives_notice() -> None:
    """Trust 0.5, D = −£300k: staying is worth −£300k × (1 + u × 0.5).

    u = 0.5 gives −£375k, u = 0.09 gives −£313.5k; a cost of leaving of £340k lies between,
    so the first gives notice and the second stays.
    """
    def notices(u: float) -> tuple[str, ...]:
        agreement = AgreementLine("gain_loss", _stay(-200_000.0, u, exit_cost_gbp=340_000.0))
        return decide_commissioning(_view(99 * M, agreements=[agreement]), PARAMS).notices

    assert notices(0.5) == ("gain_loss",)
    assert notices(0.09) == ()


def test_no_settlement_seen_no_notice_and_no_pool_cut() -> None:
    stay = StayView(settlements_seen=(), trust=0.5, uninfluenceable_loss_share=1.0,
                    reserves_gbp=0.0, exit_cost_gbp=0.0, prior_spread_gbp=0.0, downside_sds=1.0)
    plan = decide_commissioning(
        _view(99 * M, pools=[("fund", 1 * M)],
              agreements=[AgreementLine("bcf", stay, pools=("fund",))]), PARAMS)
    assert plan.choices == ()


def _policy(bias: float, residential: float = 916.0, home: float = 259.5):
    """A care-home week at £916 against a 10-hour package week at £25.95 (£259.50)."""
    return PlacementPolicy(bias=bias, starting_bias=1.0, residential_week_gbp=residential,
                           home_week_gbp=home, step=0.1)


def _placement(policy: PlacementPolicy, spent_gbp: float) -> float:
    contracts = [ContractLine("block", 60 * M)]
    plan = decide_commissioning(CommissionView(100 * M, 1 * M, spent_gbp, tuple(contracts),
                                               placement=policy), PARAMS)
    chosen = [c for c in plan.choices if c.kind == "placement_policy"]
    return chosen[0].new_value if chosen else policy.bias


def test_an_overspending_council_tightens_eligibility_for_the_dearer_setting() -> None:
    """Residential dearer (£916 > £259.50 a week): one step towards home, 1.0 → 0.9.

    Were home care the dearer, it would move one step towards residential, 1.0 → 1.1.
    """
    assert _placement(_policy(1.0), 105 * M) == pytest.approx(0.9)
    assert _placement(_policy(1.0, residential=200.0), 105 * M) == pytest.approx(1.1)
    assert _placement(_policy(0.25), 105 * M) == pytest.approx(0.2)  # the bias's floor


def test_headroom_returns_eligibility_towards_its_starting_policy() -> None:
    """From 0.7 one step back (0.8); from 0.95 only the 0.05 left to 1.0; at 1.0 it holds."""
    assert _placement(_policy(0.7), 90 * M) == pytest.approx(0.8)
    assert _placement(_policy(0.95), 90 * M) == pytest.approx(1.0)
    assert _placement(_policy(1.0), 90 * M) == 1.0
    assert _placement(_policy(0.7), 99 * M) == 0.7  # spend exactly affordable: it holds


def _in_year(spent_gbp: float, months: int, policy: PlacementPolicy | None):
    return InYearView(allocation_gbp=100 * M, contingency_gbp=1 * M,
                      spent_to_date_gbp=spent_gbp, months_elapsed=months, placement=policy)


def test_the_in_year_projection_is_the_run_rate_of_the_months_paid() -> None:
    """£25m paid in 3 months runs at £100m a year; £50m in 6 months the same."""
    assert projected_outturn_gbp(_in_year(25 * M, 3, None)) == pytest.approx(100 * M)
    assert projected_outturn_gbp(_in_year(50 * M, 6, None)) == pytest.approx(100 * M)


def test_a_council_projecting_an_overspend_tightens_placements_in_year() -> None:
    """£25m in 3 months projects £100m against £99m affordable: one step, 1.0 → 0.9.

    £24.6m in 3 months projects £98.4m, within budget: no in-year choice, and (unlike the
    contract round) none to relax a tightened policy either, 0.7 stays 0.7.
    """
    (choice,) = review_in_year(_in_year(25 * M, 3, _policy(1.0)))
    assert (choice.kind, choice.old_value, choice.new_value) == (
        "placement_policy", 1.0, pytest.approx(0.9))
    assert "after 3 months" in choice.reason
    assert review_in_year(_in_year(24.6 * M, 3, _policy(1.0))) == ()
    assert review_in_year(_in_year(24.6 * M, 3, _policy(0.7))) == ()


def test_a_commissioner_without_placements_has_no_in_year_choice() -> None:
    """An ICB (no placement policy) overspending by half makes no in-year choice."""
    assert review_in_year(_in_year(75 * M, 6, None)) == ()
