"""Run one ``RunSpec`` wherever a worker is: the only code that executes inside workers.

Nothing here depends on worker state: the seed and inputs all come from the spec, so
every executor gives the same result for the same run.
"""

import time
import traceback
from dataclasses import dataclass, field

import pandas as pd

from experiments.sweep.plan import RunSpec


@dataclass
class RunOutcome:
    """What a worker sends back: outcomes and tables, or the error that stopped the run."""

    run_id: str
    ok: bool
    seconds: float
    outcomes: dict[str, float] = field(default_factory=dict)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    error: str = ""


def simulate_spec(spec: RunSpec) -> tuple[dict[str, float], dict[str, pd.DataFrame]]:
    """Run a spec through the one run path and return its outcomes and kept tables."""
    from experiments.runs import run
    from sim.scenario import scenario_from_dict

    scenario = scenario_from_dict(spec.scenario_raw, source=spec.source)
    done = run(scenario, design=spec.design, seed=spec.seed, people=spec.people,
               years=spec.years, with_silo_index=spec.silo_index)
    tables = {name: frame for name, frame in done.results.tables().items()
              if name in spec.tables}
    return done.outcomes(), tables


def execute_run(spec: RunSpec, run_fn=simulate_spec) -> RunOutcome:
    """Run one spec and never raise: a failure comes back as data with its error.

    Args:
        spec: The run.
        run_fn: The simulation to call (tests pass stand-ins; must be picklable).
    """
    start = time.perf_counter()
    try:
        outcomes, tables = run_fn(spec)
    except Exception as error:  # noqa: BLE001 — any failure of one run is recorded, not raised
        return RunOutcome(spec.run_id, False, time.perf_counter() - start,
                          error=_describe(error))
    return RunOutcome(spec.run_id, True, time.perf_counter() - start, outcomes, tables)


def _describe(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    where = f" (at {frames[-1].filename}:{frames[-1].lineno})" if frames else ""
    return f"{type(error).__name__}: {error}{where}"
