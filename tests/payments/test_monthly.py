"""Monthly payments: what a provider receives each month under each mechanism."""

from sim.payments import (
    YearToDate,
    cumulative_due_pence,
    monthly_payment_pence,
    parse_contract_terms,
)

BLENDED = {
    "mechanism": "blended",
    "unit": "nel_admission",
    "price_gbp": 2000,
    "planned_volume": 12_000,
    "variable_rate": 0.2,
    "outcome_retention": 0.2,
}


def _year(monthly_volumes, outcome=None, heads=0.0):
    out, total = [], 0.0
    for month, volume in enumerate(monthly_volumes, start=1):
        total += volume
        score = outcome if month == 12 else None
        out.append(YearToDate(month, volume=total, weighted_heads=heads, outcome_score=score))
    return out


def _payments(terms, year, contract_year=1):
    before = None
    payments = []
    for now in year:
        payments.append(monthly_payment_pence(terms, now, before, contract_year))
        before = now
    return payments


def test_blended_pays_monthly_on_plan_then_releases_retention_at_year_end():
    terms = parse_contract_terms(BLENDED)
    payments = _payments(terms, _year([1000] * 12, outcome=0.5))
    # Fixed element 2,000 × 12,000 = £24m; 80% paid in twelfths = £1.6m a month.
    assert payments[:11] == [160_000_000] * 11
    # Month 12: £1.6m + 0.2 × £24m × 0.5 = £1.6m + £2.4m.
    assert payments[11] == 400_000_000
    assert sum(payments) == 2_160_000_000  # £19.2m + £2.4m


def test_blended_month_behind_plan_is_a_clawback_of_the_variable_element():
    terms = parse_contract_terms(BLENDED | {"outcome_retention": 0.0})
    payments = _payments(terms, _year([1000, 1000, 1000, 200] + [1000] * 8))
    # Month 4 is 800 admissions behind plan: £2m − 0.2 × 2,000 × 800 = £2m − £320k.
    assert payments[3] == 168_000_000
    # Year: £24m − 0.2 × 2,000 × 800 = £24m − £320k.
    assert sum(payments) == 2_368_000_000


def test_block_with_corridor_settles_in_month_twelve():
    terms = parse_contract_terms(
        {
            "mechanism": "block",
            "annual_value_gbp": 12_000_000,
            "unit": "nel_admission",
            "planned_volume": 6000,
            "corridor_fraction": 0.05,
            "corridor_price_gbp": 1000,
        }
    )
    payments = _payments(terms, _year([550] * 12))  # 6,600 admissions: 300 above 6,300
    assert payments[:11] == [100_000_000] * 11  # £12m / 12
    assert payments[11] == 100_000_000 + 30_000_000  # £1m + 300 × £1,000


def test_capitation_pays_each_month_on_that_months_list():
    terms = parse_contract_terms({"mechanism": "capitation", "per_head_gbp": 1200})
    lists = [1000, 1000, 1300]  # the list grows by 300 heads in month 3
    year = [
        YearToDate(month, weighted_heads=sum(lists[:month]) / month)
        for month in range(1, len(lists) + 1)
    ]
    payments = _payments(terms, year)
    # £1,200 / 12 = £100 per head per month: £100k, £100k, then £130k.
    assert payments == [10_000_000, 10_000_000, 13_000_000]


def test_rounding_residue_is_carried_not_lost():
    # £100.01 a year is 10,001p; a twelfth is 833.42p, so months are 833p or 834p.
    terms = parse_contract_terms({"mechanism": "block", "annual_value_gbp": "100.01"})
    payments = _payments(terms, _year([0] * 12))
    assert set(payments) == {833, 834}
    assert sum(payments) == 10_001
    assert cumulative_due_pence(terms, YearToDate(12), 1) == 10_001
