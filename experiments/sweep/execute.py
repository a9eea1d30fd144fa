"""Run one ``RunSpec`` wherever a worker is: the only code that executes inside workers.

Nothing here depends on worker state: the seed and inputs all come from the spec, so
every executor gives the same result for the same run.
"""

import time
import traceback
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from experiments.sweep.plan import RunSpec
from sim.outputs.outcomes import run_outcomes


@dataclass
class RunOutcome:
    """What a worker sends back: outcomes and tables, or the error that stopped the run."""

    run_id: str
    ok: bool
    seconds: float
    outcomes: dict[str, float] = field(default_factory=dict)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    error: str = ""


def simulate(spec: RunSpec) -> tuple[dict[str, float], dict[str, pd.DataFrame]]:
    """Build the scenario and model for a spec, run it, and return outcomes and tables."""
    from sim.model import CareSystemModel
    from sim.scenario import scenario_from_dict

    scenario = scenario_from_dict(spec.scenario_raw, source=spec.source)
    model = CareSystemModel(scenario, spec.design, rng=spec.seed, people=spec.people,
                            years=spec.years)
    model.run()
    results = model.results()
    silo = _silo_index(scenario, spec, results) if spec.silo_index else None
    tables = {name: frame for name, frame in results.tables().items() if name in spec.tables}
    return run_outcomes(results, silo_index=silo), tables


def _silo_index(scenario: Any, spec: RunSpec, results: Any) -> float | None:
    # The silo index compares the run with the same organisations choosing for the whole
    # system on the same seed; skipped when the model or indicators do not offer it yet.
    try:
        from sim.model import CareSystemModel
        from sim.outputs import indicators

        planner = CareSystemModel(scenario, spec.design, rng=spec.seed, people=spec.people,
                                  years=spec.years, planner=True)
    except (ImportError, TypeError):
        return None
    if not hasattr(indicators, "silo_index"):
        return None
    planner.run()
    return float(indicators.silo_index(results, planner.results()))


def execute_run(spec: RunSpec, run_fn=simulate) -> RunOutcome:
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
