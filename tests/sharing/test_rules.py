"""Each distribution rule, hand-computed (amounts in pence)."""

from decimal import Decimal as D

from sim.sharing.rule_specs import PayMeasure, PerformanceBasis
from sim.sharing.rules import (
    split_by_ability_to_pay,
    split_by_performance,
    split_compensate_budget_falls,
    split_equal,
    split_fixed_proportions,
    split_prioritise_investment,
    split_pro_rata,
)

from .helpers import make_agreement, net, settle


def amounts(shares):
    out = {}
    for party, pence, _note in shares:
        out[party] = out.get(party, 0) + pence
    return out


def test_fixed_proportions_torbay():
    # 1,000,000p x 0.41 / 0.09 / 0.50 = 410,000 / 90,000 / 500,000 exactly.
    shares = split_fixed_proportions(
        1_000_000, {"ccg": D("0.41"), "tc": D("0.09"), "ico": D("0.5")}
    )
    assert amounts(shares) == {"ccg": 410_000, "tc": 90_000, "ico": 500_000}
    assert [note for _, _, note in shares] == [
        "fixed share 41%",
        "fixed share 50%",
        "fixed share 9%",
    ]


def test_pro_rata_to_contributions():
    # 1000 x 20/30 = 666.67, 1000 x 10/30 = 333.33 -> 666 + 333, penny to icb (.67).
    shares = split_pro_rata(1000, {"icb": D(20_000_000), "la": D(10_000_000)}, "contribution_gbp")
    assert amounts(shares) == {"icb": 667, "la": 333}


def test_equal_shares():
    # 100 / 3 -> 33 each + 1 penny to the smallest id.
    assert amounts(split_equal(100, ["c", "b", "a"])) == {"a": 34, "b": 33, "c": 33}


def test_performance_score_rewards_best():
    # weights 0.9 : 0.6 -> 1000 x 0.9/1.5 = 600, 1000 x 0.6/1.5 = 400.
    shares = split_by_performance(1000, {"a": D("0.9"), "b": D("0.6")}, PerformanceBasis.SCORE, "r")
    assert amounts(shares) == {"a": 600, "b": 400}


def test_performance_shortfall_makes_poor_performers_bear_more():
    # weights 1-0.9 = 0.1 : 1-0.6 = 0.4 -> 1000 x 0.1/0.5 = 200, 1000 x 0.4/0.5 = 800.
    scores = {"a": D("0.9"), "b": D("0.6")}
    shares = split_by_performance(1000, scores, PerformanceBasis.SHORTFALL, "r")
    assert amounts(shares) == {"a": 200, "b": 800}


def test_performance_achievement_leaves_unearned_part_with_residual():
    # earmarks 0.5 / 0.5; scores 0.5 and 1.0 -> a earns 0.25, b 0.5, residual 0.25 of 1000.
    scores = {"a": D("0.5"), "b": D("1")}
    earmarks = {"a": D("0.5"), "b": D("0.5")}
    shares = split_by_performance(1000, scores, PerformanceBasis.ACHIEVEMENT, "r", earmarks)
    assert amounts(shares) == {"a": 250, "b": 500, "r": 250}


def test_performance_all_zero_scores_go_to_residual():
    shares = split_by_performance(500, {"a": D(0), "b": D(0)}, PerformanceBasis.SCORE, "r")
    assert amounts(shares) == {"r": 500}


def test_ability_to_pay_by_reserves_ignores_negative_reserves():
    # weights 300 : 0 (reserves -100 count as none) : 100 -> 1000 x 3/4 = 750, 1/4 = 250.
    measures = {"a": D(300), "b": D(-100), "c": D(100)}
    shares = split_by_ability_to_pay(1000, measures, PayMeasure.RESERVES, "r")
    assert amounts(shares) == {"a": 750, "b": 0, "c": 250}


def test_ability_to_pay_nobody_able_goes_to_residual():
    shares = split_by_ability_to_pay(90, {"a": D(-1), "b": D(0)}, PayMeasure.RESERVES, "r")
    assert amounts(shares) == {"r": 90}


def test_prioritise_members_needing_investment():
    # a and c need investment: 1001 / 2 = 500.5 -> 500 each, penny to "a"; b gets nothing.
    shares = split_prioritise_investment(1001, {"a": True, "b": False, "c": True})
    assert amounts(shares) == {"a": 501, "c": 500}


def test_prioritise_falls_back_to_everyone_when_nobody_needs_investment():
    shares = split_prioritise_investment(90, {"a": False, "b": False, "c": False})
    assert amounts(shares) == {"a": 30, "b": 30, "c": 30}


def test_compensation_smaller_than_falls_is_pro_rata_to_falls():
    # falls: a 100-90 = 10, b 100-70 = 30, c rose (0). Gain 20 < 40 -> 20 x 10/40 = 5,
    # 20 x 30/40 = 15; nothing left for the residual.
    shares = split_compensate_budget_falls(
        20, {"a": 90, "b": 70, "c": 120}, {"a": 100, "b": 100, "c": 100}, "r"
    )
    assert amounts(shares) == {"a": 5, "b": 15, "c": 0, "r": 0}


def test_compensation_is_capped_at_the_fall_rest_to_residual():
    # Gain 100 > falls 40: a gets its 10, b its 30, residual 100 - 40 = 60.
    shares = split_compensate_budget_falls(
        100, {"a": 90, "b": 70, "c": 120}, {"a": 100, "b": 100, "c": 100}, "r"
    )
    assert amounts(shares) == {"a": 10, "b": 30, "c": 0, "r": 60}


def test_compensation_with_no_fall_goes_to_residual():
    shares = split_compensate_budget_falls(100, {"a": 100}, {"a": 90}, "r")
    assert amounts(shares) == {"r": 100}


def test_rules_read_their_figures_through_an_agreement():
    # Budget allocation: budgets 3 : 1 : 0 of a £4.00 gain -> 300p, 100p, 0p.
    agreement = make_agreement(gains={"rule": {"kind": "budget_allocation"}})
    parties = {"a": {"budget_gbp": 3}, "b": {"budget_gbp": 1}, "c": {"budget_gbp": 0}}
    result = settle(agreement, "10.00", "6.00", parties=parties)
    assert net(result) == {"a": 300, "b": 100}


def test_equity_rule_reads_equity_shares():
    # Equity 60 : 40 of a £10.00 loss -> -600p, -400p.
    agreement = make_agreement(
        losses={"rule": {"kind": "equity", "among": ["b", "c"]}}, residual="a"
    )
    parties = {"b": {"equity_shares": 60}, "c": {"equity_shares": 40}}
    assert net(settle(agreement, "0", "10.00", parties=parties)) == {"b": -600, "c": -400}


def test_pro_rata_activity_rule():
    # Activity £1 : £2 : £1 of a £1.00 gain -> 25p, 50p, 25p.
    agreement = make_agreement(gains={"rule": {"kind": "pro_rata_activity"}})
    parties = {p: {"activity_gbp": v} for p, v in {"a": 1, "b": 2, "c": 1}.items()}
    assert net(settle(agreement, "2.00", "1.00", parties=parties)) == {"a": 25, "b": 50, "c": 25}
