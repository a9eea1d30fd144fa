"""Two designs on the same seeds: headline figures side by side, real differences flagged.

Each replication of design B is paired with the replication of design A on the same seed
(common random numbers), and a difference is flagged only when the 95% interval of the
mean paired difference excludes zero; otherwise the replications cannot tell it from none.
"""

import numpy as np
import pandas as pd

from viz.ensemble import Ensemble, summarise

# Differences smaller than this share of the figure's size are rounding, not a change.
RELATIVE_ZERO = 1e-9


def paired_difference(a: list[float], b: list[float]):
    """Mean and 95% interval of b − a taken seed by seed."""
    diffs = np.asarray(b, dtype=float) - np.asarray(a, dtype=float)
    scale = max(np.nanmax(np.abs(a), initial=0.0), np.nanmax(np.abs(b), initial=0.0))
    diffs[np.abs(diffs) <= RELATIVE_ZERO * scale] = 0.0
    return summarise("difference", list(diffs))


def compare_ensembles(a: Ensemble, b: Ensemble) -> pd.DataFrame:
    """Rows per figure: A and B (mean, low, high), the paired difference and a changed flag."""
    fig_a, fig_b = a.figures(), b.figures()
    rows = []
    for name in dict.fromkeys([*fig_a, *fig_b]):
        left = [run.headline.get(name, np.nan) for run in a.runs]
        right = [run.headline.get(name, np.nan) for run in b.runs]
        diff = paired_difference(left, right)
        rows.append({"figure": name, "a": fig_a.get(name), "b": fig_b.get(name),
                     "difference": diff, "changed": diff.excludes_zero()})
    return pd.DataFrame(rows)
