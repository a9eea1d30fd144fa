"""What the loader fuzz suites share: settings, edit values, paths into a file, edits.

Every suite asserts the same promise: an input either loads or is refused with the
project's own error, one line per problem, within a time limit per example.
"""

import copy
from datetime import timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=1_000, deadline=timedelta(seconds=5), derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

DELETE = object()
VALUES = st.one_of(
    st.just(DELETE), st.none(), st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([0, -1, 10**12, 10**30, 2**63 - 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.004, 1e-300, 1e300, -0.0]),
    st.text(max_size=8), st.sampled_from(["icb", "acute", "", "block"]),
    st.lists(st.sampled_from(["icb", 1, None]), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


def paths(node, prefix=()):
    """Every path into a parsed TOML document (tables, lists and leaves)."""
    found = [prefix] if prefix else []
    children = node.items() if isinstance(node, dict) else (
        enumerate(node) if isinstance(node, list) else ())
    for key, child in children:
        found += paths(child, (*prefix, key))
    return found


def edited(raw: dict, path: tuple, value) -> dict:
    out = copy.deepcopy(raw)
    node = out
    for key in path[:-1]:
        node = node[key]
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


def corrupted(data, original: bytes) -> bytes:
    """The file with one to four bytes overwritten at drawn places."""
    text = bytearray(original)
    for _ in range(data.draw(st.integers(1, 4))):
        text[data.draw(st.integers(0, len(text) - 1))] = data.draw(st.integers(0, 255))
    return bytes(text)
