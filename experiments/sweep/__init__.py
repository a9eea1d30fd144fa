"""Research batches: experiment files, parameter sampling, run ids, the store and the runner.

The public names below are imported from their modules on first use, so importing one
light module of the package (its executors or errors, say) does not load pandas or the
model.
"""

import importlib

_HOME = {
    "Experiment": "schema",
    "ExperimentError": "errors",
    "ResultStore": "store",
    "RunSpec": "plan",
    "SweepError": "errors",
    "SweepSummary": "runner",
    "build_plan": "plan",
    "load_experiment": "schema",
    "load_failures": "store",
    "load_runs": "store",
    "load_table": "store",
    "run_sweep": "runner",
}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> object:
    """Import a public name's module when the name is first asked for.

    Raises:
        AttributeError: ``name`` is not part of the package.
    """
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
