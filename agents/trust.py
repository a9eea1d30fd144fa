"""Trust between parties to an agreement, and what it does to orientation and membership.

After each settlement a party judges its fairness: did it receive at least the part of the
pool it caused (a gain), and did it bear only losses it caused? Trust in partners who came
out ahead at its expense falls toward that judgement — slowly where trust is high, as
established relationships weather a bad year ("trust and strong relationships are
essential") — and trust in the others recovers a little. Low trust lowers a party's system
orientation, and below its threshold the party leaves.
"""

from collections.abc import Iterable


def fairness(received: dict[str, int], caused: dict[str, int], pool: int,
             floor_pence: dict[str, int]) -> dict[str, float]:
    """Each party's sense of fairness in [0, 1] (1: received at least what it caused).

    unfairness = (caused − received) / (|caused| + |received| + floor), floored at 0: the
    shortfall against what the party made, relative to the sums at stake for it; the floor
    (the party's ``fairness_scale_floor_gbp``, £100k by default) keeps small sums from
    swinging trust much.

    Args:
        received: Settlement amount per party (pence; negative is a loss borne).
        caused: The part of the pool each party's own position produced (pence).
        pool: The pool (pence); kept for the record of what was shared.
        floor_pence: Each party's floor on the sums at stake (pence).
    """
    del pool  # fairness is judged on each party's own sums
    out = {}
    for party, got in received.items():
        made = caused.get(party, 0)
        scale = abs(made) + abs(got) + floor_pence[party]
        out[party] = 1.0 - min(1.0, max(0.0, made - got) / scale)
    return out


class TrustNetwork:
    """Pairwise trust between organisations (row: who trusts, column: whom)."""

    def __init__(self, initial: dict[str, float]) -> None:
        """Start every party at its own initial trust in every other party."""
        self.initial = dict(initial)
        self.trust = {i: {j: initial[i] for j in initial if j != i} for i in initial}
        self.partners: dict[str, set[str]] = {i: set() for i in initial}

    def join(self, parties: Iterable[str]) -> None:
        """Record that these parties share an agreement."""
        parties = list(parties)
        for p in parties:
            self.partners[p].update(q for q in parties if q != p)

    def mean_trust(self, party: str, among: Iterable[str] | None = None) -> float:
        """Mean trust a party has in its partners (or in a given set of them)."""
        others = [q for q in (among if among is not None else self.partners[party]) if q != party]
        if not others:
            return self.initial[party]
        return sum(self.trust[party][q] for q in others) / len(others)

    def orientation(self, party: str, behaviour) -> float:
        """System orientation moved by trust: base + gain × (mean trust − initial trust)."""
        shift = behaviour.trust_orientation_gain * (self.mean_trust(party) - self.initial[party])
        return min(1.0, max(0.0, behaviour.system_orientation + shift))

    def update(self, received: dict[str, int], caused: dict[str, int], pool: int,
               behaviour: dict) -> dict[str, float]:
        """Move trust after a settlement; return each party's fairness judgement.

        Args:
            received: Settlement amount per party (pence).
            caused: The part of the pool each party's own position produced (pence).
            pool: The pool (pence).
            behaviour: Each party's behaviour parameters (``trust_learning_rate``,
                ``trust_recovery_share``, ``fairness_scale_floor_gbp``).
        """
        floors = {p: round(behaviour[p].fairness_scale_floor_gbp * 100) for p in received}
        judged = fairness(received, caused, pool, floors)
        ahead = {p for p in received if received.get(p, 0) > caused.get(p, 0)}
        for i, fair in judged.items():
            rate, recovery = behaviour[i].trust_learning_rate, behaviour[i].trust_recovery_share
            for j in received:
                if j == i:
                    continue
                current = self.trust[i][j]
                if j in ahead and fair < current:
                    self.trust[i][j] += rate * (1.0 - current) * (fair - current)
                else:
                    self.trust[i][j] += rate * recovery * (fair - current) * (fair > current)
        return judged
