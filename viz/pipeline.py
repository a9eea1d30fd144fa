"""A press of Run or Compare: the replications and their charts, overlapped in the pool.

The charts of a design's first replication (network, care, finance, pool) need only that
run, so they are queued in the pool's processes the moment it finishes, while the other
replications still run (with 3 replications on 2 workers one worker is otherwise idle for
the last run). Only the chart of every replication together (flow and outcomes, with its
band) waits for the last run, so little drawing is left once the runs are done.
"""

from collections.abc import Callable

from sim.scenario import Scenario
from viz.components.views import Chart, Drawing, detail_specs, ensemble_specs, in_order
from viz.ensemble import Ensemble
from viz.replicate import ReplicaPool, replica_settings
from viz.session import RunCancelled, RunOutcome
from viz.settings import RunSettings


def run_and_draw(pool: ReplicaPool, designs: list[tuple[Scenario, RunSettings]],
                 names: dict[str, str], *,
                 on_progress: Callable[[int], None] | None = None,
                 is_cancelled: Callable[[], bool] | None = None,
                 on_runs_done: Callable[[], None] | None = None,
                 ) -> list[tuple[Ensemble, list[Chart]]]:
    """Every replication of each design, in parallel, and each design's charts.

    Args:
        pool: The worker processes.
        designs: (scenario, settings) per design; each runs ``settings.replications``
            seeds from ``settings.seed`` (the same seeds for every design).
        names: Display names.
        on_progress: Weeks done, summed over every run.
        is_cancelled: Polled; when true the runs stop and ``RunCancelled`` is raised.
        on_runs_done: Called once every run has finished, before the last drawing.

    Returns:
        (ensemble, charts in page order) per design, in the order given.
    """
    jobs: list[tuple[Scenario, RunSettings]] = []
    first: dict[int, int] = {}  # index of a design's first replication in jobs → design
    for d, (scenario, settings) in enumerate(designs):
        first[len(jobs)] = d
        jobs += [(scenario, r) for r in replica_settings(settings)]
    details: dict[int, Drawing] = {}

    def start_details(index: int, outcome: RunOutcome) -> None:
        if index in first:
            d = first[index]
            replicated = designs[d][1].replications > 1
            details[d] = Drawing(detail_specs(outcome, names, replicated), pool)

    try:
        outcomes = pool.run(jobs, on_progress, is_cancelled, start_details)
    except RunCancelled:
        for drawing in details.values():
            drawing.cancel()
        raise
    if is_cancelled is not None and is_cancelled():  # superseded as the last run ended
        for drawing in details.values():
            drawing.cancel()
        raise RunCancelled
    if on_runs_done is not None:
        on_runs_done()
    ensembles, starts = [], sorted(first)
    for start, (_, settings) in zip(starts, designs, strict=True):
        ensembles.append(Ensemble(settings, outcomes[start:start + settings.replications]))
    together = [Drawing(ensemble_specs(e), pool) for e in ensembles]
    return [(e, in_order(details[d], together[d], design=e.settings.design))
            for d, e in enumerate(ensembles)]
