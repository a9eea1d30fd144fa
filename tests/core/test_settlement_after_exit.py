"""A party leaving an agreement creates no money: the clearing account still ends at zero."""

from sim.model import CareSystemModel
from sim.scenario import load_scenario

from .helpers import ROOT


def test_subcontractor_leaving_creates_no_money():
    # Seed 2 at 10,000 people: the community provider (the acute trust's subcontractor)
    # leaves the system gain/loss share at the end of year 0 for want of reserves (the acute
    # trust and the ICB follow in year 1). Before
    # the fix its subcontract (£18.5m a year) stayed out of the out-turn while still being
    # paid, and the clearing account paid it out again at every settlement.
    model = CareSystemModel(load_scenario(ROOT / "scenarios" / "default.toml"),
                            "capitation_gain_loss", rng=2, people=10_000, years=3)
    model.run()
    results = model.results()
    year_0 = results.exits[results.exits["year"] == 0]
    assert "community" in set(year_0["organisation"])
    assert 1 in set(results.settlements["year"])  # settled after it left
    for state in model.agreement_book.states:
        assert model.ledger.balance(state.clearing_account) == 0
