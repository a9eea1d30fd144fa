"""``placesim new-place``: a scenario for your own place from a few local figures."""

from pathlib import Path
from typing import Annotated

import typer

ORGANISATIONS = ("icb", "council", "acute", "community", "social_care", "age_well",
                 "home_from_hospital")


def _names(pairs: list[str]) -> dict[str, str]:
    names = {}
    for pair in pairs:
        org, sep, name = pair.partition("=")
        if not sep or org not in ORGANISATIONS or not name.strip():
            raise typer.BadParameter(f"expected ID=NAME with ID one of {', '.join(ORGANISATIONS)}"
                                     f", got {pair!r}", param_hint="--organisation")
        names[org] = name.strip()
    return names


def new_place_command(
    out: Annotated[Path, typer.Argument(help="Scenario file to write.")],
    name: Annotated[str, typer.Option(prompt="The place's name")],
    population: Annotated[int, typer.Option(min=10_000, prompt="Resident population")],
    age_mix: Annotated[str | None, typer.Option(
        help="Shares aged 0-64,65-74,75-84,85+ (e.g. 0.81,0.10,0.065,0.025 or 81,10,6.5,2.5)."
    )] = None,
    acute_beds: Annotated[int | None, typer.Option(min=10, help="General and acute beds.")]
    = None,
    community_budget_gbp: Annotated[float | None, typer.Option(
        min=0, help="A year's community health spend on the services modelled (£).")] = None,
    social_care_budget_gbp: Annotated[float | None, typer.Option(
        min=0, help="A year's adult social care spend on the services modelled (£).")] = None,
    organisation: Annotated[list[str] | None, typer.Option(
        help="ID=NAME, your name for an organisation (repeat).")] = None,
) -> None:
    """Write a validated scenario for your place; every other number defaulted and cited."""
    from experiments.place import PlaceFigures, new_place, parse_age_mix
    from sim.scenario import ScenarioError

    try:
        mix = parse_age_mix(age_mix) if age_mix else None
    except ValueError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    figures = PlaceFigures(name, population, mix, acute_beds, community_budget_gbp,
                           social_care_budget_gbp, _names(organisation or []))
    try:
        scenario = new_place(figures, out)
    except ScenarioError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{out}: {scenario.meta.name}, {scenario.population.size:,} people,"
               f" {len(scenario.organisations)} organisations, designs:"
               f" {', '.join(scenario.designs)}. Check it against docs/your-place.md.")
