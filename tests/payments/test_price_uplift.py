"""Price uplifts: one contract over three years, by hand."""

import pytest
from pydantic import ValidationError

from sim.payments import expected_annual_payment_pence, parse_contract_terms


def test_a_unit_price_uplifted_three_percent_a_year():
    terms = parse_contract_terms({"mechanism": "activity_based", "unit": "nel_admission",
                                  "price_gbp": 100, "price_uplift_per_year": 0.03})
    # 1,000 units at £100, £103, £106.09: £100,000, £103,000, £106,090.
    paid = [expected_annual_payment_pence(terms, volume=1000, contract_year=t) for t in (1, 2, 3)]
    assert paid == [10_000_000, 10_300_000, 10_609_000]


def test_a_tariff_uplift_below_zero_is_a_real_terms_cut_of_a_blended_price():
    terms = parse_contract_terms({"mechanism": "blended", "unit": "nel_admission",
                                  "price_gbp": 1000, "planned_volume": 100, "variable_rate": 0.2,
                                  "price_uplift_per_year": -0.01})
    # Fixed element 100 × £1000 × 0.99² = £98,010; 10 units over plan at 20% of £980.10.
    assert expected_annual_payment_pence(terms, volume=110, contract_year=3) == 9_997_020


def test_a_per_head_rate_uplifted():
    terms = parse_contract_terms({"mechanism": "capitation", "per_head_gbp": 400,
                                  "price_uplift_per_year": 0.025})
    assert expected_annual_payment_pence(terms, weighted_heads=10, contract_year=2) == 410_000


def test_an_unset_uplift_is_no_uplift():
    terms = parse_contract_terms({"mechanism": "activity_based", "unit": "nel_admission",
                                  "price_gbp": 100})
    assert expected_annual_payment_pence(terms, volume=10, contract_year=3) == 100_000


def test_an_uplift_out_of_range_is_refused():
    with pytest.raises(ValidationError, match="price_uplift_per_year"):
        parse_contract_terms({"mechanism": "activity_based", "unit": "nel_admission",
                              "price_gbp": 100, "price_uplift_per_year": 2})
