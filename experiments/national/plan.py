"""Expand a national run into sweep runs: one per footprint × replication × design.

Everything is checked before anything runs: the template loads and validates, the designs
exist, the scale gives at least one person per footprint, and every footprint's scaled
scenario validates. The runs are ordinary ``RunSpec``s, so the sweep runner, store and
executors run them unchanged.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from experiments.national.footprints import Footprint, PopulationBasis
from experiments.national.scaling import ScalingError, footprint_scenario
from experiments.sweep.plan import RunSpec, replication_seed, run_id
from sim.core.calendar import WEEKS_PER_YEAR
from sim.scenario import Scenario, ScenarioError, scenario_from_dict

NATIONAL_TABLES = ("system_weekly", "finance_annual", "settlements")
MIN_PEOPLE = 100  # fewer simulated people than this per footprint: too few for any rate


class NationalError(ValueError):
    """A national run cannot start; each line names the input, the field and the expectation."""


@dataclass(frozen=True)
class NationalSettings:
    """What a national run simulates.

    Attributes:
        designs: Designs to run (each footprint under each).
        years: Horizon in years (None: the template's).
        replications: Replications per footprint and design.
        scale: Fraction of each footprint's people simulated (1.0: everyone).
        seed: Base seed; replication r uses ``seed + r`` in every footprint and design.
        basis: Resident estimate or registered list.
    """

    designs: tuple[str, ...]
    years: int | None = None
    replications: int = 1
    scale: float = 1.0
    seed: int = 0
    basis: PopulationBasis = PopulationBasis.RESIDENT


def read_template(path: Path) -> tuple[dict[str, Any], Scenario]:
    """The template as a raw dict and validated.

    Raises:
        NationalError: Naming the file and each problem, one line each.
    """
    if not path.is_file():
        raise NationalError(f"{path}: file not found; expected a scenario TOML file")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return raw, scenario_from_dict(raw, source=path)
    except UnicodeDecodeError as error:
        raise NationalError(f"{path}: not UTF-8 text (byte {error.start}); expected a "
                            f"scenario TOML file") from None
    except tomllib.TOMLDecodeError as error:
        raise NationalError(f"{path}: not valid TOML: {str(error).splitlines()[0]}") from None
    except ScenarioError as error:
        raise NationalError(str(error)) from None


def check_settings(path: Path, scenario: Scenario, settings: NationalSettings,
                   footprints: list[Footprint]) -> None:
    """Unknown designs and a scale too small for the smallest footprint.

    Raises:
        NationalError: One line per problem.
    """
    problems = [f"--designs: unknown design '{d}' in {path}; known: "
                f"{', '.join(scenario.designs)}" for d in settings.designs
                if d not in scenario.designs]
    if not 0.0 < settings.scale <= 1.0:
        problems.append(f"--scale: expected a fraction in (0, 1], got {settings.scale}")
    elif footprints:
        smallest = min(footprints, key=lambda f: f.population(settings.basis))
        people = simulated_people(smallest.population(settings.basis), settings.scale)
        if people < MIN_PEOPLE:
            problems.append(f"--scale: {settings.scale} simulates {people} people in "
                            f"{smallest.name}; expected at least {MIN_PEOPLE}")
    if problems:
        raise NationalError("\n".join(problems))


def simulated_people(population: int, scale: float) -> int:
    """People simulated for a footprint at ``scale`` (results stand for all of them)."""
    return max(1, round(population * scale))


def footprint_raw(template: dict[str, Any], footprint: Footprint,
                  basis: PopulationBasis) -> dict[str, Any]:
    """The template scaled to one footprint (raw scenario dict)."""
    return footprint_scenario(template, footprint.population(basis), footprint.need_index,
                              footprint.name)


def validated_footprints(template: dict[str, Any], footprints: list[Footprint],
                         basis: PopulationBasis) -> dict[str, dict[str, Any]]:
    """Each footprint's raw scenario, every one validated.

    Raises:
        NationalError: Naming the footprint and the field its scaled scenario breaks.
    """
    out = {}
    for footprint in footprints:
        try:
            raw = footprint_raw(template, footprint, basis)
            scenario_from_dict(raw, source=f"footprint {footprint.code}")
        except (ScenarioError, ScalingError) as error:
            raise NationalError(str(error)) from None
        out[footprint.code] = raw
    return out


def footprint_params(footprint: Footprint, settings: NationalSettings) -> dict[str, Any]:
    """The columns a national run adds to each stored run: who the footprint is."""
    population = footprint.population(settings.basis)
    return {"icb_code": footprint.code, "icb_name": footprint.name,
            "region": footprint.region, "population": population,
            "population_basis": str(settings.basis), "need_index": footprint.need_index,
            "scale": settings.scale,
            "simulated_people": simulated_people(population, settings.scale)}


def national_plan(template: dict[str, Any], source: str, footprints: list[Footprint],
                  settings: NationalSettings) -> list[RunSpec]:
    """Every (footprint, replication, design) run; footprints outermost, designs innermost."""
    scenarios = validated_footprints(template, footprints, settings.basis)
    runs = []
    for index, footprint in enumerate(footprints):
        raw = scenarios[footprint.code]
        params = footprint_params(footprint, settings)
        people = None if settings.scale == 1.0 else params["simulated_people"]
        for r in range(settings.replications):
            seed = replication_seed(settings.seed, r)
            for design in settings.designs:
                runs.append(RunSpec(
                    run_id=run_id(raw, design, seed, settings.years, people),
                    design=design, seed=seed, replication=r, sample=index, params=params,
                    scenario_raw=raw, source=f"{source} scaled to {footprint.code}",
                    years=settings.years, people=people, tables=NATIONAL_TABLES))
    return runs


def person_weeks(spec: RunSpec, template_years: int) -> int:
    """Person-weeks a run simulates (simulated people × weeks)."""
    people = spec.people or int(spec.scenario_raw["population"]["size"])
    return people * (spec.years or template_years) * WEEKS_PER_YEAR
