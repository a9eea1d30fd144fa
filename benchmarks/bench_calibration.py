"""Calibration speed: 4 parameters fitted to 6 targets, against one plain run measured here.

    python benchmarks/bench_calibration.py                       # the aim: 50,000 people
    python benchmarks/bench_calibration.py --people 10000 --trials 6   # a quick look

The targets are the model's own figures at the default parameter values (synthetic
truth), so the fit is also a check that it finds its way back. Times are wall-clock and
CPU (this process and its workers); on a busy machine the CPU time over the workers is
the fair estimate of the wall time on a quiet one. The projection multiplies the measured
time per evaluation by the evaluations of a full fit (``--full-trials`` × seeds).
"""

import argparse
import os
import time
from pathlib import Path

from experiments.calibration import calibrate
from experiments.calibration.fit import evaluate_outcomes, resolved
from experiments.calibration.targets import TargetsFile
from experiments.runs import prepare, run
from sim.scenario.loader import read_toml

ROOT = Path(__file__).resolve().parents[1]
PLACE = ROOT / "scenarios" / "default.toml"
PARAMETERS = [  # (path, low, high): ranges about the defaults
    ("population.age_bands.0-64.nel_admissions_per_1000_per_year", 50.0, 90.0),
    ("population.age_bands.85+.los_to_fit_mean_days", 10.0, 18.0),
    ("population.hospital.discretionary_share_of_nel", 0.08, 0.25),
    ("population.social_care.care_home_deaths_per_resident_year", 0.2, 0.4),
]
TARGETS = ["nel_admissions_per_1000_final_year", "mean_los_days_final_year",
           "dtoc_share_of_bed_days_final_year", "people_in_care_homes_final_year",
           "spend_acute_final_year_gbp", "social_care_spend_final_year_gbp"]
BUDGET_MINUTES = 20


def cpu_seconds() -> float:
    """CPU time of this process and its finished children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def targets_file(values: dict[str, float], args: argparse.Namespace) -> TargetsFile:
    """The benchmark's targets: 4 parameters, 6 targets at the given values."""
    return TargetsFile.model_validate({
        "calibration": {"years": args.years, "people": args.people, "seeds": args.seeds,
                        "trials": args.trials, "design": "activity_based"},
        "parameters": [{"path": p, "low": lo, "high": hi} for p, lo, hi in PARAMETERS],
        "targets": [{"outcome": name, "value": values.get(name, 1.0)} for name in TARGETS]})


def main() -> None:
    """Measure a plain run, make the targets, fit, and project the full fit's time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--full-trials", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    start, cpu = time.perf_counter(), cpu_seconds()
    run(PLACE, design="activity_based", seed=1, people=args.people, years=args.years)
    base_wall, base_cpu = time.perf_counter() - start, cpu_seconds() - cpu
    print(f"one run, {args.people:,} people, {args.years} years: {base_wall:.1f} s wall, "
          f"{base_cpu:.1f} s CPU", flush=True)
    probe = targets_file({}, args)
    place = prepare(PLACE)
    chosen = resolved(probe.calibration, place, "<benchmark>")
    runs = [evaluate_outcomes(read_toml(PLACE, "a scenario"), place, {}, s, chosen)
            for s in chosen.seeds]
    truth = {name: sum(r[name] for r in runs) / len(runs) for name in TARGETS}
    start, cpu = time.perf_counter(), cpu_seconds()
    result = calibrate(PLACE, targets_file(truth, args), workers=args.workers,
                       on_trial=lambda n, best: print(f"  trial {n}: best loss {best:.3g}",
                                                      flush=True))
    wall, used = time.perf_counter() - start, cpu_seconds() - cpu
    report(args, result, wall, used, base_cpu)


def report(args, result, wall: float, cpu: float, base_cpu: float) -> None:
    """Print what the fit used and the projected time of a full fit on a quiet machine."""
    evaluations = result.evaluations
    per_eval = cpu / evaluations
    full = args.full_trials * len(args.seeds)
    projected = full * per_eval / args.workers / 60
    print(f"fit: {evaluations} evaluations ({len(result.trials)} trials x {len(args.seeds)} "
          f"seeds) in {wall:.1f} s wall, {cpu:.1f} s CPU; {per_eval:.2f} s CPU per "
          f"evaluation = {per_eval / base_cpu:.2f} x one plain run", flush=True)
    print(f"best loss {result.loss:.3g}; relative errors: "
          + ", ".join(f"{f.outcome} {f.relative_error:+.1%}" for f in result.fits))
    print(f"full fit ({args.full_trials} trials x {len(args.seeds)} seeds = {full} "
          f"evaluations) on {args.workers} quiet cores: about {projected:.1f} min "
          f"(aim: under {BUDGET_MINUTES} min)")


if __name__ == "__main__":
    main()
