"""Behaviour parameters are scenario fields: documented, bounded, and reached by sweeps.

docs/behaviour.md lists every field of ``BehaviourParams`` (per organisation) and
``PlaceBehaviour`` (the place's ``[behaviour]`` table) with the same default as the code; a
sweep path into either changes what the model does, and a value out of range is refused
with one line naming the file and the field.
"""

import math
import re
import tomllib
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from experiments.api import simulate
from experiments.cli import app
from experiments.overrides import resolve
from experiments.runs import prepare
from experiments.sweep import ExperimentError, build_plan, load_experiment
from sim.core.activity import ActivityUnit
from sim.model import CareSystemModel
from sim.outputs import indicators
from sim.scenario import ScenarioError, load_scenario
from sim.scenario.behaviour import BehaviourParams, PlaceBehaviour, QuotedUnitCosts

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "behaviour.md"
PLACE = ROOT / "scenarios" / "default.toml"
# Fields kept from before the constants moved into the scenario, whose ranges are open.
OPEN_RANGED = {"temperature_gbp", "reserves_exit_threshold_gbp"}


def _raw() -> dict:
    return tomllib.loads(PLACE.read_text(encoding="utf-8"))


def _documented() -> dict[str, float]:
    """``name -> default`` from every table row of docs/behaviour.md."""
    rows = re.findall(r"^\| `([a-z0-9_.]+)` \| ([^|]+) \|", DOC.read_text(), flags=re.M)
    return {name: _number_or_choice(default.strip()) for name, default in rows}


def _number_or_choice(text: str) -> float | str:
    """A documented default: a number, or the name of a choice (e.g. ``thresholds``)."""
    try:
        return float(text.replace(",", "").replace("−", "-"))
    except ValueError:
        return text


def _is_choice(info) -> bool:
    return getattr(info.annotation, "__origin__", None) is Literal


def _fields(model: type[BaseModel], prefix: str = "") -> dict[str, object]:
    out = {}
    for name, info in model.model_fields.items():
        if isinstance(info.default, BaseModel):
            out.update(_fields(type(info.default), f"{prefix}{name}."))
        else:
            out[f"{prefix}{name}"] = info
    return out


@pytest.mark.parametrize("model", [BehaviourParams, PlaceBehaviour])
def test_every_field_is_documented_with_its_default(model):
    documented = _documented()
    fields = _fields(model)
    assert sorted(set(fields) - set(documented)) == []
    assert {n: documented[n] for n in fields} == {n: f.default for n, f in fields.items()}


@pytest.mark.parametrize("model", [BehaviourParams, PlaceBehaviour])
def test_every_field_has_a_description_and_a_finite_range(model):
    for name, info in _fields(model).items():
        assert info.description, name
        if name.rsplit(".", 1)[-1] in OPEN_RANGED or _is_choice(info):
            continue  # a choice is bounded by its named options
        bounds = {type(m).__name__ for m in info.metadata}
        assert bounds & {"Ge", "Gt"} and bounds & {"Le", "Lt"}, (name, bounds)


def test_infinite_values_are_refused_even_where_the_range_is_open():
    with pytest.raises(ValueError, match="finite"):
        BehaviourParams(temperature_gbp=math.inf)
    with pytest.raises(ValueError, match="finite"):
        PlaceBehaviour(hypothetical_baseline_gbp=math.nan)


def test_every_activity_unit_has_a_quoted_cost():
    quoted = QuotedUnitCosts()
    assert {u.value for u in ActivityUnit} | {"escalation_bed_day"} == set(
        QuotedUnitCosts.model_fields)
    # docs/reference.md: an NEL episode £1,590 (2016/17) uplifted by 1.30 to 2023/24 prices.
    assert quoted.cost_gbp(ActivityUnit.NEL_ADMISSION) == pytest.approx(1_590 * 1.30, abs=0.5)


def test_a_file_without_a_behaviour_table_takes_the_defaults():
    assert "behaviour" not in _raw()  # the default place leaves every value to its default
    assert load_scenario(PLACE).behaviour == PlaceBehaviour()


def test_sweep_paths_resolve_to_the_new_parameters():
    scenario = load_scenario(PLACE)
    assert resolve(scenario, "behaviour.occupancy_spread") == 0.05
    assert resolve(scenario, "behaviour.quoted_unit_cost_gbp.acute_bed_day") == 407.0
    assert resolve(scenario, "organisations.acute.behaviour.admit_share_step") == 0.05


def _first_admit_share_move(overrides: dict, seed: int) -> float:
    decisions = simulate(PLACE, design="activity_based", overrides=overrides, seed=seed,
                         people=20_000, years=1).decisions
    return float(decisions[decisions["lever"] == "discretionary_admit_share"]["new_value"].iloc[0])


@pytest.mark.parametrize("seed", [1, 2])
def test_an_organisations_step_reaches_its_decisions(seed):
    """The acute trust starts at an admit share of 0.85 (scenario) and moves in whole steps.

    Both runs make at least one move of the share within a year at 20,000 people (seen on
    seeds 1-3); a review weighs one or three steps (``agents.provider.STEP_MULTIPLES``), so
    the first move must be 0.85 ± 1 or 3 of the step (clipped at 1), and the swept step is
    what it used.
    """
    def allowed(step: float) -> set[float]:
        return {round(min(1.0, max(0.0, 0.85 + s * k * step)), 6)
                for k in (1, 3) for s in (1, -1)}

    default = _first_admit_share_move({}, seed)
    swept = _first_admit_share_move({"organisations.acute.behaviour.admit_share_step": 0.1},
                                    seed)
    assert round(default, 6) in allowed(0.05)
    assert round(swept, 6) in allowed(0.1)


def test_the_value_of_a_day_at_home_reaches_the_resource_cost():
    """With levers held, the value of a day changes only the valuation: the resource cost
    moves by exactly (£300 − £150) × person-days away from home, on the same seed."""
    def run(value_gbp: float):
        scenario = prepare(PLACE, {"behaviour.value_of_a_day_at_home_gbp": value_gbp})
        model = CareSystemModel(scenario, "block", rng=3, people=5_000, years=1,
                                behaviour=False)
        model.run()
        return model.results()

    low, high = run(150.0), run(300.0)
    days = indicators.days_away_from_home(low.system_weekly)
    assert days > 0
    assert indicators.days_away_from_home(high.system_weekly) == days
    difference = (indicators.system_resource_cost_gbp(high)
                  - indicators.system_resource_cost_gbp(low))
    assert difference == pytest.approx(150.0 * days, rel=1e-12)


def test_a_sweep_beyond_the_range_names_the_file_and_the_field(tmp_path):
    scenario = tmp_path / "place.toml"
    scenario.write_text(PLACE.read_text(encoding="utf-8"), encoding="utf-8")
    experiment = tmp_path / "spread.toml"
    experiment.write_text(f"""[experiment]
name = "spread"
scenario = "{scenario.name}"
designs = ["block"]
years = 1
people = 5000

[sampling]
method = "grid"

[[parameters]]
path = "behaviour.occupancy_spread"
values = [0.05, 1.5]
""", encoding="utf-8")
    with pytest.raises(ExperimentError) as caught:
        build_plan(load_experiment(experiment))
    message = str(caught.value)
    assert message.startswith(str(experiment))
    assert "behaviour.occupancy_spread: Input should be less than or equal to 1" in message


def test_a_scenario_beyond_the_range_gives_one_line(tmp_path):
    path = tmp_path / "place.toml"
    path.write_text(PLACE.read_text(encoding="utf-8")
                    + "\n[behaviour]\nlookback_weeks = 0\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert str(caught.value) == (f"{path}: behaviour.lookback_weeks: Input should be greater"
                                 " than or equal to 1 (got 0)")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.output.strip() == str(caught.value)
