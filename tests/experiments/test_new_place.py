"""``placesim new-place``: a validated scenario from a few local figures, which runs."""

from typer.testing import CliRunner

from experiments.cli import app
from sim.model import CareSystemModel
from sim.scenario import load_scenario


def test_new_place_validates_and_runs(tmp_path):
    out = tmp_path / "northshire.toml"
    result = CliRunner().invoke(app, [
        "new-place", str(out), "--name", "Northshire", "--population", "150000",
        "--age-mix", "80,11,6.5,2.5", "--acute-beds", "400", "--community-budget-gbp",
        "12000000", "--social-care-budget-gbp", "70000000", "--organisation",
        "icb=NHS Northshire ICB"])
    assert result.exit_code == 0, result.output
    scenario = load_scenario(out)
    assert scenario.meta.name == "Northshire" and scenario.population.size == 150_000
    shares = [b.population_share for b in scenario.population.age_bands]
    assert shares == [0.80, 0.11, 0.065, 0.025]
    orgs = {o.id: o for o in scenario.organisations}
    assert orgs["icb"].name == "NHS Northshire ICB"
    assert orgs["acute"].capacities["acute_beds"].units == 400
    # council allocation: £70m of services plus the default place's 1.25% headroom
    assert float(orgs["council"].allocation_gbp_per_year) == 70_000_000 * 1.0125
    # half the default population: the voluntary fixed cost £20,000 halves to £10,000
    assert float(orgs["age_well"].fixed_cost_gbp_per_year) == 10_000
    model = CareSystemModel(scenario, "block", rng=3, people=2000, years=1)
    model.run_for(52)
    assert model.week == 52 and not model.results().finance_annual.empty


def test_new_place_refuses_an_age_mix_that_does_not_add_up(tmp_path):
    result = CliRunner().invoke(app, [
        "new-place", str(tmp_path / "x.toml"), "--name", "X", "--population", "100000",
        "--age-mix", "80,11,6.5,10"])
    assert result.exit_code == 2
    assert "the shares add to 107.5%; they must add to 100%" in result.output
    assert not (tmp_path / "x.toml").exists()
