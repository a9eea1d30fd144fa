"""The calibration objective: weighted mean squared relative error over the targets.

For targets *t_i* with weights *w_i* and the run's outcome *m_i* (averaged over the seeds,
each seed one run of the same parameters):

    relative error   e_i = (m_i − t_i) / |t_i|
    loss             L = Σ w_i e_i² / Σ w_i

Relative errors put admissions per 1,000 and spend in pounds on one scale; squaring
punishes one far-off target more than several near misses.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean

from experiments.calibration.targets import Target


@dataclass(frozen=True)
class TargetFit:
    """How well one target is met.

    Attributes:
        outcome: The outcome's name.
        target: The published figure.
        fitted: The model's figure (mean over seeds).
        weight: The target's weight.
    """

    outcome: str
    target: float
    fitted: float
    weight: float = 1.0

    @property
    def relative_error(self) -> float:
        """(fitted − target) ÷ |target|."""
        return (self.fitted - self.target) / abs(self.target)


def target_fits(targets: Sequence[Target],
                outcomes_by_seed: Sequence[Mapping[str, float]]) -> list[TargetFit]:
    """Each target against its outcome averaged over the seeds' runs.

    Raises:
        KeyError: If a run did not report a target's outcome.
    """
    return [TargetFit(t.outcome, t.value, fmean(run[t.outcome] for run in outcomes_by_seed),
                      t.weight) for t in targets]


def loss(fits: Sequence[TargetFit]) -> float:
    """Weighted mean squared relative error (0 when every target is met exactly)."""
    total_weight = sum(f.weight for f in fits)
    return sum(f.weight * f.relative_error ** 2 for f in fits) / total_weight
