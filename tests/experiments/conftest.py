import shutil
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SCENARIO = ROOT / "scenarios" / "default.toml"


@pytest.fixture
def scenario_copy(tmp_path: Path) -> Path:
    """The default place, copied so experiments can point at it by a relative path."""
    target = tmp_path / "place.toml"
    shutil.copyfile(DEFAULT_SCENARIO, target)
    return target


@pytest.fixture
def design_names() -> list[str]:
    raw = tomllib.loads(DEFAULT_SCENARIO.read_text(encoding="utf-8"))
    return list(raw["designs"])
