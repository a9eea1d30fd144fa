"""The search: Optuna's TPE sampler over the parameters' ranges, each trial on every seed.

Every trial runs the same seeds, so two trials differ only by their parameters (common
random numbers): the loss surface is smooth in the parameters instead of jittering with
sampling noise, and a small number of seeds is enough to rank trials. The sampler is
seeded, so the same targets file, seeds and trials give the same fit.
"""

import math
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from experiments.calibration.objective import TargetFit, loss, target_fits
from experiments.calibration.reach import Reach, parameter_reach
from experiments.calibration.targets import (
    CalibrationSettings,
    Parameter,
    Prior,
    TargetsFile,
    area_problems,
    band_problems,
)
from experiments.overrides import locate, path_problems, scenario_with
from experiments.runs import run
from sim.outputs.outcomes import place_outcomes
from sim.scenario import Scenario, ScenarioError
from sim.scenario.loader import read_toml
from sim.scenario.sample import sample_problems

OnTrial = Callable[[int, float], None]


@dataclass
class CalibrationResult:
    """What a fit found.

    Attributes:
        values: The best trial's parameter values, by path.
        fits: Each target at the best trial.
        loss: The best trial's loss.
        settings: The settings the fit ran with (design, years, people, seeds, trials).
        trials: One row per trial: number, parameter values, loss, each outcome.
        reach: Each parameter's largest reach over the targets, by path (``reach.py``).
    """

    values: dict[str, float]
    fits: list[TargetFit]
    loss: float
    settings: CalibrationSettings
    trials: list[dict[str, Any]] = field(default_factory=list)
    started_from: str | None = None
    start: dict[str, float] = field(default_factory=dict)
    reach: dict[str, Reach] = field(default_factory=dict)

    @property
    def evaluations(self) -> int:
        """Model runs used: trials × seeds."""
        return len(self.trials) * len(self.settings.seeds)


def evaluate_outcomes(raw: dict[str, Any], base: Scenario, values: Mapping[str, float],
                      seed: int, settings: CalibrationSettings) -> dict[str, float]:
    """The outcomes of one run with the parameter values set (one seed).

    Args:
        raw: The scenario as parsed (overrides apply to it).
        base: ``raw`` validated.
        values: Parameter values by override path.
        seed: The run's seed.
        settings: Design, years and people.

    Returns:
        The run's outcomes (``run_outcomes``) and the place's published-figure outcomes
        (``place_outcomes``).
    """
    place = scenario_with(raw, dict(values), base=base)
    done = run(place, design=settings.design, seed=seed, people=settings.people,
               years=settings.years)
    councils = [c.id for c in place.commissioners() if c.commissioner_type == "local_authority"]
    hours = place.population.social_care.home_care_hours_per_package_week
    return {**done.outcomes(), **place_outcomes(done.results, hours, councils)}


def check_paths(scenario: Scenario, parameters: list[Parameter], source: str | Path) -> None:
    """Refuse parameter paths that name nothing in the scenario, before any run.

    Raises:
        ScenarioError: Naming the targets file and each bad ``parameters[i].path``.
    """
    problems = []
    for index, parameter in enumerate(parameters):
        for problem in path_problems(scenario, {parameter.path: parameter.low}):
            problems.append(f"parameters[{index}].path: {problem}")
    if problems:
        raise ScenarioError(source, problems)


def check_ranges(raw: dict[str, Any], scenario: Scenario, parameters: list[Parameter],
                 source: str | Path) -> None:
    """Refuse a range the scenario would reject at some trial, before any run.

    Each parameter's ``low`` and ``high`` must be values its field accepts, and a field
    that takes whole numbers only (a count of places) must be marked ``integer = true``:
    otherwise the sampler's first fractional value would stop the fit part-way.

    Raises:
        ScenarioError: Naming the targets file and each bad ``parameters[i]``.
    """
    problems = []
    for index, parameter in enumerate(parameters):
        probes = {"low": parameter.low, "high": parameter.high}
        if not parameter.integer:
            probes["a value between low and high"] = math.nextafter(parameter.low,
                                                                    parameter.high)
        for name, value in probes.items():
            shown = int(value) if parameter.integer else value
            try:
                scenario_with(raw, {parameter.path: shown}, source, base=scenario)
            except ScenarioError as error:
                field = "integer" if name.startswith("a value") else name
                hint = ("; set integer = true for a whole-number field"
                        if field == "integer" else "")
                problems.append(f"parameters[{index}].{field}: {parameter.path} = {shown!r} "
                                f"is refused by the scenario ({error.problems[0]}){hint}")
                break
    if problems:
        raise ScenarioError(source, problems)


def check_inputs(scenario: Scenario | str | Path, targets: TargetsFile,
                 source: str | Path) -> tuple[dict[str, Any], Scenario]:
    """The scenario (raw and validated) once the targets file fits it; else one line each.

    Raises:
        ScenarioError: A bad scenario, a parameter path naming nothing, or a target by age
            band the scenario does not have.
    """
    raw = _raw(scenario)
    place = scenario_with(raw, None, "<scenario>" if isinstance(scenario, Scenario) else scenario)
    check_paths(place, targets.parameters, source)
    check_ranges(raw, place, targets.parameters, source)
    problems = (band_problems(targets, place.population.band_keys)
                + area_problems(targets, place.population.area_names))
    if problems:
        raise ScenarioError(source, problems)
    return raw, place


def start_values(calibrated: str | Path, parameters: list[Parameter], source: str | Path,
                 place: Scenario) -> dict[str, float]:
    """The first trial of a refit: the values an earlier fit chose, from its scenario.

    A refit after the model or the place changed starts where the last fit ended, so the
    search can only improve on it. Only parameters the targets file declares are taken; one
    the earlier fit did not fit (added since) starts at ``place``'s own value. Each must lie
    in its declared range.

    Raises:
        ScenarioError: Naming the file when it has no ``[calibration]`` record, or a
            starting value outside its parameter's range.
    """
    record = read_toml(calibrated, "a calibrated scenario").get("calibration")
    if not isinstance(record, dict):
        raise ScenarioError(calibrated, ["calibration: no [calibration] record; expected a "
                                         "scenario written by placesim calibrate"])
    fitted = {p.get("path"): p.get("value") for p in record.get("parameters", [])
              if isinstance(p, dict)}
    values, problems = {}, []
    for index, parameter in enumerate(parameters):
        value = fitted.get(parameter.path)
        where = "fitted" if parameter.path in fitted else "the scenario's own value"
        if parameter.path not in fitted:
            value = locate(place, parameter.path)
        if not isinstance(value, int | float) or isinstance(value, bool):
            problems.append(f"calibration.parameters: {parameter.path}: expected a number, "
                            f"got {value!r} ({where}; parameters[{index}] of {source})")
        elif not parameter.low <= value <= parameter.high:
            problems.append(f"calibration.parameters: {parameter.path} = {value} ({where}) is "
                            f"outside [{parameter.low}, {parameter.high}] (parameters[{index}]"
                            f" of {source})")
        else:
            values[parameter.path] = int(value) if parameter.integer else float(value)
    if problems:
        raise ScenarioError(calibrated, problems)
    return values


def calibrate(scenario: Scenario | str | Path, targets: TargetsFile, *,
              source: str | Path = "<targets>", workers: int = 1,
              on_trial: OnTrial | None = None,
              start_from: str | Path | None = None) -> CalibrationResult:
    """Fit the targets file's parameters to its targets.

    Args:
        scenario: The scenario (file or validated).
        targets: The checked targets file (settings as given, after any command-line
            changes).
        source: The targets file, for messages.
        workers: Processes running a trial's seeds side by side (1: in this process).
        on_trial: Called after each trial with its number and the best loss so far.
        start_from: An earlier calibrated scenario: its fitted values are the first trial
            (``start_values``), the rest are the sampler's.

    Raises:
        ScenarioError: For a bad scenario, design, parameter path or starting file, before
            any run.
    """
    import optuna

    raw, place = check_inputs(scenario, targets, source)
    start = (start_values(start_from, targets.parameters, source, place)
             if start_from is not None else None)
    settings = resolved(targets.calibration, place, source)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    sampler = optuna.samplers.TPESampler(seed=settings.sampler_seed, multivariate=True,
                                         n_startup_trials=_startup_trials(settings.trials))
    study = optuna.create_study(direction="minimize", sampler=sampler)
    if start:
        study.enqueue_trial(start)
    rows: list[dict[str, Any]] = []
    with _executor(workers) as pool:
        def objective(trial: "optuna.Trial") -> float:
            values = {p.path: _suggest(trial, p) for p in targets.parameters}
            outcomes = _over_seeds(pool, (raw, place), values, settings)
            fits = target_fits(targets.targets, outcomes)
            rows.append(_trial_row(trial.number, values, fits))
            return loss(fits)

        def report(study: "optuna.Study", trial: "optuna.trial.FrozenTrial") -> None:
            if on_trial is not None:
                on_trial(trial.number + 1, study.best_value)

        study.optimize(objective, n_trials=settings.trials, callbacks=[report])
    best = study.best_trial
    best_row = rows[best.number]
    fits = [TargetFit(t.outcome, t.value, best_row[f"fitted:{t.outcome}"], t.weight)
            for t in targets.targets]
    reach = parameter_reach(pd.DataFrame(rows), targets.parameters, targets.targets)
    return CalibrationResult(dict(best.params), fits, best.value, settings, rows,
                             None if start_from is None else str(start_from), start or {},
                             {r.path: r for r in reach})


def resolved(settings: CalibrationSettings, place: Scenario,
             source: str | Path) -> CalibrationSettings:
    """The settings with the scenario's defaults filled in (design, years, people).

    Raises:
        ScenarioError: If the design is not one of the scenario's, or the sample is too
            small for every service to exist (or larger than the place).
    """
    if settings.design is not None and settings.design not in place.designs:
        raise ScenarioError(source, [f"calibration.design: no design {settings.design!r}; "
                                     f"known: {', '.join(place.designs)}"])
    people = settings.people or place.population.size
    problems = sample_problems(place, people, field="calibration.people")
    if problems:
        raise ScenarioError(source, problems)
    return settings.model_copy(update={
        "design": settings.design or next(iter(place.designs)),
        "years": settings.years or place.meta.years, "people": people})


def _startup_trials(trials: int) -> int:
    # TPE needs some random trials to model from; a third of the budget, 5 to 10.
    return max(1, min(10, max(5, trials // 3), trials))


def _suggest(trial: Any, parameter: Parameter) -> float | int:
    log = parameter.prior is Prior.LOG_UNIFORM
    if parameter.integer:
        return trial.suggest_int(parameter.path, int(parameter.low), int(parameter.high),
                                 log=log)
    return trial.suggest_float(parameter.path, parameter.low, parameter.high, log=log)


def _raw(scenario: Scenario | str | Path) -> dict[str, Any]:
    # Overrides walk the parsed file; a validated scenario is dumped to plain lists first
    # (its own dump holds tuples, which a list-item path cannot be set in).
    if isinstance(scenario, Scenario):
        return scenario.model_dump(mode="json")
    return read_toml(scenario, "a scenario")


def _over_seeds(pool: Executor | None, place: tuple[dict, Scenario], values: dict[str, float],
                settings: CalibrationSettings) -> list[dict[str, float]]:
    if pool is None:
        return [evaluate_outcomes(*place, values, seed, settings) for seed in settings.seeds]
    futures = [pool.submit(evaluate_outcomes, *place, values, seed, settings)
               for seed in settings.seeds]
    return [future.result() for future in futures]


def _trial_row(number: int, values: dict[str, float], fits: list[TargetFit]) -> dict:
    row: dict[str, Any] = {"trial": number, **{f"parameter:{k}": v for k, v in values.items()}}
    row["loss"] = loss(fits)
    for fit in fits:
        row[f"fitted:{fit.outcome}"] = fit.fitted
        row[f"relative_error:{fit.outcome}"] = fit.relative_error
    return row


class _InProcess:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _executor(workers: int) -> Any:
    return ProcessPoolExecutor(max_workers=workers) if workers > 1 else _InProcess()
