"""A new place from a few local figures: the default place, scaled and set to them.

A finance team gives its place's name, population, age mix, acute beds, community and
social care budgets and the names of its organisations; every other number is the default
place's (``scenarios/default.toml``, where each is cited), scaled with population where it
is a size (capacities, fixed costs, reserves, allocations, contract values and planned
volumes) and kept where it is a rate or a unit price. Estimate: costs and capacity scale in
proportion to population — a first cut, to be checked against the place's own returns
(``docs/your-place.md`` says which).
"""

import copy
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from sim.scenario import Scenario, ScenarioError, scenario_from_dict

DEFAULT_FILE = Path(__file__).resolve().parents[1] / "scenarios" / "default.toml"
DEFAULT_POPULATION = 300_000
# Year-1 contract values of the default place, which the budgets replace (£ a year).
DEFAULT_COMMUNITY_BUDGET_GBP = 18_300_000
DEFAULT_SOCIAL_CARE_BUDGET_GBP = 136_300_000
HEADROOM = 1.0125  # the default place's commissioners hold about 1% above their contracts
# Sizes that grow with the population (every other number is a rate or a unit price).
SIZE_KEYS = frozenset({"units", "min_units", "max_units", "fixed_cost_gbp_per_year",
                       "reserves_gbp", "allocation_gbp_per_year", "annual_value_gbp",
                       "planned_volume", "amount_gbp", "avoidance_investment_gbp_per_year",
                       "proactive_care_investment_gbp_per_year"})
WHOLE_KEYS = frozenset({"units", "min_units", "max_units", "planned_volume"})


@dataclass(frozen=True)
class PlaceFigures:
    """The local figures a finance team gathers (see ``docs/your-place.md``).

    Attributes:
        name: The place's name.
        population: Resident population.
        age_mix: Shares of the population aged 0-64, 65-74, 75-84 and 85+ (add to 1).
        acute_beds: General and acute beds of the acute trust (None: 2.8 per 1,000).
        community_budget_gbp: A year's community health spend on the services modelled.
        social_care_budget_gbp: A year's adult social care spend on the services modelled.
        organisation_names: Organisation id → the place's own name for it.
    """

    name: str
    population: int
    age_mix: tuple[float, float, float, float] | None = None
    acute_beds: int | None = None
    community_budget_gbp: float | None = None
    social_care_budget_gbp: float | None = None
    organisation_names: dict[str, str] = field(default_factory=dict)


def _scale(node: Any, factor: float, key: str = "") -> Any:
    if isinstance(node, dict):
        return {k: _scale(v, factor, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_scale(v, factor, key) for v in node]
    if key in SIZE_KEYS and isinstance(node, int | float) and not isinstance(node, bool):
        scaled = node * factor
        return max(1, round(scaled)) if key in WHOLE_KEYS and node > 0 else (
            round(scaled) if key in WHOLE_KEYS else round(scaled, 2))
    return node


def _organisation(raw: dict, org_id: str) -> dict:
    return next(o for o in raw["organisations"] if o["id"] == org_id)


def _contracts_to(raw: dict, payee: str):
    for design in raw["designs"].values():
        yield from (c for c in design["contracts"] if c["payee"] == payee)


def _set_budget(raw: dict, payee: str, factor: float) -> None:
    # A provider's size and its contracts follow the budget that pays for it.
    org = _organisation(raw, payee)
    org.update(_scale({k: v for k, v in org.items() if k in ("capacities",
                                                             "fixed_cost_gbp_per_year")},
                      factor))
    for contract in _contracts_to(raw, payee):
        contract["terms"] = _scale(contract["terms"], factor)


def _set_beds(raw: dict, beds: int) -> None:
    spec = _organisation(raw, "acute")["capacities"]["acute_beds"]
    spec["units"] = beds
    spec["min_units"] = min(spec.get("min_units", 0), beds)
    spec["max_units"] = max(spec.get("max_units", beds), beds)


def place_dict(figures: PlaceFigures, default_file: Path = DEFAULT_FILE) -> dict[str, Any]:
    """The new place as a scenario dict (not yet validated)."""
    base = tomllib.loads(default_file.read_text(encoding="utf-8"))
    factor = figures.population / DEFAULT_POPULATION
    raw = copy.deepcopy(base)
    raw["organisations"] = _scale(raw["organisations"], factor)
    raw["designs"] = _scale(raw["designs"], factor)
    raw["meta"] = {**raw["meta"], "name": figures.name,
                   "description": f"{figures.name}: made by placesim new-place from local"
                                  " figures; other numbers as the default place (cited there)."}
    raw["population"]["size"] = figures.population
    if figures.age_mix is not None:
        for band, share in zip(raw["population"]["age_bands"], figures.age_mix, strict=True):
            band["population_share"] = share
    if figures.acute_beds is not None:
        _set_beds(raw, figures.acute_beds)
    _set_budgets(raw, figures, factor)
    for org in raw["organisations"]:
        org["name"] = figures.organisation_names.get(org["id"], org.get("name", ""))
    return raw


def _set_budgets(raw: dict, figures: PlaceFigures, factor: float) -> None:
    icb, council = _organisation(raw, "icb"), _organisation(raw, "council")
    if figures.community_budget_gbp is not None:
        default = DEFAULT_COMMUNITY_BUDGET_GBP * factor
        _set_budget(raw, "community", figures.community_budget_gbp / default)
        icb["allocation_gbp_per_year"] = round(
            icb["allocation_gbp_per_year"] + HEADROOM * (figures.community_budget_gbp - default))
    if figures.social_care_budget_gbp is not None:
        default = DEFAULT_SOCIAL_CARE_BUDGET_GBP * factor
        _set_budget(raw, "social_care", figures.social_care_budget_gbp / default)
        council["allocation_gbp_per_year"] = round(HEADROOM * figures.social_care_budget_gbp)


def new_place(figures: PlaceFigures, out: Path) -> Scenario:
    """Write the new place's scenario file, validated first.

    Raises:
        ScenarioError: Naming each problem (nothing is written then).
    """
    raw = place_dict(figures)
    scenario = scenario_from_dict(raw, source=out)
    header = (f"# {figures.name}: written by `placesim new-place` from the place's own figures\n"
              "# (name, population, age mix, acute beds, community and social care budgets,\n"
              "# organisation names). Every other number is the default place's, scaled with\n"
              "# population where it is a size; its source is cited at the same key in\n"
              "# scenarios/default.toml and in docs/reference.md. Estimate: sizes scale in\n"
              "# proportion to population; check against docs/your-place.md.\n\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(header + tomli_w.dumps(_plain(raw)), encoding="utf-8")
    return scenario


def _plain(node: Any) -> Any:
    # TOML has no None: drop unset optional fields.
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items() if v is not None}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def parse_age_mix(text: str) -> tuple[float, float, float, float]:
    """``"0.81,0.10,0.065,0.025"`` (or percentages) → four shares that add to 1.

    Raises:
        ValueError: Saying what is expected.
    """
    try:
        values = [float(x) for x in text.replace("%", "").split(",")]
    except ValueError:
        raise ValueError(f"--age-mix: expected four numbers separated by commas, got {text!r}")\
            from None
    if len(values) != 4:
        raise ValueError(f"--age-mix: expected four shares (0-64, 65-74, 75-84, 85+), got"
                         f" {len(values)}")
    if sum(values) > 1.5:  # given as percentages
        values = [v / 100 for v in values]
    if abs(sum(values) - 1) > 1e-6:
        raise ValueError(f"--age-mix: the shares add to {sum(values):.1%}; they must add to"
                         " 100%")
    return tuple(values)  # type: ignore[return-value]


__all__ = ["PlaceFigures", "ScenarioError", "new_place", "parse_age_mix", "place_dict"]
