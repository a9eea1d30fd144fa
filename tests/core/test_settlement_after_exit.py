"""A party leaving an agreement creates no money: the clearing account still ends at zero."""

from sim.model import CareSystemModel
from sim.scenario import scenario_from_dict

from .helpers import raw_with


def test_subcontractor_leaving_creates_no_money():
    # The community provider (the acute trust's subcontractor) leaves the system gain/loss
    # share at the end of year 0 for want of reserves: its floor is set above any reserves
    # it could hold, so it leaves on every seed and every kind of draws (it used to be
    # held to a seed where its reserves happened to fall). The ICB, the residual party, and
    # the council are held in (the ICB leaving would end the agreement). Before the fix
    # the subcontract (£18.5m a year) stayed out of the out-turn while still being paid,
    # and the clearing account paid it out again at every settlement.
    held_in = ((("organisations", "icb", "behaviour", "reserves_exit_threshold_gbp"), -1e12),
               (("organisations", "icb", "behaviour", "trust_exit_threshold"), 0.0),
               (("organisations", "council", "behaviour", "reserves_exit_threshold_gbp"), -1e12),
               (("organisations", "council", "behaviour", "trust_exit_threshold"), 0.0),
               (("organisations", "community", "behaviour", "reserves_exit_threshold_gbp"),
                1e9))
    raw = raw_with(held_in)
    model = CareSystemModel(scenario_from_dict(raw, source="default.toml"),
                            "capitation_gain_loss", rng=1, people=10_000, years=3)
    model.run()
    results = model.results()
    year_0 = results.exits[results.exits["year"] == 0]
    assert "community" in set(year_0["organisation"])
    assert 1 in set(results.settlements["year"])  # settled after it left
    for state in model.agreement_book.states:
        assert model.ledger.balance(state.clearing_account) == 0
