"""Global budget revenue (Maryland's HSCRC model), hand-computed; arithmetic in each comment.

Common terms: approved revenue R = £100m, base volume B = 40,000 admissions, variable cost
factor 0.5 (HSCRC's market shift rate), so one unit shifted moves the budget by
0.5 × 100m / 40,000 = £1,250 in contract year 1.
"""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from sim.payments import (
    GlobalBudgetTerms,
    YearToDate,
    cumulative_due_pence,
    expected_annual_payment_pence,
    parse_contract_terms,
)

BASE = {"mechanism": "global_budget", "approved_revenue_gbp": 100_000_000,
        "unit": "nel_admission", "base_volume": 40_000, "variable_cost_factor": 0.5}
SHIFT = BASE | {"base_market_share": 0.6}
CORRIDOR = BASE | {"volume_corridor_fraction": 0.05}
BOTH = SHIFT | {"volume_corridor_fraction": 0.05}
UPDATED = SHIFT | {"update_factor_per_year": 0.025}


def _due_gbp(raw, months, volume, market=None, year=1) -> Decimal:
    ytd = YearToDate(months_elapsed=months, volume=volume, market_volume=market)
    return Decimal(cumulative_due_pence(parse_contract_terms(raw), ytd, year)) / 100


@pytest.mark.parametrize(
    ("raw", "months", "volume", "market", "year", "expected_gbp"),
    [
        # σM = 0.6 × 65,000 = 39,000; shift 2,000 × £1,250 = £2.5m
        (SHIFT, 12, 41_000, 65_000, 1, "102500000"),
        # the place used 2.5% less hospital care, share unchanged: the budget stands
        (SHIFT, 12, 39_000, 65_000, 1, "100000000"),
        # lost 1,000 units to another provider: σM = 39,000 vs V = 38,000 → −£1.25m
        (SHIFT, 12, 38_000, 65_000, 1, "98750000"),
        # half-way through the year: half the approved revenue, nothing adjusted yet
        (SHIFT, 6, 25_000, 30_000, 1, "50000000"),
        # year 2: R₂ = 100m × 1.025 = 102.5m; per unit 0.5 × 102.5m / 40,000 = £1,281.25;
        # σM = 0.6 × 66,000 = 39,600; shift 400 → £512,500
        (UPDATED, 12, 40_000, 66_000, 2, "103012500"),
        # corridor ±5% of B = ±2,000: V = 44,000 is 2,000 beyond → +£2.5m
        (CORRIDOR, 12, 44_000, None, 1, "102500000"),
        # V = 37,000 is 1,000 below the corridor → −£1.25m
        (CORRIDOR, 12, 37_000, None, 1, "98750000"),
        # V = 41,500 inside the corridor → the budget
        (CORRIDOR, 12, 41_500, None, 1, "100000000"),
        # no shift measured, no corridor: revenue is fixed whatever the volume
        (BASE, 12, 30_000, None, 1, "100000000"),
        # both: σM = 43,200, shift 1,800; utilisation change 3,200, 1,200 beyond the
        # corridor; 3,000 units × £1,250 = £3.75m
        (BOTH, 12, 45_000, 72_000, 1, "103750000"),
    ],
)
def test_global_budget_hand_computed(raw, months, volume, market, year, expected_gbp):
    assert _due_gbp(raw, months, volume, market, year) == Decimal(expected_gbp)


def test_twelve_monthly_payments_add_up_to_the_year():
    terms = parse_contract_terms(UPDATED)
    months = [cumulative_due_pence(terms, YearToDate(months_elapsed=m, volume=3_400 * m,
                                                    market_volume=5_500 * m), 3)
              for m in range(1, 13)]
    payments = [months[0]] + [b - a for a, b in zip(months, months[1:], strict=False)]
    # R₃ = 100m × 1.025² = 105,062,500; σM = 39,600, V = 40,800: shift 1,200 units at
    # 0.5 × 105,062,500 / 40,000 = £1,313.28125 → £1,575,937.50
    assert sum(payments) == 10_663_843_750
    # months 1–11 are twelfths of R₃: £8,755,208.33 each, rounded once on the cumulative
    assert payments[0] == 875_520_833


def test_market_volume_is_required_at_year_end_when_shift_is_measured():
    with pytest.raises(ValueError, match="market_volume is required"):
        _due_gbp(SHIFT, 12, 40_000, None)


def test_projection_without_market_volume_assumes_the_share_holds():
    terms = parse_contract_terms(SHIFT)
    # V = 41,000 with the base share kept means the whole place grew: no shift, no corridor
    assert expected_annual_payment_pence(terms, volume=41_000) == 10_000_000_000


@pytest.mark.parametrize(
    ("field", "value"),
    [("base_volume", 0), ("variable_cost_factor", 1.5), ("base_market_share", 0),
     ("approved_revenue_gbp", -1), ("update_factor_per_year", -1)],
)
def test_bad_terms_are_refused_naming_the_field(field, value):
    with pytest.raises(ValidationError, match=field):
        parse_contract_terms(SHIFT | {field: value})


def test_terms_are_the_global_budget_kind():
    assert isinstance(parse_contract_terms(BASE), GlobalBudgetTerms)
