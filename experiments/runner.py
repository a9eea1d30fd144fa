"""Writing a run's tables to disk (runs themselves go through ``experiments.runs``)."""

from pathlib import Path

from sim.outputs import RunResults


def write_results(results: RunResults, out_dir: Path) -> list[Path]:
    """Write every table of a run as Parquet under ``out_dir`` and return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in results.tables().items():
        path = out_dir / f"{name}.parquet"
        frame.to_parquet(path, index=False)
        paths.append(path)
    return paths
