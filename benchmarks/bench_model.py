"""Benchmark the whole model (people, organisations, payments, ledger, behaviour).

Run: ``python benchmarks/bench_model.py [--sizes 250000 1000000] [--years 5]``.

Each size runs in a fresh process so its peak memory (ru_maxrss) is its own. A baseline is
measured in the same run: a bare numpy kernel of the simplest weekly pathways (a
per-person Bernoulli draw for admission and death every week, touching every person every
week), so the figures are comparable as ratios whatever the machine. The last column is
behaviour's share of run time (the review and decide phases: views, learning, choices),
which must stay under 25% at 250,000 people × 5 years.
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def bare_kernel(size: int, weeks: int, seed: int) -> float:
    """Seconds for the simplest per-person, per-week numpy loop (the baseline)."""
    rng = np.random.default_rng(seed)
    alive = np.ones(size, dtype=bool)
    in_hospital = np.zeros(size, dtype=np.int16)
    start = time.perf_counter()
    for _ in range(weeks):
        draws = rng.random(size)
        admitted = alive & (in_hospital == 0) & (draws < 0.002)
        in_hospital[admitted] = 2
        in_hospital[in_hospital > 0] -= 1
        alive &= draws < 0.9998
    return time.perf_counter() - start


def _time_behaviour(model) -> list[float]:
    """Wrap the behaviour phases (review: views and learning; decide) to time them.

    Returns a one-item list the wrapped phases add their seconds to as the model runs.
    """
    spent = [0.0]
    for name in ("phase_review", "phase_decide"):
        phase = getattr(model, name)

        def timed(info, phase=phase):
            start = time.perf_counter()
            phase(info)
            spent[0] += time.perf_counter() - start

        setattr(model, name, timed)
    return spent


def bench_model(size: int, years: int, seed: int) -> dict:
    """Wall seconds and peak memory of one full run of the default place."""
    from sim.model import CareSystemModel

    start = time.perf_counter()
    model = CareSystemModel(Path(__file__).resolve().parents[1] / "scenarios" / "default.toml",
                            "capitation_gain_loss", rng=seed, years=years, people=size)
    behaviour_s = _time_behaviour(model)
    built = time.perf_counter()
    model.run()
    done = time.perf_counter()
    weeks = years * 52
    baseline = bare_kernel(size, weeks, seed)
    return {"size": size, "years": years, "build_s": built - start, "run_s": done - built,
            "person_weeks_per_s": size * weeks / (done - built),
            "baseline_kernel_s": baseline,
            "ratio_to_baseline": (done - built) / baseline,
            "behaviour_share": behaviour_s[0] / (done - built),
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250_000, 1_000_000])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(bench_model(args.one, args.years, args.seed)))
        return
    print(f"{'people':>10} {'build s':>8} {'run s':>7} {'M person-wk/s':>14} "
          f"{'bare kernel s':>14} {'run/kernel':>10} {'peak MiB':>9} {'behaviour':>9}")
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--years",
                              str(args.years), "--seed", str(args.seed)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['size']:>10,} {r['build_s']:>8.2f} {r['run_s']:>7.2f} "
              f"{r['person_weeks_per_s'] / 1e6:>14.1f} {r['baseline_kernel_s']:>14.2f} "
              f"{r['ratio_to_baseline']:>10.2f} {r['peak_mib']:>9.0f} "
              f"{r['behaviour_share']:>9.1%}")


if __name__ == "__main__":
    main()
