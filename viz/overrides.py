"""Turn the page's settings into a validated scenario, through the one override mechanism.

Each control becomes an override (``experiments.overrides``): a dotted path into the raw
TOML dict and the control's value — a number, or a whole table or list for the sharing
rule and its modifiers. The controls never touch a validated (frozen) scenario: the
overrides are applied to a copy of the parsed file and the result is validated again, so
a control can never push the model outside what a scenario file could say, and bad input
is reported the same way as a bad file (one line per problem, naming the field).
"""

import copy
from typing import Any

from experiments.overrides import Override, scenario_with
from sim.scenario import Scenario, ScenarioError
from viz.settings import RunSettings, SharingSettings

# Rules that only make sense for sharing a gain (see sim.sharing.rule_specs).
GAINS_ONLY_RULE_KINDS = frozenset({"prioritise_investment", "compensate_budget_falls"})
SIDES = ("gains", "losses")


def build_scenario(raw: dict[str, Any], settings: RunSettings,
                   source: str = "<scenario>") -> Scenario:
    """Apply the settings to a copy of the raw scenario and validate it.

    Args:
        raw: The parsed scenario file (left unchanged).
        settings: The page's settings.
        source: Where the scenario came from, for messages.

    Raises:
        ScenarioError: One line per problem, each naming the field.
    """
    if settings.design not in raw.get("designs", {}):
        known = ", ".join(raw.get("designs", {})) or "none"
        raise ScenarioError(source, [f"design: no design {settings.design!r}; known: {known}"])
    return scenario_with(raw, settings_overrides(raw, settings), source=source)


def settings_overrides(raw: dict[str, Any], settings: RunSettings) -> list[Override]:
    """Every control that differs from the file's value, as an override."""
    demand = {"nel_demand_growth_per_year": settings.demand_growth_per_year,
              "prevention_scheme_effect": settings.scheme_effect,
              "scheme_benefit_realised": settings.scheme_benefit.fraction
              if settings.scheme_benefit is not None else None}
    out = [Override(f"demand.{name}", value) for name, value in demand.items()
           if value is not None]
    out += _behaviour_overrides(raw, settings)
    agreements = raw["designs"][settings.design].get("agreements") or []
    if agreements:
        first = agreements[0]
        where = f"designs.{settings.design}.agreements.{first.get('name') or 0}"
        out += sharing_overrides(where, first, settings.sharing)
    return out


def _behaviour_overrides(raw: dict[str, Any], settings: RunSettings) -> list[Override]:
    orientation, trust = dict(settings.orientation), dict(settings.trust)
    out = []
    for org_id in (org.get("id") for org in raw.get("organisations", [])):
        where = f"organisations.{org_id}.behaviour"
        if org_id in orientation:
            out.append(Override(f"{where}.system_orientation", orientation[org_id]))
        if org_id in trust:
            out.append(Override(f"{where}.trust_initial", trust[org_id]))
        if settings.transparency_weeks is not None:
            out.append(Override(f"{where}.transparency_weeks", settings.transparency_weeks))
    return out


def sharing_overrides(where: str, agreement: dict[str, Any],
                      sharing: SharingSettings) -> list[Override]:
    """The sharing settings as overrides of one raw agreement at path ``where``."""
    out = []
    if sharing.rule_kind is not None:
        out += [Override(f"{where}.{side}.rule", rule_dict(sharing.rule_kind, agreement, sharing))
                for side in SIDES
                if not (side == "losses" and sharing.rule_kind in GAINS_ONLY_RULE_KINDS)]
    elif sharing.proportions is not None:
        out += [Override(f"{where}.{side}.rule.shares", dict(sharing.proportions))
                for side in SIDES if agreement[side]["rule"].get("kind") == "fixed_proportions"]
    changes = _modifier_changes(agreement.get("residual_party"), sharing)
    if changes:
        out += [Override(f"{where}.{side}.modifiers",
                         _modifiers(agreement[side].get("modifiers", []), changes))
                for side in SIDES]
    return out


def _modifier_changes(residual: str | None, sharing: SharingSettings) -> list[tuple]:
    # (kind, value, make): None keeps the file's modifier; 0 removes it; else replaces/adds.
    changes = [
        ("threshold", sharing.threshold_gbp,
         lambda v, old: {"kind": "threshold", "party": old.get("party", residual),
                         "amount_gbp": v}),
        ("corridor", sharing.corridor_rate,
         lambda v, old: {**old, "kind": "corridor", "minimum_rate": v}),
        ("cap", sharing.cap_fraction,
         lambda v, old: {"kind": "cap", "fraction": v, "of": "baseline"}),
    ]
    return [change for change in changes if change[1] is not None]


def _modifiers(modifiers: list[dict[str, Any]], changes: list[tuple]) -> list[dict[str, Any]]:
    out = copy.deepcopy(list(modifiers))
    for kind, value, make in changes:
        old = next((m for m in out if m.get("kind") == kind), {})
        out = [m for m in out if m.get("kind") != kind]
        if value != 0:
            out.append(make(value, old))
    return out


def rule_dict(kind: str, agreement: dict[str, Any], sharing: SharingSettings) -> dict[str, Any]:
    """The raw rule for a kind; fixed proportions default to equal shares of the parties."""
    if kind != "fixed_proportions":
        return {"kind": kind}
    if sharing.proportions is not None:
        return {"kind": kind, "shares": dict(sharing.proportions)}
    parties = list(agreement.get("parties", []))
    return {"kind": kind, "shares": equal_shares(parties)}


def equal_shares(parties: list[str]) -> dict[str, float]:
    """Equal shares that add to exactly 1 (the last party takes the rounding)."""
    if not parties:
        return {}
    each = round(1 / len(parties), 6)
    shares = {p: each for p in parties[:-1]}
    shares[parties[-1]] = round(1 - each * (len(parties) - 1), 6)
    return shares


def agreement_summary(raw: dict[str, Any], design: str) -> dict[str, Any] | None:
    """The first agreement of a design as the controls need it, or ``None`` if it has none."""
    agreements = raw.get("designs", {}).get(design, {}).get("agreements") or []
    if not agreements:
        return None
    first = agreements[0]
    gains = first.get("gains", {})
    modifiers = {m.get("kind"): m for m in gains.get("modifiers", [])}
    return {
        "name": first.get("name", ""),
        "parties": list(first.get("parties", [])),
        "rule_kind": gains.get("rule", {}).get("kind"),
        "shares": dict(gains.get("rule", {}).get("shares", {})),
        "threshold_gbp": float(modifiers.get("threshold", {}).get("amount_gbp", 0) or 0),
        "corridor_rate": float(modifiers.get("corridor", {}).get("minimum_rate", 0) or 0),
        "cap_fraction": float(modifiers.get("cap", {}).get("fraction", 0) or 0),
    }
