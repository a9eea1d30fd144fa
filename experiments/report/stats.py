"""Means with 95% intervals over replications, and paired differences between designs.

Replications of different designs share seeds (common random numbers), so the difference
between two designs is taken seed by seed and its interval is that of the mean paired
difference — much narrower than comparing two independent intervals. Quantiles and
intervals come from scipy (imported on first use, so the command line starts quickly).
"""

import math

import numpy as np
import pandas as pd

CONFIDENCE = 0.95
PAIR_KEYS = ("seed", "sample")


def mean_interval(values: np.ndarray | pd.Series) -> tuple[float, float, float]:
    """Mean and two-sided 95% Student-t interval of the mean, on n − 1 degrees of freedom.

    With one value (or no spread) the interval collapses to the mean.
    """
    from scipy import stats as scipy_stats

    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size == 0:
        return math.nan, math.nan, math.nan
    mean = float(x.mean())
    if x.size == 1:
        return mean, mean, mean
    half = float(scipy_stats.t.ppf(0.5 + CONFIDENCE / 2, x.size - 1) * x.std(ddof=1)
                 / math.sqrt(x.size))
    return mean, mean - half, mean + half


def wilson_interval(successes: int, n: int) -> tuple[float, float, float]:
    """Share of runs and its 95% Wilson score interval (stays inside [0, 1], unlike t)."""
    if n == 0:
        return math.nan, math.nan, math.nan
    from scipy import stats as scipy_stats

    ci = scipy_stats.binomtest(successes, n).proportion_ci(confidence_level=CONFIDENCE,
                                                           method="wilson")
    return successes / n, float(ci.low), float(ci.high)


def count_interval(values: np.ndarray | pd.Series) -> tuple[float, float, float]:
    """Mean count per run and its exact (Garwood) 95% Poisson interval: never below zero."""
    from scipy import stats as scipy_stats

    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size == 0:
        return math.nan, math.nan, math.nan
    total, alpha = float(x.sum()), 1 - CONFIDENCE
    low = 0.0 if total == 0 else float(scipy_stats.chi2.ppf(alpha / 2, 2 * total)) / 2
    high = float(scipy_stats.chi2.ppf(1 - alpha / 2, 2 * total + 2)) / 2
    return total / x.size, low / x.size, high / x.size


def is_count_per_run(outcome: str) -> bool:
    """Outcomes that count events in a run (organisations that left, regimes applied)."""
    return outcome == "organisations_left" or outcome.startswith("regimes_")


def is_share_of_runs(outcome: str) -> bool:
    """Outcomes that are 0/1 per run (did the organisation leave or close?)."""
    return outcome.startswith("left_")


def outcome_columns(runs: pd.DataFrame) -> list[str]:
    """The numeric outcome columns of a runs table (not inputs, not parameters)."""
    inputs = {"seed", "replication", "sample", "years", "people", "seconds"}
    return [c for c in runs.columns if c not in inputs and "." not in c
            and pd.api.types.is_numeric_dtype(runs[c])]


def _filled(runs: pd.DataFrame) -> pd.DataFrame:
    # "left_<org>" is only written when the organisation left: absent means it stayed.
    left = [c for c in runs.columns if c.startswith("left_") or c == "organisations_left"]
    return runs.fillna(dict.fromkeys(left, 0.0))


def summarise(runs: pd.DataFrame, designs: list[str]) -> pd.DataFrame:
    """Per design and outcome: mean, 95% interval and number of replications."""
    runs = _filled(runs)
    rows = []
    for design in designs:
        part = runs[runs["design"] == design]
        for outcome in outcome_columns(runs):
            values = part[outcome].dropna()
            mean, low, high = (wilson_interval(int(values.sum()), len(values))
                               if is_share_of_runs(outcome) else count_interval(values)
                               if is_count_per_run(outcome) else mean_interval(values))
            rows.append({"design": design, "outcome": outcome, "mean": mean, "low": low,
                         "high": high, "n": int(part[outcome].notna().sum())})
    return pd.DataFrame(rows)


def paired_differences(runs: pd.DataFrame, designs: list[str]) -> pd.DataFrame:
    """Per design after the first and outcome: mean (design − first) over shared seeds."""
    runs = _filled(runs)
    keys = [k for k in PAIR_KEYS if k in runs.columns]
    base = runs[runs["design"] == designs[0]].set_index(keys)
    rows = []
    for design in designs[1:]:
        other = runs[runs["design"] == design].set_index(keys)
        shared = base.index.intersection(other.index)
        for outcome in outcome_columns(runs):
            diff = other.loc[shared, outcome] - base.loc[shared, outcome]
            mean, low, high = mean_interval(diff)
            if is_share_of_runs(outcome):  # a difference of two shares lies in [-1, 1]
                low, high = max(low, -1.0), min(high, 1.0)
            rows.append({"design": design, "versus": designs[0], "outcome": outcome,
                         "mean_difference": mean, "low": low, "high": high,
                         "n_pairs": int(diff.notna().sum())})
    return pd.DataFrame(rows)
