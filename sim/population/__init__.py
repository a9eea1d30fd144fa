"""Vectorised population engine: people, their care settings and the week's flows of care.

Public interface::

    engine = PopulationEngine(params, size, seed_seq)
    flows = engine.step_week(week, capacity, modifiers)
"""

from sim.population.bands import DEFAULT_AGE_BANDS, band_key
from sim.population.capacity import (
    CareCapacity,
    CareModifiers,
    default_capacity_for,
    unlimited_capacity,
)
from sim.population.params import PopulationParams
from sim.population.settings import Channel, Frailty, Pathway, Setting, Wait

__all__ = [
    "CareCapacity",
    "CareModifiers",
    "Channel",
    "DEFAULT_AGE_BANDS",
    "Frailty",
    "Pathway",
    "PopulationEngine",
    "PopulationParams",
    "Setting",
    "Wait",
    "WeekFlows",
    "band_key",
    "default_capacity_for",
    "unlimited_capacity",
]


def __getattr__(name: str) -> object:
    """Import the engine and the week's flows (and numpy) on first use: reading stays quick.

    Raises:
        AttributeError: ``name`` is not part of the package.
    """
    if name == "PopulationEngine":
        from sim.population.engine import PopulationEngine

        return PopulationEngine
    if name == "WeekFlows":
        from sim.population.flows import WeekFlows

        return WeekFlows
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
