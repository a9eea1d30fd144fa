"""The meeting room's speed: a 3-replication Run at 50,000 people × 5 years, and its charts.

Measures what a press of Run does in the app (``viz.pipeline.run_and_draw``: the
replications in the worker pool, the first replication's charts drawn while the others
still run, then the chart of every replication together) and reports wall times and
their ratio to one single-seed run measured in the same process (so a loaded machine
shows up in both). "Chart drawing" is what is left to draw once the last run has
finished: the time between the runs ending and the results being ready to show. Aim:
results on screen under 10 s on 2 cores, chart drawing under 1.5 s.

    PYTHONPATH=. python benchmarks/meeting_room.py
"""

import os
import time

from experiments.names import all_names
from viz.components.views import draw_charts
from viz.ensemble import Ensemble
from viz.overrides import build_scenario
from viz.pipeline import run_and_draw
from viz.replicate import ReplicaPool
from viz.scenario_files import read_raw
from viz.session import run_to_end
from viz.settings import RunSettings


def timed_press(pool: ReplicaPool, scenario, settings, names) -> tuple[float, float, list]:
    """(seconds until every run finished, seconds until the charts were ready, ensemble)."""
    start = time.perf_counter()
    runs_done: list[float] = []
    [(ensemble, _)] = run_and_draw(pool, [(scenario, settings)], names,
                                   on_runs_done=lambda: runs_done.append(time.perf_counter()))
    return runs_done[0] - start, time.perf_counter() - start, ensemble


def main() -> None:
    raw = read_raw("scenarios/default.toml")
    names = all_names(raw)
    settings = RunSettings(design="capitation_gain_loss", seed=1, people=50_000, years=5)
    scenario = build_scenario(raw, settings)
    pool = ReplicaPool()
    try:
        start = time.perf_counter()
        pool.warm()
        warm = time.perf_counter() - start
        start = time.perf_counter()
        run_to_end(scenario, settings)
        single = time.perf_counter() - start
        presses = [timed_press(pool, scenario, settings, names) for _ in range(2)]
        ensemble = presses[-1][2]
        start = time.perf_counter()
        draw_charts(Ensemble(settings, ensemble.runs), names)
        charts_here = time.perf_counter() - start
    finally:
        pool.shutdown()
    print(f"load average (1, 5, 15 min) at the end: {os.getloadavg()}")
    print(f"workers started (once per server): {warm:.1f} s ({pool.workers} workers)")
    print(f"one run in the server process:       {single:.1f} s")
    print(f"all 6 charts drawn in one process:   {charts_here:.2f} s (for reference)")
    for label, (runs, total, _) in zip(("first Run after start", "a later Run"), presses,
                                       strict=True):
        print(f"{label}:")
        print(f"  3 replications in parallel:        {runs:.1f} s ({runs / single:.2f}×)")
        print(f"  chart drawing left after the runs: {total - runs:.2f} s (aim < 1.5 s)")
        print(f"  results on screen after Run:       {total:.1f} s (aim < 10 s)")


if __name__ == "__main__":
    main()
