"""Writing a run's tables to disk (runs themselves go through ``experiments.runs``)."""

from pathlib import Path

from experiments.exports import readable_tables
from experiments.out_folder import seal, unseal, write_atomically
from sim.outputs import RunResults


def write_results(results: RunResults, out_dir: Path,
                  names: dict[str, str] | None = None) -> list[Path]:
    """Write every table of a run as Parquet under ``out_dir`` and return the paths.

    Tables are written as exported (:func:`experiments.exports.readable`): money in
    pounds, exact pence kept where exactness matters, years from 1, display names beside
    ids (``names``: by id; missing ids are title-cased).

    Each file is written under a temporary name and renamed into place; the folder's
    ``manifest.json`` is removed first and written last, so a folder holds one run's
    complete, readable tables exactly when its manifest verifies (docs/outputs.md). Hold
    :func:`experiments.out_folder.claim_out_folder` around the run to keep others out.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    unseal(out_dir)
    paths = []
    for name, frame in readable_tables(results.tables(), names).items():
        path = out_dir / f"{name}.parquet"
        write_atomically(path, lambda tmp, frame=frame: frame.to_parquet(tmp, index=False))
        paths.append(path)
    seal(out_dir, paths, results.meta)
    return paths
