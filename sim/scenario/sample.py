"""How many people a run may simulate: enough for every service to exist, no more than live there.

A run of ``people`` simulates a representative sample of the place and scales every
capacity by ``people / population.size``, rounded to whole units. Below the size at which
the smallest capacity rounds to no unit at all, a service vanishes from the sample and the
run reports a different place. Above the place's size each simulated person stands for
less than one real one: the place is upsampled, which is refused unless asked for.
"""

import math

from sim.scenario.schema import Scenario


def smallest_sample(scenario: Scenario) -> tuple[int, str]:
    """The fewest people at which every capacity of every provider keeps at least one unit.

    Args:
        scenario: A validated scenario.

    Returns:
        The size, and a description of the capacity that sets it (empty when none does).
    """
    size = scenario.population.size
    needed, reason = 1, ""
    for org in scenario.organisations:
        for kind, capacity in getattr(org, "capacities", {}).items():
            if capacity.units <= 0:
                continue
            people = _fewest_keeping_one_unit(capacity.units, size)
            if people > needed:
                needed = people
                reason = (f"{org.id}'s {kind.value} ({capacity.units:,} units for"
                          f" {size:,} people)")
    return needed, reason


def _fewest_keeping_one_unit(units: int, size: int) -> int:
    # The model rounds units * people / size half to even: find the first people >= 1 unit.
    people = max(1, math.floor(size * 0.5 / units))
    while round(units * people / size) < 1:
        people += 1
    return people


def sample_problems(scenario: Scenario, people: int | None, allow_upsample: bool = False,
                    field: str = "--people") -> list[str]:
    """Why ``people`` cannot be simulated for this scenario (empty when it can).

    Args:
        scenario: A validated scenario.
        people: The simulated population (``None``: the place's own size).
        allow_upsample: Accept more people than the place has.
        field: How the setting is named in the message (option or file field).

    Returns:
        At most one line, naming the field, the value and the range expected.
    """
    if people is None:
        return []
    size = scenario.population.size
    if people > size and not allow_upsample:
        return [f"{field} {people:,} is above the place's population.size of {size:,}"
                f" ({people / size:,.1f} simulated people per resident); expected at most"
                f" {size:,}, or pass --allow-upsample"]
    fewest, reason = smallest_sample(scenario)
    if people < fewest:
        return [f"{field} {people:,} is too small: {reason} would round to no unit;"
                f" expected at least {fewest:,}"]
    return []
