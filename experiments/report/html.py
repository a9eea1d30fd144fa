"""The self-contained HTML report, from Jinja2 templates: nothing is fetched when it opens.

The report opens with a one-screen summary for the board, then the charts, then the
detailed tables; a print stylesheet makes the browser's "Print to PDF" (or
``placesim compare --pdf``) an A4 board paper. Every number cell of the detailed tables
carries its exact value in ``data-value`` so the report can be checked against the Parquet
results it was made from.
"""

import base64
import re
from datetime import UTC, datetime
from importlib import resources

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from experiments.names import named
from experiments.report.labels import display, report_order

_ENV = Environment(loader=PackageLoader("experiments.report", "templates"),
                   autoescape=select_autoescape(["html", "j2"]), trim_blocks=True,
                   lstrip_blocks=True)


def _cell(row: pd.Series, value: str, outcome: str, design: str, names) -> dict:
    shown = display(outcome, names)
    mean, low, high = float(row[value]), float(row["low"]), float(row["high"])
    interval = (f"{shown.format(low)} to {shown.format(high)}"
                if low == low and low != high else "")
    return {"design": design, "outcome": outcome, "value": repr(mean), "low": repr(low),
            "high": repr(high), "text": shown.format(mean), "interval": interval}


def _rows(frame: pd.DataFrame, columns: list[str], value: str, names) -> list[dict]:
    index = frame.set_index(["design", "outcome"])
    rows = []
    for outcome in report_order(list(frame["outcome"].unique())):
        shown = display(outcome, names)
        unit = f" ({shown.unit})" if shown.unit else ""
        rows.append({"label": shown.label + unit,
                     "cells": [_cell(index.loc[(d, outcome)], value, outcome, d, names)
                               for d in columns]})
    return rows


def summary_table(summary: pd.DataFrame, designs: list[str],
                  names: dict[str, str] | None = None) -> Markup:
    """Outcomes (rows) by design (columns): mean and 95% interval."""
    macro = _ENV.get_template("tables.html.j2").module.outcome_table
    headings = [named(d, names or {}) for d in designs]
    return macro("summary", "outcome (mean, 95% interval)", headings,
                 _rows(summary, designs, "mean", names))


def paired_table(paired: pd.DataFrame, designs: list[str],
                 names: dict[str, str] | None = None) -> Markup:
    """Paired differences of each design from the first, same seeds."""
    if paired.empty:
        return Markup("<p>Only one design: no paired differences.</p>")
    others = designs[1:]
    macro = _ENV.get_template("tables.html.j2").module.outcome_table
    headings = [f"{named(d, names or {})} − {named(designs[0], names or {})}" for d in others]
    return macro("paired", "difference (mean, 95% interval)", headings,
                 _rows(paired, others, "mean_difference", names))


def glossary_html() -> Markup:
    """The glossary (``- **term**: meaning`` lines) as a definition list."""
    text = resources.files("experiments.report").joinpath("glossary.md").read_text("utf-8")
    entries = re.findall(r"^- \*\*(.+?)\*\*: (.+?)(?=^- \*\*|\Z)", text, re.M | re.S)
    template = _ENV.from_string("<dl>{% for term, meaning in entries %}<dt><b>{{ term }}</b>"
                                "</dt><dd>{{ meaning }}</dd>{% endfor %}</dl>")
    return Markup(template.render(entries=[(t, " ".join(m.split())) for t, m in entries]))


def render(title: str, intro: str, summary: pd.DataFrame, paired: pd.DataFrame,
           designs: list[str], readings: dict[str, str], plots: dict[str, bytes], *,
           board: list[dict[str, str]] | None = None, names: dict[str, str] | None = None,
           captions: dict[str, str] | None = None, replications: int | None = None,
           influence: str = "") -> str:
    """The whole report as one HTML document.

    Args:
        title: The report's title.
        intro: One paragraph on what was run.
        summary: Per design and outcome: mean and interval.
        paired: Per design and outcome: same-seed difference from the first design.
        designs: Designs, the reference first.
        readings: A paragraph per design.
        plots: Plot title → PNG bytes.
        board: Rows of the board summary (see ``experiments.report.board``).
        names: Display names (id → name).
        captions: Plot title → one-sentence caption.
        replications: Replications per design.
        influence: The "Who has the influence?" section's HTML (none: left out).
    """
    names = names or {}
    return _ENV.get_template("report.html.j2").render(
        title=title, intro=intro, stamp=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        reference=named(designs[0], names), board=board or [],
        replications=replications or int(summary["n"].max()) if "n" in summary else "",
        readings=[{"design": d, "name": named(d, names), "text": readings[d]} for d in designs],
        plots=[{"name": name, "data": base64.b64encode(png).decode("ascii"),
                "caption": (captions or {}).get(name, "")} for name, png in plots.items()],
        summary_table=summary_table(summary, designs, names),
        paired_table=paired_table(paired, designs, names), glossary=glossary_html(),
        influence=Markup(influence))


def render_fragment(template: str, **context) -> str:
    """One of the report's section templates, rendered (autoescaped like the report)."""
    return _ENV.get_template(template).render(**context)
