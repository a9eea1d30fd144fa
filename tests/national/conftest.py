"""A real dask cluster on loopback: one ``dask scheduler`` and two ``dask worker`` processes.

Started with the environment's own ``dask`` command and this checkout first on the path,
each in its own process group, and always stopped (the whole group) when the tests end,
whether they pass or fail.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DASK = Path(sys.executable).parent / "dask"
START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 10


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(arguments: list[str], log: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with log.open("w") as handle:
        return subprocess.Popen([str(DASK), *arguments], cwd=ROOT, env=env, stdout=handle,
                                stderr=subprocess.STDOUT, start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    # The worker's nanny runs the worker as a child in the same group: stop the group.
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _wait_for_workers(address: str, count: int) -> None:
    from distributed import Client

    with Client(address, timeout="30s") as client:
        client.wait_for_workers(count, timeout=START_TIMEOUT_S)


@pytest.fixture(scope="module")
def loopback_cluster(tmp_path_factory) -> Iterator[str]:
    """The address of a running scheduler with two single-threaded worker processes."""
    logs = tmp_path_factory.mktemp("dask-logs")
    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    processes = [_start(["scheduler", "--host", "127.0.0.1", "--port", port,
                         "--no-dashboard"], logs / "scheduler.log")]
    try:
        for i in range(2):
            processes.append(_start(["worker", address, "--nworkers", "1", "--nthreads", "1",
                                     "--memory-limit", "2GiB", "--no-dashboard",
                                     "--local-directory", str(logs / f"w{i}")],
                                    logs / f"worker{i}.log"))
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                _wait_for_workers(address, 2)
                break
            except (OSError, TimeoutError):
                time.sleep(0.5)
        else:
            pytest.fail(f"the loopback dask cluster did not start; logs in {logs}")
        yield address
    finally:
        for process in reversed(processes):
            _stop(process)
