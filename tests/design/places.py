"""Small places built from the default one for the design tests."""

from pathlib import Path

from experiments.design.paired import read_scenario
from experiments.overrides import apply_overrides
from sim.scenario import scenario_from_dict

DEFAULT = Path(__file__).resolve().parents[2] / "scenarios" / "default.toml"


def place(held: list[str], extra: dict | None = None):
    """The default place choosing by best response on exact figures, some parties held.

    Temperature 0 and no view noise take the behavioural randomness out, so what a
    party's levers do shows against little noise.
    """
    raw, scenario = read_scenario(DEFAULT)
    overrides = {}
    for org in scenario.organisation_ids:
        overrides[f"organisations.{org}.behaviour.temperature_gbp"] = 0.0
        overrides[f"organisations.{org}.behaviour.transparency_noise"] = 0.0
    overrides.update({f"organisations.{o}.adapts": False for o in held})
    raw = apply_overrides(raw, {**overrides, **(extra or {})})
    return raw, scenario_from_dict(raw, source=DEFAULT)
