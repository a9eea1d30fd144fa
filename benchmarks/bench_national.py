"""National throughput and memory: footprints at full population on 1 and 2 local workers.

    python benchmarks/bench_national.py                          # all 42, 5 years, 1 and 2 workers
    python benchmarks/bench_national.py --icb QOC --years 1 --workers 1   # smallest ICB
    python benchmarks/bench_national.py --icb QOP --population registered --years 1 --workers 1

Each configuration runs the same plan into a fresh temporary store with the national run
function (which records each worker's peak resident memory). Reported: wall seconds,
person-weeks per second overall and per task, peak memory per worker, the speed-up from
1 to 2 workers, and a bare numpy kernel measured in the same run as the baseline (its
ratio is comparable across machines). From the core-seconds per person-week it projects
4 designs x 42 footprints x 10 replications x 5 years on 64 cores.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pandas as pd  # noqa: E402
from bench_model import bare_kernel  # noqa: E402

from experiments.national.footprints import PopulationBasis  # noqa: E402
from experiments.national.plan import NationalSettings  # noqa: E402
from experiments.national.run import WORKER_CPU, WORKER_MEMORY, execute, prepare  # noqa: E402
from experiments.sweep.executors import local_executor  # noqa: E402
from experiments.sweep.store import ResultStore, load_runs  # noqa: E402

ENGLAND_PEOPLE = 57_690_000
PROJECTION = {"designs": 4, "replications": 10, "years": 5, "cores": 64}


def timed(plan, workers: int) -> dict:
    """Run the plan on ``workers`` local processes; wall time, throughput and memory."""
    with tempfile.TemporaryDirectory() as folder, local_executor(workers) as pool:
        start = time.perf_counter()
        summary = execute(plan, ResultStore(folder), pool)
        wall = time.perf_counter() - start
        runs = load_runs(folder)
    weeks = plan.total_person_weeks
    return {"workers": workers, "wall_s": wall, "done": summary.done,
            "failed": summary.failed, "person_weeks": weeks,
            "person_weeks_per_s": weeks / wall,
            "task_wall_s": float(runs["seconds"].sum()) if not runs.empty else float("nan"),
            "task_core_s": float(runs[WORKER_CPU].sum()) if not runs.empty else float("nan"),
            "peak_mib": float(runs[WORKER_MEMORY].max()) if not runs.empty else float("nan"),
            "runs": runs}


def scheduled_speedup(cpu_seconds: list[float], workers: int) -> float:
    """Speed-up of ``workers`` over one if each task took its CPU seconds (greedy, in order).

    Independent of other load on the machine: the limit set by task sizes alone.
    """
    finish = [0.0] * workers
    for seconds in cpu_seconds:
        finish[finish.index(min(finish))] += seconds
    return sum(cpu_seconds) / max(finish)


def projection(core_s_per_person_week: float) -> str:
    """Wall time of the projected national batch on the projected cluster."""
    p = PROJECTION
    weeks = ENGLAND_PEOPLE * p["years"] * 52 * p["designs"] * p["replications"]
    core_s = weeks * core_s_per_person_week
    return (f"projection: {p['designs']} designs x 42 footprints x {p['replications']} "
            f"replications x {p['years']} years = {weeks / 1e9:,.0f}bn person-weeks = "
            f"{core_s / 60:,.0f} core-minutes = {core_s / 60 / p['cores']:,.1f} minutes on "
            f"{p['cores']} cores (perfect scaling; 168 tasks per design-replication set)")


def report(result: dict) -> None:
    """Print one configuration's figures and its largest tasks."""
    print(f"{result['workers']} worker(s): {result['done']} tasks ({result['failed']} failed) "
          f"in {result['wall_s']:,.1f} s wall; {result['person_weeks'] / 1e6:,.1f}M "
          f"person-weeks = {result['person_weeks_per_s'] / 1e6:,.2f}M person-weeks/s; "
          f"tasks' CPU seconds {result['task_core_s']:,.1f} (wall in worker "
          f"{result['task_wall_s']:,.1f}); peak per worker "
          f"{result['peak_mib']:,.0f} MiB", flush=True)
    runs = result["runs"]
    if not runs.empty:
        ordered = runs.sort_values("simulated_people", ascending=False)
        shown = pd.concat([ordered.head(3), ordered.tail(1)]).drop_duplicates("run_id")
        for _, row in shown.iterrows():
            print(f"   {row['icb_code']} {row['simulated_people']:>10,} people: "
                  f"{row[WORKER_CPU]:6.1f} CPU s ({row['seconds']:.1f} s wall), worker peak "
                  f"{row[WORKER_MEMORY]:,.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", type=Path, default=ROOT / "scenarios" / "default.toml")
    parser.add_argument("--design", default="activity_based")
    parser.add_argument("--icb", nargs="*", default=None, help="ICB codes (default: all 42)")
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--population", default="resident", choices=["resident", "registered"])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    settings = NationalSettings(designs=(args.design,), years=args.years, scale=args.scale,
                                seed=args.seed, basis=PopulationBasis(args.population))
    plan = prepare(args.template, settings, args.icb)
    smallest = min(s.people or s.scenario_raw["population"]["size"] for s in plan.runs)
    kernel = bare_kernel(smallest, args.years * 52, args.seed)
    print(f"{len(plan.runs)} tasks, {plan.total_person_weeks / 1e6:,.1f}M person-weeks; "
          f"bare kernel for {smallest:,} people x {args.years * 52} weeks: {kernel:.2f} s "
          f"= {smallest * args.years * 52 / kernel / 1e6:,.1f}M person-weeks/s", flush=True)
    results = [timed(plan, w) for w in args.workers]
    for result in results:
        report(result)
    by_workers = {r["workers"]: r for r in results}
    if 1 in by_workers and 2 in by_workers:
        print(f"speed-up 1 -> 2 workers: "
              f"{by_workers[1]['wall_s'] / by_workers[2]['wall_s']:.2f}x")
    cpu = [float(v) for v in results[0]["runs"].sort_values("sample")[WORKER_CPU]]
    print(f"speed-up 1 -> 2 workers from tasks' CPU seconds (no other load): "
          f"{scheduled_speedup(cpu, 2):.2f}x")
    best = results[0]
    per_week = best["task_core_s"] / best["person_weeks"]
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")
    print(f"CPU seconds per million person-weeks: {per_week * 1e6:.3f} "
          f"(run/kernel ratio {per_week / (kernel / (smallest * args.years * 52)):.1f})")
    print(projection(per_week))


if __name__ == "__main__":
    main()
