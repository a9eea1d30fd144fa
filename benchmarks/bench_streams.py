"""Benchmark the population's draws: shared streams against streams keyed per person.

Run: ``.venv/bin/python benchmarks/bench_streams.py [--size 250000] [--weeks 260]
[--repeats 2]``. Both kinds of draws run the same engine, size, horizon and seed, in fresh
processes, alternating (shared first) so that load on the machine falls on both alike; the
ratio is the best per-person time over the best shared time. The person-keyed draws hold
their speed when the ratio is at most 1.20.
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

# Run as a script from anywhere: make the repository importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MODES = ("shared", "per_person")
LIMIT = 1.20


def bench_one(mode: str, size: int, weeks: int, seed: int) -> dict:
    """Build and step the engine alone; the steps are timed, the warm-up too."""
    from sim.population import (
        CareModifiers,
        PopulationEngine,
        PopulationParams,
        default_capacity_for,
    )

    params = PopulationParams(random_streams=mode)
    start = time.perf_counter()
    engine = PopulationEngine(params, size, np.random.SeedSequence(seed))
    built = time.perf_counter()
    capacity = default_capacity_for(size)
    admissions = 0
    for week in range(weeks):
        # Admission avoidance switched on at week 13, as a design's first decision would.
        avoid = 0.95 if week >= 13 else 1.0
        modifiers = CareModifiers(admission_hazard_multiplier=avoid)
        admissions += engine.step_week(week, capacity, modifiers).admissions
    done = time.perf_counter()
    return {
        "mode": mode,
        "warmup_weeks": engine.warmup_weeks_run,
        "init_seconds": round(built - start, 3),
        "run_seconds": round(done - built, 3),
        "admissions": admissions,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=250_000)
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--one", choices=MODES, help="run one mode in this process")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(bench_one(args.one, args.size, args.weeks, args.seed)))
        return
    best = {mode: float("inf") for mode in MODES}
    for _ in range(args.repeats):
        for mode in MODES:
            command = [sys.executable, __file__, "--one", mode, "--size", str(args.size),
                       "--weeks", str(args.weeks), "--seed", str(args.seed)]
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            result = json.loads(out)
            best[mode] = min(best[mode], result["run_seconds"])
            print(f"{mode:>10}: init {result['init_seconds']:.2f} s "
                  f"({result['warmup_weeks']} warm-up weeks), run {result['run_seconds']:.2f} s, "
                  f"{result['admissions']:,} admissions", flush=True)
    ratio = best["per_person"] / best["shared"]
    verdict = "holds" if ratio <= LIMIT else "does not hold"
    print(f"{args.size:,} people x {args.weeks} weeks: per-person / shared run time = "
          f"{ratio:.3f} (limit {LIMIT:.2f}: {verdict})")


if __name__ == "__main__":
    main()
