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
    eligible: Sequence[bool], areas: Sequence[int] | None = None,
    area_totals: Sequence[dict[ActivityUnit, float]] = (),
) -> list[dict[ActivityUnit, float]]:
    """Split system activity among providers by their share of each unit's setting.

    In a place divided into areas, a unit counted by area (``area_totals``) is split in
    each area among the providers of that area only: their places served its people.

    Args:
        totals: System activity this week, by unit.
        capacities: Each provider's capacity by kind (same order as the result).
        eligible: Whether each provider is open.
        areas: Each provider's area index (with ``area_totals``).
        area_totals: Per area, its activity in the units counted by area.

    Returns:
        Per provider, its activity by unit (units it has no share of are omitted).
    """
    result: list[dict[ActivityUnit, float]] = [{} for _ in capacities]
    by_area = {unit for area in area_totals for unit in area}
    for unit, volume in totals.items():
        if unit in by_area:
            continue
        _add_shares(result, unit, volume, capacity_shares(capacities, SETTING_OF_UNIT[unit],
                                                          eligible))
    for a, area in enumerate(area_totals):
        mine = [ok and provider_area == a
                for ok, provider_area in zip(eligible, areas or (), strict=True)]
        for unit, volume in area.items():
            _add_shares(result, unit, volume,
                        capacity_shares(capacities, SETTING_OF_UNIT[unit], mine))
    return result


def _add_shares(result: list[dict[ActivityUnit, float]], unit: ActivityUnit, volume: float,
                shares: list[float]) -> None:
    for i, share in enumerate(shares):
        if share:
            result[i][unit] = result[i].get(unit, 0.0) + volume * share
