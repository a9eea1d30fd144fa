"""The self-contained HTML report: tables, inline PNG plots and readings, nothing fetched.

Every number cell carries its exact value in ``data-value`` so the report can be checked
against the Parquet results it was made from.
"""

import base64
import html
from datetime import UTC, datetime

import pandas as pd

from experiments.report.labels import display, report_order

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1200px;color:#222}
table{border-collapse:collapse;margin:1rem 0;font-size:.85rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}
.interval{color:#666;font-size:.75rem}
img{max-width:100%;margin:.5rem 0}
p.reading{max-width:60rem;line-height:1.45}
"""


def _cell(mean: float, low: float, high: float, outcome: str, attrs: str) -> str:
    shown = display(outcome)
    interval = (f" <span class='interval'>({shown.format(low)} to {shown.format(high)})</span>"
                if low == low and low != high else "")
    return (f"<td {attrs} data-outcome='{html.escape(outcome)}' data-value='{mean!r}' "
            f"data-low='{low!r}' data-high='{high!r}'>{shown.format(mean)}{interval}</td>")


def _row_head(outcome: str) -> str:
    shown = display(outcome)
    unit = f" ({shown.unit})" if shown.unit else ""
    return f"<th>{html.escape(shown.label + unit)}</th>"


def _outcome_table(frame: pd.DataFrame, columns: list[str], headings: list[str],
                   value: str, table_id: str, corner: str) -> str:
    """Outcomes (rows) by design (columns), each cell a value and its 95% interval."""
    index = frame.set_index(["design", "outcome"])
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headings)
    rows = []
    for outcome in report_order(list(frame["outcome"].unique())):
        cells = "".join(
            _cell(*index.loc[(d, outcome), [value, "low", "high"]], outcome,
                  f"data-design='{html.escape(d)}'")
            for d in columns)
        rows.append(f"<tr>{_row_head(outcome)}{cells}</tr>")
    return (f"<table id='{table_id}'><tr><th>{corner}</th>{head}</tr>"
            f"{''.join(rows)}</table>")


def summary_table(summary: pd.DataFrame, designs: list[str]) -> str:
    """Outcomes (rows) by design (columns): mean and 95% interval."""
    return _outcome_table(summary, designs, designs, "mean", "summary",
                          "outcome (mean, 95% interval)")


def paired_table(paired: pd.DataFrame, designs: list[str]) -> str:
    """Paired differences of each design from the first, same seeds."""
    if paired.empty:
        return "<p>Only one design: no paired differences.</p>"
    others = designs[1:]
    return _outcome_table(paired, others, [f"{d} − {designs[0]}" for d in others],
                          "mean_difference", "paired", "difference (mean, 95% interval)")


def image(png: bytes, alt: str) -> str:
    """An inline PNG."""
    data = base64.b64encode(png).decode("ascii")
    return f"<img alt='{html.escape(alt)}' src='data:image/png;base64,{data}'>"


def render(title: str, intro: str, summary: pd.DataFrame, paired: pd.DataFrame,
           designs: list[str], readings: dict[str, str], plots: dict[str, bytes]) -> str:
    """The whole report as one HTML document."""
    reading_html = "".join(
        f"<h3>{html.escape(d)}</h3><p class='reading' data-design='{html.escape(d)}'>"
        f"{html.escape(readings[d])}</p>" for d in designs)
    plot_html = "".join(f"<h3>{html.escape(name)}</h3>{image(png, name)}"
                        for name, png in plots.items())
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{STYLE}</style></head><body>
<h1>{html.escape(title)}</h1><p>{html.escape(intro)}</p><p class='interval'>Made {stamp}.</p>
<h2>Reading the results</h2>{reading_html}
<h2>Key results by design</h2>{summary_table(summary, designs)}
<h2>Difference from {html.escape(designs[0])} (same seeds)</h2>{paired_table(paired, designs)}
<h2>Plots</h2>{plot_html}
</body></html>
"""
