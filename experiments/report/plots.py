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

from experiments.names import SERVICE_LINES, line_family_name, named, title_id  # noqa: E402
from experiments.report.stats import mean_interval  # noqa: E402

SETTING_COLOURS = {"acute": "#c0392b", "community": "#2980b9", "social_care": "#27ae60",
                   "voluntary": "#f39c12"}
# Short-term care, where designs differ (long-term social care is most care days and moves
# slowly, so it would make every design look the same); weekly whole-place day counts.
# Each weekly day count (column) → (its service line, colour); labels are the lines' names.
SHORT_TERM = {"acute_bed_days": ("acute_beds", "#c0392b"),
              "d2a_place_days": ("d2a_places", "#2980b9"),
              "community_bed_days": ("community_beds", "#85c1e9"),
              "reablement_place_days": ("reablement_places", "#27ae60")}
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


def line_name(line: str, names: dict[str, str] | None) -> str:
    """A service line's display name (the default table when the scenario names none)."""
    return (names or {}).get(line) or SERVICE_LINES.get(line) or title_id(line)


def care_shift(weekly: pd.DataFrame, designs: list[str],
               names: dict[str, str] | None = None) -> bytes:
    """Short-term care days by setting, share per year: stacked areas, one panel per design."""
    present = [c for c in SHORT_TERM if c in weekly]
    figure, axes = _grid(len(designs))
    for ax, design in zip(axes, designs, strict=False):
        part = weekly[weekly["design"] == design]
        years = part["week"] // 52 + 1
        days = part[present].groupby(years).sum()
        shares = days.div(days.sum(axis=1), axis=0) * 100
        ax.stackplot(shares.index, *[shares[c] for c in present],
                     labels=[line_name(SHORT_TERM[c][0], names) for c in present],
                     colors=[SHORT_TERM[c][1] for c in present], alpha=0.85)
        ax.set(title=named(design, names or {}), xlabel="year",
               ylabel="% of short-term care days", ylim=(0, 100))
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles[::-1], labels[::-1], loc="outside right center", fontsize=7)
    figure.suptitle("Where short-term care is delivered (mean of replications)")
    return to_png(figure)


def _band(values: pd.DataFrame, index: str, column: str) -> pd.DataFrame:
    rows = [(key, *mean_interval(group[column])) for key, group in values.groupby(index)]
    return pd.DataFrame(rows, columns=[index, "mean", "low", "high"])


def surplus_over_time(finance: pd.DataFrame, designs: list[str],
                      names: dict[str, str] | None = None) -> bytes:
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
            line, = ax.plot(band["year"] + 1, band["mean"], marker="o",
                            label=named(design, names or {}))
            ax.fill_between(band["year"] + 1, band["low"], band["high"], alpha=0.2,
                            color=line.get_color())
        ax.axhline(0, color="black", linewidth=0.6)
        ax.set(title=named(org, names or {}), xlabel="year", ylabel="cumulative surplus (£m)")
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=4, fontsize=7)
    figure.suptitle("Surplus (+) or deficit (−) of each organisation, cumulative")
    return to_png(figure)


def pool_parts(settlements: pd.DataFrame, design: str,
               replications: int) -> tuple[float, pd.Series, pd.Series]:
    """A design's pool over the run, each party's share of it and each net transfer, in £m.

    Means over replications. A party's share (``amount_pence``) is what the rule assigns it
    from the pool, so the shares add to the pool; its net settlement transfer is that share
    less what it already held (``held_pence``), the money that actually moves.
    """
    part = settlements[settlements["design"] == design]
    pool = part.drop_duplicates(["seed", "agreement", "year"])["pool_pence"].sum()
    per_party = part.groupby("party")[["amount_pence", "held_pence"]].sum()
    shares = per_party["amount_pence"] / replications / 1e8
    transfers = (per_party["amount_pence"] - per_party["held_pence"]) / replications / 1e8
    return pool / replications / 1e8, shares, transfers


def pool_waterfall(settlements: pd.DataFrame, designs: list[str], replications: int,
                   names: dict[str, str] | None = None) -> bytes:
    """Per design with a risk share, two panels with one meaning each.

    Top: the pool over the run and each party's share of it, as a waterfall that walks
    from the pool down to zero (every pound of the pool is assigned). Bottom: the net
    settlement transfer to (+) or from (−) each party. Amounts are means over replications.
    """
    shared = [d for d in designs if not settlements.empty and (settlements["design"] == d).any()]
    if not shared:
        figure, ax = plt.subplots(figsize=(5, 1.5))
        ax.text(0.5, 0.5, "No design has a risk share: no pool.", ha="center", va="center")
        ax.set_axis_off()
        return to_png(figure)
    cols = len(shared)
    figure, axes = plt.subplots(2, cols, figsize=(4.2 * cols, 6.0), squeeze=False,
                                layout="constrained")
    label = lambda p: named(p, names or {})  # noqa: E731 — a one-line renamer
    for column, design in enumerate(shared):
        pool_m, shares, transfers = pool_parts(settlements, design, replications)
        top, bottom = axes[0][column], axes[1][column]
        _waterfall(top, pool_m, shares.rename(index=label))
        top.set(title=f"{label(design)}: the pool and each party's share",
                ylabel="£m over the run (mean of runs)")
        _transfers(bottom, transfers.rename(index=label))
        bottom.set(title=f"{label(design)}: net settlement transfers",
                   ylabel="£m received (+) or paid (−)")
    return to_png(figure)


def _transfers(ax: plt.Axes, transfers: pd.Series) -> None:
    colours = ["#27ae60" if amount >= 0 else "#c0392b" for amount in transfers]
    bars = ax.bar(range(len(transfers)), transfers.to_numpy(), color=colours)
    ax.bar_label(bars, labels=[f"{v:,.1f}" for v in transfers], fontsize=6)
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_xticks(range(len(transfers)), [str(p) for p in transfers.index], rotation=45,
                  ha="right", fontsize=7)


def _waterfall(ax: plt.Axes, pool_m: float, to_party: pd.Series) -> None:
    labels, bottoms, heights, colours = ["pool"], [0.0], [pool_m], ["#34495e"]
    level = pool_m
    for party, amount in to_party.items():
        labels.append(str(party))
        bottoms.append(level - amount)
        heights.append(amount)
        colours.append("#27ae60" if amount >= 0 else "#c0392b")
        level -= amount
    bars = ax.bar(range(len(labels)), heights, bottom=bottoms, color=colours)
    ax.bar_label(bars, labels=[f"{h:,.1f}" for h in heights], label_type="center", fontsize=6,
                 color="white")
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=7)


def activity_over_time(weekly: pd.DataFrame, designs: list[str],
                       names: dict[str, str] | None = None) -> bytes:
    """NEL admissions and DTOC bed days per 4-week period: mean and 95% band per design."""
    weekly = weekly.assign(period=weekly["week"] // WEEKS_PER_MONTH_BIN)
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 3.4), layout="constrained")
    for design in designs:
        part = weekly[weekly["design"] == design]
        per_run = part.groupby(["seed", "period"], as_index=False)[
            ["admissions", "dtoc_bed_days"]].sum()
        for ax, column in ((left, "admissions"), (right, "dtoc_bed_days")):
            band = _band(per_run, "period", column)
            months = (band["period"] + 1) * WEEKS_PER_MONTH_BIN / 52
            line, = ax.plot(months, band["mean"], label=named(design, names or {}))
            ax.fill_between(months, band["low"].clip(lower=0), band["high"], alpha=0.2,
                            color=line.get_color())
    left.set(title="NEL admissions per 4 weeks", xlabel="years", ylabel="admissions")
    right.set(title="Delayed-transfer bed days per 4 weeks", xlabel="years", ylabel="bed days")
    for ax in (left, right):
        ax.set_ylim(bottom=0)
    left.legend(fontsize=7)
    return to_png(figure)


LINE_MONEY = ("cost_pence", "contract_income_pence")
FIXED_REASONS = ("fixed_cost_out_pence", "semi_fixed_cost_out_pence")


def service_line_means(lines: pd.DataFrame, designs: list[str]) -> pd.DataFrame:
    """Per design, organisation, line and year: the means over replications, in pence.

    Cost, contract income and the fixed plus semi-fixed part of cost (``fixed_pence``).
    """
    fixed = [c for c in FIXED_REASONS if c in lines]
    frame = lines[lines["design"].isin(designs)].assign(
        fixed_pence=lines[fixed].sum(axis=1) if fixed else 0)
    keys = ["design", "organisation", "service_line", "year"]
    return frame.groupby(keys, sort=False, as_index=False)[
        [*LINE_MONEY, "fixed_pence"]].mean()


def service_lines(lines: pd.DataFrame, designs: list[str],
                  names: dict[str, str] | None = None) -> bytes:
    """Each integrated provider's lines: cost and contract income per year, £m.

    Cost solid, contract income hatched, the fixed plus semi-fixed part of cost a dark bar
    inside the cost bar; one panel per design and provider; means over replications.
    """
    means = service_line_means(lines, designs)
    panels = list(dict.fromkeys(zip(means["design"], means["organisation"], strict=True)))
    figure, axes = _grid(len(panels), width=5.0)
    for ax, (design, org) in zip(axes, panels, strict=False):
        part = means[(means["design"] == design) & (means["organisation"] == org)]
        families = list(dict.fromkeys(part["service_line"]))
        width = 0.8 / (2 * len(families))
        for i, family in enumerate(families):
            rows = part[part["service_line"] == family].sort_values("year")
            at = rows["year"].to_numpy() + 1 - 0.4 + (2 * i + 0.5) * width
            colour = SETTING_COLOURS.get(family, "grey")
            ax.bar(at, rows["cost_pence"] / 1e8, width=width, color=colour,
                   label=line_family_name(family))
            ax.bar(at + width, rows["contract_income_pence"] / 1e8, width=width,
                   facecolor="white", edgecolor=colour, hatch="///", linewidth=0.8)
            ax.bar(at, rows["fixed_pence"] / 1e8, width=width * 0.4, color="#444444")
        ax.axhline(0, color="black", linewidth=0.6)
        ax.set_xticks(sorted(set(part["year"].astype(int) + 1)))
        ax.set(title=f"{named(design, names or {})}: {named(org, names or {})}",
               xlabel="year", ylabel="£m in the year (mean of runs)")
    # one scale for every panel, so designs compare by bar height
    low = min(0.0, min(ax.get_ylim()[0] for ax in axes[:len(panels)]))
    high = max(ax.get_ylim()[1] for ax in axes[:len(panels)])
    for ax in axes[:len(panels)]:
        ax.set_ylim(low, high)
    handles, labels = axes[0].get_legend_handles_labels()
    handles += [plt.Rectangle((0, 0), 1, 1, facecolor="white", edgecolor="#888888",
                              hatch="///"), plt.Rectangle((0, 0), 1, 1, color="#444444")]
    labels += ["contract income (hatched)", "fixed + semi-fixed cost"]
    figure.legend(handles, labels, loc="outside lower center", ncols=5, fontsize=7)
    figure.suptitle("What each service line cost (solid) and earned from contracts (hatched)")
    return to_png(figure)
