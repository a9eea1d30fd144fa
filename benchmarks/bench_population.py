"""Benchmark the population engine alone: wall time, throughput and peak memory.

Run: ``.venv/bin/python benchmarks/bench_population.py [--sizes 250000 1000000] [--weeks 260]``.
Each size runs in a fresh process so that peak memory (ru_maxrss) belongs to that size.
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

# Run as a script from anywhere: make the repository importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def bench_one(size: int, weeks: int, seed: int) -> dict:
    from sim.population import (
        CareModifiers,
        PopulationEngine,
        PopulationParams,
        default_capacity_for,
    )

    start = time.perf_counter()
    engine = PopulationEngine(PopulationParams(), size, np.random.SeedSequence(seed))
    built = time.perf_counter()
    capacity, modifiers = default_capacity_for(size), CareModifiers()
    admissions = 0
    for week in range(weeks):
        admissions += engine.step_week(week, capacity, modifiers).admissions
    done = time.perf_counter()
    person_weeks = size * weeks
    return {
        "size": size,
        "weeks": weeks,
        "init_seconds": round(built - start, 3),
        "run_seconds": round(done - built, 3),
        "person_weeks_per_second": round(person_weeks / (done - built)),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "admissions": admissions,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250_000, 1_000_000])
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one", action="store_true", help="run one size in this process")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(bench_one(args.sizes[0], args.weeks, args.seed)))
        return
    for size in args.sizes:
        command = [
            sys.executable,
            __file__,
            "--one",
            "--sizes",
            str(size),
            "--weeks",
            str(args.weeks),
            "--seed",
            str(args.seed),
        ]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        result = json.loads(out)
        print(
            f"{result['size']:>9,} people x {result['weeks']} weeks: "
            f"init {result['init_seconds']:.2f} s, run {result['run_seconds']:.2f} s, "
            f"{result['person_weeks_per_second'] / 1e6:.0f}M person-weeks/s, "
            f"peak RSS {result['peak_rss_mib']:.0f} MiB"
        )


if __name__ == "__main__":
    main()
