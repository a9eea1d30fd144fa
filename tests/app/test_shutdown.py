"""``placesim app`` stops its server, and every process the server started, on SIGTERM."""

import signal
import time
import urllib.request

import pytest

from tests.app.processes import children, wait_gone
from tests.app.test_browser import ARTIFACTS, start_app

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_the_app_leaves_no_child_behind(stop):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    proc, url = start_app(ARTIFACTS / f"shutdown-{stop.name}.log")
    urllib.request.urlopen(url, timeout=10)  # a page load starts the replication workers
    time.sleep(2)
    family = children(proc.pid)
    assert len(family) >= 1  # the server (and its workers) are running
    proc.send_signal(stop)
    assert proc.wait(timeout=30) == 0
    assert not wait_gone(family), "processes outlived the app"
