"""Comparing designs: every design on the same seeds, with intervals and paired differences.

Runs go through the sweep runner (so a stopped comparison resumes), land in a Parquet
store under the output folder, and the report is built from that store alone:
``summary.parquet`` and ``paired.parquet`` hold exactly the numbers ``report.html`` shows.
The store keeps the model's own tables (pence, years from 0) for the report and for
resuming; ``export/<table>.csv`` holds the same rows as people read them (pounds, years
from 1, display names; :mod:`experiments.exports`, docs/outputs.md).
Every run also runs its whole-system planner twin on the same seed, for the silo index.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from experiments.exports import NAMES_FILE, names_table, readable
from experiments.out_folder import write_atomically
from experiments.report import html, plots
from experiments.report.board import board_rows
from experiments.report.reading import readings
from experiments.report.stats import paired_differences, summarise
from experiments.sweep.plan import RunSpec, make_runs
from experiments.sweep.store import TABLES, load_runs, load_table
from sim.scenario import Scenario, ScenarioError, scenario_from_dict
from sim.scenario.loader import read_toml
from sim.scenario.sample import sample_problems

HEADLINE = ("system_cost_gbp", "cost_per_head_per_year_gbp",
            "nel_admissions_per_1000_final_year", "dtoc_bed_days_final_year", "pool_gbp",
            "silo_index")

@dataclass
class Comparison:
    """The numbers of a comparison, as written to Parquet and shown in the report."""

    designs: list[str]
    runs: pd.DataFrame
    summary: pd.DataFrame
    paired: pd.DataFrame
    readings: dict[str, str]


def plan_compare(scenario_file: Path, designs: list[str] | None, replications: int,
                 years: int | None, people: int | None, allow_upsample: bool = False,
                 ) -> tuple[Scenario, list[RunSpec]]:
    """Check the scenario and designs, and list the runs (designs × replications).

    Raises:
        ScenarioError: Naming the file and each problem (including unknown designs).
    """
    raw = read_toml(scenario_file, "a scenario")
    scenario = scenario_from_dict(raw, source=scenario_file)
    chosen = designs or list(scenario.designs)
    unknown = [d for d in chosen if d not in scenario.designs]
    if unknown:
        raise ScenarioError(scenario_file, [
            f"--designs: unknown design '{d}'; known: {', '.join(scenario.designs)}"
            for d in unknown])
    problems = sample_problems(scenario, people, allow_upsample)
    if problems:
        raise ScenarioError(scenario_file, problems)
    runs = make_runs(raw, str(scenario_file), chosen, [{}], replications=replications,
                     base_seed=scenario.meta.seed, years=years, people=people,
                     silo_index=True)
    return scenario, runs


def analyse(out_dir: Path, runs: list[RunSpec], years: int,
            names: dict[str, str] | None = None) -> Comparison:
    """Summaries, paired differences and readings from the store (plan's runs only)."""
    designs = list(dict.fromkeys(spec.design for spec in runs))
    ids = {spec.run_id for spec in runs}
    frame = load_runs(out_dir)
    frame = frame[frame["run_id"].isin(ids)].reset_index(drop=True)
    summary = summarise(frame, designs)
    paired = paired_differences(frame, designs)
    return Comparison(designs, frame, summary, paired, readings(summary, paired, designs,
                                                                float(years), names))


def make_plots(out_dir: Path, comparison: Comparison,
               names: dict[str, str] | None = None) -> dict[str, bytes]:
    """The report's plots from the stored tables."""
    ids = set(comparison.runs["run_id"])

    def table(name: str) -> pd.DataFrame:
        frame = load_table(out_dir, name)
        return frame[frame["run_id"].isin(ids)] if not frame.empty else frame

    designs = comparison.designs
    replications = int(comparison.runs.groupby("design").size().max())
    weekly = table("system_weekly")
    lines = table("service_lines_annual")  # absent (empty) without an integrated provider
    return {
        PLOT_ACTIVITY: plots.activity_over_time(weekly, designs, names),
        PLOT_SURPLUS: plots.surplus_over_time(table("finance_annual"), designs, names),
        **({PLOT_LINES: plots.service_lines(lines, designs, names)} if not lines.empty
           else {}),
        PLOT_POOL: plots.pool_waterfall(table("settlements"), designs, replications, names),
        PLOT_CARE: plots.care_shift(weekly, designs, names),
    }


PLOT_ACTIVITY = "Emergency admissions and delayed transfers over time"
PLOT_SURPLUS = "Each organisation's surplus over time"
PLOT_LINES = "What each service line cost and earned"
PLOT_POOL = "The gain/loss pool, each party's share, and the net transfers"
PLOT_CARE = "Care shift: where short-term care is delivered"
CAPTIONS = {
    PLOT_ACTIVITY: "Lines are the mean over replications; shaded bands their 95% interval.",
    PLOT_SURPLUS: "Cumulative surplus (+) or deficit (−) of each organisation; bands are 95%"
                  " intervals over replications.",
    PLOT_LINES: "An integrated provider's service lines: each line's cost (solid) and what"
                " contracts naming it paid (hatched) per year, with the fixed plus semi-fixed"
                " part of the cost as the dark inner bar (£m, mean of runs); allocations,"
                " settlements and efficiency savings are the organisation's as a whole, not"
                " a line's.",
    PLOT_POOL: "Top: the pool over the run and each party's share of it under the sharing"
               " rule; bottom: the net settlement transfer, which is a party's share less"
               " what it already held, so it is the money that actually moves (£m, mean of"
               " runs).",
    PLOT_CARE: "Hospital, discharge to assess, community beds and reablement as shares of"
               " short-term care days; long-term social care is left out because it is most"
               " care days and moves slowly under every design.",
}


EXPORT_DIR = "export"


def write_exports(out_dir: Path, comparison: Comparison,
                  names: dict[str, str] | None = None) -> list[Path]:
    """Write each stored table of the comparison's runs as ``export/<table>.csv``.

    Returns:
        The files written, one per table the store kept (empty tables are skipped).
    """
    ids = set(comparison.runs["run_id"])
    folder = out_dir / EXPORT_DIR
    folder.mkdir(exist_ok=True)
    tables = sorted(p.name for p in (out_dir / TABLES).iterdir() if p.is_dir()) \
        if (out_dir / TABLES).is_dir() else []
    paths = []
    for name in tables:
        frame = load_table(out_dir, name)
        frame = frame[frame["run_id"].isin(ids)] if not frame.empty else frame
        if frame.empty:
            continue
        shown = readable(name, frame.reset_index(drop=True), names)
        paths.append(write_atomically(folder / f"{name}.csv",
                                      lambda tmp, shown=shown: shown.to_csv(tmp, index=False)))
    return paths


def write_names(out_dir: Path, scenario: Scenario) -> Path:
    """Write ``export/names.csv``: every organisation, design and service line's name."""
    lookup = names_table(scenario)
    (out_dir / EXPORT_DIR).mkdir(parents=True, exist_ok=True)
    return write_atomically(out_dir / EXPORT_DIR / NAMES_FILE,
                            lambda tmp: lookup.to_csv(tmp, index=False))


def write_report(out_dir: Path, comparison: Comparison, title: str, intro: str,
                 names: dict[str, str] | None = None, influence: str = "") -> Path:
    """Write ``summary.parquet``, ``paired.parquet``, ``export/*.csv`` and ``report.html``.

    ``influence`` is the optional "Who has the influence?" section (see
    ``experiments.influence_section``).

    Returns:
        The report's path.
    """
    board = board_rows(comparison.summary, comparison.paired, comparison.runs,
                       comparison.designs, names or {})
    replications = int(comparison.runs.groupby("design").size().max())
    # Each file renamed into place whole, so a reader never opens half a report.
    for name, frame in (("summary", comparison.summary), ("paired", comparison.paired)):
        frame = readable(name, frame, names)
        write_atomically(out_dir / f"{name}.parquet",
                         lambda tmp, frame=frame: frame.to_parquet(tmp, index=False))
    write_exports(out_dir, comparison, names)
    page = html.render(title, intro, comparison.summary, comparison.paired,
                       comparison.designs, comparison.readings,
                       make_plots(out_dir, comparison, names), board=board, names=names,
                       captions=CAPTIONS, replications=replications, influence=influence)
    return write_atomically(out_dir / "report.html",
                            lambda tmp: tmp.write_text(page, encoding="utf-8"))
