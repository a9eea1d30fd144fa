"""Benchmark the population's draws: shared streams against streams keyed per person.

Run: ``.venv/bin/python benchmarks/bench_streams.py [--size 250000] [--weeks 260]
[--repeats 5] [--model]``. Both kinds of draws run the same engine, size, horizon and seed
(``--model``: the whole model of the default place, its first design, through the one run
path, for ``weeks // 52`` years), in fresh
processes, alternating (shared first) so that load on the machine falls on both alike. The
time is the process's CPU time over the weekly steps (wall time on a shared machine swings
by half between identical runs); the ratio is the median per-person time over the median
shared time. The person-keyed draws hold their speed when the ratio is at most 1.20.
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
    start = time.process_time()
    engine = PopulationEngine(params, size, np.random.SeedSequence(seed))
    built = time.process_time()
    capacity = default_capacity_for(size)
    admissions = 0
    for week in range(weeks):
        # Admission avoidance switched on at week 13, as a design's first decision would.
        avoid = 0.95 if week >= 13 else 1.0
        modifiers = CareModifiers(admission_hazard_multiplier=avoid)
        admissions += engine.step_week(week, capacity, modifiers).admissions
    done = time.process_time()
    return {
        "mode": mode,
        "warmup_weeks": engine.warmup_weeks_run,
        "init_seconds": round(built - start, 3),
        "run_seconds": round(done - built, 3),
        "admissions": admissions,
    }


def bench_model(mode: str, size: int, weeks: int, seed: int) -> dict:
    """Build and run the whole model of the default place; the steps are timed."""
    from experiments.runs import advance, build, total_weeks

    scenario = Path(__file__).resolve().parents[1] / "scenarios" / "default.toml"
    start = time.process_time()
    model = build(scenario, seed=seed, people=size, years=max(1, weeks // 52),
                  overrides={"population.random_streams": mode})
    built = time.process_time()
    advance(model, total_weeks(model))
    done = time.process_time()
    admissions = int(sum(flows.admissions for flows in model.history))
    return {
        "mode": mode,
        "warmup_weeks": model.population.warmup_weeks_run,
        "init_seconds": round(built - start, 3),
        "run_seconds": round(done - built, 3),
        "admissions": admissions,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=250_000)
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--model", action="store_true", help="time the whole model")
    parser.add_argument("--one", choices=MODES, help="run one mode in this process")
    args = parser.parse_args()
    if args.one:
        bench = bench_model if args.model else bench_one
        print(json.dumps(bench(args.one, args.size, args.weeks, args.seed)))
        return
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    for _ in range(args.repeats):
        for mode in MODES:
            command = [sys.executable, __file__, "--one", mode, "--size", str(args.size),
                       "--weeks", str(args.weeks), "--seed", str(args.seed)]
            command += ["--model"] if args.model else []
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            result = json.loads(out)
            times[mode].append(result["run_seconds"])
            print(f"{mode:>10}: init {result['init_seconds']:.2f} s "
                  f"({result['warmup_weeks']} warm-up weeks), "
                  f"run {result['run_seconds']:.2f} s CPU, "
                  f"{result['admissions']:,} admissions", flush=True)
    ratio = float(np.median(times["per_person"]) / np.median(times["shared"]))
    verdict = "holds" if ratio <= LIMIT else "does not hold"
    what = "model" if args.model else "engine"
    print(f"{what}, {args.size:,} people x {args.weeks} weeks: per-person / shared run time = "
          f"{ratio:.3f} (medians of {args.repeats}; limit {LIMIT:.2f}: {verdict})")


if __name__ == "__main__":
    main()
