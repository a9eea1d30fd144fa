"""Turn the page's settings into a validated scenario: pure functions over the raw TOML dict.

The controls never touch a validated (frozen) scenario: they edit a deep copy of the
parsed file and the result is validated again by ``scenario_from_dict``, so a control can
never push the model outside what a scenario file could say, and bad input is reported
the same way as a bad file (one line per problem, naming the field).
"""

import copy
from typing import Any

from sim.scenario import Scenario, ScenarioError, scenario_from_dict
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
    return scenario_from_dict(apply_settings(raw, settings), source=source)


def apply_settings(raw: dict[str, Any], settings: RunSettings) -> dict[str, Any]:
    """A deep copy of ``raw`` with every control's value written into its field."""
    out = copy.deepcopy(raw)
    demand = out.setdefault("demand", {})
    if settings.demand_growth_per_year is not None:
        demand["nel_demand_growth_per_year"] = settings.demand_growth_per_year
    if settings.scheme_effect is not None:
        demand["prevention_scheme_effect"] = settings.scheme_effect
    if settings.scheme_benefit is not None:
        demand["scheme_benefit_realised"] = settings.scheme_benefit.fraction
    _apply_behaviour(out, settings)
    agreements = out["designs"][settings.design].get("agreements") or []
    if agreements:
        apply_sharing(agreements[0], settings.sharing)
    return out


def _apply_behaviour(out: dict[str, Any], settings: RunSettings) -> None:
    orientation, trust = dict(settings.orientation), dict(settings.trust)
    for org in out.get("organisations", []):
        behaviour = org.setdefault("behaviour", {})
        if org.get("id") in orientation:
            behaviour["system_orientation"] = orientation[org["id"]]
        if org.get("id") in trust:
            behaviour["trust_initial"] = trust[org["id"]]
        if settings.transparency_weeks is not None:
            behaviour["transparency_weeks"] = settings.transparency_weeks


def apply_sharing(agreement: dict[str, Any], sharing: SharingSettings) -> None:
    """Write the sharing settings into one raw agreement, in place."""
    if sharing.rule_kind is not None:
        for side in SIDES:
            if side == "losses" and sharing.rule_kind in GAINS_ONLY_RULE_KINDS:
                continue
            agreement[side]["rule"] = rule_dict(sharing.rule_kind, agreement, sharing)
    elif sharing.proportions is not None:
        for side in SIDES:
            if agreement[side]["rule"].get("kind") == "fixed_proportions":
                agreement[side]["rule"]["shares"] = dict(sharing.proportions)
    residual = agreement.get("residual_party")
    _set_modifier(agreement, "threshold", sharing.threshold_gbp,
                  lambda v, old: {"kind": "threshold", "party": old.get("party", residual),
                                  "amount_gbp": v})
    _set_modifier(agreement, "corridor", sharing.corridor_rate,
                  lambda v, old: {**old, "kind": "corridor", "minimum_rate": v})
    _set_modifier(agreement, "cap", sharing.cap_fraction,
                  lambda v, old: {"kind": "cap", "fraction": v, "of": "baseline"})


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


def _set_modifier(agreement: dict[str, Any], kind: str, value: float | None, make) -> None:
    # None keeps the file's modifier; 0 removes it; anything else replaces or adds it.
    if value is None:
        return
    for side in SIDES:
        modifiers = list(agreement[side].get("modifiers", []))
        old = next((m for m in modifiers if m.get("kind") == kind), {})
        kept = [m for m in modifiers if m.get("kind") != kind]
        if value != 0:
            kept.append(make(value, old))
        agreement[side]["modifiers"] = kept


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
