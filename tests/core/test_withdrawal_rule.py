"""The rule for staying in a risk share, checked by hand arithmetic.

Each case's expected value is worked out from the formula in ``agents/withdrawal.py``'s
docstring: D = mean − k·spread; value = trust·max(0, D) + min(0, D)·(1 + u·(1 − trust))
·(1 + strain); leave when value < −exit cost, never before a settlement is seen.
"""

import dataclasses

import pytest

from agents.withdrawal import ExitReason, StayView, decide_stay

# One settlement of −£200k seen, a prior spread of £100k, one sd of downside: D = −£300k.
COUNCIL = StayView(settlements_seen=(-200_000.0,), trust=0.5, uninfluenceable_loss_share=0.5,
                   reserves_gbp=1_000_000.0, exit_cost_gbp=350_000.0,
                   prior_spread_gbp=100_000.0, downside_sds=1.0)


def test_no_settlement_seen_no_exit() -> None:
    """Before any settlement the party stays whatever it fears."""
    view = dataclasses.replace(COUNCIL, settlements_seen=(), trust=0.0)
    assert not decide_stay(view).leave


def test_council_bearing_half_its_losses_uninfluenceable_leaves_one_bearing_9pc_stays() -> None:
    """u = 0.5: −300k·(1 + 0.25) = −375k < −350k, leaves; u = 0.09: −313.5k, stays."""
    half = decide_stay(COUNCIL)
    assert half.value_gbp == pytest.approx(-375_000.0)
    assert half.leave and half.reason is ExitReason.UNINFLUENCEABLE_LOSSES
    nine = decide_stay(dataclasses.replace(COUNCIL, uninfluenceable_loss_share=0.09))
    assert nine.value_gbp == pytest.approx(-313_500.0)
    assert not nine.leave


def test_same_losses_high_trust_stays_low_trust_leaves() -> None:
    """trust 0.9: −300k·1.05 = −315k, stays; trust 0.1: −300k·1.45 = −435k, leaves."""
    assert not decide_stay(dataclasses.replace(COUNCIL, trust=0.9)).leave
    low = decide_stay(dataclasses.replace(COUNCIL, trust=0.1))
    assert low.value_gbp == pytest.approx(-435_000.0)
    assert low.leave


def test_thin_reserves_path_is_not_a_reserves_breach() -> None:
    """Reserves £100k (positive): strain = 200k/300k; −300k·(5/3) = −500k, leaves on finances."""
    view = dataclasses.replace(COUNCIL, uninfluenceable_loss_share=0.0, reserves_gbp=100_000.0)
    out = decide_stay(view)
    assert out.value_gbp == pytest.approx(-500_000.0)
    assert out.leave and out.reason is ExitReason.FINANCES


def test_expected_gains_count_and_uncertainty_from_the_record() -> None:
    """Seen +100k and +300k: mean 200k, sd 141,421; D = 58,579 > 0, worth trust·D; stays."""
    view = dataclasses.replace(COUNCIL, settlements_seen=(100_000.0, 300_000.0), trust=0.4)
    out = decide_stay(view)
    assert out.pessimistic_share_gbp == pytest.approx(200_000.0 - 141_421.356, abs=0.01)
    assert out.value_gbp == pytest.approx(0.4 * 58_578.644, abs=0.01)
    assert not out.leave


def test_cost_of_leaving_holds_a_party_in() -> None:
    """The same −375k value stays when leaving would cost £400k."""
    assert not decide_stay(dataclasses.replace(COUNCIL, exit_cost_gbp=400_000.0)).leave


def test_a_loss_with_neither_weight_is_named_as_the_loss_itself() -> None:
    """u = 0, ample reserves: value = D = −300k < −£250k exit cost; neither weight drove it."""
    view = dataclasses.replace(COUNCIL, uninfluenceable_loss_share=0.0, exit_cost_gbp=250_000.0)
    out = decide_stay(view)
    assert out.value_gbp == pytest.approx(-300_000.0)
    assert out.leave and out.reason is ExitReason.LOSSES
