"""The report's plots, as PNG bytes (matplotlib, no display needed).

Each takes tidy tables from the store (rows of every run, tagged with ``design`` and
``seed``) and averages over replications; bands are 95% intervals across replications.
"""

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 — the backend must be chosen first
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from experiments.report.stats import mean_interval  # noqa: E402

SETTING_COLOURS = {"acute": "#c0392b", "community": "#2980b9", "social_care": "#27ae60",
                   "voluntary": "#f39c12"}
WEEKS_PER_MONTH_BIN = 4


def to_png(figure: plt.Figure) -> bytes:
    """Render and close a figure (year axes get whole-number ticks)."""
    for ax in figure.axes:
        if ax.get_xlabel() == "year":
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _grid(n: int, width: float = 4.2, height: float = 3.0) -> tuple[plt.Figure, np.ndarray]:
    cols = min(n, 3)
    rows = -(-n // cols)
    figure, axes = plt.subplots(rows, cols, figsize=(width * cols, height * rows),
                                squeeze=False, layout="constrained")
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return figure, axes.flat


def care_shift(shares: pd.DataFrame, designs: list[str]) -> bytes:
    """Share of care days by setting over the years: stacked areas, one panel per design."""
    figure, axes = _grid(len(designs))
    for ax, design in zip(axes, designs, strict=False):
        part = shares[shares["design"] == design]
        table = part.pivot_table(index="year", columns="setting", values="share", aggfunc="mean")
        settings = [s for s in SETTING_COLOURS if s in table] + [
            s for s in table if s not in SETTING_COLOURS]
        ax.stackplot(table.index + 1, *[table[s] * 100 for s in settings], labels=settings,
                     colors=[SETTING_COLOURS.get(s, "#999999") for s in settings], alpha=0.85)
        ax.set(title=design, xlabel="year", ylabel="% of care days", ylim=(0, 100))
    axes[0].legend(loc="lower left", fontsize=7)
    figure.suptitle("Where care is delivered")
    return to_png(figure)


def _band(values: pd.DataFrame, index: str, column: str) -> pd.DataFrame:
    rows = [(key, *mean_interval(group[column])) for key, group in values.groupby(index)]
    return pd.DataFrame(rows, columns=[index, "mean", "low", "high"])


def surplus_over_time(finance: pd.DataFrame, designs: list[str]) -> bytes:
    """Each organisation's cumulative surplus by year, mean and 95% band per design."""
    finance = finance.sort_values("year").assign(
        cumulative_gbp_m=lambda f: f.groupby(["design", "seed", "organisation"])[
            "surplus_pence"].cumsum() / 1e8)
    orgs = sorted(finance["organisation"].unique())
    figure, axes = _grid(len(orgs))
    for ax, org in zip(axes, orgs, strict=False):
        for design in designs:
            part = finance[(finance["organisation"] == org) & (finance["design"] == design)]
            band = _band(part, "year", "cumulative_gbp_m")
            ax.plot(band["year"] + 1, band["mean"], marker="o", label=design)
            ax.fill_between(band["year"] + 1, band["low"], band["high"], alpha=0.2)
        ax.axhline(0, color="black", linewidth=0.6)
        ax.set(title=org, xlabel="year", ylabel="cumulative surplus (£m)")
    axes[0].legend(fontsize=7)
    figure.suptitle("Surplus (+) or deficit (−) of each organisation, cumulative")
    return to_png(figure)


def pool_waterfall(settlements: pd.DataFrame, designs: list[str], replications: int) -> bytes:
    """The pool over the run and where it went, as a waterfall per design with a risk share.

    Amounts are means over replications; each step is one party's part, so the bars walk
    from the pool down to zero (every pound of the pool is assigned).
    """
    shared = [d for d in designs if not settlements.empty and (settlements["design"] == d).any()]
    if not shared:
        figure, ax = plt.subplots(figsize=(5, 1.5))
        ax.text(0.5, 0.5, "No design has a risk share: no pool.", ha="center", va="center")
        ax.set_axis_off()
        return to_png(figure)
    figure, axes = _grid(len(shared))
    for ax, design in zip(axes, shared, strict=False):
        part = settlements[settlements["design"] == design]
        pool = part.drop_duplicates(["seed", "agreement", "year"])["pool_pence"].sum()
        pool_m = pool / replications / 1e8
        to_party = part.groupby("party")["amount_pence"].sum() / replications / 1e8
        _waterfall(ax, pool_m, to_party)
        ax.set(title=design, ylabel="£m over the run")
    figure.suptitle("Gain/loss pool and its distribution")
    return to_png(figure)


def _waterfall(ax: plt.Axes, pool_m: float, to_party: pd.Series) -> None:
    labels, bottoms, heights, colours = ["pool"], [0.0], [pool_m], ["#34495e"]
    level = pool_m
    for party, amount in to_party.items():
        labels.append(str(party))
        bottoms.append(level - amount)
        heights.append(amount)
        colours.append("#27ae60" if amount >= 0 else "#c0392b")
        level -= amount
    ax.bar(range(len(labels)), heights, bottom=bottoms, color=colours)
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=7)


def activity_over_time(weekly: pd.DataFrame, designs: list[str]) -> bytes:
    """NEL admissions and DTOC bed days per 4-week period, mean of runs per design."""
    weekly = weekly.assign(period=weekly["week"] // WEEKS_PER_MONTH_BIN)
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 3.4), layout="constrained")
    for design in designs:
        part = weekly[weekly["design"] == design]
        per_run = part.groupby(["seed", "period"])[["admissions", "dtoc_bed_days"]].sum()
        mean = per_run.groupby("period").mean()
        months = (mean.index + 1) * WEEKS_PER_MONTH_BIN / 52
        left.plot(months, mean["admissions"], label=design)
        right.plot(months, mean["dtoc_bed_days"], label=design)
    left.set(title="NEL admissions per 4 weeks", xlabel="years")
    right.set(title="DTOC bed days per 4 weeks", xlabel="years")
    left.legend(fontsize=7)
    return to_png(figure)
