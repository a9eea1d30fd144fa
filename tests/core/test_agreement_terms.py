"""An agreement's minimum term and notice hold a leaving party in: by hand on the book."""

import pytest

from sim.core.ledger import Ledger
from sim.model.agreements import AgreementBook
from sim.sharing import AgreementError, RiskShareAgreement

SHARES = {"icb": "0.5", "acute": "0.25", "community": "0.25"}


def _agreement(**terms) -> RiskShareAgreement:
    return RiskShareAgreement.model_validate({
        "name": "deal", "parties": ["icb", "acute", "community"], "level": "organisation",
        "scope": ["acute", "community"], "residual_party": "icb",
        "gains": {"rule": {"kind": "fixed_proportions", "shares": SHARES}},
        "losses": {"rule": {"kind": "fixed_proportions", "shares": SHARES}}, **terms})


def _book(**terms) -> AgreementBook:
    ledger = Ledger(["icb", "acute", "community"])
    return AgreementBook([_agreement(**terms)], ledger)


def _members(book) -> set[str]:
    return set(book.states[0].members)


def _year_end(year: int) -> int:
    return year * 52 + 51


def test_without_terms_a_leaver_is_out_from_the_next_settlement():
    book = _book()
    (record,) = book.leave("deal", "community", _year_end(0), "losses", cause="losses")
    assert record.last_settled_year == 0
    assert _members(book) == {"icb", "acute"}


def test_notice_keeps_a_leaver_in_for_that_many_more_settlements():
    book = _book(notice_years=2)
    (record,) = book.leave("deal", "community", _year_end(0), "losses", cause="losses")
    assert record.last_settled_year == 2  # settles years 1 and 2 (0-based), out from 3
    assert book.leave("deal", "community", _year_end(1), "again") == []  # one notice
    book.serve_notices(1, _year_end(1))
    assert "community" in _members(book)
    book.serve_notices(2, _year_end(2))
    assert _members(book) == {"icb", "acute"}


def test_a_minimum_term_counts_from_the_agreement_s_first_year():
    # A 5-year minimum term from year 2 (1-based): model years 1 to 5 must all settle.
    book = _book(first_year=2, minimum_term_years=5)
    (record,) = book.leave("deal", "acute", _year_end(1), "losses", cause="losses")
    assert record.last_settled_year == 5
    book.serve_notices(4, _year_end(4))
    assert "acute" in _members(book)
    book.serve_notices(5, _year_end(5))
    assert "acute" not in _members(book)
    # Once the term is served a leaver goes at once.
    served = _book(first_year=2, minimum_term_years=5)
    (late,) = served.leave("deal", "acute", _year_end(6), "losses", cause="losses")
    assert late.last_settled_year == 6 and "acute" not in _members(served)


def test_the_residual_party_serving_its_notice_ends_the_agreement_then():
    book = _book(notice_years=1)
    book.leave("deal", "icb", _year_end(0), "losses", cause="losses")
    assert book.states[0].ended_week is None
    book.serve_notices(1, _year_end(1))
    assert book.states[0].ended_week == _year_end(1)


@pytest.mark.parametrize(("terms", "field"), [({"notice_years": -1}, "notice_years"),
                                              ({"minimum_term_years": 1.5},
                                               "minimum_term_years")])
def test_bad_terms_are_refused_naming_the_field(terms, field):
    with pytest.raises((AgreementError, ValueError), match=field):
        _agreement(**terms)
