"""Trust between parties to an agreement, and what it does to orientation and membership.

After each settlement a party judges it against *influence*. Of the loss it bore, the part
beyond the loss its own position made (its ``held`` part of the pool, from the costs of the
activity attributed to it) is a loss it could not influence. That loss came from the
partners whose own positions made losses they did not bear themselves (they passed them
on), and the party blames each in proportion to its part of the losses passed on:

    own_p      = max(0, −caused_p)                          the loss p's position made
    borne_p    = max(0, −received_p)                        the loss p bore
    imported_p = max(0, borne_p − own_p)                    borne, not its own
    exported_p = min(own_p, max(0, received_p − caused_p))  its own, borne by others
    harm_ij    = imported_i · exported_j / Σ_{k≠i} exported_k

A partner that caused a loss but bore all of it exported nothing and is not blamed; a
settlement in which nobody bore a loss blames nobody. Where losses were borne but no
partner's position made them (a pooled budget's fund holds the whole pool, so no party's
activity is attributed), the harm is spread evenly over the partners.

Trust falls in proportion to the severity of the harm, s_ij = min(1, harm_ij / stakes_i)
(stakes: the sums at stake for it, |caused| + |received| + a floor), damped where trust is
high, as established partners read a bad year charitably:

    t_ij ← t_ij − rate_i · (1 − t_ij) · t_ij · s_ij

A partner it does not blame and that met its commitments (it has not given notice) earns
a slower recovery, faster the more openly the position was tracked (its review cadence
against the quarterly minimum the seeds ask for), and only as far as the settlement was
fair to the party (a party that bore heavy losses out of its hands warms to nobody that
year, though it blames only those who caused them):

    t_ij ← t_ij + rate_i · recovery_i · openness_i · fair_i · (1 − t_ij),
    openness_i = min(1, 13 / transparency_weeks_i),  fair_i = 1 − min(1, imported_i / stakes_i)

A partner that gave notice, or that it blames, earns no recovery. Low trust lowers a
party's system orientation, and below its threshold the party leaves.
"""

from collections.abc import Iterable

QUARTER_WEEKS = 13  # the seeds' "a minimum of a review every quarter"


def imported_losses(received: dict[str, int], caused: dict[str, int]) -> dict[str, int]:
    """Of the loss each party bore, the part its own position did not make (pence)."""
    return {p: max(0, max(0, -got) - max(0, -caused.get(p, 0))) for p, got in received.items()}


def exported_losses(received: dict[str, int], caused: dict[str, int]) -> dict[str, int]:
    """Of the loss each party's position made, the part others bore (pence)."""
    out = {}
    for p, got in received.items():
        made = caused.get(p, 0)
        out[p] = min(max(0, -made), max(0, got - made))
    return out


def harm(received: dict[str, int], caused: dict[str, int]) -> dict[str, dict[str, float]]:
    """harm[i][j]: the loss i bore and could not influence that it lays on j (pence).

    See the module docstring; each row sums to i's imported loss whenever it has partners.
    """
    imported = imported_losses(received, caused)
    exported = exported_losses(received, caused)
    out: dict[str, dict[str, float]] = {}
    for i in received:
        others = [j for j in received if j != i]
        passed = sum(exported[j] for j in others)
        if passed > 0:
            out[i] = {j: imported[i] * exported[j] / passed for j in others}
        else:
            out[i] = {j: imported[i] / len(others) for j in others} if others else {}
    return out


def stakes_pence(received: dict[str, int], caused: dict[str, int],
                 floor_pence: dict[str, int]) -> dict[str, int]:
    """The sums at stake for each party: |caused| + |received| + its floor (pence)."""
    return {p: abs(caused.get(p, 0)) + abs(got) + floor_pence[p] for p, got in received.items()}


def fairness(received: dict[str, int], caused: dict[str, int],
             floor_pence: dict[str, int]) -> dict[str, float]:
    """Each party's sense of fairness in [0, 1]: 1 − (loss it could not influence) / stakes.

    The floor (the party's ``fairness_scale_floor_gbp``, £100k by default) keeps small
    sums from swinging the judgement much.
    """
    imported = imported_losses(received, caused)
    stakes = stakes_pence(received, caused, floor_pence)
    return {p: 1.0 - min(1.0, imported[p] / stakes[p]) for p in received}


def severity(received: dict[str, int], caused: dict[str, int],
             floor_pence: dict[str, int]) -> dict[str, dict[str, float]]:
    """s[i][j] = min(1, harm[i][j] / stakes_i): how badly i judges j treated it."""
    stakes = stakes_pence(received, caused, floor_pence)
    return {i: {j: min(1.0, h / stakes[i]) for j, h in row.items()}
            for i, row in harm(received, caused).items()}


def openness(transparency_weeks: float) -> float:
    """How openly a party's position is tracked: 1 at a quarterly review or more often."""
    return min(1.0, QUARTER_WEEKS / transparency_weeks)


def moved_trust(current: float, severity_of_harm: float, kept_commitments: bool,
                rate: float, recovery: float, open_share: float, fair: float) -> float:
    """Trust in one partner after a settlement (the module docstring's two rules)."""
    if severity_of_harm > 0:
        return current - rate * (1.0 - current) * current * severity_of_harm
    if kept_commitments:
        return current + rate * recovery * open_share * fair * (1.0 - current)
    return current


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

    def agreement_trust(self, party: str, members: Iterable[str],
                        pool_parts: dict[str, int] | None = None) -> float:
        """A party's trust in an agreement: in its partners, weighed by their part in the pool.

        ``pool_parts``: per member, |the part of the pool its position made| summed over the
        settlements seen. A partner whose activity makes most of the pool decides most of
        what the party bears, so distrust of it counts for more than of one that moves little.
        Before any settlement, or where no member's activity is attributed (a pooled
        budget's fund holds the whole pool), every partner counts the same.
        """
        others = [q for q in members if q != party]
        weights = {q: (pool_parts or {}).get(q, 0) for q in others}
        total = sum(weights.values())
        if not others or total <= 0:
            return self.mean_trust(party, others)
        return sum(self.trust[party][q] * w for q, w in weights.items()) / total

    def orientation(self, party: str, behaviour) -> float:
        """System orientation moved by trust: base + gain × (mean trust − initial trust)."""
        shift = behaviour.trust_orientation_gain * (self.mean_trust(party) - self.initial[party])
        return min(1.0, max(0.0, behaviour.system_orientation + shift))

    def update(self, received: dict[str, int], caused: dict[str, int], behaviour: dict,
               kept_commitments: Iterable[str] | None = None) -> dict[str, float]:
        """Move trust after a settlement; return each party's fairness judgement.

        Args:
            received: Settlement amount per party (pence; negative is a loss borne).
            caused: The part of the pool each party's own position produced (pence).
            behaviour: Each party's behaviour parameters (``trust_learning_rate``,
                ``trust_recovery_share``, ``fairness_scale_floor_gbp``,
                ``transparency_weeks``).
            kept_commitments: The parties that met their commitments (every party if
                None); the others earn no recovery.
        """
        kept = set(received) if kept_commitments is None else set(kept_commitments)
        floors = {p: round(behaviour[p].fairness_scale_floor_gbp * 100) for p in received}
        severe = severity(received, caused, floors)
        judged = fairness(received, caused, floors)
        for i, row in severe.items():
            b = behaviour[i]
            share = openness(b.transparency_weeks)
            for j, s in row.items():
                self.trust[i][j] = moved_trust(self.trust[i][j], s, j in kept,
                                               b.trust_learning_rate, b.trust_recovery_share,
                                               share, judged[i])
        return judged
