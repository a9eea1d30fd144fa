"""Measured influence: how far each party's levers move each cost line.

For each party, paired runs on the same seeds (common random numbers): every party free
(``free``) and the same place with that party's levers held at their status-quo positions
(``organisations.<party>.adapts = false``). The party's effect on a line is

    effect(p, l) = mean over seeds of [cost_l(free) − cost_l(p held)]

in pounds over the run (negative: its levers lower the line's cost), with a t interval
over seeds. Its influence share on the line is ``|effect(p, l)| / sum_q |effect(q, l)|``,
with a bootstrap interval over seeds. Effects are not additive when levers interact: the
share is a ranking of who moves a line, not a decomposition of it.
"""

from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from experiments.design.cost_lines import COST_LINES, cost_lines_gbp
from experiments.design.paired import PairedPlan, Variant, plan_variants, run_index, stored_weekly
from sim.scenario import Scenario

FREE = "free"
BOOTSTRAP_DRAWS = 1000
BOOTSTRAP_SEED = 20_240_601  # fixed: the interval of a share is reproducible


def held(party: str) -> str:
    """The variant label with one party's levers held."""
    return f"held:{party}"


def influence_variants(parties: list[str]) -> list[Variant]:
    """Everyone free, then each party held in turn."""
    return [Variant(FREE)] + [Variant(held(p), {f"organisations.{p}.adapts": False})
                              for p in parties]


def plan_influence(path: Path, raw: dict, scenario: Scenario, design: str, parties: list[str],
                   *, replications: int, base_seed: int, years: int | None,
                   people: int | None) -> PairedPlan:
    """The paired runs of an influence measurement."""
    return plan_variants(path, raw, scenario, design, influence_variants(parties),
                         replications=replications, base_seed=base_seed, years=years,
                         people=people)


def line_costs(plan: PairedPlan, out: Path, lines: list[str]) -> pd.DataFrame:
    """Cost of each line in each run: columns ``variant, seed, line, cost_gbp``."""
    index = run_index(plan, out)
    weekly = stored_weekly(out, set(index["run_id"]))
    rows = []
    unit_costs = plan.scenario.behaviour.quoted_unit_cost_gbp
    for run in index.itertuples():
        costs = cost_lines_gbp(weekly[weekly["run_id"] == run.run_id], unit_costs, lines)
        rows += [{"variant": run.variant, "seed": run.seed, "line": line, "cost_gbp": cost}
                 for line, cost in costs.items()]
    return pd.DataFrame(rows)


def paired_effects(costs: pd.DataFrame, parties: list[str]) -> pd.DataFrame:
    """Per seed, party and line: ``cost(free) − cost(party held)``."""
    wide = costs.pivot_table(index=["seed", "line"], columns="variant", values="cost_gbp")
    frames = [pd.DataFrame({"seed": wide.index.get_level_values("seed"),
                            "line": wide.index.get_level_values("line"), "party": p,
                            "effect_gbp": (wide[FREE] - wide[held(p)]).to_numpy()})
              for p in parties]
    return pd.concat(frames, ignore_index=True)


def t_interval(values: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    """Mean and t interval of a sample (a point interval for one value)."""
    mean = float(np.mean(values))
    if len(values) < 2:
        return mean, mean, mean
    half = float(stats.t.ppf(0.5 + level / 2, len(values) - 1) * stats.sem(values))
    if not np.isfinite(half):
        half = 0.0
    return mean, mean - half, mean + half


def shares_of(effects: np.ndarray) -> np.ndarray:
    """Influence shares from a parties × lines array of mean effects (0 where none moves)."""
    size = np.abs(effects)
    total = size.sum(axis=0, keepdims=True)
    return np.divide(size, total, out=np.zeros_like(size), where=total > 0)


def influence_matrix(effects: pd.DataFrame, parties: list[str], lines: list[str]) -> pd.DataFrame:
    """The influence matrix: party × line, effect in pounds and share, with intervals.

    Args:
        effects: Output of :func:`paired_effects`.
        parties: Row order.
        lines: Column order.

    Returns:
        Tidy frame: ``party, line, effect_gbp, effect_low_gbp, effect_high_gbp, share,
        share_low, share_high, seeds``.
    """
    seeds = sorted(effects["seed"].unique())
    cube = np.zeros((len(seeds), len(parties), len(lines)))
    keyed = effects.set_index(["seed", "party", "line"])["effect_gbp"]
    for s, seed in enumerate(seeds):
        for i, party in enumerate(parties):
            for j, line in enumerate(lines):
                cube[s, i, j] = keyed[(seed, party, line)]
    shares = shares_of(cube.mean(axis=0))
    low, high = _bootstrap_shares(cube)
    rows = []
    for i, party in enumerate(parties):
        for j, line in enumerate(lines):
            mean, lo, hi = t_interval(cube[:, i, j])
            rows.append({"party": party, "line": line, "effect_gbp": mean,
                         "effect_low_gbp": lo, "effect_high_gbp": hi,
                         "share": float(shares[i, j]), "share_low": float(low[i, j]),
                         "share_high": float(high[i, j]), "seeds": len(seeds)})
    return pd.DataFrame(rows)


def _bootstrap_shares(cube: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # Resample seeds with replacement and recompute the shares of the mean effects.
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    n = cube.shape[0]
    draws = np.stack([shares_of(cube[rng.integers(0, n, n)].mean(axis=0))
                      for _ in range(BOOTSTRAP_DRAWS)])
    return np.quantile(draws, 0.025, axis=0), np.quantile(draws, 0.975, axis=0)


def measure_influence(plan: PairedPlan, out: Path, parties: list[str],
                      lines: list[str] | None = None) -> pd.DataFrame:
    """The influence matrix from a plan whose runs are all in the store under ``out``."""
    chosen = lines or list(COST_LINES)
    effects = paired_effects(line_costs(plan, out, chosen), parties)
    return influence_matrix(effects, parties, chosen)


def influence_table(matrix: pd.DataFrame) -> dict[str, dict[str, str]]:
    """The matrix as an agreement's influence table: ``{party: {line: "£ to the penny"}}``.

    Pounds are the size of each mean effect, so the ``influence`` rule shares pro rata to
    them; parties with no influence on any line are left out.
    """
    table: dict[str, dict[str, str]] = {}
    for row in matrix.itertuples():
        pounds = round(abs(float(row.effect_gbp)), 2)
        if pounds > 0:
            table.setdefault(str(row.party), {})[str(row.line)] = f"{pounds:.2f}"
    return table
