"""Scenario files: a place, its organisations and the designs that may govern it."""

from sim.core.kinds import CapacityKind, OrganisationKind
from sim.scenario.errors import ScenarioError
from sim.scenario.loader import load_scenario, scenario_from_dict
from sim.scenario.organisations import CommissionerSpec, ProviderSpec
from sim.scenario.schema import DesignSpec, Scenario

__all__ = [
    "CapacityKind",
    "CommissionerSpec",
    "DesignSpec",
    "OrganisationKind",
    "ProviderSpec",
    "Scenario",
    "ScenarioError",
    "load_scenario",
    "scenario_from_dict",
]
