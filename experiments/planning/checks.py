"""The plan's inputs, checked before any run: one line per problem, naming the option."""

import math
from decimal import Decimal
from pathlib import Path

from experiments.planning.derive import PlanSettings
from sim.scenario import Scenario, ScenarioError, load_scenario
from sim.scenario.sample import sample_problems

MAX_MARGIN = 0.25  # a surplus or headroom above a quarter of cost is a typo (1 for 1%?)
MAX_SEEDS = 1_000
MAX_YEARS = 30  # the scenario's own horizon limit (meta.years)
MAX_ROUND_TO = 10_000_000


def planned_path(scenario_file: Path) -> Path:
    """Where the plan is written by default: ``<stem>.planned.toml`` beside the input."""
    return scenario_file.with_suffix(".planned.toml")


def check_options(*, seeds: int, first_seed: int, years: int, margin: float,
                  round_to: int) -> None:
    """The options that need no scenario.

    Raises:
        ScenarioError: Naming the option, the value expected and the value given.
    """
    if not 1 <= seeds <= MAX_SEEDS:
        raise ScenarioError("--seeds", [f"expected a number of seeds from 1 to {MAX_SEEDS}, "
                                        f"got {seeds}"])
    if first_seed < 0:
        raise ScenarioError("--first-seed", [f"expected a seed >= 0, got {first_seed}"])
    if not 1 <= years <= MAX_YEARS:
        raise ScenarioError("--years-of-cost", [f"expected whole years from 1 to {MAX_YEARS},"
                                                f" got {years}"])
    if not (math.isfinite(margin) and 0 <= margin <= MAX_MARGIN):
        raise ScenarioError("--margin", [f"expected a share from 0 to {MAX_MARGIN} (0.01 is "
                                         f"1%), got {margin}"])
    if not 1 <= round_to <= MAX_ROUND_TO:
        raise ScenarioError("--round-to", [f"expected whole pounds from 1 to "
                                           f"{MAX_ROUND_TO:,}, got {round_to}"])


def check_inputs(scenario_file: Path, *, design: str | None, seeds: int, first_seed: int,
                 people: int | None, years: int, margin: float, round_to: int,
                 out: Path | None, derive_uplifted: bool = False
                 ) -> tuple[Scenario, PlanSettings, Path]:
    """The scenario, the plan's settings and the file to write, once every input is good.

    ``people`` defaults to the sample the scenario was calibrated on (its ``[calibration]``
    record), else the place's size; ``design`` to the scenario's first.

    Raises:
        ScenarioError: For a bad option (named) or a scenario that does not validate
            (naming the file and each problem).
    """
    check_options(seeds=seeds, first_seed=first_seed, years=years, margin=margin,
                  round_to=round_to)
    out = out if out is not None else planned_path(scenario_file)
    if out.resolve() == scenario_file.resolve():
        raise ScenarioError("--out", [f"{out} is the input scenario; expected another file "
                                      "(the plan keeps the input as it is)"])
    scenario = load_scenario(scenario_file)
    if design is not None and design not in scenario.designs:
        raise ScenarioError("--design", [f"no design {design!r} in {scenario_file}; expected "
                                         f"one of: {', '.join(scenario.designs)}"])
    if people is None:
        record = scenario.calibration
        people = record.people if record is not None else scenario.population.size
    problems = sample_problems(scenario, people)
    if problems:
        raise ScenarioError(scenario_file, problems)
    settings = PlanSettings(design=design or next(iter(scenario.designs)),
                            seeds=tuple(range(first_seed, first_seed + seeds)), people=people,
                            years=years, margin=Decimal(repr(float(margin))),
                            round_to=round_to, derive_uplifted=derive_uplifted)
    return scenario, settings, out
