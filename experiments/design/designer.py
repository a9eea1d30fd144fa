"""The agreement designer: search an agreement's parameters for a deal every party signs.

Each candidate deal is the design with its agreement's searched parameters set
(:mod:`experiments.design.space`), run on the same seeds and stress cases as the status
quo; :func:`experiments.design.deal.assess` turns the paired runs into each party's
expected and worst-case gain and the constraints. Optuna's multi-objective TPE sampler
proposes candidates (minimise system cost, maximise the smallest party's gain, subject to
the constraints): it models good and bad regions from few evaluations, which suits
costly simulations better than a genetic algorithm's populations, takes constraints
directly, and its SQLite storage makes a search resumable. Candidates are proposed in
batches and each batch's runs go through the sweep executor together, so more workers
evaluate more candidates at once; every run is cached by its inputs.
"""

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from experiments.design.deal import Assessment, assess
from experiments.design.execute import execute
from experiments.design.paired import DesignInputError, check_design, read_scenario
from experiments.design.space import (
    DIMENSIONS,
    SHARE_WEIGHT_RANGE,
    SHARES,
    Stress,
    apply_params,
    dimension_problems,
    parse_stress,
    share_parties,
)
from experiments.sweep.execute import simulate_spec
from experiments.sweep.plan import RunSpec, make_runs
from sim.scenario import Scenario, ScenarioError, scenario_from_dict

STATUS_QUO = "status_quo"
CANDIDATE = "candidate"
TABLES = ("finance_annual", "settlements")
SAMPLER_SEED = 11  # fixed: the same command proposes the same candidates


@dataclass(frozen=True)
class DesignProblem:
    """Everything a search needs, checked before any run starts.

    Attributes:
        path: The scenario file.
        raw: The scenario as a raw dict.
        scenario: The validated scenario.
        design: The design whose agreement is searched.
        template: The agreement as a raw dict (the starting point).
        dimensions: What is searched.
        stresses: The base case and the stress cases.
        parties: Parties whose consent is needed (the agreement's parties).
        max_loss_gbp: Each party's stated tolerance (``max_loss_gbp`` on the organisation).
        status_quo: The status quo as a raw design (the design without its agreements,
            unless another design is named).
        seeds: Seeds of every evaluation.
        years: Horizon.
        people: Simulated sample.
        budget: Candidate deals to evaluate.
    """

    path: Path
    raw: dict[str, Any]
    scenario: Scenario
    design: str
    template: dict[str, Any]
    dimensions: tuple[str, ...]
    stresses: tuple[Stress, ...]
    parties: tuple[str, ...]
    max_loss_gbp: dict[str, float | None]
    status_quo: dict[str, Any]
    seeds: tuple[int, ...]
    years: int | None
    people: int | None
    budget: int


def make_problem(path: Path, design: str, search: list[str], stress: list[str], budget: int,
                 *, replications: int, seed: int, years: int | None, people: int | None,
                 status_quo: str | None = None) -> DesignProblem:
    """Check every input and build the problem.

    Raises:
        DesignInputError: One line per problem, before any run starts.
    """
    raw, scenario = read_scenario(path)
    check_design(path, scenario, design)
    problems = [] if budget >= 1 else [f"--budget: must be at least 1 evaluation, got {budget}"]
    agreements = raw["designs"][design].get("agreements", [])
    if not agreements:
        raise DesignInputError([f"{path}: --design {design}: has no agreement to design; "
                                "expected a design with [[designs.<name>.agreements]]"])
    template = agreements[0]
    problems += dimension_problems(search or [SHARES], template)
    if status_quo is not None and status_quo not in scenario.designs:
        problems.append(f"--status-quo: unknown design '{status_quo}'; known: "
                        f"{', '.join(scenario.designs)}")
    try:
        stresses = parse_stress(stress, scenario)
    except ValueError as error:
        problems.append(str(error))
        stresses = []
    if problems:
        raise DesignInputError(problems)
    base = copy.deepcopy(raw["designs"][status_quo or design])
    if status_quo is None:
        base["agreements"] = []
    parties = tuple(template["parties"])
    stated = {p: scenario.organisation(p).max_loss_gbp for p in parties}
    limits = {p: None if m is None else float(m) for p, m in stated.items()}
    return DesignProblem(path, raw, scenario, design, template, tuple(search or [SHARES]),
                         tuple(stresses), parties, limits, base,
                         tuple(seed + r for r in range(replications)), years, people, budget)


def scenario_with_design(problem: DesignProblem, name: str, design: dict) -> dict[str, Any]:
    """The raw scenario holding only one design (so run ids depend on nothing else)."""
    raw = copy.deepcopy(problem.raw)
    raw["designs"] = {name: design}
    return raw


def candidate_design(problem: DesignProblem, agreement: dict) -> dict[str, Any]:
    """The design with its first agreement replaced by a candidate."""
    design = copy.deepcopy(problem.raw["designs"][problem.design])
    design["agreements"] = [agreement, *design["agreements"][1:]]
    return design


def runs_for(problem: DesignProblem, name: str, design: dict) -> list[RunSpec]:
    """One run per stress case and seed of a design."""
    raw = scenario_with_design(problem, name, design)
    return make_runs(raw, str(problem.path), [name], [s.overrides for s in problem.stresses],
                     replications=len(problem.seeds), base_seed=problem.seeds[0],
                     years=problem.years, people=problem.people, tables=TABLES)


def check_candidate(problem: DesignProblem, design: dict) -> str | None:
    """Why a candidate's scenario is invalid, or None."""
    try:
        scenario_from_dict(scenario_with_design(problem, CANDIDATE, design), problem.path)
    except ScenarioError as error:
        return "; ".join(error.problems)
    return None


def read_outcomes(out: Path, run_ids: list[str],
                  seen: dict[str, dict] | None = None) -> dict[str, dict]:
    """Each stored run's outcome row (runs that failed are missing).

    ``seen`` keeps rows already read: a run's id is a hash of its inputs, so its stored
    row never changes, and the status quo's rows are read again for every candidate.
    """
    seen = {} if seen is None else seen
    rows = {}
    for run_id in run_ids:
        if run_id not in seen:
            path = out / "runs" / f"{run_id}.parquet"
            if not path.is_file():
                continue
            seen[run_id] = pd.read_parquet(path).iloc[0].to_dict()
        rows[run_id] = seen[run_id]
    return rows


def paired_gains(problem: DesignProblem, deal: list[RunSpec], base: list[RunSpec],
                 rows: dict[str, dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each party's gain per case and seed, and the deal's system cost per case and seed."""
    status = {(s.sample, s.seed): rows[s.run_id] for s in base}
    gains, costs = [], []
    for spec in deal:
        case = problem.stresses[spec.sample].label
        mine, theirs = rows[spec.run_id], status[(spec.sample, spec.seed)]
        costs.append({"case": case, "seed": spec.seed, "system_cost_gbp":
                      mine["system_cost_gbp"]})
        gains += [{"case": case, "seed": spec.seed, "party": p,
                   "gain_gbp": mine[f"surplus_{p}_gbp"] - theirs[f"surplus_{p}_gbp"]}
                  for p in problem.parties]
    return pd.DataFrame(gains), pd.DataFrame(costs)


def suggest(trial, problem: DesignProblem) -> dict[str, float]:
    """The candidate's parameters, drawn by the sampler."""
    params = {}
    if SHARES in problem.dimensions:
        for party in share_parties(problem.template):
            params[f"share:{party}"] = trial.suggest_float(f"share:{party}", *SHARE_WEIGHT_RANGE)
    for dimension in problem.dimensions:
        if dimension in DIMENSIONS:
            _, _, low, high = DIMENSIONS[dimension]
            params[dimension] = trial.suggest_float(dimension, low, high)
    return params


def open_study(out: Path):
    """The search's Optuna study, resumed from ``out/study.journal`` when it exists."""
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    out.mkdir(parents=True, exist_ok=True)
    sampler = optuna.samplers.TPESampler(seed=SAMPLER_SEED, n_startup_trials=8)
    # A journal file (append-only) rather than SQLite: no database set-up or commit per
    # write, and a search stopped at any moment resumes from it.
    storage = optuna.storages.JournalStorage(
        optuna.storages.journal.JournalFileBackend(str(out / "study.journal")))
    study = optuna.create_study(directions=["minimize", "maximize"], sampler=sampler,
                                storage=storage, study_name="design", load_if_exists=True)
    for trial in study.get_trials(deepcopy=False):
        if trial.state == optuna.trial.TrialState.RUNNING:  # interrupted last time
            study.tell(trial.number, state=optuna.trial.TrialState.FAIL)
    return study


def record(trial, params: dict, agreement: dict, found: Assessment,
           stress_tested: bool = True) -> None:
    """Keep what the final tables need on the trial (JSON, in the study's storage)."""
    for name, value in found.constraints.items():
        trial.set_constraint(name, value)  # the sampler prefers candidates with all <= 0
    trial.set_user_attr("evaluation", {
        "constraints": list(found.constraints.values()),
        "constraint_names": list(found.constraints), "expected_gbp": found.expected_gbp,
        "worst_gbp": found.worst_gbp, "worst_case": found.worst_case,
        "agreement": json.dumps(agreement), "params": params,
        "stress_tested": stress_tested})


def search(problem: DesignProblem, out: Path, pool, console=None, batch: int = 4,
           on_batch=None, run_fn=simulate_spec) -> pd.DataFrame:
    """Evaluate candidates until the budget is spent (resuming a stopped search).

    Args:
        problem: The checked problem.
        out: Output folder (result store and study).
        pool: Any ``concurrent.futures.Executor``.
        console: Where to draw progress.
        batch: Candidates proposed and run together.
        on_batch: Called with (evaluated so far, feasible so far) after each batch.
        run_fn: The simulation each worker calls (tests pass a stand-in place).

    Returns:
        One row per evaluated candidate (see :func:`evaluations`).
    """
    import optuna

    study = open_study(out)
    seen: dict[str, dict] = {}  # outcome rows read so far (see read_outcomes)
    base = runs_for(problem, STATUS_QUO, problem.status_quo)
    execute(base, out, pool, console, "status quo", run_fn)
    while (done := _completed(study)) < problem.budget:
        trials = [study.ask() for _ in range(min(batch, problem.budget - done))]
        todo = []
        for trial in trials:
            params = suggest(trial, problem)
            agreement = apply_params(problem.template, params)
            design = candidate_design(problem, agreement)
            if check_candidate(problem, design) is not None:
                study.tell(trial, state=optuna.trial.TrialState.FAIL)
                continue
            todo.append((trial, params, agreement, runs_for(problem, CANDIDATE, design)))
        # The base case first: a candidate some party would not sign even without stress
        # (it expects no gain) cannot become acceptable under stress, and both objectives
        # are base-case figures, so its stress runs would change nothing that matters.
        execute([s for *_, runs in todo for s in runs if s.sample == 0], out, pool, console,
                "candidates (base case)", run_fn)
        todo = [(trial, params, agreement, _screened(problem, out, base, runs, seen))
                for trial, params, agreement, runs in todo]
        execute([s for *_, runs in todo for s in runs if s.sample != 0], out, pool, console,
                "candidates (stress cases)", run_fn)
        _tell(study, problem, out, base, todo, seen)
        if on_batch is not None:
            table = evaluations(study, problem)
            on_batch(len(table), int(table["feasible"].sum()) if len(table) else 0)
    return evaluations(study, problem)


def _screened(problem: DesignProblem, out: Path, base: list[RunSpec],
              runs: list[RunSpec], seen: dict[str, dict]) -> list[RunSpec]:
    """A candidate's runs still worth making.

    All of them, or only its base case when some party already expects no gain there (or
    a base run failed).
    """
    base_runs = [s for s in runs if s.sample == 0]
    if len(base_runs) == len(runs):
        return runs
    status = [s for s in base if s.sample == 0]
    rows = read_outcomes(out, [s.run_id for s in base_runs + status], seen)
    if len(rows) < len(base_runs) + len(status):
        return base_runs
    gains, costs = paired_gains(problem, base_runs, status, rows)
    found = assess(gains, costs, list(problem.parties), problem.max_loss_gbp)
    signs = all(found.constraints[f"{p} expects a gain"] <= 0 for p in problem.parties)
    return runs if signs else base_runs


def _completed(study) -> int:
    import optuna

    return sum(t.state == optuna.trial.TrialState.COMPLETE
               for t in study.get_trials(deepcopy=False))


def _tell(study, problem, out, base, todo, seen) -> None:
    import optuna

    for trial, params, agreement, runs in todo:
        rows = read_outcomes(out, [s.run_id for s in runs + base], seen)
        if len(rows) < len(runs) + len(base):
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
            continue
        gains, costs = paired_gains(problem, runs, base, rows)
        found = assess(gains, costs, list(problem.parties), problem.max_loss_gbp)
        record(trial, params, agreement, found,
               stress_tested=len(problem.stresses) == 1
               or any(spec.sample != 0 for spec in runs))
        study.tell(trial, [found.system_cost_gbp, found.smallest_gain_gbp])


def evaluations(study, problem: DesignProblem) -> pd.DataFrame:
    """One row per completed candidate: parameters, objectives, gains, feasibility."""
    import optuna

    rows = []
    for trial in study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,)):
        attrs = trial.user_attrs["evaluation"]
        row = {"trial": trial.number, "system_cost_gbp": trial.values[0],
               "smallest_gain_gbp": trial.values[1],
               "feasible": all(c <= 0 for c in attrs["constraints"]),
               "violation_gbp": sum(max(0.0, c) for c in attrs["constraints"]),
               "agreement": attrs["agreement"],
               "stress_tested": attrs.get("stress_tested", True)}
        row.update({k: v for k, v in attrs["params"].items()})
        row.update({f"expected_{p}_gbp": v for p, v in attrs["expected_gbp"].items()})
        row.update({f"worst_{p}_gbp": v for p, v in attrs["worst_gbp"].items()})
        row.update({f"worst_case_{p}": v for p, v in attrs["worst_case"].items()})
        row["blocked_by"] = "; ".join(n for n, c in zip(attrs["constraint_names"],
                                                        attrs["constraints"], strict=True)
                                      if c > 0)
        rows.append(row)
    return pd.DataFrame(rows)
