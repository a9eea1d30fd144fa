"""Bad terms and bad year-to-date figures fail with a message that names the field."""

import tomllib

import pytest
from pydantic import ValidationError

from sim.payments import (
    BlendedTerms,
    BlockTerms,
    YearToDate,
    cumulative_due_pence,
    expected_annual_payment_pence,
    monthly_payment_pence,
    parse_contract_terms,
    weighted_head_count,
)

BLENDED = {
    "mechanism": "blended",
    "unit": "nel_admission",
    "price_gbp": 2000,
    "planned_volume": 10_000,
    "variable_rate": 0.2,
}
MARGINAL = {
    "mechanism": "activity_based",
    "unit": "nel_admission",
    "price_gbp": 1590,
    "baseline_volume": 10_000,
    "marginal_rate_above": 0.3,
}
CORRIDOR = {
    "mechanism": "block",
    "annual_value_gbp": 12_000_000,
    "unit": "nel_admission",
    "planned_volume": 6000,
    "corridor_fraction": 0.05,
    "corridor_price_gbp": 1000,
}


def _message(data) -> str:
    with pytest.raises(ValidationError) as caught:
        parse_contract_terms(data)
    return str(caught.value)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (MARGINAL | {"price_gbp": -1}, "price_gbp"),
        (BLENDED | {"price_gbp": "-0.01"}, "price_gbp"),
        (CORRIDOR | {"annual_value_gbp": -5}, "annual_value_gbp"),
        (CORRIDOR | {"corridor_price_gbp": -1000}, "corridor_price_gbp"),
        ({"mechanism": "capitation", "per_head_gbp": -250}, "per_head_gbp"),
    ],
)
def test_negative_amount_names_the_field(data, field):
    message = _message(data)
    assert field in message
    assert "greater than or equal to 0" in message


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (MARGINAL | {"marginal_rate_above": 1.3}, "marginal_rate_above"),
        (MARGINAL | {"marginal_rate_below": -0.5}, "marginal_rate_below"),
        (BLENDED | {"variable_rate": 1.2}, "variable_rate"),
        (BLENDED | {"outcome_retention": -0.2}, "outcome_retention"),
        (BLENDED | {"cquin_rate": 1.25}, "cquin_rate"),  # 1.25 meant as 1.25%: say 0.0125
        (CORRIDOR | {"corridor_fraction": 5}, "corridor_fraction"),
    ],
)
def test_rate_outside_zero_to_one_names_the_field(data, field):
    message = _message(data)
    assert field in message
    assert ("less than or equal to 1" in message) or ("greater than or equal to 0" in message)


def test_unknown_mechanism_names_the_field_and_the_choices():
    message = _message(BLENDED | {"mechanism": "fee_for_service"})
    assert "'mechanism'" in message
    assert "fee_for_service" in message
    assert "expected tags: 'activity_based', 'block', 'capitation', 'blended'" in message
    assert message.startswith("1 validation error for contract terms")


def test_missing_mechanism_names_the_field():
    data = dict(BLENDED)
    del data["mechanism"]
    assert "'mechanism'" in _message(data)


def test_misspelt_field_is_named():
    message = _message(BLENDED | {"outcome_retension": 0.2})
    assert "outcome_retension" in message
    assert "Extra inputs are not permitted" in message


def test_missing_required_field_is_named():
    data = dict(BLENDED)
    del data["planned_volume"]
    message = _message(data)
    assert "planned_volume" in message
    assert "Field required" in message


def test_unknown_unit_is_named():
    message = _message(BLENDED | {"unit": "widget"})
    assert "unit" in message and "widget" in message


def test_partial_corridor_lists_the_missing_fields():
    data = dict(CORRIDOR)
    del data["corridor_price_gbp"], data["planned_volume"]
    message = _message(data)
    assert "missing: planned_volume, corridor_price_gbp" in message


def test_marginal_rate_without_baseline_is_refused():
    data = dict(MARGINAL)
    del data["baseline_volume"]
    assert "marginal_rate_above is set, so baseline_volume is required" in _message(data)


def test_baseline_without_marginal_rate_is_refused():
    data = dict(MARGINAL)
    del data["marginal_rate_above"]
    assert "baseline_volume is set, so marginal_rate_above is required" in _message(data)


def test_negative_risk_weight_names_the_cell():
    message = _message(
        {"mechanism": "capitation", "per_head_gbp": 900, "risk_weights": {"85+/frail": -4}}
    )
    assert "risk_weights.85+/frail" in message


def test_terms_are_frozen():
    terms = parse_contract_terms(BLENDED)
    with pytest.raises(ValidationError, match="frozen"):
        terms.price_gbp = 1


def test_scenario_toml_table_selects_the_mechanism():
    table = tomllib.loads(
        """
        mechanism = "block"
        annual_value_gbp = 12000000.00
        uplift_per_year = 0.01
        unit = "nel_admission"
        planned_volume = 6000
        corridor_fraction = 0.05
        corridor_price_gbp = 1000
        """
    )
    terms = parse_contract_terms(table)
    assert isinstance(terms, BlockTerms)
    assert terms.annual_value_pence == 1_200_000_000  # £12m × 100
    assert terms.has_corridor


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"months_elapsed": 0}, "months_elapsed"),
        ({"months_elapsed": 13}, "months_elapsed"),
        ({"months_elapsed": 3, "volume": -1.0}, "volume"),
        ({"months_elapsed": 3, "volume": float("nan")}, "volume"),
        ({"months_elapsed": 3, "weighted_heads": -5.0}, "weighted_heads"),
        ({"months_elapsed": 12, "outcome_score": 1.2}, "outcome_score"),
        ({"months_elapsed": 12, "cquin_achievement": -0.1}, "cquin_achievement"),
    ],
)
def test_bad_year_to_date_names_the_field(fields, field):
    with pytest.raises(ValidationError) as caught:
        YearToDate(**fields)
    assert field in str(caught.value)


def test_missing_outcome_score_at_year_end_is_named():
    terms = parse_contract_terms(BLENDED | {"outcome_retention": 0.2})
    assert isinstance(terms, BlendedTerms)
    with pytest.raises(ValueError, match="outcome_score is required at month 12"):
        cumulative_due_pence(terms, YearToDate(12, volume=10_000), contract_year=1)
    # Before the year end the retained share is not yet due, so no score is needed.
    assert cumulative_due_pence(terms, YearToDate(6, volume=5000), 1) == 800_000_000


def test_missing_cquin_achievement_at_year_end_is_named():
    terms = parse_contract_terms(BLENDED | {"cquin_rate": 0.0125})
    with pytest.raises(ValueError, match="cquin_achievement is required at month 12"):
        expected_annual_payment_pence(terms, volume=10_000)


def test_contract_year_below_one_is_refused():
    terms = parse_contract_terms(CORRIDOR)
    with pytest.raises(ValueError, match="contract_year must be 1 or more, got 0"):
        cumulative_due_pence(terms, YearToDate(1), contract_year=0)


def test_month_pairs_must_be_consecutive():
    terms = parse_contract_terms(BLENDED)
    with pytest.raises(ValueError, match=r"ytd_before.months_elapsed must be 4"):
        monthly_payment_pence(terms, YearToDate(5, volume=10), YearToDate(3, volume=5), 1)
    with pytest.raises(ValueError, match="ytd_now.months_elapsed must be 1"):
        monthly_payment_pence(terms, YearToDate(2, volume=10), None, 1)


def test_volume_must_be_cumulative():
    terms = parse_contract_terms(BLENDED)
    with pytest.raises(ValueError, match="volume must be cumulative"):
        monthly_payment_pence(terms, YearToDate(2, volume=800), YearToDate(1, volume=900), 1)


def test_unweighted_cell_is_named():
    terms = parse_contract_terms(
        {"mechanism": "capitation", "per_head_gbp": 900, "risk_weights": {"65-84": 1.5}}
    )
    with pytest.raises(ValueError, match=r"no weight for cell\(s\) 85\+/frial; expected one of"):
        weighted_head_count(terms, {"65-84": 100, "85+/frial": 10})
    with pytest.raises(ValueError, match="negative head counts for: 65-84"):
        weighted_head_count(terms, {"65-84": -1})
