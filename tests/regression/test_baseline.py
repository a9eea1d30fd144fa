"""Every shipped scenario's key outputs match the reviewed baseline for the same seeds."""

import math

import pytest

from tests.regression.figures import all_figures, load_baseline

# Sums of floats may be reordered by a restructure; anything beyond 1e-9 relative is a change.
REL_TOL = 1e-9


def _flatten(tree, prefix=""):
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _flatten(value, f"{prefix}/{key}")
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            yield from _flatten(value, f"{prefix}[{i}]")
    else:
        yield prefix, tree


@pytest.mark.slow
def test_shipped_scenarios_match_baseline():
    expected = dict(_flatten(load_baseline()))
    actual = dict(_flatten(all_figures()))
    assert sorted(actual) == sorted(expected), "figures added or removed: refresh by hand"
    changed = []
    for key, want in expected.items():
        got = actual[key]
        same = (math.isclose(got, want, rel_tol=REL_TOL, abs_tol=1e-9)
                if isinstance(want, float) and isinstance(got, float) else got == want)
        if not same:
            changed.append(f"{key}: {want!r} -> {got!r}")
    assert not changed, "\n".join(changed[:20])
