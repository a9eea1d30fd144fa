"""Writing a run's tables to disk (runs themselves go through ``experiments.runs``)."""

from pathlib import Path
from typing import Any

from experiments.exports import NAMES_FILE, names_table, readable_tables
from experiments.names import all_names
from experiments.out_folder import seal, unseal, write_atomically
from sim.outputs import RunResults


def write_results(results: RunResults, out_dir: Path, scenario: Any = None) -> list[Path]:
    """Write every table of a run as Parquet under ``out_dir`` and return the paths.

    Tables are written as exported (:func:`experiments.exports.readable`): money in
    pounds, exact pence kept where exactness matters, years from 1, display names of
    ``scenario`` beside ids (ids title-cased without it), and ``names.csv`` lists them.

    Each file is written under a temporary name and renamed into place; the folder's
    ``manifest.json`` is removed first and written last, so a folder holds one run's
    complete, readable tables exactly when its manifest verifies (docs/outputs.md). Hold
    :func:`experiments.out_folder.claim_out_folder` around the run to keep others out.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    unseal(out_dir)
    names = all_names(scenario) if scenario is not None else {}
    paths = []
    for name, frame in readable_tables(results.tables(), names).items():
        path = out_dir / f"{name}.parquet"
        write_atomically(path, lambda tmp, frame=frame: frame.to_parquet(tmp, index=False))
        paths.append(path)
    if scenario is not None:
        lookup = names_table(scenario)
        paths.append(write_atomically(out_dir / NAMES_FILE,
                                      lambda tmp: lookup.to_csv(tmp, index=False)))
    seal(out_dir, paths, results.meta)
    return paths
