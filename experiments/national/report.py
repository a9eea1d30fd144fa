"""The national HTML report: England totals, published figures, the 42 footprints ranked.

Built from a Jinja2 template (``templates/national.html``) with inline PNG charts, so the
page is one self-contained file.
"""

import base64
import io
from pathlib import Path

import pandas as pd

from experiments.national.results import PUBLISHED

TEMPLATES = Path(__file__).resolve().parent / "templates"
ENGLAND_FIGURES = (  # (column, label, divisor, format)
    ("system_cost_pence", "System cost over the run (£bn)", 100e9, "{:,.2f}"),
    ("cost_per_head_per_year_gbp", "System cost per head per year (£)", 1, "{:,.0f}"),
    ("nel_admissions_final_year", "NEL admissions, final year (millions)", 1e6, "{:,.2f}"),
    ("nel_admissions_per_1000_final_year", "NEL admissions per 1,000, final year", 1,
     "{:,.1f}"),
    ("dtoc_bed_days", "Delayed transfer bed days over the run (thousands)", 1e3, "{:,.1f}"),
    ("surplus_acute_pence", "Acute trusts' surplus over the run (£m)", 100e6, "{:,.1f}"),
    ("surplus_community_pence", "Community providers' surplus (£m)", 100e6, "{:,.1f}"),
    ("surplus_social_care_pence", "Social care markets' surplus (£m)", 100e6, "{:,.1f}"),
    ("surplus_voluntary_pence", "Voluntary organisations' surplus (£m)", 100e6, "{:,.2f}"),
    ("surplus_integrated_pence", "Integrated care organisations' surplus (£m)", 100e6,
     "{:,.1f}"),
    ("surplus_commissioner_pence", "Commissioners' surplus (£m)", 100e6, "{:,.1f}"),
)
RANKED = (("cost_per_head_per_year_gbp", "System cost per head per year (£)", False),
          ("nel_admissions_per_1000_final_year", "NEL admissions per 1,000, final year",
           False),
          ("surplus_acute_per_head", "Acute trust surplus per head over the run (£)", True))
ICB_COLUMNS = (("icb_name", "ICB", "{}"), ("population", "people", "{:,.0f}"),
               ("need_index", "need index", "{:.3f}"),
               ("cost_per_head_per_year_gbp", "cost per head (£/yr)", "{:,.0f}"),
               ("nel_admissions_per_1000_final_year", "NEL per 1,000", "{:,.1f}"),
               ("dtoc_bed_days", "DTOC bed days", "{:,.0f}"),
               ("surplus_acute_gbp", "acute surplus (£)", "{:,.0f}"),
               ("pool_gbp", "pool (£)", "{:,.0f}"))


def _ranked_png(values: pd.Series, title: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ordered = values.sort_values()
    figure, ax = plt.subplots(figsize=(8, max(3.0, 0.22 * len(ordered))),
                              layout="constrained")
    colours = ["#c0392b" if v < 0 else "#2980b9" for v in ordered]
    ax.barh(list(ordered.index), ordered.to_numpy(), color=colours)
    ax.set_xlabel(title)
    ax.tick_params(axis="y", labelsize=7)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80)
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _with_per_head(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    if "surplus_acute_gbp" in out:
        out["surplus_acute_per_head"] = out["surplus_acute_gbp"] / out["population"]
    return out


def charts(tables: dict[str, pd.DataFrame], designs: tuple[str, ...]) -> list[dict]:
    """Ranked charts: each outcome under the first design, then each design's difference."""
    summary = _with_per_head(tables["icb_summary"])
    names = summary.drop_duplicates("icb_code").set_index("icb_code")["icb_name"]
    out = []
    first = summary[summary["design"] == designs[0]].set_index("icb_name")
    for column, label, _ in RANKED:
        if column in first:
            out.append({"title": f"{label}: {designs[0]}",
                        "png": _ranked_png(first[column], label)})
    paired = tables["paired_differences"]
    if not paired.empty:
        paired = paired.assign(population=paired["icb_code"].map(
            summary.drop_duplicates("icb_code").set_index("icb_code")["population"]))
        paired = _with_per_head(paired)
        for design, part in paired.groupby("design"):
            part = part.set_index(part["icb_code"].map(names))
            for column, label, _ in RANKED:
                if column in part:
                    out.append({"title": f"{label}: {design} minus {designs[0]}",
                                "png": _ranked_png(part[column], f"change in {label}")})
    return out


def england_rows(england: pd.DataFrame, designs: tuple[str, ...]) -> list[dict]:
    """England figures per design (mean over replications)."""
    means = england.groupby("design").mean(numeric_only=True)
    rows = []
    for column, label, divisor, fmt in ENGLAND_FIGURES:
        if column not in means:
            continue
        cells = [{"value": float(means.loc[d, column]),
                  "text": fmt.format(means.loc[d, column] / divisor)} for d in designs]
        rows.append({"label": label, "cells": cells})
    return rows


def published_rows(england: pd.DataFrame, designs: tuple[str, ...]) -> list[dict]:
    """England's simulated figures against the published ones they were calibrated to."""
    means = england.groupby("design").mean(numeric_only=True)
    value, source = PUBLISHED["nel_admissions_per_year"]
    cells = [f"{means.loc[d, 'nel_admissions_final_year'] / 1e6:,.2f}m" for d in designs]
    return [{"label": "NEL admissions per year", "published": f"{value / 1e6:.2f}m ({source})",
             "cells": cells}]


def reading(tables: dict[str, pd.DataFrame], designs: tuple[str, ...]) -> list[str]:
    """Plain-English paragraphs from the numbers."""
    summary = _with_per_head(tables["icb_summary"])
    first = summary[summary["design"] == designs[0]]
    low = first.loc[first["cost_per_head_per_year_gbp"].idxmin()]
    high = first.loc[first["cost_per_head_per_year_gbp"].idxmax()]
    text = [f"Under {designs[0]}, system cost per head ranges from "
            f"£{low['cost_per_head_per_year_gbp']:,.0f} a year in {low['icb_name']} (need "
            f"index {low['need_index']:.2f}) to £{high['cost_per_head_per_year_gbp']:,.0f} "
            f"in {high['icb_name']} (need index {high['need_index']:.2f})."]
    paired = _with_per_head(tables["paired_differences"].assign(
        population=lambda f: f["icb_code"].map(
            summary.drop_duplicates("icb_code").set_index("icb_code")["population"]))
    ) if not tables["paired_differences"].empty else pd.DataFrame()
    for design, part in (paired.groupby("design") if not paired.empty else []):
        if "surplus_acute_per_head" not in part:
            continue  # no acute trust in the template (an integrated provider runs it)
        worst = part.loc[part["surplus_acute_per_head"].idxmin()]
        name = summary.set_index("icb_code").loc[worst["icb_code"], "icb_name"]
        name = name.iloc[0] if isinstance(name, pd.Series) else name
        hurt = int((part["surplus_acute_per_head"] < 0).sum())
        text.append(f"Against {designs[0]}, {design} lowers the acute trust's surplus in "
                    f"{hurt} of {len(part)} footprints; it hurts most in {name} "
                    f"({_signed_gbp(worst['surplus_acute_per_head'])} per head over the run).")
    return text


def _signed_gbp(value: float) -> str:
    return f"{'−' if value < 0 else '+'}£{abs(value):,.2f}"


def _icb_table(summary: pd.DataFrame, design: str) -> list[list[str]]:
    part = summary[summary["design"] == design].sort_values("cost_per_head_per_year_gbp")
    return [[fmt.format(row[c]) if c in row else "" for c, _, fmt in ICB_COLUMNS]
            for _, row in part.iterrows()]


def write_report(plan, tables: dict[str, pd.DataFrame], path: Path) -> Path:
    """Render the national report to ``path`` and return it."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    settings = plan.settings
    designs = tuple(d for d in settings.designs if d in set(tables["icb_summary"]["design"]))
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape())
    page = env.get_template("national.html").render(
        title=plan.template.stem, footprints=tables["icb_summary"]["icb_code"].nunique(),
        designs=designs, years=settings.years or plan.template_years,
        replications=settings.replications, seed=settings.seed, template=plan.template,
        scale_text=("every person simulated" if settings.scale == 1.0 else
                    f"{settings.scale:.2%} of each footprint's people simulated, results "
                    "scaled to the whole footprint"),
        basis_text=("resident estimate (registered list × 0.928, England's ONS/registered "
                    "ratio; estimate)" if str(settings.basis) == "resident"
                    else "GP-registered lists"),
        reading=reading(tables, designs), england_rows=england_rows(tables["england"], designs),
        published_rows=published_rows(tables["england"], designs),
        charts=charts(tables, designs), icb_headings=[h for _, h, _ in ICB_COLUMNS],
        icb_table=_icb_table(tables["icb_summary"], designs[0]),
        tables_dir=path.parent / "national")
    path.write_text(page, encoding="utf-8")
    return path
