"""What the buttons do and what the page then shows: the meeting room's state machine.

- **Run** makes ``replications`` runs of the settings on show (in parallel processes), draws
  their charts ("drawing charts…" on the bar) and then shows *its own* results, replacing
  whatever was on show (a comparison included).
- **Compare designs** runs design A and design B on the same seeds and shows them side by
  side.
- **Step a quarter** runs one seed 13 weeks further (a fresh run if the settings changed);
  at the horizon it says so instead of doing nothing.
- **Reset** stops whatever is running at once (the bar goes, Run is enabled again) and
  clears the results.
Results on show belong to one ``result_key``; while the controls give another key they are
hidden behind a notice, and putting the controls back shows them again. Each request
carries a generation number: a request that Reset (or a newer request) superseded never
writes to the page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sim.core.calendar import WEEKS_PER_YEAR
from sim.scenario import Scenario
from viz.components.views import Chart, draw_charts
from viz.ensemble import Ensemble
from viz.pipeline import run_and_draw
from viz.replicate import ReplicaPool
from viz.session import CHUNK_WEEKS, RunCancelled, advance, new_model, outcome_of
from viz.settings import RunSettings


def result_key(settings: RunSettings, scenario: Scenario | None) -> tuple:
    """What results depend on: the built scenario and the run's own settings."""
    return (scenario, settings.design, settings.seed, settings.people, settings.years,
            settings.replications)


@dataclass(frozen=True)
class Job:
    """What the status line shows: a run in progress, an error, or a notice."""

    busy: bool = False
    done: int = 0
    total: int = 1
    message: str = ""
    error: str = ""

    @property
    def percent(self) -> float:
        """Progress in percent."""
        return min(100.0, 100.0 * self.done / max(1, self.total))


@dataclass(frozen=True)
class Shown:
    """Results on show: what kind, for which key, and their drawn charts."""

    kind: str  # "run", "step" or "compare"
    key: tuple
    ensemble: Ensemble
    charts: list[Chart]
    other: Ensemble | None = None
    other_charts: list[Chart] = field(default_factory=list)

    def is_for(self, key: tuple, other_design: str) -> bool:
        """Whether these results belong to the controls now on the page."""
        if self.kind == "step":
            return self.key[:-1] == key[:-1]  # one seed, whatever the replications say
        if self.kind == "compare":
            return self.key == key and self.other.settings.design == other_design
        return self.key == key


@dataclass(frozen=True)
class Request:
    """One press of a button, as the worker thread receives it."""

    kind: str
    generation: int
    settings: RunSettings
    scenario: Scenario
    compare_b: tuple[Scenario | None, RunSettings] | None
    shown: Shown | None


class Worker:
    """Carries out requests for one session (held by the session's component).

    Args:
        raw: The parsed scenario file.
        source: Where it came from.
        names: Display names (id → name).
        get_pool: Returns the process pool for replications.
    """

    def __init__(self, raw: dict[str, Any], source: str, names: dict[str, str],
                 get_pool: Callable[[], ReplicaPool]):
        self.names = names
        self.get_pool = get_pool
        self.generation = 0
        self.stepped = None  # (model, settings) of step mode
        self._set_job: Callable[[Job], None] = lambda job: None
        self._set_shown: Callable[[Shown | None], None] = lambda shown: None

    def bind(self, set_job: Callable[[Job], None],
             set_shown: Callable[[Shown | None], None]) -> None:
        """Where the worker writes the status and the results."""
        self._set_job, self._set_shown = set_job, set_shown

    def begin(self, kind: str, settings: RunSettings, scenario: Scenario,
              compare_b, shown: Shown | None) -> Request:
        """A new request (superseding any older one)."""
        self.generation += 1
        return Request(kind, self.generation, settings, scenario, compare_b, shown)

    def cancel(self) -> None:
        """Supersede whatever is running; step mode starts again from week 0."""
        self.generation += 1
        self.stepped = None

    def work(self, request: Request) -> None:
        """Carry out a request (in the session's task thread)."""
        def live() -> bool:
            return request.generation == self.generation

        try:
            {"run": self._run, "compare": self._compare, "step": self._step}[request.kind](
                request, live)
        except RunCancelled:
            return
        except Exception as error:  # shown to the person, in words, never a traceback
            if live():
                self._set_job(Job(error=f"The run stopped: {error}"))

    def _progress(self, live, total: int, runs: int, weeks: int) -> Callable[[int], None]:
        def report(done: int) -> None:
            if live():
                self._set_job(Job(True, done, total, f"Running {runs} run(s) in parallel…"
                                  f" week {done // runs} of {weeks}"))
        return report

    def _run_designs(self, request: Request, live, designs) -> list:
        weeks = request.settings.years * WEEKS_PER_YEAR
        runs = sum(settings.replications for _, settings in designs)
        total = weeks * runs
        self._set_job(Job(True, 0, total, f"Starting {runs} run(s)…"))

        def drawing() -> None:
            if live():
                self._set_job(Job(True, total, total, "Drawing charts…"))

        return run_and_draw(self.get_pool(), designs, self.names,
                            on_progress=self._progress(live, total, runs, weeks),
                            is_cancelled=lambda: not live(), on_runs_done=drawing)

    def _run(self, request: Request, live) -> None:
        s = request.settings
        [(ensemble, charts)] = self._run_designs(request, live, [(request.scenario, s)])
        if live():
            self._set_shown(Shown("run", result_key(s, request.scenario), ensemble, charts))
            self._set_job(Job())

    def _compare(self, request: Request, live) -> None:
        scenario_b, settings_b = request.compare_b
        if scenario_b is None:
            raise ValueError(f"design {self.names.get(settings_b.design)} cannot be run with"
                             " these settings")
        s = request.settings
        (a, charts_a), (b, charts_b) = self._run_designs(
            request, live, [(request.scenario, s), (scenario_b, settings_b)])
        if live():
            self._set_shown(Shown("compare", result_key(s, request.scenario), a, charts_a, b,
                                  charts_b))
            self._set_job(Job())

    def _step(self, request: Request, live) -> None:
        s, key = request.settings, result_key(request.settings, request.scenario)
        model, built_with = self.stepped or (None, None)
        if model is None or built_with != key[:-1]:
            if request.shown is not None and request.shown.kind == "run" \
                    and request.shown.is_for(key, ""):
                self._set_job(Job(message="These results already reach the last week: press"
                                  " Reset to step through the run from week 0."))
                return
            model = new_model(request.scenario, s)
            self.stepped = (model, key[:-1])
        total = model.years * WEEKS_PER_YEAR
        if model.week >= total:
            self._set_job(Job(message=f"The run has reached its last week (week {total} of"
                              f" {total}): press Run for every replication, or Reset to start"
                              " again."))
            return
        self._set_job(Job(True, model.week, total, f"Stepping… week {model.week} of {total}"))
        advance(model, CHUNK_WEEKS, is_cancelled=lambda: not live())
        ensemble = Ensemble(s, [outcome_of(model, s)])
        if live():
            self._set_job(Job(True, model.week, total, "Drawing charts…"))
            charts = draw_charts(ensemble, self.names)
            self._set_shown(Shown("step", key, ensemble, charts))
            self._set_job(Job())
