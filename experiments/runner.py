"""Run one design of a scenario and hand back its results (the unit every experiment uses)."""

from pathlib import Path

from sim.model import CareSystemModel
from sim.outputs import RunResults
from sim.scenario import Scenario


def run_design(scenario: Scenario, design: str, seed: int, *, years: int | None = None,
               people: int | None = None, progress=None) -> RunResults:
    """Build the model for one design and seed, run it, and collect its results.

    Args:
        scenario: The validated scenario.
        design: The design in force.
        seed: Seed; runs of different designs with the same seed share the population draws.
        years: Years to run (default: the scenario's).
        people: Population size (default: the scenario's).
        progress: Optional callable taking the number of weeks just completed.
    """
    model = CareSystemModel(scenario, design, rng=seed, people=people, years=years)
    model.run(progress=progress)
    return model.results()


def write_results(results: RunResults, out_dir: Path) -> list[Path]:
    """Write every table of a run as Parquet under ``out_dir`` and return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in results.tables().items():
        path = out_dir / f"{name}.parquet"
        frame.to_parquet(path, index=False)
        paths.append(path)
    return paths
