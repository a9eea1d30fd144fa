"""The results store: a Parquet dataset written one run at a time.

Layout under the output folder (each file is one run, named by its run id)::

    runs/<run_id>.parquet             one row: the run's inputs, parameters and outcomes
    failures/<run_id>.parquet         one row: the inputs and the error of a failed run
    tables/<table>/<run_id>.parquet   the run's rows of each kept table

Files are written to a temporary name and renamed, and a run's ``runs/`` row is written
last: a run counts as done only once everything it produced is in place, so a sweep
stopped at any moment resumes without losing or duplicating a run. Each folder loads with
plain pandas: ``pd.read_parquet("out/runs")``.
"""

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from experiments.sweep.execute import RunOutcome
from experiments.sweep.plan import RunSpec

RUNS, FAILURES, TABLES = "runs", "failures", "tables"


def spec_columns(spec: RunSpec) -> dict[str, Any]:
    """The inputs of a run as columns (parameters under their dotted paths).

    A table- or list-valued parameter is stored as its JSON text, so every run of an
    experiment has columns of one type.
    """
    params = {path: json.dumps(value, sort_keys=True, default=str)
              if isinstance(value, dict | list) else value for path, value in spec.params.items()}
    return {"run_id": spec.run_id, "design": spec.design, "seed": spec.seed,
            "replication": spec.replication, "sample": spec.sample,
            "years": spec.years or 0, "people": spec.people or 0, **params}


class ResultStore:
    """Write and read one experiment's results under ``root``."""

    def __init__(self, root: str | Path) -> None:
        """Use ``root`` as the store (created on the first write)."""
        self.root = Path(root)

    def done_ids(self) -> set[str]:
        """Ids of runs already completed."""
        folder = self.root / RUNS
        return {p.stem for p in folder.glob("*.parquet")} if folder.is_dir() else set()

    def write(self, spec: RunSpec, outcome: RunOutcome) -> None:
        """Record a finished run (its tables first, its ``runs`` row last) or its failure."""
        if not outcome.ok:
            row = {**spec_columns(spec), "error": outcome.error, "seconds": outcome.seconds}
            self._write_frame(pd.DataFrame([row]), FAILURES, spec.run_id)
            return
        for name, frame in outcome.tables.items():
            if frame.empty:
                continue  # no file rather than one whose schema would differ from the rest
            tagged = frame.assign(run_id=spec.run_id, replication=spec.replication,
                                  sample=spec.sample)
            self._write_frame(tagged, f"{TABLES}/{name}", spec.run_id)
        row = {**spec_columns(spec), "seconds": outcome.seconds, **outcome.outcomes}
        self._write_frame(pd.DataFrame([row]), RUNS, spec.run_id)
        (self.root / FAILURES / f"{spec.run_id}.parquet").unlink(missing_ok=True)

    def _write_frame(self, frame: pd.DataFrame, folder: str, run_id: str) -> None:
        target_dir = self.root / folder
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / f"{run_id}.parquet"
        temporary = target_dir / f".{run_id}.{os.getpid()}.tmp"
        frame.to_parquet(temporary, index=False)
        os.replace(temporary, target)


def _load_folder(folder: Path) -> pd.DataFrame:
    # Concatenate file by file: runs of one experiment may differ in optional columns
    # (e.g. an organisation that left in one run only).
    files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
    if not files:
        return pd.DataFrame()
    return pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)


def load_runs(root: str | Path) -> pd.DataFrame:
    """One row per completed run: inputs, parameters and outcomes."""
    return _load_folder(Path(root) / RUNS)


def load_failures(root: str | Path) -> pd.DataFrame:
    """One row per failed run with its error."""
    return _load_folder(Path(root) / FAILURES)


def load_table(root: str | Path, name: str) -> pd.DataFrame:
    """All runs' rows of one kept table (e.g. ``system_weekly``)."""
    return _load_folder(Path(root) / TABLES / name)
