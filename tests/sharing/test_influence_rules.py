"""Influence and Shapley rules and the sole-influence modifier, hand-computed (pence)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .helpers import make_agreement, net, settle

# a moves bed days 300 and community 0; b moves bed days 100 and community 200; c nothing.
TABLE = {"gbp": {"a": {"beds": 300, "community": 0}, "b": {"beds": 100, "community": 200},
                 "c": {}}}


def influence_rule(table=TABLE, **extra):
    return {"rule": {"kind": "influence", "table": table, **extra}}


def test_influence_default_weights_are_pro_rata_to_pounds_of_influence():
    # Line weights by total influence: beds 400/600, community 200/600.
    # a: 2/3 x 300/400 = 1/2; b: 2/3 x 100/400 + 1/3 x 1 = 1/2; c: 0.
    # 1,001p -> 500.5 each: 500 + 500, the odd penny to the smaller id (a).
    agreement = make_agreement(gains=influence_rule())
    assert net(settle(agreement, 100_000, "99989.99")) == {"a": 501, "b": 500}


def test_influence_line_nobody_influences_goes_to_residual():
    # Weights beds 0.5, community 0.3, dtoc 0.2 (no influence on dtoc).
    # a: 0.5 x 0.75 = 0.375; b: 0.5 x 0.25 + 0.3 = 0.425; residual c: 0.2.
    # 10,000p -> 3,750 / 4,250 / 2,000.
    table = {**TABLE, "line_weights": {"beds": "0.5", "community": "0.3", "dtoc": "0.2"}}
    agreement = make_agreement(gains=influence_rule(table), residual="c")
    assert net(settle(agreement, 100_000, 99_900)) == {"a": 3750, "b": 4250, "c": 2000}


def test_influence_loss_is_borne_by_influence():
    # Same weights as the first test on a 2,000p loss: 1,000 each, negative.
    agreement = make_agreement(losses=influence_rule())
    assert net(settle(agreement, 100_000, 100_020)) == {"a": -1000, "b": -1000}


SOLE_TABLE = {"gbp": {"a": {"dtoc": 950, "beds": 100}, "b": {"dtoc": 50, "beds": 300},
                      "c": {"beds": 100}}}


def test_sole_influence_leaves_a_line_with_the_party_that_alone_moves_it():
    # Weights dtoc 1000/1500 = 2/3, beds 500/1500 = 1/3. a holds 95% of dtoc (>= 90%):
    # the dtoc part, 2/3 x 3,000 = 2,000p, stays with a. The other 1,000p is split on
    # beds alone: a 100/500 = 200, b 300/500 = 600, c 100/500 = 200.
    gains = {**influence_rule(SOLE_TABLE), "modifiers": [{"kind": "sole_influence"}]}
    settlement = settle(make_agreement(gains=gains), 100_000, 99_970)
    assert net(settlement) == {"a": 2200, "b": 600, "c": 200}
    assert {line.rule for line in settlement.lines if line.party == "a"} == {
        "sole_influence", "influence"}


def test_without_the_modifier_the_same_pool_splits_on_every_line():
    # a: 2/3 x 0.95 + 1/3 x 0.2 = 0.7 -> 2,100; b: 2/3 x 0.05 + 1/3 x 0.6 = 0.2333.. -> 700;
    # c: 1/3 x 0.2 = 0.0666.. -> 200.
    settlement = settle(make_agreement(gains=influence_rule(SOLE_TABLE)), 100_000, 99_970)
    assert net(settlement) == {"a": 2100, "b": 700, "c": 200}


def test_sole_influence_with_its_own_table_before_fixed_shares_on_a_loss():
    # Lines x (weight 1/4, a alone) and y (3/4, b alone): a 1,001p loss apportioned
    # 250.25 / 750.75 -> 250 / 750 and the odd penny to y's larger remainder: a -250, b -751.
    table = {"gbp": {"a": {"x": 1}, "b": {"y": 1}}, "line_weights": {"x": "0.25", "y": "0.75"}}
    losses = {"rule": {"kind": "fixed_proportions", "shares": {"a": "0.5", "b": "0.5"}},
              "modifiers": [{"kind": "sole_influence", "table": table}]}
    agreement = make_agreement(losses=losses, parties=("a", "b"))
    assert net(settle(agreement, 100_000, "100010.01")) == {"a": -250, "b": -751}


def test_sole_influence_below_threshold_changes_nothing():
    # b holds 60% of beds only; with threshold 0.96 a's 95% of dtoc is not enough either.
    gains = {**influence_rule(SOLE_TABLE),
             "modifiers": [{"kind": "sole_influence", "threshold": "0.96"}]}
    assert net(settle(make_agreement(gains=gains), 100_000, 99_970)) == {
        "a": 2100, "b": 700, "c": 200}


def test_shapley_rule_pro_rata_to_positive_values():
    # 600 : 300 : 0 (c's -100 counts as none): 1,000p -> 666.67 / 333.33 -> 667 / 333.
    gains = {"rule": {"kind": "shapley", "values_gbp": {"a": 600, "b": 300, "c": -100}}}
    assert net(settle(make_agreement(gains=gains), 100_000, 99_990)) == {"a": 667, "b": 333}


def test_shapley_rule_without_positive_values_leaves_it_with_residual():
    gains = {"rule": {"kind": "shapley", "values_gbp": {"a": 0, "b": -5}}}
    assert net(settle(make_agreement(gains=gains, residual="c"), 100_000, 99_990)) == {"c": 1000}


def test_unknown_party_in_an_influence_table_is_named():
    table = {"gbp": {"a": {"beds": 1}, "zed": {"beds": 1}}}
    with pytest.raises(ValueError, match=r"gains\.rule\.table\.gbp.*unknown party 'zed'"):
        make_agreement(gains=influence_rule(table))


def test_sole_influence_needs_a_table():
    gains = {"rule": {"kind": "equal_shares"}, "modifiers": [{"kind": "sole_influence"}]}
    with pytest.raises(ValueError, match=r"sole_influence.*needs a table"):
        make_agreement(gains=gains)


def test_line_weights_must_add_to_one():
    table = {**TABLE, "line_weights": {"beds": "0.5", "community": "0.3"}}
    with pytest.raises(ValueError, match=r"line weights add to 0.8"):
        make_agreement(gains=influence_rule(table))


pounds = st.integers(min_value=0, max_value=10_000)


@given(st.dictionaries(st.sampled_from("abc"), st.dictionaries(st.sampled_from("xyz"), pounds),
                       min_size=1),
       st.integers(min_value=-10_000_000, max_value=10_000_000),
       st.booleans())
def test_every_penny_assigned_whatever_the_table(gbp, pool_pence, sole):
    if not any(v for by_line in gbp.values() for v in by_line.values()):
        gbp = {**gbp, "a": {"x": 1}}
    spec = {**influence_rule({"gbp": gbp}),
            "modifiers": [{"kind": "sole_influence"}] if sole else []}
    agreement = make_agreement(gains=spec, losses=spec)
    outturn = f"{(200_000_000 - pool_pence) / 100:.2f}"
    settlement = settle(agreement, "2000000.00", outturn)
    assert sum(net(settlement).values()) == pool_pence
