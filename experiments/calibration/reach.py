"""How far each fitted parameter moves each target over its range: is it pinned by the data?

Over a fit's trials every target's fitted value is regressed on all the parameters at once
(least squares with an intercept, so one parameter is not credited with another's effect).
A parameter's *reach* on a target is ``|slope| x (high - low) / |target|``: how much of the
target it moves, as a share, when it crosses its whole range with the others held. A
parameter whose reach on every target is below ``WEAK_REACH`` is not pinned by any target:
the value the fit reports for it is the sampler's noise, and it should be fixed at a cited
or estimated value instead of fitted.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from experiments.calibration.targets import Parameter, Target

# estimate: a parameter that cannot move any target by 5% across its whole range is not
# pinned by targets whose seed-to-seed spread is a few per cent and whose tolerance is 10%.
WEAK_REACH = 0.05


@dataclass(frozen=True)
class Reach:
    """One parameter's largest reach over the targets, and on which target."""

    path: str
    outcome: str
    reach: float | None  # None: too few trials to tell

    @property
    def weak(self) -> bool:
        """Whether no target pins the parameter (False when it cannot be told)."""
        return self.reach is not None and self.reach < WEAK_REACH


def parameter_reach(trials: pd.DataFrame, parameters: list[Parameter],
                    targets: list[Target]) -> list[Reach]:
    """Each parameter's largest reach over the targets, from a fit's table of trials.

    Args:
        trials: One row per trial with ``parameter:<path>`` and ``fitted:<outcome>``
            columns (``trials_frame``).
        parameters: The targets file's parameters, in its order.
        targets: The targets file's targets.

    Returns:
        One ``Reach`` per parameter; reach None when there are too few trials to fit a
        line through every parameter (fewer than parameters + 2).
    """
    x = trials[[f"parameter:{p.path}" for p in parameters]].to_numpy(dtype=float)
    if len(trials) < len(parameters) + 2:
        return [Reach(p.path, "", None) for p in parameters]
    design = np.column_stack([np.ones(len(x)), x])
    widths = np.array([p.high - p.low for p in parameters])
    best: list[Reach] = [Reach(p.path, "", 0.0) for p in parameters]
    for target in targets:
        y = trials[f"fitted:{target.outcome}"].to_numpy(dtype=float)
        if not np.isfinite(y).all():  # a target some trial could not compute says nothing
            continue
        slopes = np.linalg.lstsq(design, y, rcond=None)[0][1:]
        reach = np.abs(slopes) * widths / abs(target.value)
        for i, parameter in enumerate(parameters):
            if reach[i] > (best[i].reach or 0.0) or best[i].outcome == "":
                best[i] = Reach(parameter.path, target.outcome, float(reach[i]))
    return best
