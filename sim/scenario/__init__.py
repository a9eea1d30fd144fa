"""Scenario files: a place, its organisations and the designs that may govern it.

Names are loaded on first use (PEP 562), so importing a light submodule such as
``sim.scenario.errors`` (as the command line does to list its commands) does not build the
pydantic schema.
"""

from importlib import import_module

_WHERE = {
    "CapacityKind": "sim.core.kinds",
    "OrganisationKind": "sim.core.kinds",
    "ScenarioError": "sim.scenario.errors",
    "load_scenario": "sim.scenario.loader",
    "scenario_from_dict": "sim.scenario.loader",
    "CommissionerSpec": "sim.scenario.organisations",
    "ProviderSpec": "sim.scenario.organisations",
    "DesignSpec": "sim.scenario.schema",
    "Scenario": "sim.scenario.schema",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'sim.scenario' has no attribute {name!r}")
    value = getattr(import_module(_WHERE[name]), name)
    globals()[name] = value  # later look-ups skip this hook
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
