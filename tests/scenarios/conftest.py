"""The stylised-fact suite: each fact over ten seeds on the default place.

Runs are cached across tests (``experiments.stylised_facts.run``), so facts that share a
design and horizon share their runs (within one module: each runs in its own worker).
"""

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/scenarios" in str(item.fspath):
            item.add_marker(pytest.mark.slow)
