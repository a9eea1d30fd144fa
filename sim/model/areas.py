"""A place divided into areas: whose places serve whom, and which council pays.

Each area's reablement, care-home and home-care places are those of the providers that
name it (``area``); its council is the local-authority commissioner that names it. An
undivided place has one area, index 0, and everyone belongs to it.
"""

from sim.core.activity import FIGURE_OF_UNIT, ActivityUnit
from sim.core.kinds import SETTING_OF_UNIT, CapacityKind
from sim.population.capacity import AREA_CAPACITIES, AreaCapacity

#: Units of activity delivered from an area's own places (counted per area by the engine).
AREA_UNITS = tuple(unit for unit in ActivityUnit
                   if SETTING_OF_UNIT[unit].value in AREA_CAPACITIES)


def area_index(place, spec) -> int:
    """The index of an organisation's area among the place's (0 when it names none)."""
    area = getattr(spec, "area", None)
    return 0 if area is None else place.population.area_names.index(area)


def area_capacity(place, providers, size_scale: float) -> tuple[AreaCapacity, ...]:
    """Each area's own places across open providers (empty for an undivided place).

    Rounded as the place's totals are, provider by provider, so the areas sum to them.
    """
    n_areas = place.population.n_areas
    if n_areas == 1:
        return ()
    totals = [dict.fromkeys(AREA_CAPACITIES, 0) for _ in range(n_areas)]
    for provider in providers:
        if not provider.is_open:
            continue
        area = area_index(place, provider.spec)
        for name in AREA_CAPACITIES:
            units = provider.capacity.get(CapacityKind(name))
            if units is not None:
                totals[area][name] += int(round(units * size_scale))
    return tuple(AreaCapacity(**t) for t in totals)


def area_activity(flows, size_scale: float) -> list[dict[ActivityUnit, float]]:
    """Each area's activity in the area units this week, scaled to the whole place."""
    return [{unit: float(getattr(area, FIGURE_OF_UNIT[unit])) / size_scale
             for unit in AREA_UNITS} for area in flows.by_area]


def council_of_area(commissioners, place, area: int):
    """The council that pays for an area's spot places (None when the place has none)."""
    councils = [c for c in commissioners if c.commissioner_type == "local_authority"]
    mine = [c for c in councils if area_index(place, c.spec) == area]
    return (mine or councils or [None])[0]
