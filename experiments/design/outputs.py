"""Files the design commands write: Parquet tables, a heatmap and a small HTML report."""

import base64
import io
from pathlib import Path

import pandas as pd

from experiments.design.cost_lines import LINE_LABELS

REPORT = """<!doctype html><html><head><meta charset="utf-8"><title>{{ title }}</title>
<style>body{font-family:sans-serif;max-width:70em;margin:2em auto}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}
</style></head><body><h1>{{ title }}</h1><p>{{ intro }}</p>
{% for image in images %}<img alt="{{ image.alt }}" src="data:image/png;base64,{{ image.data }}">
{% endfor %}{% for t in tables %}<h2>{{ t.title }}</h2>{{ t.html }}{% endfor %}
{% for p in notes %}<p>{{ p }}</p>{% endfor %}</body></html>"""


def heatmap_png(matrix: pd.DataFrame, value: str, title: str) -> bytes:
    """A party × cost line heatmap of one column of a tidy influence matrix, as PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    wide = matrix.pivot(index="party", columns="line", values=value).reindex(
        index=list(dict.fromkeys(matrix["party"])), columns=list(dict.fromkeys(matrix["line"])))
    fig, ax = plt.subplots(figsize=(1.6 + 1.3 * wide.shape[1], 1.2 + 0.5 * wide.shape[0]))
    image = ax.imshow(wide.to_numpy(), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(wide.shape[1]), [LINE_LABELS.get(c, c) for c in wide.columns],
                  rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(wide.shape[0]), list(wide.index))
    for (i, j), v in pd.DataFrame(wide.to_numpy()).stack().items():
        ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=8,
                color="white" if v > 0.6 else "black")
    fig.colorbar(image, ax=ax, label="share")
    ax.set_title(title)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    plt.close(fig)
    return buffer.getvalue()


def write_report(path: Path, title: str, intro: str, images: list[tuple[str, bytes]],
                 tables: list[tuple[str, pd.DataFrame]], notes: list[str]) -> Path:
    """Write a self-contained HTML report (images inlined) and return its path."""
    from jinja2 import Environment

    env = Environment(autoescape=True)
    html = env.from_string(REPORT).render(
        title=title, intro=intro, notes=notes,
        images=[{"alt": alt, "data": base64.b64encode(png).decode()} for alt, png in images],
        tables=[{"title": t, "html": _table_html(f)} for t, f in tables])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def _table_html(frame: pd.DataFrame):
    from markupsafe import Markup

    return Markup(frame.to_html(index=False, float_format=lambda v: f"{v:,.3g}"))
