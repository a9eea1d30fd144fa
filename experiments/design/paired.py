"""Variants of one design run on the same seeds (common random numbers), on any executor.

A variant is a named set of scenario overrides (``organisations.acute.adapts =
false``). Every variant runs on every seed through the sweep machinery, so runs are cached
by their inputs (a rerun resumes), and run on local cores or a dask cluster alike.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from experiments.overrides import scenario_with
from experiments.sweep.errors import SweepError
from experiments.sweep.plan import RunSpec, make_runs
from experiments.sweep.store import load_runs, load_table
from sim.scenario import Scenario, ScenarioError, scenario_from_dict

TABLES = ("system_weekly", "finance_annual")
"""Tables kept for each run: enough for cost lines and each party's position."""


class DesignInputError(ValueError):
    """Bad input to a design command, found before any run starts (one line per problem)."""

    def __init__(self, problems: list[str]) -> None:
        """Build the error from its problems."""
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Variant:
    """A named change to the scenario, run on every seed."""

    label: str
    overrides: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PairedPlan:
    """Runs of every variant on every seed, and which run is which."""

    scenario: Scenario
    raw: dict[str, Any]
    design: str
    variants: tuple[Variant, ...]
    runs: tuple[RunSpec, ...]

    def label_of(self, spec_sample: int) -> str:
        """The variant label of a run's sample index."""
        return self.variants[spec_sample].label


def read_scenario(path: Path) -> tuple[dict[str, Any], Scenario]:
    """The scenario file as a raw dict and validated.

    Raises:
        DesignInputError: Naming the file when it is missing or invalid.
    """
    if not path.is_file():
        raise DesignInputError([f"{path}: file not found; expected a scenario TOML file"])
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return raw, scenario_from_dict(raw, source=path)
    except tomllib.TOMLDecodeError as error:
        raise DesignInputError([f"{path}: not valid TOML: {error}"]) from None
    except ScenarioError as error:
        raise DesignInputError(str(error).splitlines()) from None


def check_design(path: Path, scenario: Scenario, design: str) -> None:
    """Raise a one-line error when the design is not in the scenario."""
    if design not in scenario.designs:
        raise DesignInputError([f"{path}: --design: unknown design '{design}'; known: "
                                f"{', '.join(scenario.designs)}"])


def check_parties(path: Path, scenario: Scenario, parties: list[str], option: str) -> None:
    """Raise a one-line error naming every party the scenario does not have."""
    unknown = [p for p in parties if p not in scenario.organisation_ids]
    if unknown:
        raise DesignInputError([f"{path}: {option}: unknown party '{p}'; known: "
                                f"{', '.join(scenario.organisation_ids)}" for p in unknown])


def plan_variants(path: Path, raw: dict[str, Any], scenario: Scenario, design: str,
                  variants: list[Variant], *, replications: int, base_seed: int,
                  years: int | None, people: int | None) -> PairedPlan:
    """Every variant on every seed; each variant's scenario is validated first.

    Raises:
        DesignInputError: When a variant's overrides make the scenario invalid.
    """
    for variant in variants:
        try:
            scenario_with(raw, variant.overrides, str(path), base=scenario)
        except ScenarioError as error:
            raise DesignInputError([f"variant '{variant.label}': {p}"
                                    for p in error.problems]) from None
    runs = make_runs(raw, str(path), [design], [v.overrides for v in variants],
                     replications=replications, base_seed=base_seed, years=years,
                     people=people, tables=TABLES)
    return PairedPlan(scenario, raw, design, tuple(variants), tuple(runs))


def run_index(plan: PairedPlan, out: Path) -> pd.DataFrame:
    """One row per run of the plan: run id, variant label, seed and stored outcomes.

    Raises:
        SweepError: When a run of the plan is missing from the store.
    """
    stored = load_runs(out)
    wanted = pd.DataFrame([{"run_id": s.run_id, "variant": plan.label_of(s.sample),
                            "seed": s.seed} for s in plan.runs])
    if stored.empty or not set(wanted["run_id"]) <= set(stored["run_id"]):
        raise SweepError(f"{out}: some runs of the plan are not in the store; run again")
    outcome_columns = [c for c in stored.columns if c not in wanted.columns or c == "run_id"]
    return wanted.merge(stored[outcome_columns].drop_duplicates("run_id"), on="run_id")


def stored_weekly(out: Path, run_ids: set[str]) -> pd.DataFrame:
    """The ``system_weekly`` rows of the given runs."""
    weekly = load_table(out, "system_weekly")
    return weekly[weekly["run_id"].isin(run_ids)]


def stored_finance(out: Path, run_ids: set[str]) -> pd.DataFrame:
    """The ``finance_annual`` rows of the given runs."""
    finance = load_table(out, "finance_annual")
    return finance[finance["run_id"].isin(run_ids)]
