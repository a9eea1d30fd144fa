"""Each modifier, hand-computed through small settlements (amounts in pence)."""

from sim.sharing import CONTINGENCY_RESERVE_PARTY, REINVESTMENT_PARTY

from .helpers import make_agreement, net, settle

HALVES = {"kind": "fixed_proportions", "shares": {"b": "0.5", "c": "0.5"}}


def side(*modifiers, rule=HALVES):
    return {"rule": rule, "modifiers": list(modifiers)}


def corridor(rate="0.05", sharing="first_dollar"):
    return {"kind": "corridor", "minimum_rate": rate, "sharing": sharing}


def test_inside_corridor_residual_keeps_everything():
    # Baseline £1,000 x 5% = £50 corridor; a £40 gain is inside it -> residual a keeps 4000p.
    agreement = make_agreement(gains=side(corridor()))
    result = settle(agreement, 1000, 960)
    assert net(result) == {"a": 4000}
    assert [line.rule for line in result.lines] == ["corridor"]


def test_corridor_first_dollar_shares_everything_once_reached():
    # A £50 gain meets the £50 corridor -> all 5000p split 50/50.
    agreement = make_agreement(gains=side(corridor()))
    assert net(settle(agreement, 1000, 950)) == {"b": 2500, "c": 2500}


def test_corridor_above_threshold_shares_only_the_excess():
    # £80 gain: residual keeps the £50 corridor; £30 split 50/50 = 1500p each.
    agreement = make_agreement(gains=side(corridor(sharing="above_threshold")))
    assert net(settle(agreement, 1000, 920)) == {"a": 5000, "b": 1500, "c": 1500}


def test_corridor_applies_to_losses_too():
    # £30 loss inside the £50 minimum loss rate -> residual bears it all.
    agreement = make_agreement(losses=side(corridor()))
    assert net(settle(agreement, 1000, 1030)) == {"a": -3000}


def test_reserve_absorbs_a_loss_first():
    # £100 loss, reserve balance £60 -> reserve -6000p; £40 split 50/50 -> -2000p each.
    agreement = make_agreement(losses=side({"kind": "contingency_reserve"}))
    result = settle(agreement, 1000, 1100, reserve_gbp=60)
    assert net(result) == {CONTINGENCY_RESERVE_PARTY: -6000, "b": -2000, "c": -2000}


def test_reserve_larger_than_the_loss_absorbs_it_all():
    agreement = make_agreement(losses=side({"kind": "contingency_reserve"}))
    assert net(settle(agreement, 1000, 1025, reserve_gbp=60)) == {CONTINGENCY_RESERVE_PARTY: -2500}


def test_reserve_topped_up_from_gains_to_its_target():
    # Balance £100, target £150 -> top-up £50 of an £80 gain; £30 split = 1500p each.
    agreement = make_agreement(gains=side({"kind": "contingency_reserve", "target_gbp": 150}))
    result = settle(agreement, 1000, 920, reserve_gbp=100)
    assert net(result) == {CONTINGENCY_RESERVE_PARTY: 5000, "b": 1500, "c": 1500}


def test_reserve_at_target_takes_nothing():
    agreement = make_agreement(gains=side({"kind": "contingency_reserve", "target_gbp": 150}))
    assert net(settle(agreement, 1000, 920, reserve_gbp=200)) == {"b": 4000, "c": 4000}


def test_reinvestment_before_distribution():
    # 25% of a £10.01 gain = 250.25p -> 250p reinvested; 751p split -> 375.5 each,
    # floors 375 + 375, penny tie to "b".
    agreement = make_agreement(gains=side({"kind": "reinvestment", "fraction": "0.25"}))
    assert net(settle(agreement, "100.00", "89.99")) == {
        REINVESTMENT_PARTY: 250,
        "b": 376,
        "c": 375,
    }


def test_threshold_amount_retained_by_party():
    # First £250 retained by c; £150 left split 50/50 -> c 25000 + 7500, b 7500.
    agreement = make_agreement(gains=side({"kind": "threshold", "party": "c", "amount_gbp": 250}))
    assert net(settle(agreement, 1000, 600)) == {"b": 7500, "c": 32500}


def test_threshold_as_fraction_of_baseline_and_pool_below_it():
    # 10% of £1,000 = £100 threshold; a £60 gain is all retained by b.
    modifier = {"kind": "threshold", "party": "b", "fraction_of_baseline": "0.1"}
    agreement = make_agreement(gains=side(modifier))
    assert net(settle(agreement, 1000, 940)) == {"b": 6000}


def test_sharing_rate_rest_to_residual():
    # 30% of a £100 loss is shared (-1500p each); the residual bears the other 70%.
    agreement = make_agreement(losses=side({"kind": "sharing_rate", "rate": "0.3"}))
    assert net(settle(agreement, 1000, 1100)) == {"a": -7000, "b": -1500, "c": -1500}


def test_tiers_split_successive_bands():
    # Bands: £0-100 all to a; £100-300 50/50 b, c; above £300 the main rule (all to c).
    # A £400 gain: a 100; b 100, c 100; c 100 more -> a 10000, b 10000, c 20000.
    bands = [
        {"from_gbp": 100, "to_gbp": 300, "rule": HALVES},
        {"from_gbp": 0, "to_gbp": 100, "rule": {"kind": "fixed_proportions", "shares": {"a": 1}}},
    ]
    main = {"kind": "fixed_proportions", "shares": {"c": 1}}
    agreement = make_agreement(gains=side({"kind": "tiers", "bands": bands}, rule=main))
    assert net(settle(agreement, 1000, 600)) == {"a": 10000, "b": 10000, "c": 20000}
    # A £150 gain reaches only the second band: a 100, then £50 split 25/25.
    assert net(settle(agreement, 1000, 850)) == {"a": 10000, "b": 2500, "c": 2500}


def test_cap_amount_excess_to_residual():
    # £100 gain split 50/50; b capped at £20 -> b 2000, residual a gets the 3000 excess.
    agreement = make_agreement(gains=side({"kind": "cap", "party": "b", "amount_gbp": 20}))
    assert net(settle(agreement, 1000, 900)) == {"a": 3000, "b": 2000, "c": 5000}


def test_cap_as_fraction_of_own_revenue_for_every_non_residual_party():
    # £100 gain 50/50; caps 10% of revenue: b £300 -> £30, c £1,000 -> £100 (not binding).
    cap = {"kind": "cap", "fraction": "0.1", "of": "revenue"}
    agreement = make_agreement(gains=side(cap))
    parties = {"b": {"revenue_gbp": 300}, "c": {"revenue_gbp": 1000}, "a": {"revenue_gbp": 1}}
    assert net(settle(agreement, 1000, 900, parties=parties)) == {"a": 2000, "b": 3000, "c": 5000}


def test_cap_in_losses_is_a_loss_limit():
    # £100 loss 50/50; c's loss limited to 2% of the £1,000 baseline = £20.
    cap = {"kind": "cap", "party": "c", "fraction": "0.02"}
    agreement = make_agreement(losses=side(cap))
    assert net(settle(agreement, 1000, 1100)) == {"a": -3000, "b": -5000, "c": -2000}


def test_floor_tops_up_from_the_others_pro_rata():
    # £100 gain 50/40/10; c's floor is £30: it needs 2000p more, taken from a (5000) and
    # b (4000) pro rata: 2000 x 5/9 = 1111.1, x 4/9 = 888.9 -> 1111 + 888, penny to b.
    rule = {"kind": "fixed_proportions", "shares": {"a": "0.5", "b": "0.4", "c": "0.1"}}
    agreement = make_agreement(
        gains=side({"kind": "floor", "party": "c", "amount_gbp": 30}, rule=rule)
    )
    assert net(settle(agreement, 1000, 900)) == {"a": 3889, "b": 3111, "c": 3000}


def test_floor_met_only_as_far_as_the_split_allows():
    # Threshold gives b the first £90 of £100; the split leaves only £5 each to b and c.
    # c's floor of £50 can take only b's £5 of split share -> c 1000, b 9000.
    modifiers = [
        {"kind": "threshold", "party": "b", "amount_gbp": 90},
        {"kind": "floor", "party": "c", "amount_gbp": 50},
    ]
    agreement = make_agreement(gains=side(*modifiers))
    assert net(settle(agreement, 1000, 900)) == {"b": 9000, "c": 1000}


def test_modifiers_compose_in_listed_order():
    # £200 gain: reinvest 10% (2000p) -> 18000p; b retains first £50 -> 13000p; sharing
    # rate 50% -> residual a 6500, split 6500 -> b 3250, c 3250.
    modifiers = [
        {"kind": "reinvestment", "fraction": "0.1"},
        {"kind": "threshold", "party": "b", "amount_gbp": 50},
        {"kind": "sharing_rate", "rate": "0.5"},
    ]
    agreement = make_agreement(gains=side(*modifiers))
    assert net(settle(agreement, 1000, 800)) == {
        REINVESTMENT_PARTY: 2000,
        "a": 6500,
        "b": 8250,
        "c": 3250,
    }
