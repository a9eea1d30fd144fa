import os
from pathlib import Path

import pytest

from tests.app.processes import children, command, wait_gone
from viz.scenario_files import read_raw

# multiprocessing's resource tracker lives as long as the test process by design
EXEMPT = ("multiprocessing.resource_tracker",)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SCENARIO = ROOT / "scenarios" / "default.toml"
SHARING_DESIGN = "capitation_gain_loss"  # the default place's design with an agreement
SHARING_DESIGN_NAME = "Capitation with a gain/loss share"


@pytest.fixture(scope="session")
def raw():
    return read_raw(DEFAULT_SCENARIO)


@pytest.fixture(scope="session", autouse=True)
def no_child_outlives_the_app_tests():
    """Every server, browser and worker the app tests start is stopped by the end."""
    before = children(os.getpid())
    yield
    from viz.replicate import POOL

    POOL.close()
    left = {pid for pid in wait_gone(children(os.getpid()) - before)
            if not any(name in command(pid) for name in EXEMPT)}
    assert not left, f"processes left running: {[command(pid) for pid in sorted(left)]}"
