"""How the meeting-room app is started: its entry file and the variable naming its scenario.

The app (``viz``) stands above ``experiments`` and is never imported by it: the command
starts it as its own program, found by location, and passes the scenario through the
environment.
"""

import importlib.util
import os
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


STOP_SECONDS = 10


def serve_until_stopped(port: int, env: dict[str, str], popen, signals) -> int:
    """Run the server until it ends or this process is told to stop; leave nothing behind.

    The server runs in its own process group (it and the worker processes it starts), so
    SIGTERM or SIGINT to this process stops the whole group: politely first, then, after
    ``STOP_SECONDS``, for good.

    Args:
        port: Port on localhost.
        env: The server's environment.
        popen: ``subprocess.Popen``.
        signals: The ``signal`` module.

    Returns:
        The server's exit code (0 when stopped by a signal).
    """
    server = popen(server_command(port), env=env, start_new_session=True)
    stopping = []

    def stop(signum, _frame) -> None:
        stopping.append(signum)
        _stop_group(server, signals)

    previous = {s: signals.signal(s, stop) for s in (signals.SIGTERM, signals.SIGINT)}
    try:
        code = server.wait()
    finally:
        _stop_group(server, signals)
        for sig, handler in previous.items():
            signals.signal(sig, handler)
    return 0 if stopping else code


def _stop_group(server, signals) -> None:
    try:
        os.killpg(server.pid, signals.SIGTERM)
    except ProcessLookupError:
        return
    try:
        server.wait(timeout=STOP_SECONDS)
    except Exception:  # noqa: BLE001 — any failure to stop politely ends in SIGKILL
        pass
    try:
        os.killpg(server.pid, signals.SIGKILL)  # anything of the group still running
    except ProcessLookupError:
        pass
