"""Experiments: running, comparing designs, sweeps, sensitivity, and the command line.

``experiments.evaluate`` and ``experiments.simulate`` (the research API, docs/api.md) are
loaded on first use, so importing this package (as every ``placesim`` command does)
does not import the model.
"""

__all__ = ["evaluate", "simulate"]


def __getattr__(name: str):
    """Load the research API on first use."""
    if name in __all__:
        from experiments import api

        return getattr(api, name)
    raise AttributeError(f"module 'experiments' has no attribute {name!r}")
