"""Cooperative-game arithmetic on a characteristic function: Shapley value and the core.

A game is ``v``: coalition (a ``frozenset`` of party ids) -> value, with ``v(∅) = 0``.
The Shapley value of party i is

    phi_i = sum over S ⊆ N − {i} of |S|! (n − |S| − 1)! / n! × (v(S ∪ {i}) − v(S)),

computed exactly over all ``2^n`` coalitions for small ``n`` (``EXACT_MAX_PARTIES``) and
from sampled permutations above. An allocation ``x`` is in the core when it is efficient
(``sum x = v(N)``) and no coalition could do better alone (``sum_{i in S} x_i >= v(S)``).
"""

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

EXACT_MAX_PARTIES = 8
"""Up to this many parties the Shapley value is exact over every coalition."""

Game = Mapping[frozenset[str], float]


def all_coalitions(parties: Sequence[str]) -> list[frozenset[str]]:
    """Every coalition of the parties, the empty one first, by size then by name."""
    ordered = sorted(parties)
    return [frozenset(c) for size in range(len(ordered) + 1)
            for c in itertools.combinations(ordered, size)]


def shapley_values(parties: Sequence[str], v: Game) -> dict[str, float]:
    """Exact Shapley values over every coalition.

    Args:
        parties: The players.
        v: Value of every coalition (the empty one may be omitted: it is 0).

    Returns:
        Party -> Shapley value; they add up to ``v(N)``.
    """
    n = len(parties)
    value = {frozenset(): 0.0, **v}
    out = {}
    for party in sorted(parties):
        others = [p for p in parties if p != party]
        total = 0.0
        for size in range(n):
            weight = math.factorial(size) * math.factorial(n - size - 1) / math.factorial(n)
            for group in itertools.combinations(others, size):
                coalition = frozenset(group)
                total += weight * (value[coalition | {party}] - value[coalition])
        out[party] = total
    return out


def sampled_shapley(parties: Sequence[str], v: Callable[[frozenset[str]], float],
                    permutations: int, rng: np.random.Generator) -> dict[str, float]:
    """Shapley values estimated from random orderings (for more than a few parties).

    Args:
        parties: The players.
        v: Value of a coalition (called once per distinct coalition met; cache it).
        permutations: Orderings sampled.
        rng: Random stream.

    Returns:
        Party -> mean marginal contribution over the orderings.
    """
    totals = dict.fromkeys(parties, 0.0)
    ordered = sorted(parties)
    for _ in range(permutations):
        coalition: frozenset[str] = frozenset()
        before = v(coalition)
        for index in rng.permutation(len(ordered)):
            party = ordered[int(index)]
            coalition = coalition | {party}
            after = v(coalition)
            totals[party] += after - before
            before = after
    return {p: t / permutations for p, t in totals.items()}


def permutation_coalitions(parties: Sequence[str], permutations: int,
                           rng: np.random.Generator) -> list[frozenset[str]]:
    """The distinct coalitions the sampled orderings visit (to run them all up front)."""
    ordered = sorted(parties)
    seen = {frozenset()}
    for _ in range(permutations):
        coalition: frozenset[str] = frozenset()
        for index in rng.permutation(len(ordered)):
            coalition = coalition | {ordered[int(index)]}
            seen.add(coalition)
    return sorted(seen, key=lambda c: (len(c), sorted(c)))


def core_violations(parties: Sequence[str], v: Game, allocation: Mapping[str, float],
                    tolerance: float = 1e-6) -> list[tuple[frozenset[str], float]]:
    """Coalitions that would do better alone than under ``allocation``, and by how much.

    Args:
        parties: The players.
        v: Value of every coalition.
        allocation: What each party receives (should add up to ``v(N)``).
        tolerance: Shortfalls at most this are ignored (pounds).

    Returns:
        ``(coalition, v(S) − sum of x over S)`` for each blocking coalition, largest first;
        the grand coalition appears when the allocation is not efficient.
    """
    found = []
    for coalition in all_coalitions(parties)[1:]:
        gap = v.get(coalition, 0.0) - sum(allocation[p] for p in coalition)
        if gap > tolerance:
            found.append((coalition, gap))
    grand = frozenset(parties)
    surplus = sum(allocation.values()) - v.get(grand, 0.0)
    if surplus > tolerance:
        found.append((grand, -surplus))
    return sorted(found, key=lambda item: -abs(item[1]))


def in_core(parties: Sequence[str], v: Game, allocation: Mapping[str, float],
            tolerance: float = 1e-6) -> bool:
    """Whether an allocation is efficient and no coalition blocks it."""
    return not core_violations(parties, v, allocation, tolerance)


def split_to_allocation(shares: Mapping[str, float], total: float,
                        parties: Iterable[str]) -> dict[str, float]:
    """What proportional shares of ``total`` give each party (0 for those not named)."""
    return {p: float(shares.get(p, 0.0)) * total for p in parties}
