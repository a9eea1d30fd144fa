"""Working entries of a settlement while it is being built: sizes, not signs.

A settlement is built on the size of the pool (always >= 0) and signed once at the end,
so no stage can hand a party the wrong sign. Entries are immutable; each stage returns
a new list.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Entry:
    """Part of the pool assigned to a party by one stage.

    Attributes:
        party: Organisation id or pseudo-party.
        pence: Size of the part (>= 0); the sign of the pool is applied at the end.
        rule: The rule or modifier that assigned it.
        note: Why, in words.
        split: Whether it came from the split stage (floors draw only on these).
    """

    party: str
    pence: int
    rule: str
    note: str
    split: bool = False


def total_for(entries: Iterable[Entry], party: str) -> int:
    """Total size assigned to one party.

    Args:
        entries: Entries so far.
        party: The party.

    Returns:
        Sum of the party's entries in pence.
    """
    return sum(e.pence for e in entries if e.party == party)


def reduce_party(
    entries: Sequence[Entry], party: str, pence: int, note: str, split_only: bool = False
) -> list[Entry]:
    """Take ``pence`` off a party's entries, latest first, noting why on each one touched.

    Args:
        entries: Entries so far.
        party: Whose entries shrink.
        pence: How much to take (no more than the party holds in the eligible entries).
        note: Appended to the note of each entry reduced.
        split_only: Only reduce entries from the split stage.

    Returns:
        New entries, with the reduced ones updated in place.

    Raises:
        ValueError: If the party does not hold ``pence`` in eligible entries.
    """
    result = list(entries)
    left = pence
    for index in range(len(result) - 1, -1, -1):
        entry = result[index]
        if left == 0:
            break
        if entry.party != party or entry.pence == 0 or (split_only and not entry.split):
            continue
        taken = min(entry.pence, left)
        result[index] = replace(entry, pence=entry.pence - taken, note=f"{entry.note}; {note}")
        left -= taken
    if left:
        raise ValueError(f"cannot take {pence}p from '{party}': only {pence - left}p held")
    return result
