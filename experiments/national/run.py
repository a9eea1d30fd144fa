"""A national run end to end: check and plan, execute resumably, write tables and report.

Execution is the sweep's: ``run_sweep`` over ``RunSpec``s with the sweep's store and
executors, and the one run path (``simulate_spec``) in each worker: one footprint held at
a time, only outcomes and the kept tables come back.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from experiments.national.footprints import (
    FOOTPRINTS_CSV,
    FootprintError,
    load_footprints,
    select_footprints,
)
from experiments.national.plan import (
    NationalError,
    NationalSettings,
    check_settings,
    national_plan,
    person_weeks,
    read_template,
)
from experiments.sweep.execute import simulate_spec
from experiments.sweep.plan import RunSpec
from experiments.sweep.runner import SweepSummary, run_sweep
from experiments.sweep.store import ResultStore

TABLES_DIR = "national"
KIB_PER_MIB = 1024
WORKER_MEMORY = "worker_peak_mib"  # not outcomes: they differ between executors and runs
WORKER_CPU = "worker_cpu_seconds"


def simulate_footprint(spec: RunSpec) -> tuple[dict[str, float], dict[str, pd.DataFrame]]:
    """The sweep worker function (the one run path), plus CPU seconds and peak memory.

    A worker process holds one footprint at a time, so its peak resident memory over its
    tasks so far (MiB; Linux ``ru_maxrss`` is in KiB) is the memory one worker needs. CPU
    seconds, unlike wall seconds, do not grow when other processes share the cores.
    """
    import gc
    import resource
    import time

    start = time.process_time()
    outcomes, tables = simulate_spec(spec)
    cpu = time.process_time() - start
    # The model and its agents refer to each other: without a collection now, the last
    # footprint's arrays can still be held when the next one is built, doubling the peak.
    gc.collect()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / KIB_PER_MIB
    return {**outcomes, WORKER_CPU: cpu, WORKER_MEMORY: peak}, tables


@dataclass(frozen=True)
class NationalPlan:
    """A checked national run.

    Attributes:
        template: The template scenario file.
        settings: What is simulated.
        runs: One ``RunSpec`` per footprint × replication × design.
        template_years: The template's horizon (used when ``settings.years`` is None).
    """

    template: Path
    settings: NationalSettings
    runs: list[RunSpec]
    template_years: int

    def person_weeks(self, spec: RunSpec) -> int:
        """Person-weeks one run simulates."""
        return person_weeks(spec, self.template_years)

    @property
    def total_person_weeks(self) -> int:
        """Person-weeks of the whole plan."""
        return sum(self.person_weeks(s) for s in self.runs)


def prepare(template: Path, settings: NationalSettings, icb_codes: list[str] | None = None,
            footprints_csv: Path = FOOTPRINTS_CSV) -> NationalPlan:
    """Check every input and expand the national run into runs (nothing runs yet).

    No designs in ``settings`` means every design of the template.

    Raises:
        NationalError: One line per problem (template, designs, scale, footprints).
    """
    raw, scenario = read_template(template)
    if not settings.designs:
        settings = replace(settings, designs=tuple(scenario.designs))
    try:
        footprints = select_footprints(load_footprints(footprints_csv), icb_codes)
    except FootprintError as error:
        raise NationalError(str(error)) from None
    check_settings(template, scenario, settings, footprints)
    runs = national_plan(raw, str(template), footprints, settings)
    return NationalPlan(template, settings, runs, scenario.meta.years)


def execute(plan: NationalPlan, store: ResultStore, pool, *,
            on_result: Callable | None = None) -> SweepSummary:
    """Run the plan's pending runs on an open executor (see ``open_executor``)."""
    return run_sweep(plan.runs, store, pool, run_fn=simulate_footprint, on_result=on_result)


def write_tables(plan: NationalPlan, out: Path) -> dict[str, pd.DataFrame]:
    """Compute the national tables for this plan's runs and write them as Parquet."""
    from experiments.national.results import national_tables

    tables = national_tables(out, {s.run_id for s in plan.runs}, plan.settings.designs[0])
    folder = out / TABLES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
    return tables
