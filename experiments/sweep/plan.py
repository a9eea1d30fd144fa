"""Expand an experiment into runs, each with a stable id hashed from its inputs.

Everything is checked here, before anything runs: the scenario loads, the designs exist,
every parameter path names a value in the scenario, and every sampled scenario validates.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from experiments.overrides import Override, OverrideError, Siblings, apply_overrides, resolve
from experiments.sweep.errors import ExperimentError
from experiments.sweep.sampling import draw_samples
from experiments.sweep.schema import DEFAULT_TABLES, Experiment
from sim.scenario import Scenario, ScenarioError, scenario_from_dict
from sim.scenario.loader import read_toml
from sim.scenario.sample import sample_problems

RUN_ID_CHARS = 16
MAX_LISTED_PROBLEMS = 10


@dataclass(frozen=True)
class RunSpec:
    """Everything one run needs, picklable, so any worker on any machine can run it.

    Attributes:
        run_id: Hash of the inputs below (scenario content, design, seed, years, people).
        design: The design in force.
        seed: The run's seed; equal across designs and samples of one replication
            (common random numbers).
        replication: Replication number, from 0.
        sample: Index of the parameter sample, from 0.
        params: The parameter values of the sample (dotted path → value).
        scenario_raw: The scenario as a plain dict with the sample's values applied.
        source: Where the scenario came from, for error messages.
        years: Horizon in years (None: the scenario's).
        people: Simulated population (None: the scenario's).
        tables: Output tables to keep.
        silo_index: Also run the whole-system planner on the same seed for the silo index.
    """

    run_id: str
    design: str
    seed: int
    replication: int
    sample: int
    params: dict[str, Any]
    scenario_raw: dict[str, Any] = field(repr=False)
    source: str = "<scenario>"
    years: int | None = None
    people: int | None = None
    tables: tuple[str, ...] = DEFAULT_TABLES
    silo_index: bool = False


def run_id(scenario_raw: dict[str, Any], design: str, seed: int, years: int | None,
           people: int | None, silo_index: bool = False) -> str:
    """A stable id for a run: the same inputs always give the same id, on any machine."""
    inputs = {"scenario": scenario_raw, "design": design, "seed": seed, "years": years,
              "people": people, "silo_index": silo_index}
    text = json.dumps(inputs, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:RUN_ID_CHARS]


def replication_seed(base_seed: int, replication: int) -> int:
    """Seed of replication ``r``: ``base_seed + r`` (shared by every design and sample)."""
    return base_seed + replication


def sample_overrides(params: dict[str, Any],
                     siblings: Mapping[str, Siblings] | None = None) -> list[Override]:
    """A sample's values as overrides, coupled as the experiment's parameters say."""
    siblings = siblings or {}
    return [Override(path, value, siblings.get(path, Siblings.UNCHANGED))
            for path, value in params.items()]


def parameter_siblings(experiment: Experiment) -> dict[str, Siblings]:
    """Each parameter's coupling to the other entries of its table."""
    return {p.path: p.siblings for p in experiment.parameters}


def make_runs(raw: dict[str, Any], source: str, designs: list[str], samples: list[dict],
              *, replications: int, base_seed: int, years: int | None, people: int | None,
              tables: tuple[str, ...] = DEFAULT_TABLES, silo_index: bool = False,
              siblings: Mapping[str, Siblings] | None = None) -> list[RunSpec]:
    """Every (sample, replication, design) run, samples outermost, designs innermost."""
    runs = []
    for s, params in enumerate(samples):
        scenario_raw = apply_overrides(raw, sample_overrides(params, siblings))
        for r in range(replications):
            seed = replication_seed(base_seed, r)
            for design in designs:
                runs.append(RunSpec(
                    run_id=run_id(scenario_raw, design, seed, years, people, silo_index),
                    design=design, seed=seed, replication=r, sample=s, params=dict(params),
                    scenario_raw=scenario_raw, source=source, years=years, people=people,
                    tables=tuple(tables), silo_index=silo_index))
    return runs


def read_scenario_raw(experiment: Experiment) -> tuple[dict[str, Any], Scenario]:
    """The experiment's base scenario as a raw dict and validated.

    Raises:
        ExperimentError: Naming the experiment file and the scenario's problems.
    """
    path = experiment.scenario_path
    if not path.is_file():
        raise ExperimentError(experiment.source, [
            f"experiment.scenario: file not found: {path}; expected a scenario TOML file"])
    try:
        raw = read_toml(path, "a scenario")
        return raw, scenario_from_dict(raw, source=path)
    except ScenarioError as error:
        raise ExperimentError(experiment.source, [f"experiment.scenario: {line}"
                                                  for line in str(error).splitlines()]) from None


def check_designs(experiment: Experiment, scenario: Scenario, designs: list[str]) -> list[str]:
    """Problems with the designs named by the experiment."""
    return [f"experiment.designs: unknown design '{d}'; known: {', '.join(scenario.designs)}"
            for d in designs if d not in scenario.designs]


def check_parameters(experiment: Experiment, scenario: Scenario) -> list[str]:
    """Problems with parameter paths: each must name one value of the scenario."""
    problems = []
    for i, parameter in enumerate(experiment.parameters):
        try:
            current = resolve(scenario, parameter.path)
        except KeyError as error:
            problems.append(f"parameters[{i}] '{parameter.path}': unknown parameter: "
                            f"{error.args[0]}")
            continue
        if parameter.integer and (isinstance(current, bool) or not isinstance(current, int)):
            # Rounding a fractional value (a share, a rate) keeps only its whole numbers:
            # a 0-1 share would be sampled as 0 and 1 alone.
            problems.append(f"parameters[{i}] '{parameter.path}': integer = true, but the"
                            f" scenario holds a number with decimals there ({current!r});"
                            " expected integer = false")
    return problems


def check_ranges(experiment: Experiment, raw: dict) -> list[str]:
    """Problems with the ends of each range, whichever samples happen to be drawn."""
    problems: list[str] = []
    siblings = parameter_siblings(experiment)
    for i, parameter in enumerate(experiment.parameters):
        if not parameter.is_range:
            continue
        for end in ("low", "high"):
            value = getattr(parameter, end)
            value = int(round(value)) if parameter.integer else value
            try:
                changed = apply_overrides(raw, sample_overrides({parameter.path: value},
                                                                siblings))
                scenario_from_dict(changed, "range")
            except OverrideError as error:
                problems.append(f"parameters[{i}] '{parameter.path}'.{end} = {value!r}: {error}")
            except ScenarioError as error:
                problems.extend(f"parameters[{i}] '{parameter.path}'.{end} = {value!r}:"
                                f" {p.partition(': ')[2] or p}" for p in error.problems)
    return problems


def check_samples(experiment: Experiment, raw: dict, samples: list[dict]) -> list[str]:
    """Problems with sampled scenarios (e.g. a range beyond what the scenario allows)."""
    problems: list[str] = []
    siblings = parameter_siblings(experiment)
    for params in samples:
        values = ", ".join(f"{k}={v!r}" for k, v in params.items())
        try:
            changed = apply_overrides(raw, sample_overrides(params, siblings))
            scenario_from_dict(changed, source="sample")
        except OverrideError as error:
            problems.append(f"parameters ({values}): {error}")
        except ScenarioError as error:
            problems.extend(f"parameters ({values}): {p}" for p in error.problems)
        if len(problems) >= MAX_LISTED_PROBLEMS:
            break
    return problems


def build_plan(experiment: Experiment, samples: list[dict] | None = None) -> list[RunSpec]:
    """Check an experiment and expand it into its runs.

    Args:
        experiment: The validated experiment file.
        samples: Parameter samples to use instead of the experiment's sampling (the
            sensitivity command passes SALib's).

    Raises:
        ExperimentError: Listing every problem, naming the experiment file and the field.
    """
    raw, scenario = read_scenario_raw(experiment)
    meta = experiment.experiment
    designs = meta.designs or list(scenario.designs)
    problems = check_designs(experiment, scenario, designs)
    problems += check_parameters(experiment, scenario)
    if not problems:
        problems += check_ranges(experiment, raw)
    problems += sample_problems(scenario, meta.people, meta.allow_upsample, "experiment.people")
    if problems:
        raise ExperimentError(experiment.source, problems)
    if samples is None:
        try:
            samples = draw_samples(experiment.parameters, experiment.sampling)
        except ValueError as error:
            raise ExperimentError(experiment.source, [f"sampling.method: {error}"]) from None
    problems = check_samples(experiment, raw, samples)
    if problems:
        raise ExperimentError(experiment.source, problems)
    return make_runs(raw, str(experiment.scenario_path), designs, samples,
                     replications=meta.replications, base_seed=meta.seed, years=meta.years,
                     people=meta.people, tables=tuple(meta.tables),
                     siblings=parameter_siblings(experiment))
