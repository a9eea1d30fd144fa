"""Research batches: experiment files, parameter sampling, run ids, the store and the runner."""

from experiments.sweep.errors import ExperimentError, SweepError
from experiments.sweep.plan import RunSpec, build_plan
from experiments.sweep.runner import SweepSummary, run_sweep
from experiments.sweep.schema import Experiment, load_experiment
from experiments.sweep.store import ResultStore, load_failures, load_runs, load_table

__all__ = [
    "Experiment",
    "ExperimentError",
    "ResultStore",
    "RunSpec",
    "SweepError",
    "SweepSummary",
    "build_plan",
    "load_experiment",
    "load_failures",
    "load_runs",
    "load_table",
    "run_sweep",
]
