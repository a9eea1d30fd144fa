"""Learning works: a prior three times too strong is corrected from what organisations see.

Every organisation's priors on the spending levers are set to three times the simulator's
true effects (same functional form: ``[effects]`` avoidance 0.10, discharge 0.15 and
proactive care 0.15 against priors 0.30, 0.45 and 0.45); the acute trust's two levers,
whose prior has exactly the truth's form, have a true multiplier of 1/3.
With stationary truth (no demand growth) and noise-free views, the learned multiplier must
move at least halfway from 1 to 1/3 within 5 years for each lever that was moved, in at
least 8 of 10 seeds; with the default reporting noise its error must shrink on average.
Samples of 15,000 people keep the runs small.
"""

import pytest

from sim.core.records import DecisionRecord
from sim.model import CareSystemModel
from tests.core.helpers import scenario_with

TRUTH = 1.0 / 3.0
HALFWAY = (1.0 + TRUTH) / 2.0
LEVERS = ("avoidance_investment_gbp_per_year", "discharge_effort")
ORGANISATIONS = ("acute", "community", "social_care", "age_well", "home_from_hospital",
                 "icb", "council")
SEEDS = range(1, 11)
# Every organisation's priors on every spending lever at three times the truth (the true
# effects are LeverEffects' defaults: 0.10, 0.15, 0.15), so that what one lever does is not
# mistaken for another's whose prior is wrong by a different factor.
PRIORS_THREE_TIMES_TOO_STRONG = {"prior_avoidance_max_admission_reduction": 0.30,
                                 "prior_discharge_los_reduction": 0.45,
                                 "prior_proactive_max_frail_reduction": 0.45}
# The figures of a 15,000-person sample vary more between quarters than a whole place's
# (about 375 admissions a quarter: Poisson s.d. 5%, more with lengths of stay), so the
# organisations' assumed variation (default 3%, for a place) is set to what they would see.
SAMPLE_FIGURE_SD = {"belief_figure_sd": 0.06}


def _learned(noise: float | None, seed: int) -> dict[str, tuple[float, bool]]:
    """Per lever: the acute trust's learned multiplier after 5 years, and whether it moved."""
    overrides = [(("organisations", o, "behaviour", name), value)
                 for o in ORGANISATIONS
                 for name, value in {**PRIORS_THREE_TIMES_TOO_STRONG, **SAMPLE_FIGURE_SD}.items()]
    if noise is not None:
        overrides += [(("organisations", o, "behaviour", "transparency_noise"), noise)
                      for o in ORGANISATIONS]
    model = CareSystemModel(scenario_with(tuple(overrides)), "capitation_gain_loss", rng=seed,
                            people=15_000, years=5)
    model.run()
    acute = model.by_id["acute"]
    moved = {d.lever for d in model.recorder.rows(DecisionRecord) if d.organisation == "acute"}
    return {lever: (acute.belief(lever), lever in moved) for lever in LEVERS}


@pytest.mark.slow
def test_a_prior_three_times_too_strong_moves_halfway_to_the_truth():
    runs = [_learned(0.0, seed) for seed in SEEDS]
    for lever in LEVERS:
        moved = [run[lever][0] for run in runs if run[lever][1]]
        assert len(moved) >= 5, f"{lever} moved in too few seeds to judge"
        halfway = sum(value <= HALFWAY for value in moved)
        assert halfway >= 0.8 * len(moved), (lever, moved)


@pytest.mark.slow
def test_with_default_noise_the_error_shrinks_on_average():
    runs = [_learned(None, seed) for seed in SEEDS]
    for lever in LEVERS:
        errors = [abs(run[lever][0] - TRUTH) for run in runs]
        assert sum(errors) / len(errors) < abs(1.0 - TRUTH), (lever, errors)
