"""The agreement designer: a deal where one exists, none where none can, bad input."""

import copy
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest
import tomli_w

from experiments.compare import plan_compare
from experiments.design.deal import assess, pareto_front
from experiments.design.designer import make_problem, search
from experiments.design.paired import DesignInputError, read_scenario
from experiments.design.recommend import account, closest, no_deal_account, recommend, write_deal
from experiments.sweep.runner import run_sweep
from experiments.sweep.store import ResultStore, load_runs
from sim.sharing import load_settlement_file

from .fakes import synthetic_place, zero_sum_place
from .places import DEFAULT


def synthetic_file(tmp_path, max_loss_gbp=1_000_000.0):
    """The default scenario with a two-party deal to design and acute's loss limit."""
    raw, _ = read_scenario(DEFAULT)
    raw = copy.deepcopy(raw)
    design = copy.deepcopy(raw["designs"]["activity_based"])
    shares = {"icb": "0.9", "acute": "0.1"}
    design["agreements"] = [{
        "name": "deal", "parties": ["icb", "acute"], "level": "organisation",
        "scope": ["acute"], "residual_party": "icb",
        "gains": {"rule": {"kind": "fixed_proportions", "shares": shares}},
        "losses": {"rule": {"kind": "fixed_proportions", "shares": shares},
                   "modifiers": [{"kind": "cap", "fraction": "0.01"}]}}]
    raw["designs"] = {"synthetic": design}
    for org in raw["organisations"]:
        if org["id"] == "acute":
            org["max_loss_gbp"] = max_loss_gbp
    path = tmp_path / "synthetic.toml"
    path.write_text(tomli_w.dumps(raw), encoding="utf-8")
    return path


def problem_for(path, **kw):
    args = {"search": ["shares", "cap"], "stress": ["half_benefit"], "budget": 12,
            "replications": 2, "seed": 1, "years": 1, "people": 1000, **kw}
    return make_problem(path, "synthetic", args.pop("search"), args.pop("stress"),
                        args.pop("budget"), **args)


@pytest.mark.slow
def test_finds_a_deal_every_party_signs_and_fresh_seeds_confirm_it(tmp_path):
    path = synthetic_file(tmp_path)
    problem = problem_for(path)
    out = tmp_path / "design"
    with ThreadPoolExecutor(1) as pool:
        table = search(problem, out, pool, run_fn=synthetic_place)
    best = recommend(table)
    assert best is not None
    # By hand (tests/design/fakes.py): feasible exactly when 0.3 <= acute share < 1.
    assert 0.3 <= _acute_share(best) < 1
    assert best["expected_acute_gbp"] > 0 and best["expected_icb_gbp"] > 0
    assert best["worst_acute_gbp"] >= -1_000_000
    scenario_path, settle_path = write_deal(problem, best, out)
    assert load_settlement_file(settle_path).agreement.name == "deal"  # ready for settle
    assert any("better off by" in line for line in account(problem, best))
    # Independent check: compare's own plan of the written scenario, fresh seeds.
    _, runs = plan_compare(scenario_path, ["status_quo", "designed"], 2, 1, 5000)
    runs = [r.__class__(**{**r.__dict__, "seed": r.seed + 100}) for r in runs]
    with ThreadPoolExecutor(1) as pool:
        run_sweep(runs, ResultStore(tmp_path / "check"), pool, run_fn=synthetic_place)
    rows = load_runs(tmp_path / "check").set_index(["design", "seed"])
    for seed in {r.seed for r in runs}:
        for party in ("icb", "acute"):
            gain = (rows.loc[("designed", seed), f"surplus_{party}_gbp"]
                    - rows.loc[("status_quo", seed), f"surplus_{party}_gbp"])
            assert gain > 0


def _acute_share(row):
    weights = {k.split(":")[1]: v for k, v in row.items() if str(k).startswith("share:")}
    return weights["acute"] / sum(weights.values())


def test_on_a_zero_sum_place_it_reports_that_no_deal_exists(tmp_path):
    problem = problem_for(synthetic_file(tmp_path), budget=8, stress=[])
    with ThreadPoolExecutor(1) as pool:
        table = search(problem, tmp_path / "design", pool, run_fn=zero_sum_place)
    assert len(table) == 8 and not table["feasible"].any()
    assert recommend(table) is None
    lines = no_deal_account(problem, closest(table))
    assert lines[0].startswith("No deal satisfies every party")
    assert "expects a gain" in lines[1]


def test_a_stopped_search_resumes_without_rerunning(tmp_path):
    path = synthetic_file(tmp_path)
    out = tmp_path / "design"
    with ThreadPoolExecutor(1) as pool:
        search(problem_for(path, budget=4), out, pool, run_fn=synthetic_place)
        runs_before = len(list((out / "runs").glob("*.parquet")))
        table = search(problem_for(path, budget=6), out, pool, run_fn=synthetic_place)
    assert len(table) == 6
    assert len(list((out / "runs").glob("*.parquet"))) <= runs_before + 2 * 2 * 2


@pytest.mark.parametrize(("kw", "message"), [
    ({"budget": 0}, "--budget: must be at least 1 evaluation, got 0"),
    ({"search": ["corridor"]}, "--search corridor: agreement 'deal' has no corridor modifier"),
    ({"search": ["shares", "bonus"]}, "--search: unknown dimension 'bonus'"),
    ({"stress": ["meteor"]}, "--stress: unknown stress case 'meteor'"),
    ({"status_quo": "nope"}, "--status-quo: unknown design 'nope'"),
])
def test_bad_input_is_one_line_before_any_run(tmp_path, kw, message):
    with pytest.raises(DesignInputError) as caught:
        problem_for(synthetic_file(tmp_path), **kw)
    assert message in str(caught.value)
    assert len(caught.value.problems) == 1
    assert not (tmp_path / "design").exists()


def test_assessment_by_hand():
    # a gains 10 and 20 (mean 15) in base, -5 under stress; b gains 5 in base, 1 under stress.
    gains = pd.DataFrame([("base", 1, "a", 10.0), ("base", 2, "a", 20.0),
                          ("stress", 1, "a", -5.0), ("stress", 2, "a", -5.0),
                          ("base", 1, "b", 5.0), ("base", 2, "b", 5.0),
                          ("stress", 1, "b", 1.0), ("stress", 2, "b", 1.0)],
                         columns=["case", "seed", "party", "gain_gbp"])
    costs = pd.DataFrame({"case": ["base", "base"], "seed": [1, 2],
                          "system_cost_gbp": [100.0, 110.0]})
    found = assess(gains, costs, ["a", "b"], {"a": 4.0, "b": None})
    assert found.expected_gbp == {"a": 15.0, "b": 5.0}
    assert found.worst_gbp == {"a": -5.0, "b": 1.0}
    assert found.worst_case == {"a": "stress", "b": "stress"}
    assert found.system_cost_gbp == 105.0
    # Gains of £15 and £5 are below the £1,000 a party needs to sign; a's loss of 5 > 4.
    assert found.blockers() == {"a expects a gain": 985.0, "b expects a gain": 995.0,
                                "a within its loss limit": 1.0}


def test_pareto_front_by_hand():
    frame = pd.DataFrame({"system_cost_gbp": [10, 9, 11, 9], "smallest_gain_gbp": [5, 4, 6, 3]})
    # (9, 4) beats (9, 3); (10, 5) and (11, 6) trade cost for gain: all but (9, 3) stay.
    assert sorted(pareto_front(frame).index) == [0, 1, 2]


def test_stress_cases_run_only_for_candidates_every_party_would_sign_in_the_base_case(tmp_path):
    # By hand (fakes.py): below an acute share of 0.3 the trust does not invest, nobody
    # gains, so the deal fails in the base case and its half-benefit runs are not needed.
    problem = problem_for(synthetic_file(tmp_path), budget=8, search=["shares"])
    out = tmp_path / "design"
    with ThreadPoolExecutor(1) as pool:
        table = search(problem, out, pool, run_fn=synthetic_place)
    table = table.assign(acute_share=table.apply(_acute_share, axis=1))
    signs_in_base = (table["acute_share"] >= 0.3) & (table["acute_share"] < 1)
    assert (table["stress_tested"] == signs_in_base).all()
    assert not table.loc[~table["stress_tested"], "feasible"].any()
    seeds, cases = 2, 2
    expected_runs = (cases * seeds  # the status quo, every case
                     + seeds * len(table)  # every candidate's base case
                     + seeds * int(table["stress_tested"].sum()))  # stress for the signers
    assert len(list((out / "runs").glob("*.parquet"))) == expected_runs
    assert 0 < table["stress_tested"].sum() < len(table)  # the test saw both kinds
