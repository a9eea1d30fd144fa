"""The "Who has the influence?" panel: measured on request for the design on show.

The measurement (``viz.influence``) costs many runs, so it starts only when the button is
pressed, runs in the page's worker processes with a count of runs done, and belongs to
the settings it was made with: when a control moves it is hidden until measured again.
"""

import html
from dataclasses import dataclass

import solara

from experiments.influence_section import INFLUENCE_SEEDS, agreement_parties, heatmap
from sim.scenario import Scenario
from viz.influence import (
    INFLUENCE_PEOPLE,
    INFLUENCE_PEOPLE_ENV,
    measure,
    plan_for,
    reading,
    shapley_rows,
)
from viz.settings import RunSettings, env_int

BUTTON = "Measure who has the influence"


@dataclass(frozen=True)
class Measured:
    """One measurement on show: what it was made for, its heatmap and its table."""

    key: tuple
    png: bytes
    rows_html: str
    reading: str
    seeds: list[int]


def influence_people(settings: RunSettings) -> int:
    """People per run: the page's sample, at most the panel's small one."""
    return min(settings.people, env_int(INFLUENCE_PEOPLE_ENV, INFLUENCE_PEOPLE))


def runs_needed(parties: int, seeds: int = INFLUENCE_SEEDS) -> int:
    """Distinct runs per measurement.

    Everyone free, each party held, and every coalition but the empty one (which is the
    everyone-free run again), on each seed.
    """
    return seeds * (1 + parties + 2 ** parties - 1)


def rows_html(rows, names) -> str:
    """The Shapley table's rows (HTML): name, £m over the run, share of the whole."""
    out = ["<tr><th>party</th><th>Shapley value (£m over the run)</th>"
           "<th>share of the whole</th></tr>"]
    for r in rows.itertuples():
        share = "–" if r.share != r.share else f"{round(r.share, 2) + 0.0:.0%}"
        out.append(f"<tr><th>{html.escape(r.name)}</th><td class='shapley-value'"
                   f" data-party='{html.escape(r.party)}' data-value='{r.shapley_gbp!r}'>"
                   f"{html.escape(r.text)}</td><td>{share}</td></tr>")
    return "".join(out)


@solara.component
def InfluencePanel(raw: dict, source: str, settings: RunSettings, scenario: Scenario | None,
                   key: tuple, names: dict[str, str], get_pool):
    """A button that measures influence and Shapley values, and what it found."""
    shown = solara.use_reactive(None)
    progress = solara.use_reactive((0, 0))
    error = solara.use_reactive("")
    people = influence_people(settings)
    my_key = (key, people)
    parties = agreement_parties(scenario, settings.design) if scenario is not None else []

    def work(request) -> None:
        request_key, request_settings, request_scenario = request
        error.set("")
        plan = plan_for(raw, request_scenario, request_settings, source,
                        influence_people(request_settings))
        pool = get_pool()
        progress.set((0, plan.unique_runs))
        result = measure(plan, request_settings.design, pool.executor,
                         on_run=lambda done, total: progress.set((done, total)))
        png = pool.submit(heatmap, result, names).result()  # pyplot only in a worker
        shown.set(Measured(request_key, png, rows_html(shapley_rows(result, names), names),
                           reading(result, names), result.seeds))

    task = solara.lab.use_task(work, dependencies=None, raise_error=False)
    busy = task.pending

    def press() -> None:
        task((my_key, settings, scenario))

    with solara.Card("Who has the influence?"):
        if len(parties) < 2:
            solara.Text("The design on show has no agreement between two or more parties, so"
                        " there is no influence to measure.")
            return
        solara.Markdown(
            f"How far each party's levers move each cost line (its levers held against"
            f" free, same seeds), and each party's fair part (Shapley value) of what all"
            f" {len(parties)} save the system by acting as one. Measured for these settings"
            f" on {INFLUENCE_SEEDS} seeds from seed {settings.seed}, {people:,} people"
            f" simulated, {settings.years} year(s): {runs_needed(len(parties)):,} runs, so"
            " it takes a while.")
        solara.Button(BUTTON, on_click=press, disabled=busy or scenario is None)
        if busy:
            done, total = progress.value
            solara.ProgressLinear(value=100 * done / max(1, total))
            solara.Text(f"Measuring influence… run {done} of {total}")
        elif task.error:
            solara.Error(f"The measurement stopped: {task.exception}", icon=False)
        value = shown.value
        if value is None:
            return
        if value.key != my_key:
            solara.Warning("Settings changed since this measurement: press the button to"
                           " measure them.")
            return
        solara.Image(value.png)
        solara.HTML(tag="table", unsafe_innerHTML=value.rows_html, classes=["shapley"],
                    style="font-size:0.9rem;border-collapse:collapse")
        solara.Markdown(f"*{value.reading}* (seeds {', '.join(map(str, value.seeds))})")
        solara.FileDownload(value.png, filename=f"{settings.design}-influence.png",
                            label="PNG: influence heatmap", mime_type="image/png")


