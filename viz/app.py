"""The meeting room: change an assumption and see who gains, who loses and where care goes.

Serve with ``placesim app [SCENARIO]`` (or ``solara run viz/app.py``); the scenario path
comes from ``PLACESIM_APP_SCENARIO``. All state lives in the components of one browser
session (``use_reactive`` / ``use_ref``), so two people at two screens never share a run.

Mesa's ``SolaraViz`` routes flat keyword parameters into a model constructor; our controls
edit a nested, validated scenario instead, so the page uses its own controls with the same
run / step / reset verbs, and matplotlib charts (altair stays blank offline).
"""

import os
from dataclasses import replace
from typing import Any

import solara

from experiments.serving import SCENARIO_ENV
from sim.core.calendar import WEEKS_PER_YEAR
from sim.scenario import Scenario, ScenarioError
from viz.components.compare_view import CompareView
from viz.components.controls import Controls
from viz.components.views import RunViews
from viz.overrides import build_scenario
from viz.scenario_files import read_raw, scenario_choices
from viz.session import CHUNK_WEEKS, RunCancelled, advance, new_model, outcome_of, run_to_end
from viz.settings import (
    DEFAULT_PEOPLE,
    DEFAULT_SCENARIO,
    PEOPLE_ENV,
    YEARS_ENV,
    RunSettings,
    SharingSettings,
    env_int,
)


def initial_settings(raw: dict[str, Any]) -> RunSettings:
    """The settings a fresh session starts from: the file's first design, seed and years."""
    meta = raw.get("meta", {})
    designs = list(raw.get("designs", {})) or ["(none)"]
    return RunSettings(design=designs[0], seed=int(meta.get("seed", 1)),
                       people=env_int(PEOPLE_ENV, DEFAULT_PEOPLE),
                       years=env_int(YEARS_ENV, int(meta.get("years", 5))))


def try_build(raw: dict[str, Any], settings: RunSettings,
              source: str) -> tuple[Scenario | None, list[str]]:
    """The scenario for these settings, or the problems that stop it, one line each."""
    try:
        return build_scenario(raw, settings, source), []
    except ScenarioError as error:
        return None, [str(line) for line in str(error).splitlines()]


def compare_settings(settings: RunSettings, other_design: str) -> RunSettings:
    """Design B's settings: everything as A except the design (whose own agreement applies)."""
    return replace(settings, design=other_design, sharing=SharingSettings())


@solara.component
def Problems(lines: list[str]):
    """Bad input: every problem on its own line, and no run until they are fixed."""
    with solara.Error(icon=False):
        solara.Markdown("**These settings cannot be run:**\n\n"
                        + "\n".join(f"- `{line}`" for line in lines))


@solara.component
def MeetingRoom(raw: dict[str, Any], source: str):
    """Controls, run buttons, and the views of one scenario for one session."""
    settings = solara.use_reactive(initial_settings(raw))
    outcome = solara.use_reactive(None)
    compared = solara.use_reactive(None)
    weeks_done = solara.use_reactive(0)
    designs = list(raw.get("designs", {}))
    other = solara.use_reactive(designs[1] if len(designs) > 1 else designs[0])
    model_ref = solara.use_ref(None)
    task_ref = solara.use_ref(None)
    scenario, problems = solara.use_memo(lambda: try_build(raw, settings.value, source),
                                         dependencies=[settings.value])

    def work(kind: str, s: RunSettings, scen: Scenario, other_design: str) -> None:
        def cancelled() -> bool:
            return not task_ref.current.is_current()

        if kind == "compare":
            _compare(s, scen, other_design, cancelled)
            return
        # The held model remembers the settings that built it: a step continues it only
        # while those settings are still the ones on the page.
        model, built_with = model_ref.current or (None, None)
        if kind == "run" or model is None or built_with != s:
            model = new_model(scen, s)
            model_ref.current = (model, s)
        weeks = CHUNK_WEEKS if kind == "step" else model.years * WEEKS_PER_YEAR
        advance(model, weeks, on_progress=weeks_done.set, is_cancelled=cancelled)
        outcome.set(outcome_of(model, s))

    def _compare(s, scen, other_design, cancelled) -> None:
        b = compare_settings(s, other_design)
        scen_b, lines = try_build(raw, b, source)
        if scen_b is None:
            raise ScenarioError(source, lines)
        total = s.years * WEEKS_PER_YEAR
        first = run_to_end(scen, s, weeks_done.set, cancelled)
        second = run_to_end(scen_b, b, lambda w: weeks_done.set(total + w), cancelled)
        compared.set((first, second))

    task = solara.lab.use_task(work, dependencies=None, raise_error=False)
    task_ref.current = task

    def start(kind: str) -> None:
        weeks_done.set(0 if kind != "step" or model_ref.current is None else weeks_done.value)
        task(kind, settings.value, scenario, other.value)

    def reset() -> None:
        task.cancel()
        model_ref.current = None
        outcome.set(None)
        compared.set(None)
        weeks_done.set(0)

    with solara.Columns([1, 3]):
        with solara.Column():
            Controls(raw, settings)
        with solara.Column():
            _Toolbar(start, reset, task, scenario is not None, designs, other)
            _Status(task, weeks_done.value, settings.value)
            if problems:
                Problems(problems)
            _Results(outcome.value, compared.value, settings.value, other.value)


@solara.component
def _Toolbar(start, reset, task, can_run: bool, designs: list[str], other):
    busy = task.pending
    with solara.Row():
        solara.Button("Run", color="primary", on_click=lambda: start("run"),
                      disabled=busy or not can_run)
        solara.Button("Step a quarter", on_click=lambda: start("step"),
                      disabled=busy or not can_run)
        solara.Button("Reset", on_click=reset)
        solara.Select(label="Compare with design", value=other, values=designs)
        solara.Button("Compare designs", on_click=lambda: start("compare"),
                      disabled=busy or not can_run)


@solara.component
def _Status(task, weeks: int, settings: RunSettings):
    total = settings.years * WEEKS_PER_YEAR
    if task.pending:
        solara.ProgressLinear(value=min(100, 100 * (weeks % (total + 1)) / total))
        solara.Text(f"Running… week {weeks % (total + 1)} of {total}")
    elif task.error and not isinstance(task.exception, RunCancelled):
        solara.Error(f"The run stopped: {task.exception}")


@solara.component
def _Results(outcome, compared, settings: RunSettings, other_design: str):
    # Charts are shown only for the settings on the page now: a moved control hides them
    # until the run is repeated, so nobody reads a stale chart.
    if compared is not None and compared[0].settings == settings \
            and compared[1].settings.design == other_design:
        CompareView(*compared)
        return
    if outcome is None:
        solara.Info("Press Run to simulate the place under these settings.")
        return
    if outcome.settings != settings:
        solara.Warning("Settings changed since the last run: the charts are hidden until you"
                       " press Run again.")
        return
    RunViews(outcome)


@solara.component
def Page():
    """The app's page: choose a scenario file, then the meeting room for it."""
    start = os.environ.get(SCENARIO_ENV, DEFAULT_SCENARIO)
    path = solara.use_reactive(start)
    loaded = solara.use_memo(lambda: _load(path.value), dependencies=[path.value])
    solara.Title("placesim — the meeting room")
    solara.Select(label="Scenario", value=path, values=scenario_choices(start))
    if isinstance(loaded, ScenarioError):
        Problems([str(line) for line in str(loaded).splitlines()])
        return
    MeetingRoom(loaded, path.value).key(path.value)


def _load(path: str) -> dict[str, Any] | ScenarioError:
    try:
        return read_raw(path)
    except ScenarioError as error:
        return error
