"""Where the queues for care at home go: served, died, or ended by an emergency admission.

    python benchmarks/queue_exits.py                        # 30,000 people, seeds 1-3, 1 year
    python benchmarks/queue_exits.py --packages-per-1000 5  # with home-care packages cut

Runs the population engine at its default capacity (optionally with fewer home-care
packages), on per-person draws, and follows everyone waiting at home for a package or a
care-home place from one week's end to the next. Someone no longer in the queue a week
later has been served (holds a package, lives in a care home), died, or been admitted
(their admission count rose) or taken by another place's hospital: the stay holds the
wait, which resumes at its first request day on coming home, or is reassessed at the end of
a step-down episode (``sim/population/waits.py``). People who join and leave within one week
are not seen. Prints the exits a year by reason and the delayed transfers, per seed.
"""

import argparse
from dataclasses import replace

import numpy as np

from sim.population import CareModifiers, PopulationEngine, PopulationParams, default_capacity_for
from sim.population.settings import Setting, Wait
from sim.population.state import CARE_HOME_RESIDENT, HAS_PACKAGE

REASONS = ("served", "died", "admitted", "out_of_area", "other")


def exits(engine: PopulationEngine, waiting: np.ndarray, admissions: np.ndarray,
          resource: Wait) -> dict[str, int]:
    """Why the rows ``waiting`` a week ago (with those admission counts) left the queue."""
    table = engine._table
    still = (table.setting[waiting] == Setting.HOME) & (table.wait[waiting] == resource)
    gone = waiting[~still]
    admitted = table.admissions[gone] > admissions[~still]
    flag = HAS_PACKAGE if resource == Wait.PACKAGE else CARE_HOME_RESIDENT
    served = ~admitted & ((table.flags[gone] & flag) != 0)
    died = ~admitted & ~served & (table.setting[gone] == Setting.DEAD)
    away = ~admitted & (table.setting[gone] == Setting.OUT_OF_AREA)
    counts = {"served": served, "died": died, "admitted": admitted, "out_of_area": away}
    counts = {k: int(v.sum()) for k, v in counts.items()}
    counts["other"] = int(gone.size) - sum(counts.values())
    return counts


def follow(seed: int, people: int, weeks: int, packages_per_1000: float | None) -> dict:
    params = PopulationParams(random_streams="per_person")
    capacity = default_capacity_for(people)
    if packages_per_1000 is not None:
        capacity = replace(capacity, home_care_packages=round(packages_per_1000 * people / 1000))
    engine = PopulationEngine(params, people, np.random.SeedSequence(seed),
                              warmup_capacity=capacity)
    totals = {w: dict.fromkeys(REASONS, 0) for w in (Wait.PACKAGE, Wait.CARE_HOME)}
    waiting_weeks = dict.fromkeys(totals, 0)
    dtoc = 0.0
    for week in range(weeks):
        table = engine._table
        n = table.n
        at_home = table.setting[:n] == Setting.HOME
        queued = {w: np.flatnonzero(at_home & (table.wait[:n] == w)) for w in totals}
        before = {w: table.admissions[q].copy() for w, q in queued.items()}
        dtoc += engine.step_week(week, capacity, CareModifiers()).dtoc_bed_days
        for resource, rows in queued.items():
            waiting_weeks[resource] += rows.size
            for reason, count in exits(engine, rows, before[resource], resource).items():
                totals[resource][reason] += count
    years = weeks / 52
    return {"capacity": capacity, "dtoc_bed_days_a_year": dtoc / years,
            "mean_waiting": {w.name: waiting_weeks[w] / weeks for w in totals},
            "exits_a_year": {w.name: {k: v / years for k, v in c.items()}
                             for w, c in totals.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--packages-per-1000", type=float, default=None)
    args = parser.parse_args()
    for seed in range(1, args.seeds + 1):
        result = follow(seed, args.people, args.weeks, args.packages_per_1000)
        print(f"seed {seed}: {result['capacity'].home_care_packages} packages, "
              f"DTOC {result['dtoc_bed_days_a_year']:,.0f} bed days a year")
        for name, counts in result["exits_a_year"].items():
            line = ", ".join(f"{k} {v:.0f}" for k, v in counts.items())
            print(f"  waiting for {name.lower()}: mean {result['mean_waiting'][name]:.1f} "
                  f"people; exits a year: {line}")


if __name__ == "__main__":
    main()
