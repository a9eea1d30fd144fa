"""Stylised facts under a shock (a demand-cutting scheme, demand growth, a scheme that
delivers half its effect), over ten seeds, with stated tolerances.

Their runs are their own (no other fact uses them), so they sit apart from the facts on the
default place's five-year runs (test_stylised_facts.py) and the two modules can run side by
side. Sizes are the model's; the tests hold the directions (and generous bounds on sizes).
"""

import pytest

from experiments import stylised_facts as sf
from tests.scenarios.facts import values as _values


def test_fixed_cost_exposure_puts_the_acute_trust_into_deficit_under_activity_based_payment():
    """A scheme cutting NEL demand 10% costs the trust ~10% of income but only the variable
    ~25% of that in cost, so under payment by results it ends year 1 in deficit (by 3-12%
    of income); under capitation plus gain/loss sharing its surplus stays within ±2.5%."""
    pbr = _values(sf.fixed_cost_exposure, "activity_based", "acute_surplus_share_of_income")
    assert all(-0.12 < v < -0.03 for v in pbr), pbr
    income_fall = _values(sf.fixed_cost_exposure, "activity_based", "acute_income_change")
    assert all(-0.12 < v < -0.07 for v in income_fall), income_fall
    shared = _values(sf.fixed_cost_exposure, "capitation_gain_loss",
                     "acute_surplus_share_of_income")
    assert all(abs(v) <= 0.025 for v in shared), shared


@pytest.mark.xfail(strict=False, reason=(
    "measured with the acute bed cap and spot purchase on, seeds 1-10: block D2A is"
    " unchanged (0 in every seed, holds); block DTOC bed days change by +19%, +83%, +31%,"
    " +38%, -11%, +136%, +138%, +105%, +49%, -9% (7 of 10 above 20%); under capitation with"
    " gain/loss sharing D2A rises by 0, 30, 0, 0, 0, 0, 30, 10, 0, 0 places (none at 40+)"
    " and DTOC falls in 6 of 10 seeds"))
def test_block_contracts_hold_back_downstream_capacity_as_demand_grows():
    """Demand +3%/yr for 4 years. Block: D2A places rise by at most two steps (20) and DTOC
    bed days grow by over 20%. Capitation + gain/loss: D2A rises by 40+ places, DTOC falls."""
    block_places = _values(sf.downstream_capacity, "block", "d2a_places_change")
    block_dtoc = _values(sf.downstream_capacity, "block", "dtoc_change")
    shared_places = _values(sf.downstream_capacity, "capitation_gain_loss", "d2a_places_change")
    shared_dtoc = _values(sf.downstream_capacity, "capitation_gain_loss", "dtoc_change")
    assert all(v <= 20 for v in block_places), block_places
    assert all(v > 0.2 for v in block_dtoc), block_dtoc
    assert all(v >= 40 for v in shared_places), shared_places
    assert all(v < 0 for v in shared_dtoc), shared_dtoc


@pytest.mark.xfail(strict=False, reason=(
    "measured with the acute bed cap and spot purchase on, seeds 1-10: under payment by"
    " results the ICB pays and the acute trust gains in every seed (holds); under block the"
    " acute trust pays in every seed but the ICB pays too in 9 of 10 (the out-of-area and"
    " spot-purchase charges of a fuller system fall on it); under capitation with gain/loss"
    " sharing the ICB pays in 7 of 10 seeds, the acute trust, community and social care in"
    " 8 of 10"))
def test_half_the_benefits_shows_who_pays():
    """A scheme delivering half its effect: under payment by results the ICB bears the
    shortfall while the acute trust is better off (it keeps activity income); under block
    the providers bear it and commissioners nothing; under capitation + gain/loss sharing
    every pooled party bears part of it in at least 8 of 10 seeds (3-year totals)."""
    def pays(design, org):
        return _values(sf.half_benefit, design, f"{org}_pays_gbp")

    assert all(v > 0 for v in pays("activity_based", "icb"))
    assert all(v < 0 for v in pays("activity_based", "acute"))
    assert all(v == 0 for v in pays("block", "icb"))
    assert all(v > 0 for v in pays("block", "acute"))
    for org in ("icb", "acute", "community", "social_care"):
        paid = pays("capitation_gain_loss", org)
        assert sum(v > 0 for v in paid) >= 8, (org, paid)
