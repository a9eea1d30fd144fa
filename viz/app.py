"""The meeting room: change an assumption and see who gains, who loses and where care goes.

Serve with ``placesim app [SCENARIO]`` (or ``solara run viz/app.py``); the scenario path
comes from ``PLACESIM_APP_SCENARIO``. All state lives in the components of one browser
session (``use_reactive`` / ``use_ref``), so two people at two screens never share a run.

Mesa's ``SolaraViz`` routes flat keyword parameters into a model constructor; our controls
edit a nested, validated scenario instead, so the page uses its own controls with the same
run / step / reset verbs, and matplotlib charts (altair stays blank offline). What the
buttons do, and what the page then shows, is written down in ``viz.room``.
"""

import os
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import solara

from experiments.names import all_names
from experiments.serving import SCENARIO_ENV
from sim.scenario import Scenario, ScenarioError
from viz.components.compare_view import CompareView
from viz.components.controls import Controls
from viz.components.influence_view import InfluencePanel
from viz.components.views import RunViews
from viz.overrides import build_scenario
from viz.problems import plain_problems, share_problems
from viz.replicate import POOL
from viz.room import Job, Shown, Worker, result_key
from viz.scenario_files import read_raw, scenario_choices
from viz.settings import (
    DEFAULT_PEOPLE,
    DEFAULT_SCENARIO,
    PEOPLE_ENV,
    YEARS_ENV,
    RunSettings,
    SharingSettings,
    env_int,
)

STYLE = """
.sticky-status{position:sticky;top:0;z-index:5;background:white;padding-bottom:4px}
.number-slider{margin-bottom:6px}
table.headline, table.compare, table.shapley{font-size:0.9rem;border-collapse:collapse}
table.headline td, table.compare td, table.compare th, table.shapley td, table.shapley th{
  padding:2px 8px;border-bottom:1px solid #eee}
"""


STALE_STYLE = "position:fixed;top:8px;right:16px;z-index:20;max-width:55%"


def initial_settings(raw: dict[str, Any]) -> RunSettings:
    """The settings a fresh session starts from: the file's first design, seed and years."""
    meta = raw.get("meta", {})
    designs = list(raw.get("designs", {})) or ["(none)"]
    return RunSettings(design=designs[0], seed=int(meta.get("seed", 1)),
                       people=env_int(PEOPLE_ENV, DEFAULT_PEOPLE),
                       years=env_int(YEARS_ENV, int(meta.get("years", 5))))


def try_build(raw: dict[str, Any], settings: RunSettings,
              source: str) -> tuple[Scenario | None, list[str]]:
    """The scenario for these settings, or the problems that stop it, in plain words."""
    names = all_names(raw)
    if share_problems(raw, settings, names):
        return None, []  # said once, beside the share boxes
    try:
        return build_scenario(raw, settings, source), []
    except ScenarioError as error:
        lines = [line.split(": ", 1)[-1] for line in str(error).splitlines()]
        return None, plain_problems(lines, names)


def compare_settings(settings: RunSettings, other_design: str) -> RunSettings:
    """Design B's settings: everything as A except the design (whose own agreement applies)."""
    return replace(settings, design=other_design, sharing=SharingSettings())


@solara.component
def Problems(lines: list[str]):
    """Bad input: every problem on its own line, and no run until they are fixed."""
    with solara.Error(icon=False):
        solara.Markdown("**These settings cannot be run:**\n\n"
                        + "\n".join(f"- {line}" for line in lines))


@solara.component
def MeetingRoom(raw: dict[str, Any], source: str):
    """Controls, run buttons, and the views of one scenario for one session."""
    settings = solara.use_reactive(initial_settings(raw))
    shown = solara.use_reactive(None)
    job = solara.use_reactive(Job())
    designs = list(raw.get("designs", {}))
    other = solara.use_reactive(designs[1] if len(designs) > 1 else designs[0])
    names = solara.use_memo(lambda: all_names(raw), dependencies=[])
    scenario, problems = solara.use_memo(lambda: try_build(raw, settings.value, source),
                                         dependencies=[settings.value])
    worker = solara.use_memo(lambda: Worker(raw, source, names, POOL.get), dependencies=[])
    worker.bind(job.set, shown.set)
    task = solara.lab.use_task(worker.work, dependencies=None, raise_error=False)

    def start(kind: str) -> None:
        compare_b = None
        if kind == "compare":
            b = compare_settings(settings.value, other.value)
            compare_b = (try_build(raw, b, source)[0], b)
        task(worker.begin(kind, settings.value, scenario, compare_b, shown.value))

    def reset() -> None:
        worker.cancel()
        task.cancel()
        shown.set(None)
        job.set(Job())

    solara.Style(STYLE)
    with solara.Columns([1, 2]):
        with solara.Column():
            Controls(raw, settings)
        with solara.Column():
            with solara.Column(classes=["sticky-status"]):
                _Toolbar(start, reset, job.value, scenario is not None, designs, other, names)
                _Status(job.value)
                if problems:
                    Problems(problems)
                key = result_key(settings.value, scenario)
                fresh = shown.value is not None and shown.value.is_for(key, other.value)
                if shown.value is not None and not fresh:
                    # Fixed in the window: a control low on the page must not hide results
                    # with the reason off-screen.
                    with solara.Column(classes=["stale-notice"], style=STALE_STYLE):
                        solara.Warning("Settings changed since these results: they are hidden"
                                       " until you press Run (or put the controls back).")
            _Results(shown.value if fresh else None, job.value, scenario is not None, names)
            InfluencePanel(raw, source, settings.value, scenario, key, names, POOL.get)


@solara.component
def _Toolbar(start, reset, job: Job, can_run: bool, designs: list[str], other, names):
    busy = job.busy
    with solara.Row(style="align-items:center;flex-wrap:wrap"):
        solara.Button("Run", color="primary", on_click=lambda: start("run"),
                      disabled=busy or not can_run)
        solara.Button("Step a quarter", on_click=lambda: start("step"),
                      disabled=busy or not can_run)
        solara.Button("Reset", on_click=reset)
        solara.v.Select(label="Compare with design", v_model=other.value,
                        items=[{"text": names.get(d, d), "value": d} for d in designs],
                        on_v_model=other.set, dense=True, style_="max-width:260px")
        solara.Button("Compare designs", on_click=lambda: start("compare"),
                      disabled=busy or not can_run)
    if not can_run and not busy:
        solara.Text("Fix the setting marked in red to run.", style="color:#b00020")


@solara.component
def _Status(job: Job):
    if job.busy:
        solara.ProgressLinear(value=job.percent)
        solara.Text(job.message)
    elif job.error:
        solara.Error(job.error, icon=False)
    elif job.message:
        solara.Info(job.message, icon=False)


@solara.component
def _Results(shown: Shown | None, job: Job, can_run: bool, names: dict[str, str]):
    if shown is None:
        if not job.busy and can_run:
            solara.Info("Press Run to simulate the place under these settings.")
        return
    if shown.kind == "compare":
        CompareView(shown.ensemble, shown.other, shown.charts, shown.other_charts, names)
    else:
        RunViews(shown.ensemble, shown.charts, names)


@solara.component
def Page():
    """The app's page: choose a scenario file, then the meeting room for it."""
    start = os.environ.get(SCENARIO_ENV, DEFAULT_SCENARIO)
    path = solara.use_reactive(start)
    loaded = solara.use_memo(lambda: _load(path.value), dependencies=[path.value])
    solara.Title("placesim — the meeting room")
    solara.use_effect(_warm_pool, [])
    solara.Select(label="Scenario", value=path, values=scenario_choices(start))
    if GLOSSARY.is_file():
        with solara.Details("Glossary: the terms used on this page"):
            solara.Markdown(GLOSSARY.read_text(encoding="utf-8"))
    if isinstance(loaded, ScenarioError):
        Problems([str(line) for line in str(loaded).splitlines()])
        return
    MeetingRoom(loaded, path.value).key(path.value)


GLOSSARY = Path(__file__).resolve().parents[1] / "experiments" / "report" / "glossary.md"


def _warm_pool() -> None:
    # Start the replication workers while the person reads the page, not on the first Run.
    threading.Thread(target=lambda: POOL.get().warm(), daemon=True).start()


def _load(path: str) -> dict[str, Any] | ScenarioError:
    try:
        return read_raw(path)
    except ScenarioError as error:
        return error
