"""Coalition values from the simulator: what the parties in S save the system by acting as one.

``v(S)`` is the system saving (providers' cost over the run) when the parties in S decide
with full system orientation (``behaviour.system_orientation = 1`` and no drift with
trust) and the others keep their own behaviour, against every party acting alone, on the
same seeds:

    v(S) = mean over seeds of [system cost(nobody joined) − system cost(S joined)]

so ``v(∅) = 0``. Acting for the whole system is how the model's organisations "act as
one": their own model of the system has no objective for a coalition short of the whole
(an approximation: a coalition that maximised only its members' joint position could
value some moves less). Up to ``EXACT_MAX_PARTIES`` every coalition runs; above, only the
coalitions met along sampled orderings.
"""

from pathlib import Path

import numpy as np
import pandas as pd

from experiments.design.games import (
    EXACT_MAX_PARTIES,
    all_coalitions,
    core_violations,
    permutation_coalitions,
    sampled_shapley,
    shapley_values,
)
from experiments.design.influence import t_interval
from experiments.design.paired import PairedPlan, Variant, plan_variants, run_index
from sim.scenario import Scenario

ALONE = "alone"
SAMPLED_PERMUTATIONS = 200
PERMUTATION_SEED = 7


def label(coalition: frozenset[str]) -> str:
    """A coalition's variant label: its members joined by ``+`` (``alone`` when empty)."""
    return "+".join(sorted(coalition)) or ALONE


def joined(party: str) -> dict[str, object]:
    """Overrides that make one party decide for the whole system."""
    return {f"organisations.{party}.behaviour.system_orientation": 1.0,
            f"organisations.{party}.behaviour.trust_orientation_gain": 0.0}


def coalitions_to_run(parties: list[str]) -> list[frozenset[str]]:
    """Every coalition up to the exact limit; those along sampled orderings above it."""
    if len(parties) <= EXACT_MAX_PARTIES:
        return all_coalitions(parties)
    rng = np.random.default_rng(PERMUTATION_SEED)
    return permutation_coalitions(parties, SAMPLED_PERMUTATIONS, rng)


def plan_coalitions(path: Path, raw: dict, scenario: Scenario, design: str, parties: list[str],
                    *, replications: int, base_seed: int, years: int | None,
                    people: int | None) -> PairedPlan:
    """One variant per coalition, every one on the same seeds."""
    variants = []
    for coalition in coalitions_to_run(parties):
        overrides: dict[str, object] = {}
        for party in sorted(coalition):
            overrides.update(joined(party))
        variants.append(Variant(label(coalition), overrides))
    return plan_variants(path, raw, scenario, design, variants, replications=replications,
                         base_seed=base_seed, years=years, people=people)


def coalition_values(plan: PairedPlan, out: Path) -> pd.DataFrame:
    """``v(S)`` with a t interval over seeds: ``coalition, size, value_gbp, low, high``."""
    index = run_index(plan, out)
    cost = index.pivot_table(index="seed", columns="variant", values="system_cost_gbp")
    rows = []
    for variant in plan.variants:
        saving = (cost[ALONE] - cost[variant.label]).to_numpy()
        mean, low, high = t_interval(saving)
        size = 0 if variant.label == ALONE else variant.label.count("+") + 1
        rows.append({"coalition": variant.label, "size": size, "value_gbp": mean,
                     "value_low_gbp": low, "value_high_gbp": high})
    return pd.DataFrame(rows)


def shapley_intervals(plan: PairedPlan, out: Path, parties: list[str]) -> pd.DataFrame:
    """Each party's Shapley value with a t interval over seeds.

    The Shapley value is linear in the game, so the value of each seed's own game (its
    savings on that seed) averages to the value of the mean game; the spread of the per-seed
    values, paired by seed, gives the interval. Columns ``party, shapley_gbp,
    shapley_low_gbp, shapley_high_gbp``.
    """
    index = run_index(plan, out)
    cost = index.pivot_table(index="seed", columns="variant", values="system_cost_gbp")
    return shapley_intervals_of(cost, parties)


def shapley_intervals_of(cost: pd.DataFrame, parties: list[str]) -> pd.DataFrame:
    """Shapley values with intervals from system cost per seed (rows) and coalition label."""
    per_seed = []
    for seed in cost.index:
        game = {frozenset() if label_ == ALONE else frozenset(label_.split("+")):
                float(cost.loc[seed, ALONE] - cost.loc[seed, label_]) for label_ in cost.columns}
        values = shapley_table(parties, game).set_index("party")["shapley_gbp"]
        per_seed.append(values)
    by_seed = pd.DataFrame(per_seed)
    rows = []
    for party in parties:
        mean, low, high = t_interval(by_seed[party].to_numpy())
        rows.append({"party": party, "shapley_gbp": mean, "shapley_low_gbp": low,
                     "shapley_high_gbp": high})
    return pd.DataFrame(rows)


def game_of(values: pd.DataFrame) -> dict[frozenset[str], float]:
    """The characteristic function from a coalition-values table."""
    return {frozenset() if row.coalition == ALONE else frozenset(row.coalition.split("+")):
            float(row.value_gbp) for row in values.itertuples()}


def shapley_table(parties: list[str], game: dict[frozenset[str], float]) -> pd.DataFrame:
    """Each party's Shapley value (exact, or sampled above the exact limit) and share."""
    if len(parties) <= EXACT_MAX_PARTIES:
        values = shapley_values(parties, game)
    else:
        values = sampled_shapley(parties, lambda c: game[c], SAMPLED_PERMUTATIONS,
                                 np.random.default_rng(PERMUTATION_SEED))
    total = game.get(frozenset(parties), 0.0)
    return pd.DataFrame([{"party": p, "shapley_gbp": v,
                          "share_of_whole": v / total if total else float("nan")}
                         for p, v in values.items()])


def core_check(parties: list[str], game: dict[frozenset[str], float],
               shares: dict[str, float]) -> pd.DataFrame:
    """Coalitions that would block a proportional split of ``v(N)``, by how much (£)."""
    total = game.get(frozenset(parties), 0.0)
    allocation = {p: shares.get(p, 0.0) * total for p in parties}
    blocked = core_violations(parties, game, allocation, tolerance=1.0)
    return pd.DataFrame([{"coalition": label(c), "shortfall_gbp": gap} for c, gap in blocked],
                        columns=["coalition", "shortfall_gbp"])
