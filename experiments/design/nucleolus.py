"""The nucleolus of a small game by sequential linear programmes (scipy's HiGHS solver).

Among imputations (``sum x = v(N)``, ``x_i >= v({i})``) the nucleolus makes the largest
excess ``e(S) = v(S) − x(S)`` as small as possible, then the next largest, and so on.
Each round maximises the smallest ``x(S) − v(S)`` over coalitions not yet settled; the
coalitions whose surplus cannot rise above that level in any optimum are then settled at
it. It ends when the settled coalitions pin ``x`` down (their rank reaches n).
"""

from collections.abc import Sequence

import numpy as np
from scipy.optimize import linprog

from experiments.design.games import Game, all_coalitions

TOLERANCE = 1e-7


def nucleolus(parties: Sequence[str], v: Game) -> dict[str, float]:
    """The nucleolus of a game with a non-empty imputation set.

    Args:
        parties: The players (up to about 8: every coalition enters the programmes).
        v: Value of every coalition.

    Returns:
        Party -> its payoff in the nucleolus.

    Raises:
        ValueError: If the imputation set is empty (``sum v({i}) > v(N)``).
    """
    ordered = sorted(parties)
    n = len(ordered)
    grand = frozenset(ordered)
    if sum(v.get(frozenset({p}), 0.0) for p in ordered) > v[grand] + TOLERANCE:
        raise ValueError("no imputation: the parties alone are worth more than together")
    if n == 1:
        return {ordered[0]: float(v[grand])}
    proper = [c for c in all_coalitions(ordered)[1:] if c != grand]
    rows = {c: np.array([1.0 if p in c else 0.0 for p in ordered]) for c in proper}
    settled: dict[frozenset[str], float] = {}
    x = np.zeros(n)
    while np.linalg.matrix_rank(_matrix(settled, rows, n)) < n and len(settled) < len(proper):
        open_ = [c for c in proper if c not in settled]
        level, x = _round(open_, settled, rows, v, n, v[grand])
        for c in open_:
            if _best_surplus(c, open_, level, settled, rows, v, n, v[grand]) <= level + 1e-6:
                settled[c] = level
    return {p: float(x[i]) for i, p in enumerate(ordered)}


def _matrix(settled, rows, n) -> np.ndarray:
    return np.vstack([np.ones(n)] + [rows[c] for c in settled])


def _constraints(open_, settled, rows, v, n, total, level=None):
    # Variables: x_1..x_n, t. Open coalitions: x(S) - v(S) >= t; settled: = their level.
    a_ub, b_ub = [], []
    for c in open_:
        a_ub.append(np.append(-rows[c], 1.0))
        b_ub.append(-v.get(c, 0.0))
    a_eq = [np.append(np.ones(n), 0.0)]
    b_eq = [total]
    for c, at in settled.items():
        a_eq.append(np.append(rows[c], 0.0))
        b_eq.append(v.get(c, 0.0) + at)
    if level is not None:
        a_eq.append(np.append(np.zeros(n), 1.0))
        b_eq.append(level)
    return np.array(a_ub), np.array(b_ub), np.array(a_eq), np.array(b_eq)


def _bounds(rows, v, n):
    # Imputations: each party gets at least what it could make alone.
    singles = sorted((c for c in rows if len(c) == 1), key=lambda c: int(np.argmax(rows[c])))
    return [(v.get(c, 0.0), None) for c in singles] + [(None, None)] if len(singles) == n \
        else [(None, None)] * (n + 1)


def _round(open_, settled, rows, v, n, total):
    a_ub, b_ub, a_eq, b_eq = _constraints(open_, settled, rows, v, n, total)
    cost = np.append(np.zeros(n), -1.0)  # maximise t
    result = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq,
                     bounds=_bounds(rows, v, n), method="highs")
    if not result.success:
        raise ValueError(f"nucleolus programme failed: {result.message}")
    return float(result.x[-1]), result.x[:n]


def _best_surplus(coalition, open_, level, settled, rows, v, n, total) -> float:
    a_ub, b_ub, a_eq, b_eq = _constraints(open_, settled, rows, v, n, total, level)
    cost = np.append(-rows[coalition], 0.0)  # maximise x(S)
    result = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq,
                     bounds=_bounds(rows, v, n), method="highs")
    if not result.success:
        return level
    return float(-result.fun - v.get(coalition, 0.0))
