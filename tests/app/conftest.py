from pathlib import Path

import pytest

from viz.scenario_files import read_raw

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SCENARIO = ROOT / "scenarios" / "default.toml"
SHARING_DESIGN = "capitation_gain_loss"  # the default place's design with an agreement


@pytest.fixture(scope="session")
def raw():
    return read_raw(DEFAULT_SCENARIO)
