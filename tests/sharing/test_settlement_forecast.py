"""A party's forecast settlement goes through the agreement's own function (pence, by hand)."""

from agents.settlement_forecast import party_settlement_pence, settlement_change_pence

from .helpers import make_agreement, make_figures

HALVES = {"kind": "fixed_proportions", "shares": {"b": "0.5", "c": "0.5"}}
CORRIDOR = {"rule": HALVES,
            "modifiers": [{"kind": "corridor", "minimum_rate": "0.05",
                           "sharing": "first_dollar"}]}
CAP = {"rule": HALVES, "modifiers": [{"kind": "cap", "party": "b", "amount_gbp": 30}]}


def test_inside_a_corridor_a_saving_brings_the_partner_nothing():
    # Baseline £1,000, forecast out-turn £990 (a £10 gain); the 5% corridor is £50.
    # b's option saves £20 of in-scope cost: the gain becomes £30, still inside the
    # corridor, so the residual a keeps it all and b gets 0p. A linear projection at
    # b's 50% share of a typical pool would say 50% x 2000p = 1000p.
    agreement = make_agreement(gains=CORRIDOR)
    figures = make_figures(1000, 990)
    assert settlement_change_pence(agreement, figures, "b", -2000) == 0
    assert settlement_change_pence(agreement, figures, "a", -2000) == 2000


def test_crossing_the_corridor_shares_the_whole_gain():
    # From a £40 gain, a £20 saving makes £60 >= £50: first-dollar sharing gives b half of
    # all £60 = 3000p, up from 0p; a goes from keeping 4000p to 0p.
    agreement = make_agreement(gains=CORRIDOR)
    figures = make_figures(1000, 960)
    assert settlement_change_pence(agreement, figures, "b", -2000) == 3000
    assert settlement_change_pence(agreement, figures, "a", -2000) == -4000


def test_past_a_cap_more_saving_brings_nothing():
    # A £60 gain gives b half = £30, its cap. A further £20 saving would be £10 more at
    # 50%, but the cap holds b at 3000p: the change is 0p.
    agreement = make_agreement(gains=CAP)
    figures = make_figures(1000, 940)
    assert party_settlement_pence(agreement, figures, "b") == 3000
    assert settlement_change_pence(agreement, figures, "b", -2000) == 0


def test_outside_any_modifier_the_change_is_the_share():
    # Plain halves: a £20 saving on a £40 gain gives b 1000p more; a £20 extra cost 1000p less.
    agreement = make_agreement(gains={"rule": HALVES}, losses={"rule": HALVES})
    figures = make_figures(1000, 960)
    assert settlement_change_pence(agreement, figures, "b", -2000) == 1000
    assert settlement_change_pence(agreement, figures, "b", 2000) == -1000
