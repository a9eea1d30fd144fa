"""How the meeting-room app is started: its entry file and the variable naming its scenario.

The app (``viz``) stands above ``experiments`` and is never imported by it: the command
starts it as its own program, found by location, and passes the scenario through the
environment.
"""

import importlib.util
import sys
from pathlib import Path

SCENARIO_ENV = "PLACESIM_APP_SCENARIO"


def app_file() -> Path:
    """The app's entry file, found without importing the app."""
    spec = importlib.util.find_spec("viz")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the app package 'viz' is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "app.py"


def server_command(port: int, host: str = "127.0.0.1") -> list[str]:
    """The ``solara run`` command line for the app (production mode, no browser opened)."""
    return [sys.executable, "-m", "solara", "run", str(app_file()), "--host", host,
            "--port", str(port), "--production", "--no-open"]
