"""What the designer hands back: the Pareto set, a recommended deal as files, and why.

The recommended deal is the feasible Pareto candidate whose smallest party gains most
(ties: the lower system cost). It is written twice: as a scenario holding the status quo
and the designed deal (``placesim compare FILE --designs status_quo,designed``) and as a
settlement file of its first-year figures (``placesim settle FILE``).
"""

import copy
import io
import json
from pathlib import Path

import pandas as pd

from experiments.design.deal import pareto_front
from experiments.design.designer import (
    CANDIDATE,
    STATUS_QUO,
    DesignProblem,
    candidate_design,
    runs_for,
)

DESIGNED = "designed"


def feasible_front(table: pd.DataFrame) -> pd.DataFrame:
    """The Pareto set of the feasible candidates (empty when none is feasible)."""
    feasible = table[table["feasible"]] if len(table) else table
    return pareto_front(feasible) if len(feasible) else feasible


def recommend(table: pd.DataFrame) -> pd.Series | None:
    """The feasible Pareto candidate with the largest smallest gain, or None."""
    front = feasible_front(table)
    if front.empty:
        return None
    return front.sort_values(["smallest_gain_gbp", "system_cost_gbp"],
                             ascending=[False, True]).iloc[0]


def closest(table: pd.DataFrame) -> pd.Series | None:
    """The candidate that misses the constraints by the fewest pounds."""
    if table.empty:
        return None
    return table.sort_values(["violation_gbp", "system_cost_gbp"]).iloc[0]


def write_deal(problem: DesignProblem, row: pd.Series, out: Path) -> tuple[Path, Path]:
    """Write the recommended deal as a scenario for compare and a file for settle."""
    import tomli_w

    agreement = json.loads(row["agreement"])
    raw = copy.deepcopy(problem.raw)
    raw["designs"] = {STATUS_QUO: problem.status_quo,
                      DESIGNED: {**candidate_design(problem, agreement),
                                 "description": "Deal found by placesim design-agreement."}}
    scenario_path = out / "recommended_scenario.toml"
    scenario_path.write_text(tomli_w.dumps(raw), encoding="utf-8")
    settle_path = out / "recommended_agreement.toml"
    figures = first_year_figures(problem, agreement, out)
    settle_path.write_text(tomli_w.dumps({"agreement": agreement, "figures": figures}),
                           encoding="utf-8")
    return scenario_path, settle_path


def first_year_figures(problem: DesignProblem, agreement: dict, out: Path) -> dict:
    """Baseline and out-turn of the deal's first settled year (base case, first seed)."""
    runs = runs_for(problem, CANDIDATE, candidate_design(problem, agreement))
    first = next(s for s in runs if s.sample == 0)
    path = out / "tables" / "settlements" / f"{first.run_id}.parquet"
    if path.is_file():
        rows = pd.read_parquet(path)
        row = rows[rows["agreement"] == agreement["name"]].sort_values("year").iloc[0]
        return {"year": int(row["year"]) + 1, "baseline_gbp": _gbp(row["baseline_pence"]),
                "outturn_gbp": _gbp(row["outturn_pence"])}
    return {"year": 1, "baseline_gbp": "0.00", "outturn_gbp": "0.00"}


def _gbp(pence) -> str:
    pence = int(pence)
    return f"{'-' if pence < 0 else ''}{abs(pence) // 100}.{abs(pence) % 100:02d}"


def account(problem: DesignProblem, row: pd.Series) -> list[str]:
    """Plain English: why each party is better off, and what happens to it in the worst case."""
    cases = ", ".join(s.label for s in problem.stresses)
    lines = [f"The deal costs the system £{row['system_cost_gbp'] / 1e6:,.1f}m over the run "
             f"(mean of {len(problem.seeds)} seeds); cases tried: {cases}."]
    for party in problem.parties:
        gain, worst = row[f"expected_{party}_gbp"], row[f"worst_{party}_gbp"]
        limit = problem.max_loss_gbp.get(party)
        stated = ("no loss limit stated" if limit is None else
                  f"within its stated loss limit of £{limit:,.0f}")
        lines.append(f"{party}: better off by £{gain:,.0f} in expectation than under the "
                     f"status quo; in the worst case ({row[f'worst_case_{party}']}) it "
                     f"{'gains' if worst >= 0 else 'loses'} £{abs(worst):,.0f} ({stated}).")
    return lines


def no_deal_account(problem: DesignProblem, row: pd.Series | None) -> list[str]:
    """Plain English when no candidate satisfies every party: the closest and who blocks it."""
    lines = ["No deal satisfies every party: none of the candidates tried gives every party "
             "a gain in expectation within its loss limit."]
    if row is None:
        return lines
    lines.append(f"Closest (candidate {int(row['trial'])}): blocked by {row['blocked_by']}.")
    for party in problem.parties:
        lines.append(f"{party}: expects £{row[f'expected_{party}_gbp']:,.0f}; worst case "
                     f"({row[f'worst_case_{party}']}) £{row[f'worst_{party}_gbp']:,.0f}.")
    return lines


def pareto_png(table: pd.DataFrame) -> bytes:
    """System cost against the smallest party's gain for every candidate, front marked."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for feasible, colour, name in ((False, "#bbbbbb", "fails a constraint"),
                                   (True, "#1f77b4", "every party signs")):
        part = table[table["feasible"] == feasible] if len(table) else table
        ax.scatter(part["system_cost_gbp"] / 1e6, part["smallest_gain_gbp"] / 1e3, s=18,
                   c=colour, label=name)
    front = feasible_front(table)
    if len(front):
        ax.plot(front["system_cost_gbp"] / 1e6, front["smallest_gain_gbp"] / 1e3, "-o",
                c="#d62728", label="Pareto set")
    ax.axhline(0, c="black", lw=0.5)
    ax.set_xlabel("system cost over the run (£m)")
    ax.set_ylabel("smallest party's expected gain (£k)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    plt.close(fig)
    return buffer.getvalue()
