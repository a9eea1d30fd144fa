"""A party leaving an agreement creates no money: the clearing account still ends at zero."""

from experiments import stylised_facts as sf
from sim.model import CareSystemModel

# Every other party is held in (a cost of leaving no loss reaches), so the agreement goes on.
HELD_IN = tuple((f"organisations.{p}.behaviour.exit_cost_gbp", 1e12)
                for p in ("icb", "council", "acute", "social_care"))


def test_subcontractor_leaving_creates_no_money():
    # Seed 2 at 10,000 people: the community provider (the acute trust's subcontractor)
    # leaves the system gain/loss share at the end of year 0 on its losses; the others
    # are held in. Before
    # the fix its subcontract (£18.5m a year) stayed out of the out-turn while still being
    # paid, and the clearing account paid it out again at every settlement.
    model = CareSystemModel(sf._place(HELD_IN), "capitation_gain_loss", rng=2, people=10_000,
                            years=3)
    model.run()
    results = model.results()
    year_0 = results.exits[results.exits["year"] == 0]
    assert "community" in set(year_0["organisation"])
    assert 1 in set(results.settlements["year"])  # settled after it left
    for state in model.agreement_book.states:
        assert model.ledger.balance(state.clearing_account) == 0
