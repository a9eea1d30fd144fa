"""Property tests over random agreements, figures and pools."""

import random
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.core.money import gbp_to_pence, pence_to_gbp
from sim.sharing import RiskShareAgreement, YearFigures, settle_risk_share

from .strategies import agreements, figures_for

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def build(agreement_data, figures_data):
    agreement = RiskShareAgreement.model_validate(agreement_data)
    return agreement, YearFigures.model_validate(figures_data)


@st.composite
def cases(draw, **kw):
    agreement_data = draw(agreements(**kw))
    return agreement_data, draw(figures_for(agreement_data))


@SETTINGS
@given(case=cases())
def test_every_penny_assigned_with_the_pool_sign(case):
    settlement = settle_risk_share(*build(*case))
    assert sum(line.amount_pence for line in settlement.lines) == settlement.pool_pence
    if settlement.pool_pence > 0:
        assert all(line.amount_pence > 0 for line in settlement.lines)  # nobody pays
    elif settlement.pool_pence < 0:
        assert all(line.amount_pence < 0 for line in settlement.lines)  # nobody is paid


def shuffled(data, rng):
    """The same agreement or figures with every party list and party-keyed table reordered."""
    if isinstance(data, dict):
        items = list(data.items())
        if all(isinstance(v, str) for _, v in items) or all(isinstance(v, dict) for _, v in items):
            rng.shuffle(items)
        return {k: shuffled(v, rng) for k, v in items}
    if isinstance(data, list) and all(isinstance(v, str) for v in data):
        return rng.sample(data, len(data))
    if isinstance(data, list):
        return [shuffled(v, rng) for v in data]
    return data


@SETTINGS
@given(case=cases(), rng=st.randoms(use_true_random=False))
def test_result_independent_of_party_listing_order(case, rng: random.Random):
    agreement_data, figures_data = case
    original = settle_risk_share(*build(agreement_data, figures_data))
    reordered = settle_risk_share(
        *build(shuffled(agreement_data, rng), shuffled(figures_data, rng))
    )
    assert reordered.lines == original.lines


def limit_pence(limit, party, figures_data, baseline):
    if "amount_gbp" in limit:
        return gbp_to_pence(limit["amount_gbp"])
    if limit.get("of", "baseline") == "revenue":
        base = gbp_to_pence(figures_data["parties"][party]["revenue_gbp"])
    else:
        base = baseline
    return round(base * Fraction(limit["fraction"]))


def side_in_play(agreement_data, settlement):
    return agreement_data["gains" if settlement.pool_pence > 0 else "losses"]


@SETTINGS
@given(case=cases(with_floors=False, force="cap"))
def test_caps_hold(case):
    agreement_data, figures_data = case
    settlement = settle_risk_share(*build(*case))
    totals = settlement.totals_by_party()
    for cap in side_in_play(agreement_data, settlement)["modifiers"]:
        if cap["kind"] != "cap":
            continue
        others = [p for p in agreement_data["parties"] if p != agreement_data["residual_party"]]
        for party in [cap["party"]] if "party" in cap else others:
            limit = limit_pence(cap, party, figures_data, settlement.baseline_pence)
            assert abs(totals.get(party, 0)) <= limit


def without_floors(agreement_data):
    data = dict(agreement_data)
    for side in ("gains", "losses"):
        mods = [m for m in data[side]["modifiers"] if m["kind"] != "floor"]
        data[side] = {**data[side], "modifiers": mods}
    return data


@SETTINGS
@given(case=cases(with_caps=False, force="floor"))
def test_floors_hold_as_far_as_the_split_allows(case):
    agreement_data, figures_data = case
    settlement = settle_risk_share(*build(*case))
    floors = [
        m for m in side_in_play(agreement_data, settlement)["modifiers"] if m["kind"] == "floor"
    ]
    if len(floors) != 1:
        return
    floor = floors[0]
    party = floor["party"]
    before = settle_risk_share(*build(without_floors(agreement_data), figures_data))
    split_rules = {side_in_play(agreement_data, settlement)["rule"]["kind"], "tiers"}
    available = sum(
        abs(line.amount_pence)
        for line in before.lines
        if line.party != party and line.rule in split_rules
    )
    had = abs(before.totals_by_party().get(party, 0))
    has = abs(settlement.totals_by_party().get(party, 0))
    limit = limit_pence(floor, party, figures_data, settlement.baseline_pence)
    assert has >= min(limit, had + available)
    assert has <= max(had, limit)  # a floor never gives more than it promises


@st.composite
def corridor_cases(draw):
    agreement_data = draw(agreements())
    permille = draw(st.integers(1, 200))
    rate = Fraction(permille, 1000)
    corridor = {"kind": "corridor", "minimum_rate": str(Decimal(permille) / 1000)}
    for side in ("gains", "losses"):
        spec = agreement_data[side]
        agreement_data[side] = {**spec, "modifiers": [corridor, *spec["modifiers"]]}
    figures_data = draw(figures_for(agreement_data))
    return agreement_data, figures_data, rate


@SETTINGS
@given(case=corridor_cases())
def test_nothing_shared_inside_the_corridor(case):
    agreement_data, figures_data, rate = case
    settlement = settle_risk_share(*build(agreement_data, figures_data))
    if abs(settlement.pool_pence) < round(settlement.baseline_pence * rate):
        assert {line.party for line in settlement.lines} <= {agreement_data["residual_party"]}
        assert {line.rule for line in settlement.lines} <= {"corridor"}


@st.composite
def proportional_cases(draw):
    parties = draw(
        st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), min_size=2, max_size=5, unique=True)
    )
    kind = draw(st.sampled_from(["fixed_proportions", "pro_rata_contributions", "equal_shares"]))
    contributions = {p: draw(st.integers(1, 10**6)) for p in parties}
    if kind == "fixed_proportions":
        raw = {p: draw(st.integers(1, 1000)) for p in parties}
        total = sum(raw.values())
        # Thousandths that add to exactly 1000, the last taking the rounding.
        milli = {p: raw[p] * 1000 // total for p in parties[:-1]}
        milli[parties[-1]] = 1000 - sum(milli.values())
        rule = {"kind": kind, "shares": {p: str(Decimal(m) / 1000) for p, m in milli.items()}}
        weights = {p: Fraction(m, 1000) for p, m in milli.items()}
    elif kind == "pro_rata_contributions":
        rule, weights = {"kind": kind}, {p: Fraction(c) for p, c in contributions.items()}
    else:
        rule, weights = {"kind": kind}, dict.fromkeys(parties, Fraction(1))
    spec = {"rule": rule}
    agreement_data = {
        "name": "mono",
        "parties": parties,
        "level": "system",
        "residual_party": parties[0],
        "gains": spec,
        "losses": spec,
    }
    figures_parties = {p: {"contribution_gbp": str(c)} for p, c in contributions.items()}
    return agreement_data, figures_parties, weights


@SETTINGS
@given(
    case=proportional_cases(),
    pool=st.integers(1, 10**9),
    extra=st.integers(1, 10**7),
    loss=st.booleans(),
)
def test_proportional_rules_monotone_in_the_pool(case, pool, extra, loss):
    agreement_data, figures_parties, weights = case
    agreement = RiskShareAgreement.model_validate(agreement_data)
    sign = -1 if loss else 1

    def shares(size):
        outturn_pence = 2 * 10**9
        figures = YearFigures(
            year=1,
            baseline_gbp=pence_to_gbp(outturn_pence + sign * size),
            outturn_gbp=pence_to_gbp(outturn_pence),
            parties=figures_parties,
        )
        totals = settle_risk_share(agreement, figures).totals_by_party()
        return {p: abs(v) for p, v in totals.items()}

    before, after = shares(pool), shares(pool + extra)
    total = sum(weights.values())
    for party, weight in weights.items():
        # Largest remainder may lose a tie-break penny as the pool grows; never more,
        # and never once the growth adds a whole penny to the party's quota.
        assert after.get(party, 0) >= before.get(party, 0) - 1
        if weight and extra * weight >= total:
            assert after.get(party, 0) >= before.get(party, 0)
