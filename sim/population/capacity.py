"""Weekly inputs from the organisations: care capacity and behavioural modifiers."""

import math
from dataclasses import dataclass, fields, replace

#: The capacities a place divided into areas holds per area: the council-bought services.
AREA_CAPACITIES = ("reablement_places", "care_home_places", "home_care_packages")


def _check_whole_numbers(record: object, names) -> None:
    """Raise naming the first of ``names`` on ``record`` that is not a whole number >= 0."""
    for name in names:
        value = getattr(record, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(
                f"{type(record).__name__}.{name} must be a whole number >= 0, got {value!r}")


@dataclass(frozen=True)
class AreaCapacity:
    """One area's own places of the services its council buys (see ``AREA_CAPACITIES``)."""

    reablement_places: int
    care_home_places: int
    home_care_packages: int

    def __post_init__(self) -> None:
        _check_whole_numbers(self, AREA_CAPACITIES)


@dataclass(frozen=True)
class CareCapacity:
    """Places available this week, set by the organisations that staff them.

    Acute beds are a soft limit (occupancy above them is escalation); every other capacity
    is hard: people wait when it is full. In a place divided into areas, ``by_area`` holds
    each area's own reablement, care-home and home-care places (in the order of the
    parameters' areas; the place-wide fields are their sums); empty when undivided.
    """

    acute_beds: int
    d2a_places: int
    reablement_places: int
    community_beds: int
    care_home_places: int
    home_care_packages: int
    prevention_places: int
    by_area: tuple[AreaCapacity, ...] = ()

    def __post_init__(self) -> None:
        _check_whole_numbers(self, [f.name for f in fields(self) if f.name != "by_area"])
        for name in AREA_CAPACITIES if self.by_area else ():
            total = sum(getattr(area, name) for area in self.by_area)
            if total != getattr(self, name):
                raise ValueError(
                    f"CareCapacity.{name} must equal the sum over by_area ({total}), "
                    f"got {getattr(self, name)}")

    def in_area(self, name: str, area: int) -> int:
        """Places of ``name`` (an ``AREA_CAPACITIES`` field) in area ``area``.

        An undivided place has one area, 0, holding everything.
        """
        if not self.by_area:
            if area != 0:
                raise ValueError(f"an undivided place has only area 0, got area {area}")
            return getattr(self, name)
        return getattr(self.by_area[area], name)


@dataclass(frozen=True)
class CareModifiers:
    """Levers and shocks that change care; the defaults are neutral."""

    discretionary_admit_share: float = 1.0
    los_multiplier: float = 1.0
    admission_hazard_multiplier: float = 1.0
    frail_admission_hazard_multiplier: float = 1.0
    residential_share_multiplier: float = 1.0
    demand_multiplier: float = 1.0
    proactive_contacts_per_frail_person_week: float = 0.0

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
                raise ValueError(
                    f"CareModifiers.{field.name} must be a finite number >= 0, got {value!r}"
                )
        if self.discretionary_admit_share > 1.0:
            raise ValueError(
                "CareModifiers.discretionary_admit_share must be between 0 and 1, "
                f"got {self.discretionary_admit_share}"
            )
        if self.los_multiplier == 0.0:
            raise ValueError("CareModifiers.los_multiplier must be > 0, got 0")

    def hazard_key(self) -> tuple[float, ...]:
        """The modifiers that change home and care-home hazards (a change rescales clocks)."""
        return (
            self.admission_hazard_multiplier,
            self.frail_admission_hazard_multiplier,
            self.demand_multiplier,
        )


def split_by_shares(capacity: CareCapacity, shares: tuple[float, ...]) -> CareCapacity:
    """The capacity with its area places split by ``shares`` (largest remainders).

    For a divided place given only place-wide capacity (the engine's default, a test):
    each area gets its share of people's share of the places.
    """
    areas = [dict.fromkeys(AREA_CAPACITIES, 0) for _ in shares]
    for name in AREA_CAPACITIES:
        total = getattr(capacity, name)
        exact = [total * share for share in shares]
        whole = [math.floor(x) for x in exact]
        order = sorted(range(len(shares)), key=lambda i: whole[i] - exact[i])
        for i in order[: total - sum(whole)]:
            whole[i] += 1
        for area, units in zip(areas, whole, strict=True):
            area[name] = units
    return replace(capacity, by_area=tuple(AreaCapacity(**a) for a in areas))


# Default capacity per 1,000 people, for the default parameters. Derivation (300,000 people,
# the engine run with unlimited capacity over 5 seeds, year 1 after warm-up, gives the mean
# occupancy; capacity adds headroom so that delayed transfers are 3-5% of acute bed days, the
# REFERENCE "Scale check" figure):
DEFAULT_CAPACITY_PER_1000 = {
    "acute_beds": 2.8,
    "d2a_places": 0.68,
    "reablement_places": 1.10,
    "community_beds": 0.15,
    "care_home_places": 6.2,
    "home_care_packages": 11.5,
    # estimate: a small voluntary prevention service, 0.5 supported people per 1,000.
    "prevention_places": 0.5,
}


def default_capacity_for(size: int) -> CareCapacity:
    """Default capacities for a place of ``size`` people under the default parameters.

    Args:
        size: Number of people in the place.

    Returns:
        Capacities scaled from :data:`DEFAULT_CAPACITY_PER_1000`, rounded to whole places.
    """
    if size <= 0:
        raise ValueError(f"size must be a positive number of people, got {size}")
    return CareCapacity(
        **{name: round(rate * size / 1000) for name, rate in DEFAULT_CAPACITY_PER_1000.items()}
    )


def unlimited_capacity(size: int) -> CareCapacity:
    """Capacity no population of ``size`` can fill, for calibration and tests.

    Prevention places keep their default: "unlimited" prevention would change hazards.

    Args:
        size: Number of people in the place.

    Returns:
        Every care capacity set to ``size`` (so nobody ever waits).
    """
    default = default_capacity_for(size)
    return CareCapacity(
        acute_beds=size,
        d2a_places=size,
        reablement_places=size,
        community_beds=size,
        care_home_places=size,
        home_care_packages=size,
        prevention_places=default.prevention_places,
    )
