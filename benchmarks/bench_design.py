"""Benchmark the agreement designer: one batch of candidates, against a single run.

Run: ``.venv/bin/python benchmarks/bench_design.py [--people 50000] [--years 5]
[--seeds 5] [--batch 4] [--workers 2] [--budget 200]``.

It times a single model run and one batch of ``--batch`` candidates (each ``--seeds`` seeds
× the base case, and the two stress cases for candidates every party would sign in the base
case) on the local executor, counts the runs the base-case screen saved, reports the
batch's time as a ratio of the single run (the overhead of search, storage and workers),
and extrapolates the full ``--budget`` from the batch. Timings are of this machine in this process.
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PLACE = Path(__file__).resolve().parents[1] / "scenarios" / "default.toml"


def main() -> None:
    """Time one run and one batch; print JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--budget", type=int, default=200)
    args = parser.parse_args()

    from experiments.design.designer import make_problem, search
    from experiments.runs import run
    from experiments.sweep.executors import local_executor
    from sim.scenario import load_scenario

    start = time.perf_counter()
    run(load_scenario(PLACE), design="capitation_gain_loss", seed=1, years=args.years,
        people=args.people)
    one_run = time.perf_counter() - start
    problem = make_problem(PLACE, "capitation_gain_loss", ["shares"],
                           ["half_benefit", "demand+2%"], args.batch, replications=args.seeds,
                           seed=1, years=args.years, people=args.people)
    runs_per_candidate = args.seeds * len(problem.stresses)
    with tempfile.TemporaryDirectory() as out, local_executor(args.workers) as pool:
        start = time.perf_counter()
        table = search(problem, Path(out), pool, batch=args.batch)
        batch_seconds = time.perf_counter() - start
        runs = len(list((Path(out) / "runs").glob("*.parquet")))
    # Candidates some party would not sign in the base case skip their stress runs.
    screened_out = int((~table["stress_tested"]).sum()) if len(table) else 0
    per_candidate = (batch_seconds - one_run * runs_per_candidate / args.workers) / args.batch
    print(json.dumps({
        "people": args.people, "years": args.years, "seeds": args.seeds,
        "workers": args.workers, "single_run_seconds": round(one_run, 2),
        "batch_runs": runs, "batch_runs_without_screen": (args.batch + 1) * runs_per_candidate,
        "candidates_screened_out_by_base_case": screened_out,
        "batch_seconds": round(batch_seconds, 1),
        "batch_over_serial_runs_ratio": round(batch_seconds / (runs * one_run), 3),
        "extrapolated_budget_minutes": round(per_candidate * args.budget / 60, 1),
    }, indent=2))


if __name__ == "__main__":
    main()
