"""Checks that every id a scenario mentions refers to something that exists."""

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.scenario.schema import DesignSpec, Scenario


def reference_problems(scenario: "Scenario") -> list[str]:
    """Every dangling or duplicated reference in a scenario, one line each.

    Args:
        scenario: A structurally valid scenario.

    Returns:
        Problems as ``field: what was expected`` lines (empty when all is well).
    """
    ids = scenario.organisation_ids
    problems = [
        f"organisations: id {dup!r} is used {n} times; ids must be unique"
        for dup, n in Counter(ids).items()
        if n > 1
    ]
    for name, design in scenario.designs.items():
        problems.extend(_design_problems(scenario, name, design))
    return problems


def _design_problems(scenario: "Scenario", name: str, design: "DesignSpec") -> list[str]:
    commissioners = {c.id for c in scenario.commissioners()}
    providers = set(scenario.organisation_ids) - commissioners
    pools = {p.id for p in design.pooled_budgets}
    where = f"designs.{name}"
    problems = []
    for i, contract in enumerate(design.contracts):
        at = f"{where}.contracts[{i}]"
        if contract.payer not in commissioners | pools | providers:
            problems.append(
                f"{at}.payer: unknown organisation {contract.payer!r}; expected one of"
                f" {_listing(commissioners | pools | providers)}"
            )
        if contract.payee not in providers:
            problems.append(
                f"{at}.payee: unknown provider {contract.payee!r}; expected one of"
                f" {_listing(providers)}"
            )
    problems.extend(
        f"{where}.contracts: id {dup!r} is used more than once"
        for dup, n in Counter(c.id for c in design.contracts).items()
        if n > 1
    )
    for i, pool in enumerate(design.pooled_budgets):
        at = f"{where}.pooled_budgets[{i}]"
        if pool.host not in commissioners:
            problems.append(f"{at}.host: unknown commissioner {pool.host!r}")
        for contributor in pool.contributions_gbp_per_year:
            if contributor not in commissioners:
                problems.append(
                    f"{at}.contributions_gbp_per_year: unknown commissioner {contributor!r};"
                    f" expected one of {_listing(commissioners)}"
                )
    known = set(scenario.organisation_ids) | pools | {c.id for c in design.contracts}
    for i, agreement in enumerate(design.agreements):
        at = f"{where}.agreements[{i}]"
        for party in agreement.parties:
            if party not in scenario.organisation_ids:
                problems.append(f"{at}.parties: unknown organisation {party!r}")
        for item in agreement.scope:
            if item not in known:
                problems.append(
                    f"{at}.scope: {item!r} is not an organisation, contract or pooled budget"
                )
    return problems


def _listing(names: set[str]) -> str:
    return ", ".join(sorted(names)) or "(none)"
