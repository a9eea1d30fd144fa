"""Shapley values and the core on games whose values are known by hand."""

import numpy as np
import pandas as pd
import pytest

from experiments.design.games import (
    all_coalitions,
    core_violations,
    in_core,
    sampled_shapley,
    shapley_values,
)


def game(function, parties):
    return {c: function(c) for c in all_coalitions(parties)}


# a and b only create value together (6); d is a dummy adding 2 to any coalition.
PAIR_AND_DUMMY = game(lambda c: 6.0 * ({"a", "b"} <= c) + 2.0 * ("d" in c), "abd")
# Glove game: l holds the left glove, r1 and r2 a right one each; a pair is worth 1.
GLOVES = game(lambda c: float("l" in c and bool({"r1", "r2"} & c)), ["l", "r1", "r2"])


def test_exact_values_of_a_known_game():
    # a, b: marginal 6 in the 2 of 6 orders where they come second of the pair -> 3 each.
    assert shapley_values("abd", PAIR_AND_DUMMY) == pytest.approx({"a": 3, "b": 3, "d": 2})


def test_glove_game_values():
    # l is pivotal unless it comes first (4 of 6 orders): 2/3; each r: 1/6.
    values = shapley_values(["l", "r1", "r2"], GLOVES)
    assert values == pytest.approx({"l": 2 / 3, "r1": 1 / 6, "r2": 1 / 6})


def test_efficiency_symmetry_and_dummy():
    values = shapley_values("abd", PAIR_AND_DUMMY)
    assert sum(values.values()) == pytest.approx(PAIR_AND_DUMMY[frozenset("abd")])
    assert values["a"] == pytest.approx(values["b"])
    assert values["d"] == pytest.approx(PAIR_AND_DUMMY[frozenset("d")])


def test_core_of_the_glove_game_is_all_to_the_left_glove():
    parties = ["l", "r1", "r2"]
    assert in_core(parties, GLOVES, {"l": 1.0, "r1": 0.0, "r2": 0.0})
    # The Shapley value is not in the core: {l, r1} gets 5/6 but could make 1 alone.
    blocked = core_violations(parties, GLOVES, shapley_values(parties, GLOVES))
    assert (frozenset({"l", "r1"}), pytest.approx(1 / 6)) in blocked


def test_an_allocation_that_hands_out_more_than_the_whole_is_not_in_the_core():
    blocked = core_violations("abd", PAIR_AND_DUMMY, {"a": 4, "b": 4, "d": 2})
    assert blocked[0] == (frozenset("abd"), -2)


def test_sampled_values_approach_the_exact_ones():
    values = sampled_shapley(["l", "r1", "r2"], lambda c: GLOVES[c], 3000,
                             np.random.default_rng(5))
    assert values["l"] == pytest.approx(2 / 3, abs=0.03)
    assert sum(values.values()) == pytest.approx(1.0)


def test_nucleolus_of_known_games():
    from experiments.design.nucleolus import nucleolus

    # Gloves: the core is the single point (1, 0, 0), so the nucleolus is it.
    assert nucleolus(["l", "r1", "r2"], GLOVES) == pytest.approx(
        {"l": 1.0, "r1": 0.0, "r2": 0.0}, abs=1e-6)
    # Pair and dummy: d keeps its 2; a and b, symmetric, split the 6.
    assert nucleolus("abd", PAIR_AND_DUMMY) == pytest.approx({"a": 3, "b": 3, "d": 2}, abs=1e-6)


def test_shapley_intervals_come_from_each_seeds_own_game():
    from experiments.design.coalitions import shapley_intervals_of

    # Two parties. Seed 1: a alone saves 2, b alone 0, together 4 -> Shapley a 3, b 1.
    # Seed 2: a 4, b 2, together 6 -> a 4, b 2. Means 3.5 and 1.5; each interval is
    # mean ± t(0.975, 1) × sd/√2 = ± 12.706 × 0.5 for both (per-seed spread 1 each).
    cost = pd.DataFrame({"alone": [10.0, 10.0], "a": [8.0, 6.0], "b": [10.0, 8.0],
                         "a+b": [6.0, 4.0]}, index=[1, 2])
    table = shapley_intervals_of(cost, ["a", "b"]).set_index("party")
    assert table.loc["a", "shapley_gbp"] == pytest.approx(3.5)
    assert table.loc["b", "shapley_gbp"] == pytest.approx(1.5)
    half = 12.7062047 * 0.5
    assert table.loc["a", "shapley_low_gbp"] == pytest.approx(3.5 - half, abs=1e-6)
    assert table.loc["b", "shapley_high_gbp"] == pytest.approx(1.5 + half, abs=1e-6)
    # Efficiency holds seed by seed, so the values still add to the mean grand saving.
    assert table["shapley_gbp"].sum() == pytest.approx(5.0)
