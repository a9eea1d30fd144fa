"""Measured influence on a place where one party alone controls a cost line."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from experiments.design.execute import execute
from experiments.design.influence import influence_table, measure_influence, plan_influence
from sim.sharing import RiskShareAgreement, YearFigures, settle_risk_share

from .places import DEFAULT, place

# Home from Hospital, community and social care hold their levers: prevention places are
# then Age Well's alone; the ICB has no levers at all.
HELD = ["home_from_hospital", "community", "social_care"]
PARTIES = ["icb", "acute", "age_well", "social_care"]


@pytest.fixture(scope="module")
def matrix(tmp_path_factory):
    raw, scenario = place(HELD)
    plan = plan_influence(DEFAULT, raw, scenario, "activity_based", PARTIES, replications=2,
                          base_seed=1, years=2, people=5_000)
    out = tmp_path_factory.mktemp("influence")
    with ThreadPoolExecutor(1) as pool:
        assert execute(list(plan.runs), out, pool).complete
    return measure_influence(plan, out, PARTIES).set_index(["party", "line"])


@pytest.mark.slow
def test_the_party_that_alone_controls_a_line_has_at_least_90_percent(matrix):
    assert matrix.loc[("age_well", "prevention"), "share"] >= 0.9
    assert matrix.loc[("age_well", "prevention"), "effect_gbp"] != 0


@pytest.mark.slow
def test_parties_without_levers_have_no_influence(matrix):
    # Same seed, levers that never move: the paired runs are identical.
    for party in ("icb", "social_care"):
        assert matrix.loc[party, "share"].abs().max() < 0.01
        assert matrix.loc[party, "effect_gbp"].abs().max() < 1.0


@pytest.mark.slow
def test_the_measured_table_settles_a_pool_by_influence(matrix):
    table = influence_table(matrix.reset_index())
    agreement = RiskShareAgreement.model_validate({
        "name": "by influence", "parties": PARTIES, "level": "system", "residual_party": "icb",
        "gains": {"rule": {"kind": "influence", "table": {"gbp": table}},
                  "modifiers": [{"kind": "sole_influence"}]},
        "losses": {"rule": {"kind": "equal_shares"}}})
    figures = YearFigures(year=1, baseline_gbp="1000000.00", outturn_gbp="900000.00")
    settlement = settle_risk_share(agreement, figures)
    assert sum(line.amount_pence for line in settlement.lines) == 10_000_000
    assert "icb" not in {line.party for line in settlement.lines if line.rule != "corridor"}
