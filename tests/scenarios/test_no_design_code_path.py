"""Behaviour never asks which design or mechanism is in force: designs are data."""

import ast
import copy
import pathlib

import pandas as pd

from experiments import stylised_facts as sf
from sim.model import CareSystemModel
from sim.scenario import scenario_from_dict

ROOT = pathlib.Path(__file__).resolve().parents[2]
FORBIDDEN_NAMES = {"mechanism", "PaymentMechanism", "design_name", "ActivityBasedTerms",
                   "BlockTerms", "CapitationTerms", "BlendedTerms"}


def test_agents_never_refer_to_a_mechanism_or_design():
    hits = []
    for path in sorted((ROOT / "agents").glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            name = (node.id if isinstance(node, ast.Name) else node.attr
                    if isinstance(node, ast.Attribute) else None)
            if name in FORBIDDEN_NAMES:
                hits.append(f"{path.name}:{node.lineno} {name}")
            if isinstance(node, ast.Constant) and node.value in {
                    "activity_based", "block", "capitation", "blended"}:
                hits.append(f"{path.name}:{node.lineno} {node.value!r}")
    assert hits == []


def test_a_design_renamed_behaves_identically():
    """The same contracts under another name give the same run, to the penny."""
    raw = copy.deepcopy(sf._raw_place())
    raw["designs"]["unnamed_design_7"] = copy.deepcopy(raw["designs"]["capitation_gain_loss"])
    scenario = scenario_from_dict(raw)
    runs = []
    for design in ("capitation_gain_loss", "unnamed_design_7"):
        model = CareSystemModel(scenario, design, rng=3, years=2, people=20_000)
        model.run()
        runs.append(model.results())
    a, b = runs
    pd.testing.assert_frame_equal(a.ledger.drop(columns="design"), b.ledger.drop(columns="design"))
    pd.testing.assert_frame_equal(a.decisions.drop(columns="design"),
                                  b.decisions.drop(columns="design"))


def test_swapping_one_contract_by_data_alone_changes_behaviour():
    """Changing only the community contract's terms (block -> per D2A place-day) in the
    activity-based design moves the community provider's D2A capacity upward."""
    raw = copy.deepcopy(sf._raw_place())
    design = raw["designs"]["activity_based"]
    for contract in design["contracts"]:
        if contract["id"] == "icb_community":
            contract["terms"] = {"mechanism": "activity_based", "unit": "d2a_place_day",
                                 "price_gbp": 261}
    swapped = scenario_from_dict(raw)
    changes = []
    for scenario in (scenario_from_dict(sf._raw_place()), swapped):
        model = CareSystemModel(scenario, "activity_based", rng=1, years=3, people=50_000)
        model.run()
        capacity = model.results().organisations_monthly
        d2a = capacity[capacity["organisation"] == "community"]["capacity_d2a_places"]
        changes.append(d2a.iloc[-1] - d2a.iloc[0])
    assert changes[1] > changes[0] + 20, changes
