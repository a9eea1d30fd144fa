"""Sweep throughput: runs per minute with 1 and 2 local workers and a 2-worker dask cluster.

    python benchmarks/bench_sweep.py                      # 200 runs, 100,000 people, 5 years
    python benchmarks/bench_sweep.py --runs 16 --people 20000 --years 1   # a quick look

Each configuration runs the same plan (designs x replications, as many as --runs asks)
into a fresh temporary store, so nothing is skipped; results are identical across
executors, only the time differs.
"""

import argparse
import tempfile
import time
import tomllib
from pathlib import Path

from experiments.sweep import ResultStore, run_sweep
from experiments.sweep.executors import dask_executor, local_executor
from experiments.sweep.plan import make_runs

ROOT = Path(__file__).resolve().parents[1]


def plan(runs: int, people: int, years: int):
    raw = tomllib.loads((ROOT / "scenarios" / "default.toml").read_text(encoding="utf-8"))
    designs = list(raw["designs"])
    replications = -(-runs // len(designs))
    specs = make_runs(raw, "scenarios/default.toml", designs, [{}], replications=replications,
                      base_seed=1, years=years, people=people)
    return specs[:runs]


def timed(label: str, executor_context, specs) -> float:
    with tempfile.TemporaryDirectory() as folder, executor_context as pool:
        start = time.perf_counter()
        summary = run_sweep(specs, ResultStore(folder), pool)
        minutes = (time.perf_counter() - start) / 60
    rate = summary.done / minutes
    print(f"{label:<28} {summary.done:>4} runs ({summary.failed} failed) in "
          f"{minutes * 60:7.1f} s = {rate:6.1f} runs/min", flush=True)
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    specs = plan(args.runs, args.people, args.years)
    print(f"{len(specs)} runs of {args.people:,} people for {args.years} years")
    timed("local, 1 worker", local_executor(1), specs)
    timed("local, 2 workers", local_executor(2), specs)
    timed("dask LocalCluster, 2 workers", dask_executor(None, 2), specs)


if __name__ == "__main__":
    main()
