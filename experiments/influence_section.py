"""Who has the influence? The compare report's section for each design with an agreement.

For each such design, on the comparison's own sample and its first few seeds (common
random numbers): the influence matrix (each agreement party's levers held vs free, see
``experiments.design.influence``) and the Shapley value of each party's part in the
system saving of acting as one (``experiments.design.coalitions``). The runs go into a
store of their own under the output folder, so a stopped comparison resumes.
"""

from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from rich.console import Console

from experiments.design.coalitions import (
    coalition_values,
    game_of,
    plan_coalitions,
    shapley_intervals,
    shapley_table,
)
from experiments.design.cost_lines import COST_LINES
from experiments.design.execute import execute
from experiments.design.influence import measure_influence, plan_influence
from experiments.design.paired import PairedPlan, read_scenario
from experiments.money_text import millions as _millions
from experiments.money_text import pounds
from experiments.names import named
from experiments.out_folder import write_atomically
from sim.scenario import Scenario

INFLUENCE_SEEDS = 2
"""Seeds per variant: enough for a mean and a rough interval at a bounded cost."""
STORE = "influence_runs"


@dataclass
class InfluenceResult:
    """One design's influence matrix and Shapley values, and how they were measured."""

    design: str
    parties: list[str]
    matrix: pd.DataFrame
    shapley: pd.DataFrame
    grand_value_gbp: float
    seeds: list[int]
    grand_interval_gbp: tuple[float, float] | None = None
    """95% interval of ``grand_value_gbp`` over the seeds (None: not measured)."""


def agreement_parties(scenario: Scenario, design: str) -> list[str]:
    """Every party to any of the design's agreements, in the scenario's organisation order."""
    named_parties = {p for a in scenario.design(design).agreements for p in a.parties}
    return [p for p in scenario.organisation_ids if p in named_parties]


def designs_with_agreements(scenario: Scenario, designs: list[str]) -> list[str]:
    """The designs (in order) that have at least one agreement with two or more parties."""
    return [d for d in designs if len(agreement_parties(scenario, d)) >= 2]


def plans_for(scenario_file: Path, design: str, *, seeds: int, base_seed: int,
              years: int | None, people: int | None) -> tuple[list[str], PairedPlan, PairedPlan]:
    """The agreement's parties, and the influence and coalition plans of one design."""
    raw, scenario = read_scenario(scenario_file)
    parties = agreement_parties(scenario, design)
    common = {"replications": seeds, "base_seed": base_seed, "years": years, "people": people}
    return (parties,
            plan_influence(scenario_file, raw, scenario, design, parties, **common),
            plan_coalitions(scenario_file, raw, scenario, design, parties, **common))


def measure(scenario_file: Path, designs: list[str], out_dir: Path, pool: Executor, *,
            seeds: int, base_seed: int, years: int | None, people: int | None,
            console: Console | None = None) -> list[InfluenceResult]:
    """Run and measure every design's influence and Shapley values.

    Raises:
        SweepError: When a run fails or is missing from the store.
    """
    store = out_dir / STORE
    results = []
    for design in designs:
        parties, influence, coalitions = plans_for(scenario_file, design, seeds=seeds,
                                                   base_seed=base_seed, years=years,
                                                   people=people)
        execute(list(influence.runs) + list(coalitions.runs), store, pool, console,
                f"influence: {design}")
        matrix = measure_influence(influence, store, parties, list(COST_LINES))
        values = coalition_values(coalitions, store)
        game = game_of(values)
        intervals = shapley_intervals(coalitions, store, parties)
        shapley = shapley_table(parties, game).merge(
            intervals[["party", "shapley_low_gbp", "shapley_high_gbp"]], on="party")
        grand = values[values["size"] == len(parties)].iloc[0]
        results.append(InfluenceResult(
            design, parties, matrix, shapley, game.get(frozenset(parties), 0.0),
            sorted({s.seed for s in influence.runs}),
            (float(grand["value_low_gbp"]), float(grand["value_high_gbp"]))))
    return results


def write_tables(out_dir: Path, results: list[InfluenceResult],
                 names: dict[str, str] | None = None) -> None:
    """``influence.parquet`` (design, party, line, £ and share) and ``shapley.parquet``."""
    if not results:
        return
    names = names or {}
    matrix = pd.concat([r.matrix.assign(design=r.design) for r in results], ignore_index=True)
    shapley = pd.concat([r.shapley.assign(design=r.design, grand_value_gbp=r.grand_value_gbp)
                         for r in results], ignore_index=True)
    for name, frame in (("influence", matrix), ("shapley", shapley)):
        frame["design_name"] = [named(d, names) for d in frame["design"]]
        frame["party_name"] = [named(p, names) for p in frame["party"]]
        write_atomically(out_dir / f"{name}.parquet",
                         lambda tmp, frame=frame: frame.to_parquet(tmp, index=False))


def shapley_reading(result: InfluenceResult, names: dict[str, str]) -> str:
    """One plain-English sentence on a design's Shapley values."""
    design = named(result.design, names)
    total_m = result.grand_value_gbp / 1e6
    if not result.grand_value_gbp:
        return f"Under {design}, acting as one made no measurable difference to system cost."
    top = result.shapley.loc[result.shapley["shapley_gbp"].abs().idxmax()]
    verb = "saves" if total_m > 0 else "costs"
    text = (f"Under {design}, all {len(result.parties)} parties acting as one {verb} the system "
            f"£{abs(total_m):,.1f}m over the run, and {named(str(top['party']), names)}'s part "
            f"is the largest, {millions(top['shapley_gbp'])} "
            f"({top['shapley_gbp'] / result.grand_value_gbp:.0%} of the whole).")
    if result.grand_interval_gbp is not None and includes_zero(*result.grand_interval_gbp):
        low, high = result.grand_interval_gbp
        text += (f" Its 95% interval ({millions(low)} to {millions(high)}) includes no "
                 "saving, so on these seeds it can't be told from none, and nor can the parts.")
    return text


def includes_zero(low: float, high: float) -> bool:
    """Whether an interval cannot be told from no difference."""
    return low <= 0 <= high


def interval_text(row) -> str:
    """A Shapley value's 95% interval, or a dash when it was not measured."""
    low, high = getattr(row, "shapley_low_gbp", None), getattr(row, "shapley_high_gbp", None)
    if low is None or high is None or low != low:
        return "–"
    told = "can't be told from none" if includes_zero(low, high) else "excludes none"
    return f"{millions(low)} to {millions(high)} ({told})"


def millions(value: float) -> str:
    """Pounds in millions to the nearest £10k: ``−£6.61m``."""
    return _millions(value, decimals=2)


def _percent(share: float) -> str:
    # No "−0%" for a party with no part; a dash when the whole is nil.
    return f"{round(share, 2) + 0.0:.0%}" if share == share else "–"


def heatmap(result: InfluenceResult, names: dict[str, str]) -> bytes:
    """Party × cost line: colour is the share of the line's movement, text the £ effect."""
    from experiments.design.cost_lines import LINE_LABELS
    from experiments.report.plots import plt, to_png

    matrix = result.matrix
    lines = list(dict.fromkeys(matrix["line"]))
    share = matrix.pivot(index="party", columns="line", values="share").reindex(
        index=result.parties, columns=lines)
    effect = matrix.pivot(index="party", columns="line", values="effect_gbp").reindex(
        index=result.parties, columns=lines)
    figure, ax = plt.subplots(figsize=(2.0 + 1.4 * len(lines), 1.2 + 0.55 * len(result.parties)),
                              layout="constrained")
    image = ax.imshow(share.to_numpy(), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(lines)), [LINE_LABELS.get(line, line) for line in lines],
                  rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(result.parties)), [named(p, names) for p in result.parties])
    for i, party in enumerate(result.parties):
        for j, line in enumerate(lines):
            value = float(share.loc[party, line])
            ax.text(j, i, f"{pounds(float(effect.loc[party, line]))}\n{value:.0%}",
                    ha="center", va="center", fontsize=7,
                    color="white" if value > 0.6 else "black")
    figure.colorbar(image, ax=ax, label="share of the line's movement")
    ax.set_title(f"Who moves each cost line? ({named(result.design, names)})")
    return to_png(figure)


def section_html(results: list[InfluenceResult], names: dict[str, str], people: int,
                 years: int) -> str:
    """The report's "Who has the influence?" section (empty when no design has an agreement)."""
    import base64

    from experiments.report.html import render_fragment

    if not results:
        return ""
    shown = []
    for result in results:
        rows = [{"party": str(r.party), "name": named(str(r.party), names),
                 "value": repr(float(r.shapley_gbp)), "text": millions(r.shapley_gbp),
                 "share": _percent(r.share_of_whole), "interval": interval_text(r)}
                for r in result.shapley.itertuples()]
        grand = result.grand_interval_gbp
        shown.append({"design": result.design, "name": named(result.design, names),
                      "png": base64.b64encode(heatmap(result, names)).decode("ascii"),
                      "rows": rows, "total": millions(result.grand_value_gbp),
                      "total_value": repr(float(result.grand_value_gbp)),
                      "total_interval": "–" if grand is None else
                      f"{millions(grand[0])} to {millions(grand[1])}",
                      "reading": shapley_reading(result, names),
                      "seeds": ", ".join(str(s) for s in result.seeds)})
    return render_fragment("influence.html.j2", designs=shown, people=people, years=years)
