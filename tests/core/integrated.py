"""Build an integrated provider from separate providers of a place, for paired tests."""

import copy

FAMILY_FIELDS = ("fixed_cost_gbp_per_year", "capacities", "variable_cost_gbp",
                 "escalation_premium", "levers")


def integrate(raw: dict, ids: tuple[str, ...] = ("acute", "community", "social_care"),
              new_id: str = "ico", designs: tuple[str, ...] = ("block",)) -> dict:
    """The place with the providers ``ids`` merged into one integrated provider.

    Each merged provider becomes the line of its family with its own cost structure and
    levers; reserves are summed (so the organisation starts where the three did together);
    their contracts are paid to the integrated provider and name the line. Only the named
    designs are kept (a contract between two merged providers would have nobody to pay).
    """
    raw = copy.deepcopy(raw)
    merged = [o for o in raw["organisations"] if o["id"] in ids]
    assert len(merged) == len(ids), "every merged provider must exist"
    ico = {"id": new_id, "kind": "integrated",
           "reserves_gbp": sum(o["reserves_gbp"] for o in merged),
           "lines": {o["kind"]: {k: o[k] for k in FAMILY_FIELDS if k in o} for o in merged}}
    first = raw["organisations"].index(merged[0])
    rest = [o for o in raw["organisations"] if o["id"] not in ids]
    raw["organisations"] = rest[:first] + [ico] + rest[first:]
    kind_of = {o["id"]: o["kind"] for o in merged}
    raw["designs"] = {name: raw["designs"][name] for name in designs}
    for design in raw["designs"].values():
        for contract in design["contracts"]:
            assert contract["payer"] not in ids or contract["payee"] not in ids
            if contract["payee"] in ids:
                contract["service_line"] = kind_of[contract["payee"]]
                contract["payee"] = new_id
            if contract["payer"] in ids:
                contract["payer"] = new_id
        assert not design.get("agreements"), "agreements are not remapped here"
    return raw
