"""Start-up time of the command line against importing numpy, measured in the same run.

    python benchmarks/bench_startup.py                  # 15 repetitions of each command
    python benchmarks/bench_startup.py --repeat 5 --tree ../other-checkout

Three commands run as fresh processes, interleaved so that a busy machine slows all
three alike: ``python -c "import numpy"`` (the baseline), ``placesim --help`` and
``placesim validate scenarios/default.toml``. The report gives the minimum and median
wall time of each and its ratio to the baseline, and the median CPU time (user + system)
of the process: on a busy machine wall times stretch, the ratios and CPU times much less.
Aims: ``--help`` within 3x of the numpy import, ``validate`` under 0.6 s.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELP_AIM = 3.0  # times the numpy import
VALIDATE_AIM_S = 0.6


def placesim() -> list[str]:
    """The installed console script beside this interpreter, else its one-line equivalent."""
    script = Path(sys.executable).with_name("placesim")
    if script.exists():
        return [sys.executable, str(script)]
    return [sys.executable, "-c", "import sys; from experiments.cli import app; "
            "sys.argv[0] = 'placesim'; sys.exit(app())"]


def commands(tree: Path) -> dict[str, list[str]]:
    """Label -> argv of each command timed."""
    cli = placesim()
    return {
        "python -c 'import numpy'": [sys.executable, "-c", "import numpy"],
        "placesim --help": [*cli, "--help"],
        "placesim validate default": [*cli, "validate", str(tree / "scenarios/default.toml")],
    }


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process; a failing command stops the run."""
    cpu, start = _children_cpu_s(), time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, _children_cpu_s() - cpu


def measure(tree: Path, repeat: int) -> dict[str, list[tuple[float, float]]]:
    """Every command ``repeat`` times, round-robin, after one untimed warm-up each."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    timed = commands(tree)
    for argv in timed.values():
        run_once(argv, env, tree)
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in timed}
    for _ in range(repeat):
        for label, argv in timed.items():
            times[label].append(run_once(argv, env, tree))
    return times


def report(runs: dict[str, list[tuple[float, float]]]) -> None:
    """Print min, median and the ratios to the baseline (the first command)."""
    times = {label: [wall for wall, _ in pairs] for label, pairs in runs.items()}
    labels = list(times)
    base_min, base_median = min(times[labels[0]]), statistics.median(times[labels[0]])
    print(f"{'command':<28}{'min s':>8}{'median s':>10}{'x numpy (min)':>15}"
          f"{'x numpy (median)':>18}{'cpu s (median)':>16}")
    for label in labels:
        low, mid = min(times[label]), statistics.median(times[label])
        cpu = statistics.median(c for _, c in runs[label])
        print(f"{label:<28}{low:8.3f}{mid:10.3f}{low / base_min:15.2f}"
              f"{mid / base_median:18.2f}{cpu:16.3f}")
    help_ratio = statistics.median(times[labels[1]]) / base_median
    validate_s = statistics.median(times[labels[2]])
    print(f"aims: --help within {HELP_AIM:g}x of numpy: {help_ratio:.2f}x "
          f"({'met' if help_ratio <= HELP_AIM else 'missed'}); validate under "
          f"{VALIDATE_AIM_S:g} s: {validate_s:.3f} s "
          f"({'met' if validate_s < VALIDATE_AIM_S else 'missed'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="timed runs of each command")
    parser.add_argument("--tree", type=Path, default=ROOT,
                        help="checkout whose code is timed (default: this one)")
    args = parser.parse_args()
    tree = args.tree.resolve()
    print(f"{args.repeat} runs of each command, code from {tree}, python {sys.version.split()[0]}")
    report(measure(tree, args.repeat))


if __name__ == "__main__":
    main()
