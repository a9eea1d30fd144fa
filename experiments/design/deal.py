"""Is a deal one every party would sign? Pure checks on each party's gains.

A party's gain in one run is its surplus under the deal minus its surplus under the status
quo on the same seed and stress case. Then:

- expected gain: the mean over seeds in the base case; the deal is individually rational
  when every party's expected gain is above ``MIN_GAIN_GBP`` (mutual benefit: "you cannot
  work in partnership unless there is a mutual benefit");
- worst case: the lowest of the case means over the stress set (base included); a party
  with a stated ``max_loss_gbp`` must not lose more than that there.

Constraints are written ``c <= 0`` (Optuna's convention): ``MIN_GAIN_GBP − expected`` and
``−max_loss − worst``.
"""

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

MIN_GAIN_GBP = 1_000.0  # estimate: below £1,000 over the run a party has no reason to sign


@dataclass(frozen=True)
class Assessment:
    """What each party gets from a deal and whether every constraint holds.

    Attributes:
        expected_gbp: Party -> mean gain over seeds, base case.
        worst_gbp: Party -> lowest case-mean gain over the stress set.
        worst_case: Party -> the stress case where that happens.
        constraints: Name -> value (``<= 0`` holds).
        system_cost_gbp: Mean system cost under the deal, base case.
    """

    expected_gbp: dict[str, float]
    worst_gbp: dict[str, float]
    worst_case: dict[str, str]
    constraints: dict[str, float]
    system_cost_gbp: float

    @property
    def feasible(self) -> bool:
        """Whether every constraint holds."""
        return all(c <= 0 for c in self.constraints.values())

    @property
    def smallest_gain_gbp(self) -> float:
        """The smallest party's expected gain."""
        return min(self.expected_gbp.values())

    def blockers(self) -> dict[str, float]:
        """Constraints that fail, by how many pounds."""
        return {k: c for k, c in self.constraints.items() if c > 0}


def assess(gains: pd.DataFrame, costs: pd.DataFrame, parties: list[str],
           max_loss_gbp: Mapping[str, float | None]) -> Assessment:
    """Assess a deal from its paired gains.

    Args:
        gains: Columns ``case, seed, party, gain_gbp`` (the base case is ``base``).
        costs: Columns ``case, seed, system_cost_gbp`` under the deal.
        parties: Parties whose consent is needed.
        max_loss_gbp: Each party's tolerance (None: no stated limit).

    Returns:
        The assessment.
    """
    means = gains.groupby(["party", "case"])["gain_gbp"].mean()
    expected = {p: float(means[(p, "base")]) for p in parties}
    worst, where = {}, {}
    for party in parties:
        by_case = means[party]
        where[party] = str(by_case.idxmin())
        worst[party] = float(by_case.min())
    constraints = {f"{p} expects a gain": MIN_GAIN_GBP - expected[p] for p in parties}
    for party in parties:
        limit = max_loss_gbp.get(party)
        if limit is not None:
            constraints[f"{party} within its loss limit"] = -float(limit) - worst[party]
    base = costs[costs["case"] == "base"]["system_cost_gbp"]
    return Assessment(expected, worst, where, constraints, float(base.mean()))


def pareto_front(frame: pd.DataFrame, cost: str = "system_cost_gbp",
                 gain: str = "smallest_gain_gbp") -> pd.DataFrame:
    """Rows no other row beats on both lower cost and higher smallest gain."""
    keep = []
    for i, row in frame.iterrows():
        dominated = ((frame[cost] <= row[cost]) & (frame[gain] >= row[gain])
                     & ((frame[cost] < row[cost]) | (frame[gain] > row[gain]))).any()
        if not dominated:
            keep.append(i)
    return frame.loc[keep].sort_values(cost)
