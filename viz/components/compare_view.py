"""Compare mode: two designs on the same seeds side by side, real differences highlighted.

A row is highlighted only when the 95% interval of the paired (same-seed) difference
excludes zero; otherwise the row says the difference can't be told from none.
"""

import html

import solara

from viz.compare import compare_ensembles
from viz.components.views import Chart, ChartCard
from viz.ensemble import Ensemble, Interval
from viz.formatting import format_interval, label

CHANGED_STYLE = "background:#fff3cd;font-weight:bold"
NO_DIFFERENCE = "can't be told from none"


def _cell(name: str, value: Interval | None) -> str:
    if value is None:
        return "<td>—</td>"
    return f"<td>{html.escape(format_interval(name, value.mean, value.low, value.high))}</td>"


def comparison_rows_html(a: Ensemble, b: Ensemble, names: dict[str, str]) -> str:
    """Table rows (HTML) of the headline figures, real differences highlighted."""
    table = compare_ensembles(a, b)
    name_a, name_b = (html.escape(names.get(e.settings.design, e.settings.design))
                      for e in (a, b))
    rows = [f"<tr><th>figure</th><th>{name_a}</th><th>{name_b}</th>"
            "<th>difference (B − A, same seeds)</th></tr>"]
    for row in table.itertuples():
        diff = row.difference
        verdict = (format_interval(row.figure, diff.mean, diff.low, diff.high) if row.changed
                   else NO_DIFFERENCE)
        css, style = ("changed", CHANGED_STYLE) if row.changed else ("same", "")
        rows.append(f"<tr class='{css}' style='{style}'><td>"
                    f"{html.escape(label(row.figure, names))}</td>{_cell(row.figure, row.a)}"
                    f"{_cell(row.figure, row.b)}<td class='verdict'>{html.escape(verdict)}"
                    "</td></tr>")
    return "".join(rows)


@solara.component
def CompareView(a: Ensemble, b: Ensemble, charts_a: list[Chart], charts_b: list[Chart],
                names: dict[str, str]):
    """The headline table with real differences highlighted, then each chart A beside B."""
    changed = int(compare_ensembles(a, b)["changed"].sum())
    n = len(a.runs)
    name_a = names.get(a.settings.design, a.settings.design)
    name_b = names.get(b.settings.design, b.settings.design)
    solara.Markdown(f"**{name_a}** (A) vs **{name_b}** (B) on the same {n} seed(s) from"
                    f" {a.settings.seed}: {changed} headline figure(s) differ beyond what the"
                    " replications can tell from none (highlighted).")
    solara.HTML(tag="table", unsafe_innerHTML=comparison_rows_html(a, b, names),
                classes=["compare"], style="font-size:0.85rem;border-collapse:collapse")
    for left, right in zip(charts_a, charts_b, strict=True):
        with solara.Columns([1, 1]):
            ChartCard(Chart(f"{left.title} — A", left.png, left.caption, left.filename))
            ChartCard(Chart(f"{right.title} — B", right.png, right.caption, right.filename))
