"""Compare mode: two designs on the same seed side by side, differences highlighted."""

import html

import solara

from viz.compare import compare_headlines
from viz.components.views import ChartCard, chart_set
from viz.formatting import format_value, label
from viz.session import RunOutcome

CHANGED_STYLE = "background:#fff3cd;font-weight:bold"


def comparison_rows_html(a: RunOutcome, b: RunOutcome) -> str:
    """Table rows (HTML) of the headline figures, changed ones highlighted."""
    table = compare_headlines(a.headline, b.headline)
    head = (f"<tr><th>figure</th><th>{html.escape(a.settings.design)}</th>"
            f"<th>{html.escape(b.settings.design)}</th><th>difference</th></tr>")
    rows = []
    for row in table.itertuples():
        style = CHANGED_STYLE if row.changed else ""
        css = "changed" if row.changed else "same"
        rows.append(f"<tr class='{css}' style='{style}'><td>{html.escape(label(row.figure))}</td>"
                    f"<td>{format_value(row.figure, row.a)}</td>"
                    f"<td>{format_value(row.figure, row.b)}</td>"
                    f"<td>{format_value(row.figure, row.difference)}</td></tr>")
    return head + "".join(rows)


@solara.component
def CompareView(a: RunOutcome, b: RunOutcome):
    """The headline table with differences highlighted, then each chart for A beside B."""
    changed = int(compare_headlines(a.headline, b.headline)["changed"].sum())
    solara.Markdown(f"**{a.settings.design}** vs **{b.settings.design}** on seed"
                    f" {a.settings.seed}: {changed} headline figure(s) differ (highlighted).")
    solara.HTML(tag="table", unsafe_innerHTML=comparison_rows_html(a, b), classes=["compare"])
    charts_a = solara.use_memo(lambda: chart_set(a), dependencies=[id(a)])
    charts_b = solara.use_memo(lambda: chart_set(b), dependencies=[id(b)])
    for left, right in zip(charts_a, charts_b, strict=True):
        with solara.Columns([1, 1]):
            ChartCard(f"{left[0]} — {a.settings.design}", *left[1:])
            ChartCard(f"{right[0]} — {b.settings.design}", *right[1:])
