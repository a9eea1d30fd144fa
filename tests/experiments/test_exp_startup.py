"""Quick start-up: the command line loads the heavy libraries only in the commands using them.

Each check runs in a fresh interpreter (this test process has long since imported
everything) and reads ``sys.modules`` afterwards: a behavioural check, not a timing.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Plotting, statistics, sensitivity, the cluster, the app and the model: none is needed
# to list the commands or to check a scenario file.
HEAVY = ("matplotlib", "scipy", "SALib", "dask", "distributed", "solara", "mesa", "pandas")

_PROBE = """
import json, sys
{body}
print(json.dumps(sorted({{name.split(".")[0] for name in sys.modules}})))
"""


def loaded_after(body: str) -> set[str]:
    """Top-level packages in ``sys.modules`` after running ``body`` in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _PROBE.format(body=body)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True, timeout=60)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _command(*argv: str) -> str:
    return ("from experiments.cli import app\n"
            f"try:\n    app({list(argv)!r})\nexcept SystemExit as stop:\n"
            "    assert stop.code in (0, None), stop.code")


def test_importing_the_command_line_loads_no_heavy_library():
    loaded = loaded_after("import experiments.cli")
    assert "typer" in loaded  # the probe does see what was imported
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_help_loads_no_heavy_library():
    loaded = loaded_after(_command("--help"))
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_validate_reads_the_scenario_without_the_model_plots_or_cluster():
    loaded = loaded_after(_command("validate", "scenarios/default.toml"))
    assert "pydantic" in loaded  # the scenario really was checked
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
    assert "numpy" not in loaded  # arrays belong to the run, not to checking its inputs


def test_help_does_not_build_the_scenario_schema():
    loaded = loaded_after(_command("--help"))
    assert "pydantic" not in loaded and "numpy" not in loaded, sorted(loaded)


def test_the_probe_sees_a_heavy_import():
    # The check can fail: running a command that needs the model loads mesa.
    assert "mesa" in loaded_after("import sim.model")
