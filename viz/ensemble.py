"""Several replications of one setting, read as a meeting needs: a mean and its interval.

The headline figures of each replication are summarised with the same Student-t interval
as the compare report (``experiments.report.stats.mean_interval``), then kept inside what
the figure can be: a share of care days stays in [0, 100]%, a count of bed days or
admissions never goes below zero.
"""

from dataclasses import dataclass

import numpy as np

from experiments.report.stats import mean_interval
from viz.session import RunOutcome
from viz.settings import RunSettings

# Figures that cannot be negative (counts, rates, costs) and shares (0-1).
NON_NEGATIVE = ("nel_admissions_per_1000_final_year", "mean_los_days",
                "dtoc_bed_days_final_year", "system_cost_gbp", "cost_per_head_per_year_gbp")


@dataclass(frozen=True)
class Interval:
    """A mean over replications and its 95% interval."""

    mean: float
    low: float
    high: float

    def excludes_zero(self) -> bool:
        """Whether the interval lies wholly above or below zero."""
        return bool(self.low > 0 or self.high < 0)


def bounds(name: str) -> tuple[float, float]:
    """The range a headline figure can take."""
    if name.startswith("share_"):
        return 0.0, 1.0
    if name in NON_NEGATIVE:
        return 0.0, np.inf
    return -np.inf, np.inf


def summarise(name: str, values: list[float]) -> Interval:
    """Mean and 95% interval of one figure over replications, kept within its range."""
    mean, low, high = mean_interval(np.asarray(values, dtype=float))
    floor, ceiling = bounds(name)
    return Interval(mean, float(np.clip(low, floor, ceiling)), float(np.clip(high, floor,
                                                                               ceiling)))


@dataclass
class Ensemble:
    """The replications of one press of Run: same settings, consecutive seeds.

    Attributes:
        settings: The page's settings (its seed is the first replication's).
        runs: One outcome per replication, in seed order.
    """

    settings: RunSettings
    runs: list[RunOutcome]

    @property
    def first(self) -> RunOutcome:
        """The first replication (the one whose charts are drawn in detail)."""
        return self.runs[0]

    def figures(self) -> dict[str, Interval]:
        """Every headline figure's mean and interval over the replications."""
        names = list(dict.fromkeys(k for run in self.runs for k in run.headline))
        return {name: summarise(name, [run.headline.get(name, np.nan) for run in self.runs])
                for name in names}
