"""Stylised facts from the seed documents, over ten seeds, with stated tolerances.

The facts judged on the default place's five-year runs (which they share, with the
planner's); the facts under a shock are in test_stylised_facts_shocks.py. Sizes are the
model's; the tests hold the directions (and generous bounds on sizes).
"""

import statistics

import pytest

from experiments import stylised_facts as sf
from tests.scenarios.facts import values as _values


def test_activity_based_payment_holds_back_admission_avoidance():
    """The acute trust invests less in avoidance and admits more discretionary cases under
    payment by results than under capitation (every seed for admissions; the mean for
    investment, which is lumpy in £250k steps)."""
    pbr_invest = _values(sf.admission_avoidance, "activity_based", "avoidance_investment_mean_gbp")
    cap_invest = _values(sf.admission_avoidance, "capitation_gain_loss",
                         "avoidance_investment_mean_gbp")
    assert statistics.mean(pbr_invest) < statistics.mean(cap_invest) - 100_000
    pbr_adm = _values(sf.admission_avoidance, "activity_based",
                      "discretionary_admissions_per_year")
    cap_adm = _values(sf.admission_avoidance, "capitation_gain_loss",
                      "discretionary_admissions_per_year")
    assert all(p > c * 1.1 for p, c in zip(pbr_adm, cap_adm, strict=True)), (pbr_adm, cap_adm)


def test_care_shifts_out_of_hospital_under_shared_gains():
    """Over 5 years the out-of-hospital share of short-term care rises more under capitation
    plus gain/loss sharing than under payment by results: on the mean, and in 8 of 10 seeds."""
    shared = _values(sf.care_shift, "capitation_gain_loss", "out_of_hospital_share_change_pp")
    pbr = _values(sf.care_shift, "activity_based", "out_of_hospital_share_change_pp")
    assert statistics.mean(shared) > statistics.mean(pbr) + 0.5, (shared, pbr)
    assert sum(s > p for s, p in zip(shared, pbr, strict=True)) >= 8, (shared, pbr)


@pytest.mark.xfail(strict=False, reason=(
    "measured once levers are chosen jointly (seeds 1-10, bed cap and spot purchase on):"
    " mean silo index 0.0105 under payment by results, 0.0055 under block, 0.0099 under"
    " capitation with gain/loss sharing: payment by results is above capitation but by"
    " 0.06 points, not 0.5, and block is below it (block 0 on four seeds, 0.012-0.020 on"
    " three). It held judging levers one at a time before trust and pool forecasts"
    " changed; not tuned back"))
def test_silo_index_is_higher_under_activity_based_and_block_designs():
    """Silo index (resource cost over a whole-system planner's on the same seed): payment by
    results at least 0.5 points above capitation + gain/loss, block above it, on the mean
    over seeds (block's rationing saves money while days away from home rise)."""
    shared = statistics.mean(_values(sf.silo, "capitation_gain_loss", "silo_index"))
    pbr = statistics.mean(_values(sf.silo, "activity_based", "silo_index"))
    block = statistics.mean(_values(sf.silo, "block", "silo_index"))
    assert pbr > shared + 0.005, (pbr, shared)
    assert block > shared, (block, shared)


ALL_ORIENTED = tuple((f"organisations.{org}.behaviour.{field}", value)
                     for org in ("acute", "community", "social_care", "age_well",
                                 "home_from_hospital")
                     for field, value in (("system_orientation", 1.0),
                                          ("trust_orientation_gain", 0.0)))


@pytest.mark.xfail(strict=False, reason=(
    "measured with the acute bed cap and spot purchase on, seeds 1-10, activity-based: every"
    " index is at or above 0 (holds), but with every provider fully system-oriented the mean"
    " silo index is 0.0151 against 0.0123 at default orientation (seeds 1-2 are 0 either"
    " way): orientation without the planner's knowledge of the true effects does not bring"
    " the design closer to it on these seeds"))
def test_full_system_orientation_closes_most_of_the_gap_to_the_planner():
    """Organisations with full system orientation but their own priors are not the planner
    (it also knows the true effects): their index stays at or above 0 (within 0.2%), and
    below the same design's at its default orientation on the mean over seeds."""
    values = _values(sf.silo, "activity_based", "silo_index", overrides=ALL_ORIENTED)
    assert all(v > -0.002 for v in values), values
    default = _values(sf.silo, "activity_based", "silo_index")
    assert statistics.mean(values) < statistics.mean(default), (values, default)
