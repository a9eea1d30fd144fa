"""Who has the influence? The page's measurement for the design on show, on a small sample.

The same measurement as the compare report's section (``experiments.influence_section``):
for the agreement's parties, paired runs on the same seeds with each party's levers held
(the influence matrix) and every coalition acting as one (Shapley values), for the
design *with the page's settings applied*. It is costly (the parties + 1 influence
variants and 2^n coalitions, on each seed), so it runs only on request, at a small
sample, in the page's worker processes, with a count of runs done.
"""

import tempfile
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from experiments.design.coalitions import coalition_values, game_of, plan_coalitions, shapley_table
from experiments.design.cost_lines import COST_LINES
from experiments.design.influence import measure_influence, plan_influence
from experiments.influence_section import (
    INFLUENCE_SEEDS,
    InfluenceResult,
    agreement_parties,
    millions,
    shapley_reading,
)
from experiments.names import named
from experiments.overrides import apply_overrides
from experiments.sweep.errors import SweepError
from experiments.sweep.runner import run_sweep
from experiments.sweep.store import ResultStore
from sim.scenario import Scenario
from viz.overrides import settings_overrides
from viz.settings import RunSettings

INFLUENCE_PEOPLE = 5_000
"""People simulated for the measurement at most: a small sample, as the cost demands."""
INFLUENCE_PEOPLE_ENV = "PLACESIM_APP_INFLUENCE_PEOPLE"


@dataclass(frozen=True)
class InfluencePlan:
    """What one press of the button runs: its parties, plans and the sample."""

    parties: list[str]
    influence: Any  # PairedPlan
    coalitions: Any  # PairedPlan
    people: int
    years: int

    @property
    def runs(self) -> list:
        """Every run of both plans (a run both need — everyone free — counted once)."""
        return list(self.influence.runs) + list(self.coalitions.runs)

    @property
    def unique_runs(self) -> int:
        """How many distinct runs there are to make."""
        return len({spec.run_id for spec in self.runs})


def plan_for(raw: dict[str, Any], scenario: Scenario, settings: RunSettings, source: str,
             people: int, seeds: int = INFLUENCE_SEEDS) -> InfluencePlan | None:
    """The measurement for the page's design and settings (``None``: no agreement to measure).

    Args:
        raw: The parsed scenario file (the page's settings are applied to a copy).
        scenario: The page's validated scenario (the same settings applied).
        settings: The page's settings: design, first seed, years.
        source: Where the scenario came from, for messages.
        people: People simulated per run.
        seeds: Seeds per variant, from the page's first seed.
    """
    parties = agreement_parties(scenario, settings.design)
    if len(parties) < 2:
        return None
    edited = apply_overrides(raw, settings_overrides(raw, settings))
    common = {"replications": seeds, "base_seed": settings.seed, "years": settings.years,
              "people": people}
    path = Path(source)
    return InfluencePlan(
        parties,
        plan_influence(path, edited, scenario, settings.design, parties, **common),
        plan_coalitions(path, edited, scenario, settings.design, parties, **common),
        people, settings.years)


def measure(plan: InfluencePlan, design: str, pool: Executor,
            on_run: Callable[[int, int], None] | None = None) -> InfluenceResult:
    """Make every run of the plan on ``pool`` and read the matrix and Shapley values.

    Args:
        plan: From :func:`plan_for`.
        design: The design measured.
        pool: Any executor (the page's worker processes).
        on_run: Called with (runs done, runs in all) as each run finishes.

    Raises:
        SweepError: When a run fails (its error is in the message).
    """
    total, done = plan.unique_runs, [0]

    def tick(_spec, _outcome) -> None:
        done[0] += 1
        if on_run is not None:
            on_run(done[0], total)

    with tempfile.TemporaryDirectory(prefix="placesim-influence-") as folder:
        store = Path(folder)
        summary = run_sweep(plan.runs, ResultStore(store), pool, on_result=tick)
        if summary.failed:
            raise SweepError(f"{summary.failed} of {total} influence runs failed")
        matrix = measure_influence(plan.influence, store, plan.parties, list(COST_LINES))
        game = game_of(coalition_values(plan.coalitions, store))
    return InfluenceResult(design, plan.parties, matrix, shapley_table(plan.parties, game),
                           game.get(frozenset(plan.parties), 0.0),
                           sorted({s.seed for s in plan.influence.runs}))


def shapley_rows(result: InfluenceResult, names: dict[str, str]) -> pd.DataFrame:
    """The Shapley table as shown: party, name, value (£), text (£m), share of the whole."""
    rows = [{"party": str(r.party), "name": named(str(r.party), names),
             "shapley_gbp": float(r.shapley_gbp), "text": millions(r.shapley_gbp),
             "share": r.share_of_whole} for r in result.shapley.itertuples()]
    rows.append({"party": "all", "name": "All acting as one",
                 "shapley_gbp": float(result.grand_value_gbp),
                 "text": millions(result.grand_value_gbp), "share": 1.0})
    return pd.DataFrame(rows)


def reading(result: InfluenceResult, names: dict[str, str]) -> str:
    """One sentence on the Shapley values (as in the compare report)."""
    return shapley_reading(result, names)
