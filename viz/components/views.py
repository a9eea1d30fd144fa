"""The run's views: headline figures with intervals, and the charts with their captions.

Charts are drawn to PNG once per result (the page shows "drawing charts…" meanwhile), so
showing or re-showing results never redraws them. The first replication's charts are
started as soon as it finishes, in the worker processes, while the other replications
still run; only the chart of every replication together waits for the last of them.
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
from viz.charts.lines import service_lines_caption, service_lines_figure
from viz.charts.network import money_edges, network_caption, network_figure, surplus_by_org
from viz.charts.outcomes import outcomes_caption, outcomes_figure
from viz.charts.pool import pool_caption, pool_figure
from viz.ensemble import Ensemble
from viz.export import figure_png, tables_csv_zip, tables_parquet_zip
from viz.formatting import format_interval, label
from viz.session import RunOutcome

SCREEN_DPI = 80


@dataclass(frozen=True)
class Chart:
    """One drawn chart: title, PNG bytes, caption and the file name of its download."""

    title: str
    png: bytes
    caption: str
    filename: str


def detail_specs(outcome: RunOutcome, names: dict[str, str], replicated: bool) -> list[tuple]:
    """(title, figure function, its arguments, caption, slug) of the charts of one replication.

    These need only the first replication, so they can be drawn while the others still run.
    Figure functions are module-level and their arguments plain tables, so the drawing can
    go to worker processes.
    """
    results, year = outcome.results, outcome.last_year
    money = money_edges(results.ledger, year)
    surplus = surplus_by_org(results.finance_annual, year)
    one = " (first replication)" if replicated else ""
    lines = getattr(results, "service_lines_annual", None)
    # Only a place with an integrated provider has service lines to draw.
    line_chart = [] if lines is None or lines.empty else [
        ("What each service line cost and earned" + one, service_lines_figure, (lines, names),
         service_lines_caption(lines, names), "service-lines")]
    return [
        ("The system: money, patients and surplus" + one, network_figure,
         (outcome.graph, money, surplus, names), network_caption(money, surplus, year, names),
         "network"),
        ("Where short-term care happens" + one, care_shares_figure,
         (results.system_weekly, names), care_shares_caption(results.system_weekly, names),
         "short-term-care"),
        ("Long-term care" + one, long_term_figure, (results.system_weekly,),
         long_term_caption(results.system_weekly), "long-term-care"),
        ("Income, spend and reserves" + one, finance_figure, (results.finance_annual, names),
         finance_caption(results.finance_annual, names, lines), "finance"),
        *line_chart,
        ("The gain/loss pool, its shares and the money moved" + one, pool_figure,
         (results.finance_annual, results.settlements, names),
         pool_caption(results.finance_annual, results.settlements, names), "pool"),
    ]


def ensemble_specs(ensemble: Ensemble) -> list[tuple]:
    """The chart that needs every replication: flow and outcomes with their band."""
    weekly = [run.results.system_weekly for run in ensemble.runs]
    return [("Flow and outcomes", outcomes_figure, (weekly,), outcomes_caption(weekly),
             "outcomes")]


ORDER = ("network", "outcomes", "short-term-care", "long-term-care", "finance", "service-lines",
         "pool")
"""The order the charts appear in on the page ("service-lines" only with an integrated
provider, so a page has six or seven charts)."""


def chart_specs(ensemble: Ensemble, names: dict[str, str]) -> list[tuple]:
    """Every chart of a press of Run, in page order (details from the first replication)."""
    specs = (detail_specs(ensemble.first, names, len(ensemble.runs) > 1)
             + ensemble_specs(ensemble))
    return sorted(specs, key=lambda spec: ORDER.index(spec[-1]))


def draw_png(figure_function, args: tuple) -> bytes:
    """One chart drawn to PNG at screen resolution (runs in a worker process too)."""
    return figure_png(figure_function(*args), SCREEN_DPI)


class Drawing:
    """Charts being drawn: started as soon as their data exist, collected when needed.

    With a pool, each chart is one job in the pool's processes, so a replication's charts
    are drawn while the other replications still run; without one, they are drawn here.
    """

    def __init__(self, specs: list[tuple], pool=None):
        self.specs = specs
        jobs = [(fn, args) for _, fn, args, _, _ in specs]
        self._pending = ([pool.submit(draw_png, *job) for job in jobs] if pool is not None
                         else [draw_png(*job) for job in jobs])

    def charts(self, design: str) -> dict[str, Chart]:
        """The drawn charts by slug (waits for any still being drawn)."""
        pngs = [p if isinstance(p, bytes) else p.result() for p in self._pending]
        return {slug: Chart(title, png, caption, f"{design}-{slug}.png")
                for (title, _, _, caption, slug), png in zip(self.specs, pngs, strict=True)}

    def cancel(self) -> None:
        """Drop charts not yet started (a superseded request)."""
        for p in self._pending:
            if not isinstance(p, bytes):
                p.cancel()


def in_order(*drawings: Drawing, design: str) -> list[Chart]:
    """The charts of several drawings, in page order."""
    charts = {slug: chart for d in drawings for slug, chart in d.charts(design).items()}
    return [charts[slug] for slug in ORDER if slug in charts]


def draw_charts(ensemble: Ensemble, names: dict[str, str], pool=None,
                details: Drawing | None = None) -> list[Chart]:
    """Every chart of a press of Run, drawn to PNG (in the pool's processes when given).

    Args:
        ensemble: The replications.
        names: Display names.
        pool: A ``ReplicaPool`` to draw in (none: in this thread).
        details: The first replication's charts, if already started (see
            :func:`detail_specs`); else they are drawn now.
    """
    if details is None:
        details = Drawing(detail_specs(ensemble.first, names, len(ensemble.runs) > 1), pool)
    together = Drawing(ensemble_specs(ensemble), pool)
    return in_order(details, together, design=ensemble.settings.design)


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
