"""Organisations never know the simulator's truth: a syntax check and a behavioural check.

The syntax check walks every module of ``agents/``: no attribute ``effects`` (the place's
``[effects]`` table, ``LeverEffects``), no import of ``sim.scenario.effects`` or of the
population engine, and no reach into ``model.population`` or the engine's own queries. The
behavioural check runs the same seeds with the true lever effects ×0, ×1 and ×3: what
organisations decide in their first year comes from their priors and views, so it must
not follow the truth.
"""

import ast
from pathlib import Path

import pytest

from sim.core.records import DecisionRecord
from sim.model import CareSystemModel
from tests.core.helpers import scenario_with

AGENTS = Path(__file__).resolve().parents[2] / "agents"
FORBIDDEN_ATTRIBUTES = {"effects", "frail_people_at_home", "cell_counts"}
FORBIDDEN_MODULES = ("sim.scenario.effects", "sim.model.effects", "sim.population")
TRUE_EFFECTS = {"discharge_effort_max_los_reduction": 0.15,
                "avoidance_max_hazard_reduction": 0.10,
                "proactive_max_frail_hazard_reduction": 0.15}


def _leaks(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if node.attr in FORBIDDEN_ATTRIBUTES:
                found.append(f"line {node.lineno}: .{node.attr}")
            if (node.attr == "population" and isinstance(node.value, ast.Attribute)
                    and node.value.attr == "model"):
                found.append(f"line {node.lineno}: model.population")
        elif isinstance(node, ast.Constant) and node.value == "effects":
            found.append(f"line {node.lineno}: {node.value!r} (getattr by name)")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                FORBIDDEN_MODULES):
            found.append(f"line {node.lineno}: from {node.module}")
        elif isinstance(node, ast.Import):
            found += [f"line {node.lineno}: import {a.name}" for a in node.names
                      if a.name.startswith(FORBIDDEN_MODULES)]
    return found


def test_the_check_catches_a_leak():
    """The walker is not vacuous: each kind of leak in a snippet is reported."""
    snippet = ("from sim.population import Frailty\nx = self.model.place.effects\n"
               "y = self.model.population.alive_count\nz = self.model.frail_people_at_home()\n"
               "w = getattr(self.model.place, 'effects')\n")
    assert len(_leaks(ast.parse(snippet))) == 5


@pytest.mark.parametrize("path", sorted(AGENTS.glob("*.py")), ids=lambda p: p.name)
def test_agents_never_read_the_truth(path):
    assert _leaks(ast.parse(path.read_text(encoding="utf-8"))) == []


def _first_year(scale: float, seed: int) -> dict[str, float]:
    overrides = tuple((("effects", name), value * scale) for name, value in TRUE_EFFECTS.items())
    model = CareSystemModel(scenario_with(overrides), "capitation_gain_loss", rng=seed,
                            people=10_000, years=1)
    model.run(1)
    return {f"{d.organisation}.{d.lever}": d.new_value
            for d in model.recorder.rows(DecisionRecord)
            if d.week < 13}  # the first review: only priors and the first view


@pytest.mark.slow
def test_first_decisions_do_not_follow_the_true_effects():
    """×0, ×1, ×3 true effects: the first review's decisions are identical on each seed.

    Before its first review an organisation has seen one view of the first quarter, whose
    figures the true effects do move a little (the levers start away from zero); the
    choices, made from priors, must not. Tolerance: at most one of 6 seeds may differ
    (a noisy figure near a threshold), and never in a direction that follows the truth.
    """
    differing = 0
    for seed in range(1, 7):
        runs = [_first_year(scale, seed) for scale in (0.0, 1.0, 3.0)]
        differing += runs[0] != runs[1] or runs[1] != runs[2]
    assert differing <= 1
