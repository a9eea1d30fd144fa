"""Fixed-cost exposure by construction: fewer admissions cut income far more than cost.

With the default acute cost structure (scenarios/default.toml, acute trust):
  fixed       £37,000,000 a year
  semi-fixed  840 beds x £53,500 = £44,940,000 a year (beds do not move: levers are held)
  variable    £450 per NEL admission + £49 per acute bed day; at about 29,700 admissions
              and 283,000 bed days a year: 29,700 x 450 + 283,000 x 49 = £13.4m + £13.9m
              = £27.2m
  total       about £109m, of which 27.2 / 109.2 = 25% is variable.
A 10% cut in NEL demand (``demand.prevention_scheme_effect = 0.1``) under activity-based
payment (£3,640 an admission, nothing else) cuts acute income by 10% (about £10.8m), but
cost only by the variable share of the 10%: 0.25 x 10% = 2.5% (about £2.7m). The trust is
about £8m a year worse off for the same saving in admissions: that is the exposure.
"""

from functools import cache
from statistics import mean

from sim.core.ledger import Reason
from tests.core.helpers import org_cost, org_flow, run_model, total

SEEDS = (1, 2, 3, 4, 5)
PEOPLE = 60_000
SCHEME = ((("demand", "prevention_scheme_effect"), 0.1),)
EXPECTED_COST_FALL = 0.25 * 0.10  # variable share x 10% (see the module docstring)


@cache
def changes(seed: int) -> dict[str, float]:
    base = run_model("activity_based", seed=seed, people=PEOPLE, years=1)
    cut = run_model("activity_based", seed=seed, people=PEOPLE, years=1, overrides=SCHEME)
    before, after = base.ledger.to_frame(), cut.ledger.to_frame()
    income = [org_flow(ledger, "acute", [Reason.CONTRACT_PAYMENT], "in")
              for ledger in (before, after)]
    cost = [org_cost(ledger, "acute") for ledger in (before, after)]
    fixed = [org_flow(ledger, "acute", [Reason.FIXED_COST, Reason.SEMI_FIXED_COST])
             for ledger in (before, after)]
    return {
        "admissions": total(cut.history, "admissions") / total(base.history, "admissions") - 1,
        "income": income[1] / income[0] - 1,
        "cost": cost[1] / cost[0] - 1,
        "income_fall_pence": income[0] - income[1],
        "cost_fall_pence": cost[0] - cost[1],
        "fixed_change_pence": fixed[1] - fixed[0],
    }


def test_cutting_admissions_by_a_tenth_cuts_income_by_a_tenth_but_cost_by_a_quarter_of_that():
    runs = [changes(seed) for seed in SEEDS]
    admissions = mean(r["admissions"] for r in runs)
    income = mean(r["income"] for r in runs)
    cost = mean(r["cost"] for r in runs)
    # The scheme works on admissions: about -10% (8–12%).
    assert -0.12 <= admissions <= -0.08, admissions
    # Income follows admissions one for one under activity-based payment: 8–12% lower.
    assert -0.12 <= income <= -0.08, income
    # Cost falls by about 2.5%; we allow up to 4% (escalation beds also empty a little)
    # and require at least 1% (the variable part must move).
    assert -0.04 <= cost <= -0.01, cost
    assert abs(cost) < 0.4 * abs(income)
    # Fixed and semi-fixed cost do not move at all: £37m + £44.94m both ways, to the penny.
    assert all(r["fixed_change_pence"] == 0 for r in runs)
    # Income lost exceeds cost saved by millions of pounds each seed (about £8m).
    assert all(r["income_fall_pence"] - r["cost_fall_pence"] > 500_000_000 for r in runs)
    assert abs(cost - (-EXPECTED_COST_FALL)) < 0.015


def test_income_follows_admissions_exactly_under_activity_based_payment():
    # Income = £3,640 x admissions (rounded once a year to the penny), so its relative fall
    # equals the admissions' relative fall to within rounding.
    for seed in SEEDS[:2]:
        r = changes(seed)
        assert abs(r["income"] - r["admissions"]) < 1e-9
