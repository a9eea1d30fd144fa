"""The one run path: scenario, design, overrides, seed, people, years → a run's results.

Every caller goes through here: ``placesim run``, compare, sweep and sensitivity (through
the sweep's worker function), the stylised facts, the app and the research API. A run is
built (``build``), stepped a chunk of weeks at a time with a progress callback and a
cancel check (``advance``), and its tables collected; ``run`` does all three and, when
asked, the whole-system planner twin on the same seed for the silo index.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from experiments.overrides import Overrides, as_overrides, scenario_with
from sim.core.calendar import WEEKS_PER_YEAR
from sim.model import CareSystemModel
from sim.outputs import RunResults
from sim.outputs.indicators import silo_index
from sim.outputs.outcomes import run_outcomes
from sim.scenario import Scenario, ScenarioError, load_scenario
from sim.scenario.loader import read_toml

CHUNK_WEEKS = 13  # a quarter: short enough for a lively progress bar, long enough to be cheap

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]


class RunCancelled(Exception):
    """A run was stopped between chunks because its cancel check said so."""


@dataclass
class Run:
    """A finished run: its tables and, when asked for, the silo index.

    Attributes:
        results: Every output table of the run.
        silo_index: Resource cost above the whole-system planner twin's (None: not run).
    """

    results: RunResults
    silo_index: float | None = None

    def outcomes(self) -> dict[str, float]:
        """The run's named outcomes (pounds and natural units)."""
        return run_outcomes(self.results, silo_index=self.silo_index)


def prepare(scenario: Scenario | str | Path, overrides: Overrides = None) -> Scenario:
    """The validated scenario, from a file or a ``Scenario``, with overrides applied.

    Raises:
        ScenarioError: Naming the file (or ``<scenario>``) and each problem, including
            unknown override paths and conflicting overrides.
    """
    changes = as_overrides(overrides)
    if isinstance(scenario, Scenario):
        if not changes:
            return scenario
        return scenario_with(scenario.model_dump(), changes, "<scenario>", base=scenario)
    if not changes:
        return load_scenario(scenario)
    return scenario_with(read_toml(scenario, "a scenario"), changes, scenario)


def build(scenario: Scenario | str | Path, *, design: str | None = None,
          overrides: Overrides = None, seed: int | None = None, people: int | None = None,
          years: int | None = None, planner: bool = False,
          solvency_guard: bool = False) -> CareSystemModel:
    """The model for these inputs, at week 0.

    Args:
        scenario: A scenario file or a validated scenario.
        design: The design in force (default: the scenario's first).
        overrides: Changes to the scenario (see ``experiments.overrides``).
        seed: Seed (default: the scenario's); the same seed gives every design the same
            population draws.
        people: Simulated population (default: the scenario's).
        years: Horizon (default: the scenario's).
        planner: The whole-system planner (true effects, full orientation, none closes).
        solvency_guard: No organisation closes (the planner's guard, on its own).

    Raises:
        ScenarioError: For a bad scenario, override or design, naming each problem.
    """
    place = prepare(scenario, overrides)
    if design is not None and design not in place.designs:
        source = "<scenario>" if isinstance(scenario, Scenario) else scenario
        raise ScenarioError(source, [f"design: no design {design!r}; known: "
                                     f"{', '.join(place.designs)}"])
    # The model itself draws a fresh seed for rng=None (as Mesa does, for batch_run).
    return CareSystemModel(place, design, rng=place.meta.seed if seed is None else seed,
                           people=people, years=years, planner=planner,
                           solvency_guard=solvency_guard)


def total_weeks(model: CareSystemModel) -> int:
    """Weeks in the model's horizon."""
    return model.years * WEEKS_PER_YEAR


def advance(model: CareSystemModel, weeks: int, on_progress: Progress | None = None,
            is_cancelled: Cancelled | None = None, chunk_weeks: int = CHUNK_WEEKS) -> int:
    """Step the model up to ``weeks`` weeks (never past its horizon), a chunk at a time.

    Args:
        model: The model.
        weeks: Weeks to advance.
        on_progress: Called after each chunk with the model's week.
        is_cancelled: Checked before each chunk; when true, ``RunCancelled`` is raised.
        chunk_weeks: Weeks per chunk.

    Returns:
        Weeks actually advanced.
    """
    target = min(model.week + weeks, total_weeks(model))
    start = model.week
    while model.week < target:
        if is_cancelled is not None and is_cancelled():
            raise RunCancelled
        for _ in range(min(chunk_weeks, target - model.week)):
            model.step()
        if on_progress is not None:
            on_progress(model.week)
    return model.week - start


def run(scenario: Scenario | str | Path, *, design: str | None = None,
        overrides: Overrides = None, seed: int | None = None, people: int | None = None,
        years: int | None = None, planner: bool = False, with_silo_index: bool = False,
        on_progress: Progress | None = None, is_cancelled: Cancelled | None = None) -> Run:
    """Build, run to the horizon and collect one run (and its planner twin when asked).

    Args:
        scenario: A scenario file or a validated scenario.
        design: The design in force (default: the scenario's first).
        overrides: Changes to the scenario.
        seed: Seed (default: the scenario's).
        people: Simulated population (default: the scenario's).
        years: Horizon (default: the scenario's).
        planner: Run the whole-system planner itself.
        with_silo_index: Also run the planner twin (same design, seed and horizon), and
            the run under the planner's solvency guard if it closed anyone, and compute
            the silo index against the better of the two.
        on_progress: Called with the week reached after each chunk of the main run.
        is_cancelled: Checked between chunks of both runs.
    """
    place = prepare(scenario, overrides)
    inputs: dict[str, Any] = {"design": design, "seed": seed, "people": people,
                              "years": years}
    model = build(place, planner=planner, **inputs)
    advance(model, total_weeks(model), on_progress, is_cancelled)
    results = model.results()
    if not with_silo_index:
        return Run(results)
    twin = build(place, planner=True, **inputs)
    advance(twin, total_weeks(twin), None, is_cancelled)
    return Run(results, float(silo_index(results, twin.results(),
                                         guarded_replay(model, place, inputs, is_cancelled))))


def guarded_replay(model: CareSystemModel, place: Scenario, inputs: dict[str, Any],
                   is_cancelled: Cancelled | None = None):
    """The run replayed under the planner's solvency guard, if it closed anyone (else None).

    A run that closed nobody is its own replay: the guard would never have acted.
    """
    if model.solvency_guard or all(p.is_open for p in model.providers):
        return None
    replay = build(place, solvency_guard=True, **inputs)
    advance(replay, total_weeks(replay), None, is_cancelled)
    return replay.results()
