"""Checks that every id a scenario mentions refers to something that exists.

They work on the plain dict form of a scenario, so the loader can report dangling
references together with type errors, even when some fields fail to validate. An id that
is not text (a list, a number) is left to the type check, which reports it.
"""

from collections import Counter
from typing import Any

from sim.population.capacity import AREA_CAPACITIES
from sim.population.params import WHOLE_PLACE


def reference_problems(raw: dict[str, Any]) -> list[str]:
    """Every dangling or duplicated reference in a scenario, one line each.

    Args:
        raw: The scenario as plain dicts and lists (parsed TOML or ``model_dump()``).

    Returns:
        Problems as ``field: what was expected`` lines (empty when all is well).
    """
    organisations = [o for o in _list(raw.get("organisations")) if isinstance(o, dict)]
    ids = [o["id"] for o in organisations if _is_id(o.get("id"))]
    problems = [
        f"organisations: id {dup!r} is used {n} times; ids must be unique"
        for dup, n in Counter(ids).items()
        if n > 1
    ]
    commissioners = {o["id"] for o in organisations
                     if o.get("kind") == "commissioner" and _is_id(o.get("id"))}
    lines = {o["id"]: _line_names(o) for o in organisations if _is_id(o.get("id"))}
    designs = raw.get("designs") if isinstance(raw.get("designs"), dict) else {}
    for name, design in designs.items():
        if isinstance(design, dict):
            problems.extend(_design_problems(name, design, set(ids), commissioners))
            problems.extend(_date_problems(name, design, raw.get("meta")))
            problems.extend(_service_line_problems(name, design, lines))
    problems.extend(_area_problems(raw.get("population"), organisations))
    return problems




def _area_problems(population: Any, organisations: list[dict]) -> list[str]:
    """Problems with the areas organisations name.

    Every area named must be the place's; in a divided place each area has one council
    and every provider of council-bought places says whose people they serve.
    """
    areas = population.get("areas") if isinstance(population, dict) else None
    if areas is None:
        names = [WHOLE_PLACE]
    elif isinstance(areas, list | tuple):
        names = [a.get("name") for a in areas if isinstance(a, dict)]
    else:
        return []  # the type check reports it
    known = [n for n in names if isinstance(n, str)]
    expected = ", ".join(repr(n) for n in known)
    problems, councils = [], {n: [] for n in known}
    for i, org in enumerate(organisations):
        at = f"organisations[{i}] ({org.get('id')!r})"
        area = org.get("area")
        if area is not None and area not in known:
            problems.append(f"{at}.area: {area!r} is not an area of the place; "
                            f"expected one of {expected}")
            continue
        if len(known) < 2:
            continue
        if org.get("kind") == "commissioner":
            if org.get("commissioner_type") == "local_authority":
                if area is None:
                    problems.append(f"{at}.area: a council in a place divided into areas "
                                    f"buys for one of them; expected one of {expected}")
                else:
                    councils[area].append(org.get("id"))
            continue
        held = set(AREA_CAPACITIES) & set(_capacity_names(org))
        if held and area is None:
            problems.append(f"{at}.area: it holds {', '.join(sorted(held))}, which serve one "
                            f"area's people in a place divided into areas; expected one of "
                            f"{expected}")
    for name, ids in councils.items() if len(known) > 1 else ():
        if len(ids) != 1:
            found = "none" if not ids else ", ".join(repr(i) for i in ids)
            problems.append(f"population.areas: area {name!r} has {found} as its council; "
                            "expected exactly one local_authority commissioner with "
                            f"area = {name!r}")
    return problems


def _capacity_names(organisation: dict) -> list[str]:
    """The capacity kinds a provider holds (an integrated provider's over its lines)."""
    lines = organisation.get("lines")
    specs = list(lines.values()) if isinstance(lines, dict) else [organisation]
    return [kind for spec in specs if isinstance(spec, dict)
            for kind in map(str, spec.get("capacities") or {})]


def _date_problems(name: str, design: dict, meta: Any) -> list[str]:
    """An agreement must come into force within the scenario's years."""
    years = meta.get("years") if isinstance(meta, dict) else None
    if not isinstance(years, int) or isinstance(years, bool):
        return []  # the type check reports a bad horizon
    problems = []
    for i, agreement in enumerate(_list(design.get("agreements"))):
        if not isinstance(agreement, dict):
            continue
        at = f"designs.{name}.agreements[{i}]"
        first = agreement.get("first_year")
        if isinstance(first, int) and not isinstance(first, bool) and first > years:
            problems.append(f"{at}.first_year: {first} is after the scenario's {years} years;"
                            f" expected 1 to {years}")
        dated = (["first_year"] if agreement.get("first_year", 1) != 1 else []) + (
            ["last_year"] if agreement.get("last_year") is not None else [])
        if agreement.get("level") == "system" and dated:
            # A pooled budget's fund is emptied only by its agreement's settlement: years
            # outside the agreement would carry the fund's balance into the next one.
            problems.append(f"{at}.{dated[0]}: a system-level agreement settles its pooled "
                            "budgets every year of the run; expected no first_year or"
                            " last_year")
    return problems


def _line_names(organisation: dict) -> set[str] | None:
    """The service lines an integrated provider runs (None for any other organisation)."""
    if organisation.get("kind") != "integrated":
        return None
    lines = organisation.get("lines")
    return {k for k, v in lines.items() if v is not None} if isinstance(lines, dict) else set()


def _service_line_problems(name: str, design: dict,
                           lines: dict[str, set[str] | None]) -> list[str]:
    """A contract's ``service_line`` must be a line its payee runs."""
    problems = []
    for i, contract in enumerate(_list(design.get("contracts"))):
        if not isinstance(contract, dict) or contract.get("service_line") is None:
            continue
        at = f"designs.{name}.contracts[{i}].service_line"
        payee, line = contract.get("payee"), contract["service_line"]
        runs = lines.get(payee) if _is_id(payee) else None
        if payee in lines and runs is None:
            problems.append(f"{at}: payee {payee!r} is not an integrated provider; expected"
                            " no service_line")
        elif runs is not None and line not in runs:
            problems.append(f"{at}: {payee!r} runs no {line!r} line; expected one of"
                            f" {_listing(runs)}")
    return problems


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _list(value: Any) -> list:
    return list(value) if isinstance(value, list | tuple) else []


def _design_problems(name: str, design: dict, ids: set[str], commissioners: set[str]) -> list[str]:
    providers = ids - commissioners
    pools = {p["id"] for p in _list(design.get("pooled_budgets"))
             if isinstance(p, dict) and _is_id(p.get("id"))}
    contracts = [c for c in _list(design.get("contracts")) if isinstance(c, dict)]
    where = f"designs.{name}"
    problems = []
    for i, contract in enumerate(contracts):
        at = f"{where}.contracts[{i}]"
        payer, payee = contract.get("payer"), contract.get("payee")
        if _is_id(payer) and payer not in ids | pools:
            problems.append(f"{at}.payer: unknown organisation {payer!r}, expected one of"
                            f" {_listing(ids | pools)}")
        if _is_id(payee) and payee not in providers:
            problems.append(f"{at}.payee: unknown provider {payee!r}, expected one of"
                            f" {_listing(providers)}")
    problems.extend(
        f"{where}.contracts: id {dup!r} is used more than once"
        for dup, n in Counter(c["id"] for c in contracts if _is_id(c.get("id"))).items()
        if n > 1
    )
    for i, pool in enumerate(_list(design.get("pooled_budgets"))):
        at = f"{where}.pooled_budgets[{i}]"
        if not isinstance(pool, dict):
            continue
        if _is_id(pool.get("host")) and pool["host"] not in commissioners:
            problems.append(f"{at}.host: unknown commissioner {pool.get('host')!r}, expected one"
                            f" of {_listing(commissioners)}")
        contributions = pool.get("contributions_gbp_per_year")
        for contributor in contributions if isinstance(contributions, dict) else {}:
            if contributor not in commissioners:
                problems.append(f"{at}.contributions_gbp_per_year: unknown commissioner"
                                f" {contributor!r}, expected one of {_listing(commissioners)}")
    known = ids | pools | {c["id"] for c in contracts if _is_id(c.get("id"))}
    for i, agreement in enumerate(_list(design.get("agreements"))):
        at = f"{where}.agreements[{i}]"
        if not isinstance(agreement, dict):
            continue
        for party in _list(agreement.get("parties")):
            if _is_id(party) and party not in ids:
                problems.append(f"{at}.parties: unknown organisation {party!r}, expected one of"
                                f" {_listing(ids)}")
        for item in _list(agreement.get("scope")):
            if _is_id(item) and item not in known:
                problems.append(f"{at}.scope: {item!r} is not an organisation, contract or"
                                " pooled budget")
        problems.extend(_level_problems(at, agreement, ids, pools, contracts))
    return problems


def _level_problems(at: str, agreement: dict, ids: set[str], pools: set[str],
                    contracts: list[dict]) -> list[str]:
    """The scope must name what the agreement's level settles on in a model run.

    A run settles a system-level agreement on its pooled budgets, an organisation-level one
    on the named parties' accounts, and a service-level one on the accounts of each named
    contract's payee — honest only when that payee holds no other contract, since a
    provider's costs are not split by contract. A contract naming an integrated provider's
    service line settles on that line's own costs, so the payee may hold contracts for
    its other lines, but no other contract for the same line.
    """
    level, scope = agreement.get("level"), [i for i in _list(agreement.get("scope"))
                                              if _is_id(i)]
    expected = {"system": (pools, "a pooled budget"),
                "organisation": (ids, "an organisation"),
                "service": ({c["id"] for c in contracts if _is_id(c.get("id"))}, "a contract")}
    if level not in expected:
        return []  # the type check reports an unknown level
    allowed, what = expected[level]
    problems = [f"{at}.scope: {item!r} is not {what}; a {level}-level agreement's scope names"
                f" {what} id" for item in scope if item not in allowed
                and item in ids | pools | expected["service"][0]]
    if level == "service":
        by_payee = Counter(c.get("payee") for c in contracts)
        by_line = Counter((c.get("payee"), c.get("service_line")) for c in contracts)
        for contract in contracts:
            line = contract.get("service_line")
            if contract.get("id") in scope and line is not None:
                if by_line[(contract.get("payee"), line)] > 1:
                    problems.append(
                        f"{at}.scope: contract {contract['id']!r} names service line"
                        f" {line!r} of {contract['payee']!r}, which holds other contracts for"
                        " that line too; a run settles a service line on all its costs, so"
                        " use level = \"organisation\" or give the line one contract")
                continue
            if contract.get("id") in scope and by_payee[contract.get("payee")] > 1:
                problems.append(
                    f"{at}.scope: contract {contract['id']!r} is paid to"
                    f" {contract['payee']!r}, which holds other contracts too; a run cannot"
                    " separate one service's cost from the rest of its accounts, so use"
                    " level = \"organisation\" or give the service its own provider")
    return problems


def _listing(names: set[str]) -> str:
    return ", ".join(sorted(names)) or "(none)"
