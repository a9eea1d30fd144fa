"""The default place reproduces its calibration targets (REFERENCE figures copied below).

Each figure is computed over six seeds of a 60,000-person sample of the place for one year
with every lever held at its scenario value, under the activity-based design (payment per
unit makes "spend by setting" the value of the care delivered).
"""

from functools import cache
from statistics import mean, median

import pytest

from sim.core.ledger import Reason
from tests.core.helpers import org_flow, run_model, total

SEEDS = (1, 2, 3, 4, 5, 6)
PEOPLE = 60_000

# REFERENCE "Activity (a place of about 300,000 people)":
#   "All-age NEL admissions per 1,000 | about 100–110 (estimate: 6.02m / 55.9m)";
#   "Scale check, 300k place | ~30,000–33,000 NEL admissions/yr".
NEL_PER_1000_BAND = (100.0, 110.0)
# The band is itself derived (national admissions over national population) and the
# place's age mix is synthetic: we accept the mean within 5% of the band's edges.
NEL_PER_1000_TOLERANCE = (95.0, 115.0)
# REFERENCE "Emergency length of stay | 9.1 days (2022; 7.9 in 2019)". Tolerance ±0.5 days
# (about ±5%) on the mean spell, since the figure moved 1.2 days in three years.
LOS_TARGET_DAYS, LOS_TOLERANCE_DAYS = 9.1, 0.5
# REFERENCE scale check "DTOC 3–5% of beds".
DTOC_BAND = (0.03, 0.05)


@cache
def figures(seed: int) -> dict[str, float]:
    model = run_model("activity_based", seed=seed, people=PEOPLE, years=1)
    history = model.history
    mean_alive = mean(f.alive for f in history)
    ledger = model.ledger.to_frame()
    spend = {org: org_flow(ledger, org, [Reason.CONTRACT_PAYMENT], "in")
             for org in ("acute", "community", "social_care")}
    all_spend = sum(spend.values())
    return {
        "nel_per_1000": total(history, "admissions") / mean_alive * 1000,
        "los_days": total(history, "spell_days_total") / total(history, "spells_ended"),
        "dtoc_share": total(history, "dtoc_bed_days") / total(history, "acute_bed_days"),
        **{f"spend_share_{org}": pence / all_spend for org, pence in spend.items()},
    }


def across_seeds(name: str) -> list[float]:
    return [figures(seed)[name] for seed in SEEDS]


def test_nel_admissions_per_1000():
    values = across_seeds("nel_per_1000")
    low, high = NEL_PER_1000_TOLERANCE
    assert low <= mean(values) <= high, values
    # Seed-to-seed spread at 60,000 people is about ±2%; no seed strays beyond ±10%.
    assert all(0.9 * low <= v <= 1.1 * high for v in values), values


def test_mean_length_of_stay():
    values = across_seeds("los_days")
    assert abs(mean(values) - LOS_TARGET_DAYS) <= LOS_TOLERANCE_DAYS, values
    assert all(abs(v - LOS_TARGET_DAYS) <= 2 * LOS_TOLERANCE_DAYS for v in values), values


def test_delayed_transfers_share_of_bed_days():
    """The median seed lies in the 3–5% band.

    Delays come from queues for small step-down services (a 60,000 sample holds a fifth of
    the place's 42 community beds), so single seeds swing: we hold the median to the band
    and every seed to 1.5–12%.
    """
    values = across_seeds("dtoc_share")
    low, high = DTOC_BAND
    assert low <= median(values) <= high, values
    assert all(0.015 <= v <= 0.12 for v in values), values


@pytest.mark.parametrize(("org", "band"), [
    # Bands from REFERENCE ranges (the place's commissioned spend on the three settings):
    #   acute NEL: 30,000–33,000 admissions x £3,640 (= £2,800 (2016/17) x 1.30) = £109–120m;
    #   social care: council adult social care net spend £80–120m, and gross spend above net
    #     by client contributions (estimate up to ~15%) -> £80–140m;
    #   community: intermediate care £2.8m per 100,000 = £8.4m, plus community nursing
    #     (estimate, up to about as much again) -> £8.4–20m.
    # Acute share: 109/(109+140+20) = 40.5% to 120/(120+80+8.4) = 57.6%.
    # Social care share: 80/(80+120+20) = 36.4% to 140/(140+109+8.4) = 54.4%.
    # Community share: 8.4/(120+140+8.4) = 3.1% to 20/(109+80+20) = 9.6%.
    # Each band is widened by one percentage point for seed noise.
    ("acute", (0.395, 0.586)),
    ("social_care", (0.354, 0.554)),
    ("community", (0.021, 0.106)),
])
def test_share_of_spend_by_setting(org, band):
    values = across_seeds(f"spend_share_{org}")
    low, high = band
    assert low <= mean(values) <= high, values


def test_spend_shares_add_up_and_activity_is_place_sized():
    # The three shares partition the commissioned spend exactly (a check on the test).
    for seed in SEEDS[:2]:
        shares = [figures(seed)[f"spend_share_{o}"] for o in ("acute", "community",
                                                              "social_care")]
        assert sum(shares) == pytest.approx(1.0, abs=1e-12)
    # REFERENCE scale check "~30,000–33,000 NEL admissions/yr" for 300,000 people: the
    # sample's admissions scaled to the whole place (x 300,000 / 60,000) land within 10%.
    model = run_model("activity_based", seed=SEEDS[0], people=PEOPLE, years=1)
    place_admissions = model.results().system_weekly["admissions"].sum()
    assert 0.9 * 30_000 <= place_admissions <= 1.1 * 33_000
