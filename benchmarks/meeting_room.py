"""The meeting room's speed: a 3-replication Run at 50,000 people × 5 years, and its charts.

Reports wall times and their ratio to one single-seed run measured in the same process
(so a loaded machine shows up in both). Aim: results on screen under 10 s on 2 cores,
chart drawing under 1.5 s.

    PYTHONPATH=. python benchmarks/meeting_room.py
"""

import time

from experiments.names import all_names
from viz.components.views import draw_charts
from viz.ensemble import Ensemble
from viz.overrides import build_scenario
from viz.replicate import ReplicaPool, run_replicas
from viz.scenario_files import read_raw
from viz.session import run_to_end
from viz.settings import RunSettings


def main() -> None:
    raw = read_raw("scenarios/default.toml")
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
        start = time.perf_counter()
        runs = run_replicas(scenario, settings, pool)
        replicas = time.perf_counter() - start
        start = time.perf_counter()
        draw_charts(Ensemble(settings, runs), all_names(raw))
        charts_here = time.perf_counter() - start
        draw_charts(Ensemble(settings, runs), all_names(raw), pool)  # the workers' first draw
        start = time.perf_counter()
        draw_charts(Ensemble(settings, runs), all_names(raw), pool)
        charts = time.perf_counter() - start
    finally:
        pool.shutdown()
    print(f"workers started (once per server): {warm:.1f} s ({pool.workers} workers)")
    print(f"one run in the server process:       {single:.1f} s")
    print(f"3 replications in parallel:          {replicas:.1f} s ({replicas / single:.2f}×)")
    print(f"drawing the charts in one process:   {charts_here:.2f} s")
    print(f"drawing the charts in the pool:      {charts:.2f} s")
    print(f"results on screen after Run:         {replicas + charts:.1f} s (aim < 10 s)")


if __name__ == "__main__":
    main()
