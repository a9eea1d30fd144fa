"""Organisations learn how much of a quoted saving is cash, from published accounts.

The conjugate update is checked by hand arithmetic; the behaviour over five years in the
default place, whose acute trust and council carry large fixed shares (variable cost a bed
day £49 against a quoted £407; a care-home week £310 against £916), and in a control place
where the acute trust's variable costs equal the quoted ones.
"""

from types import SimpleNamespace

import pytest

from agents.cash_release import CashReleaseBelief
from sim.core.activity import ActivityUnit
from sim.model import CareSystemModel
from sim.scenario.behaviour import BehaviourParams, QuotedUnitCosts
from tests.core.helpers import default_raw, scenario_with

BED_DAY = ActivityUnit.ACUTE_BED_DAY
SEEDS = range(1, 7)


class _Quoted:
    def cost_gbp(self, unit):
        return 400.0


def _behaviour():
    return SimpleNamespace(cash_release_prior_share=1.0, cash_release_prior_sd=0.5,
                           cash_release_noise_share=0.01, belief_trend_sd_per_year=0.05)


def test_first_year_only_remembers_the_accounts():
    belief = CashReleaseBelief(_behaviour())
    belief.learn({"acute": (1_000_000.0, {BED_DAY: 5_000.0})}, _Quoted())
    assert belief.share(BED_DAY) == pytest.approx(1.0)


def test_one_year_of_accounts_moves_the_share_as_the_conjugate_update_says():
    """Bed days up 1,000 at £400 quoted on £1m of cost (x = 0.4); cost up £100k (y = 0.1).

    Prior precision 1/0.5² = 4; error variance 0.01² + 0.05² = 0.0026 (growth integrated
    out); posterior mean (4·1 + 0.4·0.1/0.0026) / (4 + 0.4²/0.0026) = 19.385 / 65.538.
    """
    belief = CashReleaseBelief(_behaviour())
    belief.learn({"acute": (1_000_000.0, {BED_DAY: 5_000.0})}, _Quoted())
    belief.learn({"acute": (1_100_000.0, {BED_DAY: 6_000.0})}, _Quoted())
    assert belief.share(BED_DAY) == pytest.approx(0.2958, abs=5e-4)
    assert belief.share(ActivityUnit.CARE_HOME_WEEK) == pytest.approx(1.0)  # no evidence


def test_the_prior_is_a_validated_parameter():
    with pytest.raises(ValueError):
        BehaviourParams(cash_release_prior_share=-0.1)
    assert BehaviourParams().cash_release_prior_share == 1.0


def _true_share(org: str, unit: str) -> float:
    """Variable cost over quoted average cost, from the scenario file (not the model)."""
    spec = next(o for o in default_raw()["organisations"] if o["id"] == org)
    return spec["variable_cost_gbp"][unit] / getattr(QuotedUnitCosts(), unit)


def _shares_after_five_years(overrides, seed):
    model = CareSystemModel(scenario_with(overrides), "capitation_gain_loss", rng=seed,
                            people=10_000, years=5)
    model.run(5)
    return model.providers[0].cash_release.shares()


@pytest.mark.slow
def test_beliefs_move_toward_the_true_marginal_share_where_costs_are_mostly_fixed():
    """Default place, 6 seeds, 5 years (4 updates): the acute bed-day and care-home-week
    shares close at least 40% of the gap from the prior (1) to the true marginal share
    (variable ÷ quoted: 49/407 = 0.12 and 310/916 = 0.34) in at least 5 seeds.

    Tolerance: cost inflation, capacity changes and other lines' activity blur the signal.
    """
    lines = {"acute_bed_day": _true_share("acute", "acute_bed_day"),
             "care_home_week": _true_share("social_care", "care_home_week")}
    assert lines["acute_bed_day"] == pytest.approx(49 / 407)
    closer = dict.fromkeys(lines, 0)
    for seed in SEEDS:
        shares = _shares_after_five_years((), seed)
        for line, truth in lines.items():
            closer[line] += abs(shares[line] - truth) <= 0.6 * abs(1.0 - truth)
    assert all(n >= 5 for n in closer.values()), closer


@pytest.mark.slow
def test_beliefs_stay_high_where_the_saving_is_real():
    """Control: the acute trust's variable costs equal the quoted ones (true share 1);
    its believed bed-day share stays above 0.8 in at least 5 of 6 seeds, so learning does
    not simply drift every belief down."""
    overrides = ((("organisations", "acute", "variable_cost_gbp", "acute_bed_day"), 407.0),
                 (("organisations", "acute", "variable_cost_gbp", "nel_admission"), 2067.0))
    high = sum(_shares_after_five_years(overrides, seed)["acute_bed_day"] > 0.8
               for seed in SEEDS)
    assert high >= 5
