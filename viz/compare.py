"""Two designs on the same seed: the headline figures side by side, differences flagged."""

import pandas as pd

# A figure counts as different when it moves by more than this share of its size
# (or by more than ABSOLUTE_TOLERANCE when it is near zero): finer moves are noise to a board.
RELATIVE_TOLERANCE = 0.005
ABSOLUTE_TOLERANCE = 1e-9


def compare_headlines(a: dict[str, float], b: dict[str, float]) -> pd.DataFrame:
    """Rows per figure: value under A, under B, B − A, relative change, and a changed flag.

    Args:
        a: Headline figures of design A.
        b: Headline figures of design B (same seed and settings apart from the design).
    """
    names = list(dict.fromkeys([*a, *b]))
    rows = []
    for name in names:
        left, right = a.get(name, float("nan")), b.get(name, float("nan"))
        diff = right - left
        scale = max(abs(left), abs(right))
        relative = diff / abs(left) if left else float("nan")
        changed = abs(diff) > max(ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE * scale)
        rows.append({"figure": name, "a": left, "b": right, "difference": diff,
                     "relative": relative, "changed": bool(changed)})
    return pd.DataFrame(rows)
