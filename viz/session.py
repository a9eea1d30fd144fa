"""Running the model for the page: build, step in chunks, and package what the charts need.

A run is built and stepped through the one run path (``experiments.runs``: ``build``,
then ``advance`` a chunk of weeks at a time) so that progress can be shown and a newer
request can stop an older one between chunks; nothing here is shared between browser
sessions (each session holds its own ``RunOutcome`` in component state).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx

from experiments import runs
from experiments.runs import CHUNK_WEEKS, RunCancelled, advance
from sim.core.calendar import WEEKS_PER_YEAR
from sim.model import CareSystemModel
from sim.outputs import RunResults
from sim.outputs.outcomes import (
    activity_outcomes,
    cost_outcomes,
    organisation_outcomes,
    service_line_outcomes,
    share_outcomes,
)
from sim.scenario import Scenario
from viz.settings import RunSettings

# The app's verbs come from the one run path; re-exported for the page.
__all__ = ["CHUNK_WEEKS", "RunCancelled", "RunOutcome", "advance", "headline", "new_model",
           "outcome_of", "run_to_end"]


@dataclass
class RunOutcome:
    """What one finished (or stepped) run hands to the views.

    Attributes:
        settings: The settings the run was made with (to tell when it is stale).
        results: The model's output tables.
        graph: A copy of the organisation graph at the end of the run.
        weeks_done: Weeks simulated so far.
        total_weeks: Weeks the run is meant to cover.
        headline: Headline figures (empty until a week has been run).
    """

    settings: RunSettings
    results: RunResults
    graph: nx.MultiDiGraph
    weeks_done: int
    total_weeks: int
    headline: dict[str, float] = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        """Whether the whole horizon has been run."""
        return self.weeks_done >= self.total_weeks

    @property
    def last_year(self) -> int:
        """The last model year with at least one week run (0-based)."""
        return max(0, (self.weeks_done - 1) // WEEKS_PER_YEAR)


def new_model(scenario: Scenario, settings: RunSettings) -> CareSystemModel:
    """The model for these settings (same seed, same population draws, whatever the design)."""
    return runs.build(scenario, design=settings.design, seed=settings.seed,
                      people=settings.people, years=settings.years)


HEADLINE = ("nel_admissions_per_1000_final_year", "mean_los_days", "dtoc_bed_days_final_year",
            "system_cost_gbp", "cost_per_head_per_year_gbp")


def headline(results) -> dict[str, float]:
    """The figures the page leads with, from the same outcome definitions as compare."""
    outcomes = {**activity_outcomes(results.system_weekly),
                **cost_outcomes(results.system_weekly, results.finance_annual),
                **share_outcomes(results.care_shares_annual),
                **organisation_outcomes(results.finance_annual)}
    figures = {name: outcomes[name] for name in HEADLINE}
    figures.update({k: v for k, v in outcomes.items() if k.startswith(("share_", "surplus_"))})
    # An integrated provider's service lines, each line's cost and contract income.
    figures.update(service_line_outcomes(results))
    return figures


def outcome_of(model: CareSystemModel, settings: RunSettings) -> RunOutcome:
    """Package the model's current state for the views."""
    results = model.results()
    figures = headline(results) if model.week > 0 and not results.finance_annual.empty else {}
    return RunOutcome(settings=settings, results=results, graph=model.graph.copy(),
                      weeks_done=model.week, total_weeks=model.years * WEEKS_PER_YEAR,
                      headline=figures)


def run_to_end(scenario: Scenario, settings: RunSettings,
               on_progress: Callable[[int], None] | None = None,
               is_cancelled: Callable[[], bool] | None = None) -> RunOutcome:
    """Build a fresh model for the settings and run its whole horizon."""
    model = new_model(scenario, settings)
    advance(model, runs.total_weeks(model), on_progress, is_cancelled)
    return outcome_of(model, settings)
