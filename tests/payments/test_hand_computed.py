"""Hand-computed payments per mechanism; the arithmetic is in the comment of each row."""

from decimal import Decimal

import pytest

from sim.core.money import gbp_to_pence
from sim.payments import (
    ActivityBasedTerms,
    BlendedTerms,
    BlockTerms,
    CapitationTerms,
    YearToDate,
    cumulative_due_pence,
    expected_annual_payment_pence,
    parse_contract_terms,
    weighted_head_count,
)

# NEL admission at the 2016/17 reference cost of £1,590.
NEL_PAYG = {"mechanism": "activity_based", "unit": "nel_admission", "price_gbp": 1590}
# 2010/11 marginal rate emergency tariff: 30% of price above the baseline.
NEL_MARGINAL = NEL_PAYG | {"baseline_volume": 10_000, "marginal_rate_above": 0.3}
# 2022/23 API elective variable rates: over plan at 75%, shortfall deducted at 50%.
API = {
    "mechanism": "activity_based",
    "unit": "nel_admission",
    "price_gbp": 2000,
    "baseline_volume": 1000,
    "marginal_rate_above": 0.75,
    "marginal_rate_below": 0.5,
}
PENNY = {"mechanism": "activity_based", "unit": "community_contact", "price_gbp": "0.01"}


@pytest.mark.parametrize(
    ("terms", "months", "volume", "expected_gbp"),
    [
        (NEL_PAYG, 12, 1000, "1590000"),  # 1,590 × 1,000
        (NEL_MARGINAL, 12, 11_000, "16377000"),  # 1,590 × 10,000 + 0.3 × 1,590 × 1,000
        (NEL_MARGINAL, 12, 10_000, "15900000"),  # 1,590 × 10,000, nothing above
        (NEL_MARGINAL, 12, 9000, "14310000"),  # 15.9m − 1 × 1,590 × 1,000 = 1,590 × 9,000
        # month 6: baseline 10,000 × 6/12 = 5,000; 1,590 × 5,000 + 0.3 × 1,590 × 500
        (NEL_MARGINAL, 6, 5500, "8188500"),
        (API, 12, 1100, "2150000"),  # 2,000 × 1,000 + 0.75 × 2,000 × 100
        (API, 12, 900, "1900000"),  # 2,000 × 1,000 − 0.5 × 2,000 × 100
        (API, 12, 0, "1000000"),  # 2,000 × 1,000 − 0.5 × 2,000 × 1,000
        (PENNY, 1, 2.5, "0.02"),  # 1p × 2.5 = 2.5p → 2p (half to even)
        (PENNY, 1, 3.5, "0.04"),  # 1p × 3.5 = 3.5p → 4p (half to even)
    ],
)
def test_activity_based(terms, months, volume, expected_gbp):
    parsed = parse_contract_terms(terms)
    assert isinstance(parsed, ActivityBasedTerms)
    ytd = YearToDate(months_elapsed=months, volume=volume)
    assert cumulative_due_pence(parsed, ytd, contract_year=1) == gbp_to_pence(expected_gbp)


BLOCK = {"mechanism": "block", "annual_value_gbp": 12_000_000, "uplift_per_year": 0.01}
# Plan 6,000 admissions, ±5% → corridor [5,700, 6,300], £1,000 per admission outside it.
CORRIDOR = BLOCK | {
    "unit": "nel_admission",
    "planned_volume": 6000,
    "corridor_fraction": 0.05,
    "corridor_price_gbp": 1000,
}
ODD_BLOCK = {"mechanism": "block", "annual_value_gbp": "100.01", "uplift_per_year": 0.01}


@pytest.mark.parametrize(
    ("terms", "year", "months", "volume", "expected_gbp"),
    [
        (BLOCK, 1, 12, 0, "12000000"),  # year 1: no uplift yet
        (BLOCK, 2, 12, 0, "12120000"),  # 12m × 1.01
        (BLOCK, 3, 12, 0, "12241200"),  # 12m × 1.01² = 12m × 1.0201
        (BLOCK, 2, 5, 0, "5050000"),  # 12.12m × 5/12
        (CORRIDOR, 1, 12, 6500, "12200000"),  # 12m + 1,000 × (6,500 − 6,300)
        (CORRIDOR, 1, 12, 5500, "11800000"),  # 12m − 1,000 × (5,700 − 5,500)
        (CORRIDOR, 1, 12, 6250, "12000000"),  # inside [5,700, 6,300]: block only
        (CORRIDOR, 1, 12, 5700, "12000000"),  # on the lower edge: nothing deducted
        (CORRIDOR, 2, 12, 6400, "12220000"),  # 12m × 1.01 + 1,000 × 100 (price not uplifted)
        (CORRIDOR, 1, 11, 9000, "11000000"),  # 12m × 11/12; the corridor settles at month 12
        (ODD_BLOCK, 2, 12, 0, "101.01"),  # 10,001p × 1.01 = 10,101.01p → 10,101p
        (ODD_BLOCK, 1, 1, 0, "8.33"),  # 10,001p / 12 = 833.42p → 833p
    ],
)
def test_block(terms, year, months, volume, expected_gbp):
    parsed = parse_contract_terms(terms)
    assert isinstance(parsed, BlockTerms)
    ytd = YearToDate(months_elapsed=months, volume=volume)
    assert cumulative_due_pence(parsed, ytd, contract_year=year) == gbp_to_pence(expected_gbp)


CAPITATION = {
    "mechanism": "capitation",
    "per_head_gbp": 1000,
    "risk_weights": {"under65": 0.5, "65-84": 1.5, "85+/frail": 4.0},
}
HEADS = {"under65": 200_000, "65-84": 30_000, "85+/frail": 5000}
THREE_PENCE = {"mechanism": "capitation", "per_head_gbp": "0.03"}


def test_weighted_head_count_applies_risk_weights():
    terms = parse_contract_terms(CAPITATION)
    # 200,000 × 0.5 + 30,000 × 1.5 + 5,000 × 4.0 = 100,000 + 45,000 + 20,000
    assert weighted_head_count(terms, HEADS) == 165_000


def test_weighted_head_count_without_weights_counts_heads():
    terms = parse_contract_terms(THREE_PENCE)
    assert weighted_head_count(terms, HEADS) == 235_000  # 200,000 + 30,000 + 5,000


@pytest.mark.parametrize(
    ("terms", "months", "weighted_heads", "expected_gbp"),
    [
        (CAPITATION, 12, 165_000, "165000000"),  # 1,000 × 165,000 (weighted as above)
        (CAPITATION, 3, 165_000, "41250000"),  # 165m × 3/12
        (THREE_PENCE, 1, 2, "0.00"),  # 3p × 2 / 12 = 0.5p → 0p (half to even)
        (THREE_PENCE, 1, 6, "0.02"),  # 3p × 6 / 12 = 1.5p → 2p (half to even)
    ],
)
def test_capitation(terms, months, weighted_heads, expected_gbp):
    parsed = parse_contract_terms(terms)
    assert isinstance(parsed, CapitationTerms)
    ytd = YearToDate(months_elapsed=months, weighted_heads=weighted_heads, volume=99)
    assert cumulative_due_pence(parsed, ytd, contract_year=1) == gbp_to_pence(expected_gbp)


# 2019/20 blended emergency payment: plan 10,000 admissions at £2,000, 20% variable.
BLENDED = {
    "mechanism": "blended",
    "unit": "nel_admission",
    "price_gbp": 2000,
    "planned_volume": 10_000,
    "variable_rate": 0.2,
}
RETAINED = BLENDED | {"outcome_retention": 0.2}
CQUIN = BLENDED | {"cquin_rate": 0.0125}
BOTH = RETAINED | {"cquin_rate": 0.0125}


@pytest.mark.parametrize(
    ("terms", "months", "volume", "outcome", "cquin", "expected_gbp"),
    [
        (BLENDED, 12, 11_000, None, None, "20400000"),  # 20m + 0.2 × 2,000 × (11,000 − 10,000)
        (BLENDED, 12, 9000, None, None, "19600000"),  # 20m + 0.2 × 2,000 × (9,000 − 10,000)
        (BLENDED, 12, 10_000, None, None, "20000000"),  # on plan: 2,000 × 10,000
        (BLENDED, 12, 0, None, None, "16000000"),  # 20m − 0.2 × 2,000 × 10,000
        (BLENDED, 6, 5500, None, None, "10200000"),  # 20m × 6/12 + 0.2 × 2,000 × (5,500 − 5,000)
        # 20m × 11/12 + 0.2 × 2,000 × (9,000 − 10,000 × 11/12)
        # = 18,333,333.33… − 66,666.66… = 18,266,666.66… → 18,266,666.67
        (BLENDED, 11, 9000, None, None, "18266666.67"),
        # 0.8 × 20m up front + 0.2 × 20m × 0.8 at year end = 16m + 3.2m
        (RETAINED, 12, 10_000, 0.8, None, "19200000"),
        (RETAINED, 12, 11_000, 0.8, None, "19600000"),  # 19.2m + 0.2 × 2,000 × 1,000
        (RETAINED, 12, 10_000, 0.0, None, "16000000"),  # retained share lost entirely
        (RETAINED, 6, 5000, None, None, "8000000"),  # 0.8 × 20m × 6/12; retention not yet due
        (CQUIN, 12, 10_000, None, 0.6, "20150000"),  # 20m + 0.0125 × 20m × 0.6 = 20m + 150k
        (CQUIN, 12, 10_000, None, 1.0, "20250000"),  # 20m + 0.0125 × 20m = 20m + 250k
        (BOTH, 12, 10_000, 0.8, 1.0, "19450000"),  # 16m + 3.2m + 250k
    ],
)
def test_blended(terms, months, volume, outcome, cquin, expected_gbp):
    parsed = parse_contract_terms(terms)
    assert isinstance(parsed, BlendedTerms)
    ytd = YearToDate(
        months_elapsed=months, volume=volume, outcome_score=outcome, cquin_achievement=cquin
    )
    assert cumulative_due_pence(parsed, ytd, contract_year=1) == gbp_to_pence(expected_gbp)


def test_blended_formula_from_brief_over_a_range_of_volumes():
    terms = parse_contract_terms(BLENDED)
    for actual in (0, 4321, 9000, 10_000, 11_000, 15_000):
        expected = Decimal(20_000_000) + Decimal("0.2") * 2000 * (actual - 10_000)
        got = expected_annual_payment_pence(terms, volume=actual)
        assert got == gbp_to_pence(expected), actual


def test_expected_annual_payment_matches_month_twelve():
    terms = parse_contract_terms(BOTH)
    # 0.8 × 20m + 0.2 × 20m × 0.5 + 0.0125 × 20m × 0.4 + 0.2 × 2,000 × 500
    # = 16m + 2m + 100k + 200k
    got = expected_annual_payment_pence(terms, volume=10_500, outcome_score=0.5, cquin=0.4)
    assert got == gbp_to_pence("18300000")


def test_prices_convert_once_to_pence():
    assert parse_contract_terms(NEL_PAYG | {"price_gbp": 0.1}).price_pence == 10
    assert parse_contract_terms(NEL_PAYG | {"price_gbp": "19.01"}).price_pence == 1901
    assert parse_contract_terms(CORRIDOR).corridor_price_pence == 100_000
    assert parse_contract_terms(CAPITATION).per_head_pence == 100_000
