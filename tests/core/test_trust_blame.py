"""Trust falls in the partners that caused the losses a party bore, in proportion (by hand).

Figures in pence; each party's stakes floor is £100k (10,000,000p), trust starts at 0.6,
learning rate 0.3, recovery share 0.25, quarterly review (openness 1). The rules are the
module docstring of ``agents.trust``:
fall = rate·(1 − t)·t·s = 0.3 × 0.4 × 0.6 × s = 0.072·s; recovery, for a party treated
fairly (fairness 1), 0.3 × 0.25 × 0.4 = 0.03, times its fairness.
"""

from types import SimpleNamespace

import pytest

from agents.trust import TrustNetwork, harm
from sim.core.ledger import Ledger
from sim.model.agreements import AgreementBook

FLOOR = 10_000_000
PARTIES = ("a", "b", "c")


def _behaviour(weeks: float = 13) -> SimpleNamespace:
    return SimpleNamespace(trust_learning_rate=0.3, trust_recovery_share=0.25,
                           fairness_scale_floor_gbp=FLOOR / 100, transparency_weeks=weeks)


def _settle(received, caused, kept=None, weeks=None):
    weeks = weeks or {}
    network = TrustNetwork(dict.fromkeys(PARTIES, 0.6))
    network.join(PARTIES)
    behaviour = {p: _behaviour(weeks.get(p, 13)) for p in PARTIES}
    judged = network.update(received, caused, behaviour, kept)
    return network.trust, judged


def test_the_party_that_passed_its_loss_on_is_blamed_not_the_bystander():
    """A's position lost £200k, A bore £100k, B bore the other £100k and caused none.

    B imported £100k, all laid on A (the only exporter): stakes £100k + £100k floor, s = 0.5;
    B's trust in A: 0.6 − 0.072 × 0.5 = 0.564. In C it does not fall: C met its
    commitments and is not blamed, so it recovers, at B's fairness 1 − 10m/20m = 0.5:
    0.6 + 0.03 × 0.5 = 0.615.
    """
    received = {"a": -10_000_000, "b": -10_000_000, "c": 0}
    caused = {"a": -20_000_000, "b": 0, "c": 0}
    trust, judged = _settle(received, caused)
    assert trust["b"]["a"] == pytest.approx(0.564, abs=1e-12)
    assert trust["b"]["c"] == pytest.approx(0.615, abs=1e-12)
    assert judged["b"] == pytest.approx(0.5, abs=1e-12)
    # A bore less than its own loss and C bore nothing: neither blames anyone.
    assert trust["a"]["b"] == trust["a"]["c"] == trust["c"]["a"] == pytest.approx(0.63)


def test_a_partner_under_notice_earns_no_recovery():
    received = {"a": -10_000_000, "b": -10_000_000, "c": 0}
    caused = {"a": -20_000_000, "b": 0, "c": 0}
    trust, _ = _settle(received, caused, kept={"a", "b"})
    assert trust["b"]["c"] == 0.6  # not blamed, but not rewarded either
    assert trust["b"]["a"] == pytest.approx(0.564, abs=1e-12)


def test_blame_is_in_proportion_to_each_partners_part():
    """A made £300k of loss and bore £200k (passed on £100k); C made £100k, bore £50k.

    B bore £150k it did not make: £100k laid on A, £50k on C. Stakes £150k + £100k: s = 0.4
    and 0.2; trust 0.6 − 0.072 × 0.4 = 0.5712 and 0.6 − 0.072 × 0.2 = 0.5856.
    """
    received = {"a": -20_000_000, "b": -15_000_000, "c": -5_000_000}
    caused = {"a": -30_000_000, "b": 0, "c": -10_000_000}
    assert harm(received, caused)["b"] == pytest.approx({"a": 10_000_000, "c": 5_000_000})
    trust, judged = _settle(received, caused)
    assert trust["b"]["a"] == pytest.approx(0.5712, abs=1e-12)
    assert trust["b"]["c"] == pytest.approx(0.5856, abs=1e-12)
    assert judged["b"] == pytest.approx(0.4, abs=1e-12)


def test_a_party_that_caused_a_loss_and_bore_all_of_it_is_not_blamed():
    received = {"a": -20_000_000, "b": 0, "c": 0}
    caused = {"a": -20_000_000, "b": 0, "c": 0}
    trust, judged = _settle(received, caused)
    assert all(trust[i][j] == pytest.approx(0.63) for i in PARTIES for j in PARTIES if i != j)
    assert judged == {"a": 1.0, "b": 1.0, "c": 1.0}


def test_a_gain_moves_no_trust_down():
    """A's position made a £100k gain it shares; B and C gain without making it."""
    received = {"a": 5_000_000, "b": 3_000_000, "c": 2_000_000}
    caused = {"a": 10_000_000, "b": 0, "c": 0}
    trust, _ = _settle(received, caused)
    assert all(trust[i][j] >= 0.6 for i in PARTIES for j in PARTIES if i != j)


def test_unattributed_losses_are_laid_evenly_on_the_partners():
    """A pooled fund held the pool, so nobody's position made the loss A bore (£60k).

    £30k on each of B and C; stakes £60k + £100k: s = 0.1875; 0.6 − 0.072 × 0.1875 = 0.5865.
    """
    received = {"a": -6_000_000, "b": 0, "c": 0}
    caused = dict.fromkeys(PARTIES, 0)
    trust, _ = _settle(received, caused)
    assert trust["a"]["b"] == trust["a"]["c"] == pytest.approx(0.5865, abs=1e-12)


def test_an_opaque_position_rebuilds_trust_more_slowly():
    """Reviewed yearly, openness is 13/52 = 0.25: recovery 0.03 × 0.25, to 0.6075."""
    received = dict.fromkeys(PARTIES, 0)
    trust, _ = _settle(received, dict.fromkeys(PARTIES, 0), weeks={"b": 52})
    assert trust["b"]["a"] == pytest.approx(0.6075, abs=1e-12)
    assert trust["a"]["b"] == pytest.approx(0.63, abs=1e-12)


def test_trust_in_an_agreement_weighs_partners_by_their_part_in_the_pool():
    """B trusts A 0.2 and C 0.8; A's position made £3m of the pools seen, C's £1m.

    Weighed by those parts, B's trust in the agreement is (0.2 × 3 + 0.8 × 1) / 4 = 0.35;
    the plain mean would be 0.5. B's own part does not count (it does not distrust itself).
    """
    network = TrustNetwork(dict.fromkeys(PARTIES, 0.6))
    network.join(PARTIES)
    network.trust["b"] = {"a": 0.2, "c": 0.8}
    parts = {"a": 300_000_000, "b": 900_000_000, "c": 100_000_000}
    assert network.agreement_trust("b", PARTIES, parts) == pytest.approx(0.35)


def test_trust_in_an_agreement_is_the_plain_mean_when_no_part_is_attributed():
    """Before a settlement, or in a pooled budget (the fund holds the whole pool): 0.5."""
    network = TrustNetwork(dict.fromkeys(PARTIES, 0.6))
    network.join(PARTIES)
    network.trust["b"] = {"a": 0.2, "c": 0.8}
    assert network.agreement_trust("b", PARTIES, None) == pytest.approx(0.5)
    assert network.agreement_trust("b", PARTIES, {"a": 0, "c": 0}) == pytest.approx(0.5)


def test_the_agreement_book_sums_each_members_part_in_the_pools_seen():
    """Two settlements: A's position made −£2m then +£1m (parts £2m + £1m), C's +£0.5m twice.

    B trusts A 0.2 and C 0.8, so its trust in the agreement is (0.2 × 3 + 0.8 × 1) / 4 = 0.35.
    """
    book = AgreementBook([], Ledger(list(PARTIES)))
    book.remember("deal", {"a": -100, "b": -100, "c": 200},
                  {"a": -200_000_000, "b": 0, "c": 50_000_000})
    book.remember("deal", {"a": 100, "b": 0, "c": -100},
                  {"a": 100_000_000, "b": 0, "c": 50_000_000})
    assert book.pool_parts["deal"] == {"a": 300_000_000, "b": 0, "c": 100_000_000}
    network = TrustNetwork(dict.fromkeys(PARTIES, 0.6))
    network.join(PARTIES)
    network.trust["b"] = {"a": 0.2, "c": 0.8}
    assert book.trust_in(network, "deal", "b", PARTIES) == pytest.approx(0.35)
