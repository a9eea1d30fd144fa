"""The run's views: headline figures with intervals, and the charts with their captions.

Charts are drawn to PNG once, in the run's own thread (the page shows "drawing charts…"
meanwhile), so showing or re-showing results never redraws them.
"""

import html
from dataclasses import dataclass

import solara

from viz.charts.care import (
    care_shares_caption,
    care_shares_figure,
    long_term_caption,
    long_term_figure,
)
from viz.charts.finance import finance_caption, finance_figure
from viz.charts.network import money_edges, network_caption, network_figure, surplus_by_org
from viz.charts.outcomes import outcomes_caption, outcomes_figure
from viz.charts.pool import pool_caption, pool_figure
from viz.ensemble import Ensemble
from viz.export import figure_png, tables_csv_zip, tables_parquet_zip
from viz.formatting import format_interval, label

SCREEN_DPI = 80


@dataclass(frozen=True)
class Chart:
    """One drawn chart: title, PNG bytes, caption and the file name of its download."""

    title: str
    png: bytes
    caption: str
    filename: str


def chart_specs(ensemble: Ensemble, names: dict[str, str]) -> list[tuple]:
    """(title, figure function, its arguments, caption, file name) for every chart of a Run.

    Details come from the first replication; figure functions are module-level and their
    arguments plain tables, so the drawing can go to worker processes.
    """
    outcome = ensemble.first
    results, year = outcome.results, outcome.last_year
    money = money_edges(results.ledger, year)
    surplus = surplus_by_org(results.finance_annual, year)
    weekly = [run.results.system_weekly for run in ensemble.runs]
    design = outcome.settings.design
    one = " (first replication)" if len(ensemble.runs) > 1 else ""
    specs = [
        ("The system: money, patients and surplus" + one, network_figure,
         (outcome.graph, money, surplus, names), network_caption(money, surplus, year, names),
         "network"),
        ("Flow and outcomes", outcomes_figure, (weekly,), outcomes_caption(weekly), "outcomes"),
        ("Where short-term care happens" + one, care_shares_figure, (results.system_weekly,),
         care_shares_caption(results.system_weekly), "short-term-care"),
        ("Long-term care" + one, long_term_figure, (results.system_weekly,),
         long_term_caption(results.system_weekly), "long-term-care"),
        ("Income, spend and reserves" + one, finance_figure, (results.finance_annual, names),
         finance_caption(results.finance_annual, names), "finance"),
        ("The gain/loss pool, its shares and the money moved" + one, pool_figure,
         (results.finance_annual, results.settlements, names),
         pool_caption(results.finance_annual, results.settlements, names), "pool"),
    ]
    return [(title, fn, args, caption, f"{design}-{slug}.png")
            for title, fn, args, caption, slug in specs]


def draw_png(figure_function, args: tuple) -> bytes:
    """One chart drawn to PNG at screen resolution (runs in a worker process too)."""
    return figure_png(figure_function(*args), SCREEN_DPI)


def draw_charts(ensemble: Ensemble, names: dict[str, str], pool=None) -> list[Chart]:
    """Every chart of a press of Run, drawn to PNG (in the pool's processes when given)."""
    specs = chart_specs(ensemble, names)
    jobs = [(fn, args) for _, fn, args, _, _ in specs]
    pngs = pool.map(draw_png, jobs) if pool is not None else [draw_png(*job) for job in jobs]
    return [Chart(title, png, caption, filename)
            for (title, _, _, caption, filename), png in zip(specs, pngs, strict=True)]


@solara.component
def ChartCard(chart: Chart):
    """One chart with its plain-English caption and a PNG download."""
    with solara.Card(chart.title):
        solara.Image(chart.png)
        solara.Markdown(f"*{chart.caption}*")
        solara.FileDownload(chart.png, filename=chart.filename, label=f"PNG: {chart.filename}",
                            mime_type="image/png")


def step_labels(ensemble: Ensemble) -> dict:
    """Label options for a run that has not reached its horizon (step mode)."""
    run = ensemble.first
    if run.finished:
        return {}
    return {"weeks_so_far": run.weeks_done, "weeks_in_year": run.weeks_done - 52 * run.last_year}


def headline_rows_html(ensemble: Ensemble, names: dict[str, str]) -> str:
    """Table rows: each figure's label and its mean with the 95% interval."""
    options = step_labels(ensemble)
    rows = []
    for key, value in ensemble.figures().items():
        text = format_interval(key, value.mean, value.low, value.high)
        rows.append(f"<tr><td class='headline-label'>{html.escape(label(key, names, **options))}"
                    f"</td><td class='headline-value' data-key='{key}' data-mean='{value.mean!r}'"
                    f" style='text-align:right'>{html.escape(text)}</td></tr>")
    return "".join(rows)


@solara.component
def Headline(ensemble: Ensemble, names: dict[str, str]):
    """Headline figures: mean and 95% interval over the replications."""
    if not ensemble.first.headline:
        solara.Text("No headline figures yet.")
        return
    solara.HTML(tag="table", unsafe_innerHTML=headline_rows_html(ensemble, names),
                classes=["headline"], style="font-size:0.9rem;border-collapse:collapse")


def describe(ensemble: Ensemble, design_name: str) -> str:
    """One line saying what is on show: design, seeds, people, weeks."""
    s, run = ensemble.settings, ensemble.first
    n = len(ensemble.runs)
    seeds = f"seed {s.seed}" if n == 1 else f"seeds {s.seed}–{s.seed + n - 1} ({n} replications," \
        " figures are means with 95% intervals)"
    return (f"**{design_name}**, {seeds}, {s.people:,} people simulated,"
            f" {run.weeks_done} of {run.total_weeks} weeks run.")


@solara.component
def RunViews(ensemble: Ensemble, charts: list[Chart], names: dict[str, str]):
    """Headline, exports and every chart of one press of Run."""
    s = ensemble.settings
    solara.Markdown(describe(ensemble, names.get(s.design, s.design)))
    Headline(ensemble, names)
    results = [run.results for run in ensemble.runs]
    with solara.Row():
        solara.FileDownload(lambda: tables_csv_zip(results, names),
                            filename=f"{s.design}-tables-csv.zip", label="Data as CSV (zip)")
        solara.FileDownload(lambda: tables_parquet_zip(results, names),
                            filename=f"{s.design}-tables-parquet.zip",
                            label="Data as Parquet (zip)")
    for chart in charts:
        ChartCard(chart)
