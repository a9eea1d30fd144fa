"""The run's views: headline figures and five charts, each with a caption and a PNG export."""

import solara
from matplotlib.figure import Figure

from viz.charts.care import care_shares_caption, care_shares_figure
from viz.charts.finance import finance_caption, finance_figure
from viz.charts.network import money_edges, network_caption, network_figure, surplus_by_org
from viz.charts.outcomes import outcomes_caption, outcomes_figure
from viz.charts.pool import pool_caption, pool_figure
from viz.export import figure_png, tables_csv_zip, tables_parquet_zip
from viz.formatting import format_value, label
from viz.session import RunOutcome


@solara.component
def ChartCard(title: str, figure: Figure, caption: str, filename: str):
    """One chart with its plain-English caption and a PNG download."""
    with solara.Card(title):
        solara.FigureMatplotlib(figure, format="png")
        solara.Markdown(f"*{caption}*")
        solara.FileDownload(lambda: figure_png(figure), filename=filename,
                            label=f"PNG: {filename}", mime_type="image/png")


@solara.component
def Headline(outcome: RunOutcome):
    """Headline figures as a two-column table (the browser test reads these values)."""
    if not outcome.headline:
        solara.Text("No headline figures yet.")
        return
    rows = "".join(f"<tr><td>{label(k)}</td><td class='headline-value' data-key='{k}'"
                   f" style='text-align:right'>{format_value(k, v)}</td></tr>"
                   for k, v in outcome.headline.items())
    solara.HTML(tag="table", unsafe_innerHTML=rows, classes=["headline"])


def chart_set(outcome: RunOutcome) -> list[tuple[str, Figure, str, str]]:
    """(title, figure, caption, PNG file name) for every chart of a run."""
    results, year = outcome.results, outcome.last_year
    money = money_edges(results.ledger, year)
    surplus = surplus_by_org(results.finance_annual, year)
    design = outcome.settings.design
    return [
        ("The system: money, patients and surplus", network_figure(outcome.graph, money, surplus),
         network_caption(money, surplus, year), f"{design}-network.png"),
        ("Where care happens", care_shares_figure(results.care_shares_annual),
         care_shares_caption(results.care_shares_annual), f"{design}-care-shares.png"),
        ("Income, cost and reserves", finance_figure(results.finance_annual),
         finance_caption(results.finance_annual), f"{design}-finance.png"),
        ("The gain/loss pool and its distribution",
         pool_figure(results.finance_annual, results.settlements),
         pool_caption(results.finance_annual, results.settlements), f"{design}-pool.png"),
        ("Flow and outcomes", outcomes_figure(results.system_weekly),
         outcomes_caption(results.system_weekly), f"{design}-outcomes.png"),
    ]


@solara.component
def RunViews(outcome: RunOutcome):
    """Headline, exports and every chart of one run."""
    charts = solara.use_memo(lambda: chart_set(outcome), dependencies=[id(outcome)])
    s = outcome.settings
    solara.Markdown(f"**Design {s.design}**, seed {s.seed}, {s.people:,} people simulated,"
                    f" {outcome.weeks_done} of {outcome.total_weeks} weeks run.")
    Headline(outcome)
    with solara.Row():
        solara.FileDownload(lambda: tables_csv_zip(outcome.results),
                            filename=f"{s.design}-tables-csv.zip", label="Data as CSV (zip)")
        solara.FileDownload(lambda: tables_parquet_zip(outcome.results),
                            filename=f"{s.design}-tables-parquet.zip",
                            label="Data as Parquet (zip)")
    for title, figure, caption, filename in charts:
        ChartCard(title, figure, caption, filename)
