"""Who delivered the week's care: system activity split among providers by capacity."""

from collections.abc import Sequence

from sim.core.activity import ActivityUnit
from sim.core.kinds import SETTING_OF_UNIT, CapacityKind


def capacity_shares(
    capacities: Sequence[dict[CapacityKind, int]], kind: CapacityKind,
    eligible: Sequence[bool],
) -> list[float]:
    """Each provider's share of a setting: its capacity over the total.

    Providers that hold the setting but have zero capacity share equally when every one of
    them is at zero (a closed setting still records who would have delivered).

    Args:
        capacities: Each provider's capacity by kind.
        kind: The setting.
        eligible: Whether each provider can deliver in that setting at all.
    """
    units = [cap.get(kind, 0) if ok else 0 for cap, ok in zip(capacities, eligible, strict=True)]
    total = sum(units)
    if total > 0:
        return [u / total for u in units]
    holders = [ok and kind in cap for cap, ok in zip(capacities, eligible, strict=True)]
    n = sum(holders)
    return [1.0 / n if h else 0.0 for h in holders] if n else [0.0] * len(units)


def split_activity(
    totals: dict[ActivityUnit, float], capacities: Sequence[dict[CapacityKind, int]],
    eligible: Sequence[bool],
) -> list[dict[ActivityUnit, float]]:
    """Split system activity among providers by their share of each unit's setting.

    Args:
        totals: System activity this week, by unit.
        capacities: Each provider's capacity by kind (same order as the result).
        eligible: Whether each provider is open.

    Returns:
        Per provider, its activity by unit (units it has no share of are omitted).
    """
    result: list[dict[ActivityUnit, float]] = [{} for _ in capacities]
    for unit, volume in totals.items():
        shares = capacity_shares(capacities, SETTING_OF_UNIT[unit], eligible)
        for i, share in enumerate(shares):
            if share:
                result[i][unit] = volume * share
    return result
