"""Hypothesis strategies: random agreements (as TOML-shaped dicts) and year figures."""

from decimal import Decimal

from hypothesis import strategies as st

from sim.core.money import pence_to_gbp

IDS = ["acute", "community", "icb", "la", "vcs", "care"]
WEIGHTED = ["pro_rata_contributions", "pro_rata_activity", "budget_allocation", "equity"]


def gbp(pence: int) -> str:
    return str(pence_to_gbp(pence))


@st.composite
def proportions(draw, members):
    """Shares in hundredths adding exactly to 1."""
    cuts = sorted(
        draw(st.lists(st.integers(0, 100), min_size=len(members) - 1, max_size=len(members) - 1))
    )
    bounds = [0, *cuts, 100]
    return {p: str(Decimal(bounds[i + 1] - bounds[i]) / 100) for i, p in enumerate(members)}


@st.composite
def subset(draw, parties):
    return draw(st.lists(st.sampled_from(parties), min_size=1, max_size=len(parties), unique=True))


@st.composite
def rules(draw, parties, gains, proportional_only=False):
    kinds = ["fixed_proportions", "equal_shares", *WEIGHTED]
    if not proportional_only:
        kinds += ["performance", "ability_to_pay"]
        if gains:
            kinds += ["prioritise_investment", "compensate_budget_falls"]
    kind = draw(st.sampled_from(kinds))
    if kind == "fixed_proportions":
        return {"kind": kind, "shares": draw(proportions(draw(subset(parties))))}
    rule = {"kind": kind}
    if draw(st.booleans()):
        rule["among"] = draw(subset(parties))
    if kind == "performance":
        rule["basis"] = draw(st.sampled_from(["score", "shortfall", "achievement"]))
    if kind == "ability_to_pay":
        rule["measure"] = draw(st.sampled_from(["reserves", "revenue"]))
    return rule


@st.composite
def limits(draw):
    if draw(st.booleans()):
        return {"amount_gbp": gbp(draw(st.integers(0, 5_000_000)))}
    return {
        "fraction": str(Decimal(draw(st.integers(0, 100))) / 1000),
        "of": draw(st.sampled_from(["baseline", "revenue"])),
    }


@st.composite
def tiers(draw, parties, gains):
    cuts = sorted(set(draw(st.lists(st.integers(1, 5_000_000), min_size=0, max_size=2))))
    starts = [0, *cuts]
    bands = []
    for i, start in enumerate(starts):
        band = {"from_gbp": gbp(start), "rule": draw(rules(parties, gains, proportional_only=True))}
        if i + 1 < len(starts):
            band["to_gbp"] = gbp(starts[i + 1])
        elif draw(st.booleans()):
            band["to_gbp"] = gbp(start + draw(st.integers(1, 5_000_000)))
        bands.append(band)
    return {"kind": "tiers", "bands": draw(st.permutations(bands))}


@st.composite
def modifiers(draw, parties, residual, gains, with_caps=True, with_floors=True, force=None):
    others = [p for p in parties if p != residual]
    choices = ["corridor", "contingency_reserve", "threshold", "sharing_rate", "tiers"]
    choices += ["reinvestment"] if gains else []
    choices += ["cap"] if with_caps and others else []
    choices += ["floor"] if with_floors else []
    out = []
    kinds = draw(st.lists(st.sampled_from(choices), max_size=4))
    if force and force not in kinds and (force != "cap" or others):
        kinds.insert(draw(st.integers(0, len(kinds))), force)
    for kind in kinds:
        rate = str(Decimal(draw(st.integers(0, 99))) / 100)
        if kind == "corridor":
            out.append(
                {
                    "kind": kind,
                    "minimum_rate": str(Decimal(draw(st.integers(0, 200))) / 1000),
                    "sharing": draw(st.sampled_from(["first_dollar", "above_threshold"])),
                }
            )
        elif kind == "contingency_reserve":
            out.append(
                {
                    "kind": kind,
                    **({"target_gbp": gbp(draw(st.integers(0, 10**8)))} if gains else {}),
                }
            )
        elif kind == "reinvestment":
            out.append({"kind": kind, "fraction": rate})
        elif kind == "threshold":
            out.append(
                {
                    "kind": kind,
                    "party": draw(st.sampled_from(parties)),
                    "fraction_of_baseline": rate,
                }
            )
        elif kind == "sharing_rate":
            out.append({"kind": kind, "rate": rate})
        elif kind == "tiers" and not any(m["kind"] == "tiers" for m in out):
            out.append(draw(tiers(parties, gains)))
        elif kind == "cap":
            party = draw(st.sampled_from([None, *others]))
            out.append({"kind": kind, **({"party": party} if party else {}), **draw(limits())})
        elif kind == "floor":
            out.append({"kind": kind, "party": draw(st.sampled_from(parties)), **draw(limits())})
    return out


@st.composite
def agreements(draw, with_caps=True, with_floors=True, force=None):
    parties = draw(st.lists(st.sampled_from(IDS), min_size=2, max_size=5, unique=True))
    residual = draw(st.sampled_from(parties))
    sides = {}
    for side, gains in (("gains", True), ("losses", False)):
        sides[side] = {
            "rule": draw(rules(parties, gains)),
            "modifiers": draw(modifiers(parties, residual, gains, with_caps, with_floors, force)),
        }
    return {
        "name": "random",
        "parties": parties,
        "level": "system",
        "residual_party": residual,
        **sides,
    }


@st.composite
def party_figures(draw):
    previous = draw(st.integers(0, 10**9))
    return {
        "contribution_gbp": gbp(draw(st.integers(1, 10**9))),
        "activity_gbp": gbp(draw(st.integers(1, 10**9))),
        "budget_gbp": gbp(draw(st.integers(1, 10**9))),
        "budget_previous_gbp": gbp(previous),
        "equity_shares": str(draw(st.integers(1, 1000))),
        "performance_score": str(Decimal(draw(st.integers(0, 100))) / 100),
        "reserves_gbp": gbp(draw(st.integers(-(10**9), 10**9))),
        "revenue_gbp": gbp(draw(st.integers(0, 10**10))),
        "needs_investment": draw(st.booleans()),
    }


@st.composite
def figures_for(draw, agreement, pool_pence=None):
    baseline = draw(st.integers(100, 10**10))
    if pool_pence is None:
        pool_pence = draw(st.integers(1, baseline)) * draw(st.sampled_from([1, -1]))
    pool = pool_pence
    return {
        "year": 2024,
        "baseline_gbp": gbp(baseline),
        "outturn_gbp": gbp(baseline - pool),
        "contingency_reserve_gbp": gbp(draw(st.integers(0, 10**8))),
        "parties": {p: draw(party_figures()) for p in agreement["parties"]},
    }
