"""Delayed days in acute beds are blamed on the service they wait for (by hand).

A stand-in year: the acute trust ran 10,000 bed days at a cost of £4m (£400 a day); 500 of
them were people waiting for D2A (held 3:1 by the community provider and by a provider
outside the agreement) and 200 waiting for a care home (held by the social care provider
alone). Positions held of the pool: acute −£1m, community +£100k, social care 0, ICB −£50k.
"""

from types import SimpleNamespace

from sim.core.calendar import week_info
from sim.core.kinds import CapacityKind
from sim.core.ledger import Reason
from sim.model.blame import blamed_positions

YEAR_END = week_info(51)
COST_PENCE = 400_000_000  # £4m


def _week(share: float) -> SimpleNamespace:
    # the year's figures spread over 52 weeks: any split gives the same sums
    return SimpleNamespace(acute_bed_days=10_000 * share, dtoc_d2a_bed_days=500 * share,
                           dtoc_reablement_bed_days=0.0, dtoc_community_bed_bed_days=0.0,
                           dtoc_care_home_bed_days=200 * share)


def _provider(org_id: str, **capacity: int) -> SimpleNamespace:
    return SimpleNamespace(org_id=org_id, is_open=True,
                           capacity={CapacityKind(k): v for k, v in capacity.items()})


def _model(pools=()) -> SimpleNamespace:
    providers = [_provider("acute", acute_beds=300), _provider("community", d2a_places=30),
                 _provider("outsider", d2a_places=10),
                 _provider("social_care", care_home_places=500)]
    ledger = SimpleNamespace(flows=lambda org, start, end, reference=None: (
        {("out", Reason.VARIABLE_COST): COST_PENCE} if org == "acute" else {}))
    return SimpleNamespace(providers=providers, ledger=ledger,
                           history=[_week(1 / 52)] * 52,
                           contracts=SimpleNamespace(pools=[SimpleNamespace(id=p)
                                                            for p in pools]))


STATE = SimpleNamespace(members={"acute", "community", "social_care", "icb"},
                        spec=SimpleNamespace(scope=["acute", "community", "social_care"]))
HELD = {"acute": -100_000_000, "community": 10_000_000, "social_care": 0, "icb": -5_000_000}


def test_delays_move_from_the_trust_to_the_members_holding_the_waited_for_places():
    """D2A delays cost 500 × £400 = £200k; the community provider holds 3/4 of D2A places
    (£150k), the outsider's quarter stays the trust's. Care-home delays, 200 × £400 = £80k,
    are social care's. Acute: −£1m + £150k + £80k = −£770k; community £100k − £150k =
    −£50k; social care −£80k; the ICB's position is untouched. The sum is unchanged."""
    caused = blamed_positions(_model(), STATE, HELD, YEAR_END)
    assert caused == {"acute": -77_000_000, "community": -5_000_000,
                      "social_care": -8_000_000, "icb": -5_000_000}
    assert sum(caused.values()) == sum(HELD.values())


def test_a_pooled_budget_keeps_its_positions():
    """The fund holds the whole pool: nothing is attributed, so nothing moves."""
    state = SimpleNamespace(members=STATE.members, spec=SimpleNamespace(scope=["bcf"]))
    caused = blamed_positions(_model(pools=("bcf",)), state, HELD, YEAR_END)
    assert caused == HELD
