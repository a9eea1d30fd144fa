"""Scale a template scenario to one footprint: a pure function of (template, footprint).

Two factors (docs/national.md states the rules and why):

- the **size factor** ``f = footprint population / template population``;
- the **need index** ``n`` (weighted / registered population for general and acute care).

Demand rates per head are multiplied by ``n``; everything that is a count of the place's
capacity or an absolute sum of money is multiplied by ``f × n`` (so every footprint starts
as balanced as the template); unit prices and unit costs are unchanged; capitation per
head is multiplied by ``n`` (as NHS capitation pays per weighted head). Shares, rates of
change, notice periods and behaviour weights are unchanged. Sums in pounds that the
template leaves at their defaults (behaviour, lever effects) are scaled from the defaults.
"""

import copy
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from sim.scenario.behaviour import BehaviourParams, PlaceBehaviour
from sim.scenario.effects import LeverEffects

# Per-head demand rates of the population engine scaled by need: (table path, key).
NEED_RATES_PER_BAND = ("nel_admissions_per_1000_per_year", "initial_care_home_share",
                       "initial_package_share")
NEED_RATES = (("social_care", "care_home_admissions_per_resident_year"),
              ("social_care", "care_need_per_1000_per_year_by_frailty"),
              ("community", "contacts_per_person_week_by_frailty"))
CAPACITY_COUNTS = ("units", "min_units", "max_units", "step_units")
UNIT_PRICE_SUFFIXES = ("price_gbp", "cost_gbp_per_unit_year")
PER_HEAD_KEYS = ("per_head_gbp",)
PER_UNIT_TABLES = ("variable_cost_gbp", "quoted_unit_cost_gbp")
PER_UNIT_KEYS = ("value_of_a_day_at_home_gbp",)


class ScalingError(ValueError):
    """The template cannot be scaled (e.g. it omits the rates need acts on)."""


@dataclass(frozen=True)
class Factors:
    """How a footprint differs from the template.

    Attributes:
        size: Footprint population / template population.
        need: Need index (1.0 = the template's, England-average need).
    """

    size: float
    need: float

    @property
    def extent(self) -> float:
        """Factor for capacities and absolute money: size × need."""
        return self.size * self.need


def _is_absolute_money(key: str) -> bool:
    if (key.endswith(UNIT_PRICE_SUFFIXES) or key in PER_HEAD_KEYS or key in PER_UNIT_KEYS
            or key in PER_UNIT_TABLES):
        return False
    return key.endswith("_gbp") or key.endswith("_gbp_per_year")


def _scale_number(value: Any, factor: float) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return round(value * factor)  # whole pounds or units: amounts here are in thousands+


def scale_money(node: Any, factors: Factors) -> Any:
    """A copy of a scenario subtree with absolute sums, per-head sums and volumes scaled."""
    if isinstance(node, list):
        return [scale_money(item, factors) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in PER_UNIT_TABLES:
            out[key] = copy.deepcopy(value)
        elif key == "contributions_gbp_per_year" and isinstance(value, dict):
            out[key] = {k: _scale_number(v, factors.extent) for k, v in value.items()}
        elif key in PER_HEAD_KEYS:
            out[key] = round(value * factors.need, 2)
        elif _is_absolute_money(key) or key.endswith("_volume"):
            out[key] = _scale_number(value, factors.extent)
        else:
            out[key] = scale_money(value, factors)
    return out


def scale_defaults(table: dict[str, Any], model: type[BaseModel],
                   factor: float) -> dict[str, Any]:
    """A copy of ``table`` with every absolute sum of ``model`` times ``factor``.

    Sums the template leaves out are taken at the model's default, so a default judged
    for the template's place (e.g. a lever's saturation scale in pounds) scales too.
    """
    out = copy.deepcopy(table)
    defaults = model()
    for name in model.model_fields:
        if _is_absolute_money(name):
            out[name] = round(float(table.get(name, getattr(defaults, name))) * factor, 2)
    return out


def scale_capacity(capacity: dict[str, Any], extent: float) -> dict[str, Any]:
    """One capacity's unit counts times ``extent``, kept whole, ordered and steps >= 1."""
    out = dict(capacity)
    for key in CAPACITY_COUNTS:
        if isinstance(capacity.get(key), int | float):
            out[key] = round(capacity[key] * extent)
    if "step_units" in out:
        out["step_units"] = max(1, out["step_units"])
    if "min_units" in out:
        out["min_units"] = min(out["min_units"], out.get("units", out["min_units"]))
    if out.get("max_units") is not None:
        out["max_units"] = max(out["max_units"], out.get("units", 0))
    return out


def scale_organisation(organisation: dict[str, Any], factors: Factors) -> dict[str, Any]:
    """An organisation's capacities, sums of money and behaviour money scaled."""
    out = scale_money(organisation, factors)
    capacities = organisation.get("capacities", {})
    out["capacities"] = {name: scale_capacity(spec, factors.extent)
                         for name, spec in capacities.items()}
    if not capacities:
        out.pop("capacities", None)
    # An integrated provider's capacities sit in its service lines.
    for family, line in (organisation.get("lines") or {}).items():
        if isinstance(line, dict) and line.get("capacities"):
            out["lines"][family]["capacities"] = {
                name: scale_capacity(spec, factors.extent)
                for name, spec in line["capacities"].items()}
    # Behaviour in pounds (decision temperature, exit threshold, lever steps) is relative
    # to the money at stake, so it scales too; from the template's own (unscaled) table.
    out["behaviour"] = scale_defaults(organisation.get("behaviour", {}), BehaviourParams,
                                      factors.extent)
    return out


def scale_population(population: dict[str, Any], size: int, need: float) -> dict[str, Any]:
    """The population table at ``size`` people with demand rates times ``need``.

    Raises:
        ScalingError: When the template does not list its age bands (the rates need
            multiplies must be visible in the template).
    """
    if need != 1.0 and not population.get("age_bands"):
        raise ScalingError("population.age_bands: the template must list its age bands "
                           "and their rates for need to act on them")
    out = copy.deepcopy(population)
    out["size"] = int(size)
    for band in out.get("age_bands", []):
        for key in NEED_RATES_PER_BAND:
            if key in band:
                band[key] = _times(band[key], need)
    for table, key in NEED_RATES:
        if key in out.get(table, {}):
            out[table][key] = _times(out[table][key], need)
    return out


def _times(value: Any, factor: float) -> Any:
    if isinstance(value, list):
        return [_times(v, factor) for v in value]
    return float(value) * factor


def footprint_scenario(template: dict[str, Any], size: int, need: float,
                       name: str) -> dict[str, Any]:
    """The template scenario (raw TOML dict) scaled to a footprint.

    Args:
        template: The template scenario as read from TOML (not modified).
        size: The footprint's population (people, whole footprint).
        need: The footprint's need index (1.0 = the template's need).
        name: The footprint's name (goes into ``meta.name``).

    Returns:
        A new raw scenario dict; validate it with ``scenario_from_dict``.
    """
    factors = Factors(size=size / int(template["population"]["size"]), need=need)
    out = copy.deepcopy(template)
    out["meta"] = {**template.get("meta", {}),
                   "name": f"{template.get('meta', {}).get('name', 'Template')}: {name}"}
    out["population"] = scale_population(template["population"], size, need)
    out["organisations"] = [scale_organisation(o, factors)
                            for o in template.get("organisations", [])]
    out["designs"] = scale_money(template.get("designs", {}), factors)
    # Place-wide sums: lever costs and saturation scales, the typical pool's baseline.
    out["effects"] = scale_defaults(template.get("effects", {}), LeverEffects, factors.extent)
    out["behaviour"] = scale_defaults(template.get("behaviour", {}), PlaceBehaviour,
                                      factors.extent)
    return out
