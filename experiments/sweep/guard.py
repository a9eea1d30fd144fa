"""Guards before a sweep starts: one experiment per results folder, and no surprise sizes.

A results folder records the hash of the experiment whose runs it holds
(``experiment.json``). A sweep of a changed experiment into the same folder would mix old
and new runs in one dataset, so it is refused unless ``--force-new`` moves the old results
aside first. A plan with more runs than :data:`CONFIRM_ABOVE_RUNS` says how many and how
long they should take before anything is planned in detail, and asks (``--yes`` answers
for scripts).
"""

import hashlib
import json
import math
from datetime import UTC, datetime
from pathlib import Path

from experiments.sweep.errors import ExperimentError
from experiments.sweep.plan import RunSpec
from experiments.sweep.schema import Experiment, SamplingMethod
from experiments.sweep.store import RUNS

RECORD_NAME = "experiment.json"
CONFIRM_ABOVE_RUNS = 1_000
# estimate: one core gets through about 25,000 simulated person-years a second. Measured on
# the default place (20,000 people, 2 years, seed 1): the simulation alone took 0.55-0.69
# CPU-seconds (58,000-72,000 person-years a second, block and blended designs); collecting
# and storing tables and the machine's load cost more, so the figure is halved and more.
PERSON_YEARS_PER_CORE_SECOND = 25_000


def plan_hash(runs: list[RunSpec]) -> str:
    """A digest of every run's inputs: any change to the experiment or scenario changes it."""
    ids = sorted({spec.run_id for spec in runs})
    tables = sorted({table for spec in runs for table in spec.tables})
    text = json.dumps({"runs": ids, "tables": tables}, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def claim_store(out: Path, runs: list[RunSpec], name: str, force_new: bool) -> Path | None:
    """Make ``out`` the store of this plan, refusing (or moving aside) another's results.

    Args:
        out: The results folder.
        runs: The plan.
        name: The experiment's name, recorded for people reading the folder.
        force_new: Move results of a different experiment aside instead of refusing.

    Returns:
        Where old results were moved, if they were.

    Raises:
        ExperimentError: When ``out`` holds results of a different experiment.
    """
    digest = plan_hash(runs)
    recorded = _recorded_hash(out, runs)
    moved = None
    if recorded not in (None, digest):
        if not force_new:
            raise ExperimentError(out, [
                f"--out holds results of a different experiment (recorded {recorded[:12]},"
                f" this one {digest[:12]}); expected the same experiment to resume, another"
                " --out, or --force-new to move the old results aside"])
        moved = out.with_name(f"{out.name}.replaced-{datetime.now(UTC):%Y%m%dT%H%M%SZ}")
        out.rename(moved)
    out.mkdir(parents=True, exist_ok=True)
    record = {"experiment": name, "hash": digest, "runs": len({s.run_id for s in runs})}
    (out / RECORD_NAME).write_text(json.dumps(record, indent=2), encoding="utf-8")
    return moved


def _recorded_hash(out: Path, runs: list[RunSpec]) -> str | None:
    path = out / RECORD_NAME
    if path.is_file():
        try:
            return str(json.loads(path.read_text(encoding="utf-8"))["hash"])
        except (ValueError, KeyError, TypeError):
            return "unreadable"
    # A store written before hashes were recorded: foreign if it holds runs not planned.
    folder = out / RUNS
    done = {p.stem for p in folder.glob("*.parquet")} if folder.is_dir() else set()
    return "unrecorded" if done - {s.run_id for s in runs} else None


def planned_run_count(experiment: Experiment, n_designs: int) -> int:
    """How many runs an experiment asks for, counted without drawing any sample."""
    parameters = experiment.parameters
    if not parameters:
        samples = 1
    elif experiment.sampling.method is SamplingMethod.GRID:
        samples = math.prod(len(p.values) if p.values is not None else p.levels
                            for p in parameters)
    else:
        samples = experiment.sampling.samples
    return samples * experiment.experiment.replications * n_designs


def size_warning(runs: int, people: int, years: int) -> str | None:
    """A line saying how many runs and core-hours a large plan needs (None when small)."""
    if runs <= CONFIRM_ABOVE_RUNS:
        return None
    hours = runs * people * years / PERSON_YEARS_PER_CORE_SECOND / 3600
    return (f"This experiment has {runs:,} runs of {people:,} people for {years} years:"
            f" about {hours:,.0f} core-hours (estimate at"
            f" {PERSON_YEARS_PER_CORE_SECOND:,} person-years per core-second).")
