"""What the agreement designer may change, and the stress cases every deal must survive.

A search dimension names a parameter the agreement template already has: ``shares`` (its
fixed-proportions rules), ``threshold``, ``corridor``, ``cap`` and ``rates`` (its
modifiers of that kind, on whichever side they sit). Searching a dimension the agreement
has no parameter for is an error: the designer tunes a deal, it does not invent clauses.
"""

import copy
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

DIMENSIONS: dict[str, tuple[str, str, float, float]] = {
    # dimension -> (modifier kind, field, low, high); estimate: ranges seen in the seeds'
    # examples (corridors of 2%, thresholds of a few % of baseline, loss limits of 1-5%).
    "threshold": ("threshold", "fraction_of_baseline", 0.0, 0.02),
    "corridor": ("corridor", "minimum_rate", 0.0, 0.03),
    "cap": ("cap", "fraction", 0.002, 0.05),
    "rates": ("sharing_rate", "rate", 0.2, 1.0),
}
"""Modifier dimensions: the modifier kind, its field and the range searched."""

SHARES = "shares"
SHARE_WEIGHT_RANGE = (0.01, 1.0)  # each party's weight; shares are weights / their sum


@dataclass(frozen=True)
class Stress:
    """A stress case: a name and the scenario overrides that make it."""

    label: str
    overrides: dict[str, Any] = field(default_factory=dict)


BASE = Stress("base")

HALF_BENEFIT_FIELDS = ("discharge_effort_max_los_reduction", "avoidance_max_hazard_reduction",
                       "proactive_max_frail_hazard_reduction")


def parse_stress(names: list[str], scenario) -> list[Stress]:
    """The base case and each named stress case.

    ``half_benefit`` halves what every lever achieves (the seeds' "what if you only achieve
    half the intended benefits?"); ``demand+2%`` adds 2 points to NEL demand growth a year.

    Raises:
        ValueError: Naming an unknown stress case and the known forms.
    """
    cases = [BASE]
    for name in names:
        if name == "half_benefit":
            effects = scenario.effects
            overrides: dict[str, Any] = {f"effects.{f}": getattr(effects, f) / 2
                                         for f in HALF_BENEFIT_FIELDS}
            realised = scenario.demand.scheme_benefit_realised
            overrides["demand.scheme_benefit_realised"] = realised / 2
            cases.append(Stress(name, overrides))
            continue
        match = re.fullmatch(r"demand([+-]\d+(?:\.\d+)?)%", name)
        if match is None:
            raise ValueError(f"--stress: unknown stress case '{name}'; expected half_benefit "
                             "or demand+N% / demand-N%")
        growth = scenario.demand.nel_demand_growth_per_year + float(match.group(1)) / 100
        cases.append(Stress(name, {"demand.nel_demand_growth_per_year": round(growth, 6)}))
    return cases


def modifier_sites(agreement: dict, kind: str) -> list[tuple[str, int]]:
    """(side, index) of every modifier of a kind in a raw agreement."""
    return [(side, i) for side in ("gains", "losses")
            for i, m in enumerate(agreement.get(side, {}).get("modifiers", []))
            if m.get("kind") == kind]


def has_shares(agreement: dict) -> bool:
    """Whether a side's rule is fixed proportions (the shares the designer can move)."""
    return any(agreement.get(side, {}).get("rule", {}).get("kind") == "fixed_proportions"
               for side in ("gains", "losses"))


def dimension_problems(dimensions: list[str], agreement: dict) -> list[str]:
    """One line per dimension that is unknown or that the agreement has no parameter for."""
    problems = []
    name = agreement.get("name", "?")
    for dimension in dimensions:
        if dimension == SHARES:
            if not has_shares(agreement):
                problems.append(f"--search shares: agreement '{name}' has no fixed_proportions "
                                "rule whose shares could be searched")
        elif dimension not in DIMENSIONS:
            problems.append(f"--search: unknown dimension '{dimension}'; expected some of "
                            f"{', '.join([SHARES, *DIMENSIONS])}")
        elif not modifier_sites(agreement, DIMENSIONS[dimension][0]):
            kind = DIMENSIONS[dimension][0]
            problems.append(f"--search {dimension}: agreement '{name}' has no {kind} modifier "
                            "to search; add one to the agreement or drop the dimension")
    return problems


def share_parties(agreement: dict) -> list[str]:
    """Parties named in the fixed-proportions rules, sorted."""
    names = set()
    for side in ("gains", "losses"):
        rule = agreement.get(side, {}).get("rule", {})
        if rule.get("kind") == "fixed_proportions":
            names |= set(rule.get("shares", {}))
    return sorted(names)


def exact_shares(weights: dict[str, float]) -> dict[str, str]:
    """Weights as decimal shares (6 places) adding to exactly 1 (the largest takes the rest)."""
    total = sum(weights.values())
    shares = {p: Decimal(repr(w / total)).quantize(Decimal("0.000001"), ROUND_HALF_EVEN)
              for p, w in weights.items()}
    largest = max(sorted(shares), key=lambda p: shares[p])
    shares[largest] += Decimal(1) - sum(shares.values())
    return {p: str(s) for p, s in sorted(shares.items())}


def apply_params(agreement: dict, params: dict[str, float]) -> dict:
    """A copy of a raw agreement with the searched parameters set.

    Args:
        agreement: The template agreement (raw TOML dict).
        params: ``share:<party>`` weights and ``<dimension>`` values.

    Returns:
        The agreement with the same shares on every fixed-proportions side and each
        searched modifier's field set (rounded to 6 places, exact in the file).
    """
    out = copy.deepcopy(agreement)
    weights = {k.split(":", 1)[1]: v for k, v in params.items() if k.startswith("share:")}
    if weights:
        shares = exact_shares(weights)
        for side in ("gains", "losses"):
            rule = out.get(side, {}).get("rule", {})
            if rule.get("kind") == "fixed_proportions":
                rule["shares"] = dict(shares)
    for dimension, (kind, name, _, _) in DIMENSIONS.items():
        if dimension in params:
            for side, index in modifier_sites(out, kind):
                modifier = out[side]["modifiers"][index]
                modifier[name] = str(Decimal(repr(params[dimension])).quantize(
                    Decimal("0.000001")))
                if kind == "cap":
                    modifier.pop("amount_gbp", None)
                if kind == "threshold":
                    modifier.pop("amount_gbp", None)
    return out
