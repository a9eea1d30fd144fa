"""The Torbay and South Devon place (2015/16): it validates, runs, shares 41/9/50, and its
calibrated version meets its published-figure targets over five seeds, and its plan is the
place's own year-1 cost plus the seed's 1% surplus. Two areas: Devon County Council buys
South Devon's care from its own market, outside the share.

Tolerance: every target within 10% of its value (the delayed share, the noisiest, 30%: see
TOLERANCES), on the mean over seeds 1-5 (seeds 4 and 5 were not used in the fit), at the
fit's own sample (50,000 people, 1 year). The community
beds in use are not a target (the discharge pathways that would fill them are not fitted):
they are reported against the trust's own figure and miss it (marked, with its figures).
"""

from fractions import Fraction
from pathlib import Path
from statistics import fmean

import pytest

from experiments.calibration import load_targets
from experiments.calibration.fit import evaluate_outcomes
from experiments.calibration.reach import WEAK_REACH
from experiments.runs import run
from sim.core.calendar import WEEKS_PER_YEAR
from sim.scenario import load_scenario
from sim.scenario.loader import read_toml

PLACES = Path(__file__).resolve().parents[2] / "scenarios" / "places"
PLACE = PLACES / "torbay_south_devon.toml"
CALIBRATED = PLACES / "torbay_south_devon.calibrated.toml"
TARGETS = PLACES / "torbay_south_devon_targets.toml"
TOLERANCE = 0.10


@pytest.mark.parametrize("path", [PLACE, CALIBRATED])
def test_place_validates_and_runs_two_years_sharing_41_9_50(path):
    results = run(path, seed=1, people=8000, years=2).results
    assert len(results.system_weekly) == 2 * WEEKS_PER_YEAR
    s = results.settlements
    assert not s.empty
    for year in sorted(s["year"].unique()):
        lines = s[s["year"] == year]
        pool = int(lines["pool_pence"].iloc[0])
        assert int(lines["amount_pence"].sum()) == pool
        share = {p: int(lines.loc[lines["party"] == p, "amount_pence"].sum())
                 for p in lines["party"].unique()}
        assert abs(Fraction(share["icb"]) - Fraction(41, 100) * pool) < 1
        assert abs(Fraction(share["council"]) - Fraction(9, 100) * pool) < 1
        # One trust, one integrated provider: it bears its half as one party.
        assert abs(Fraction(share["ico"]) - Fraction(pool, 2)) < 1


def test_only_population_parameters_are_fitted_and_within_their_ranges():
    targets = load_targets(TARGETS)
    record = read_toml(CALIBRATED, "a scenario")["calibration"]
    for fitted, declared in zip(record["parameters"], targets.parameters, strict=True):
        assert declared.path.startswith("population."), declared.path
        assert declared.low <= fitted["value"] <= declared.high
        # A value at an end of its range is flagged in the record (docs/places.md: the 85+
        # stay had gone to 6.1 of [6, 16], making up for the place's delays).
        assert fitted.get("at_bound") == declared.bound_reached(fitted["value"])
        # Every fitted parameter is pinned by some target (experiments/calibration/reach.py).
        assert fitted["reach"] >= WEAK_REACH, (declared.path, fitted["reach"])
    assert record["evaluations"] == record["trials"] * len(record["seeds"])


@pytest.fixture(scope="module")
def calibrated_runs():
    targets = load_targets(TARGETS)
    place = load_scenario(CALIBRATED)
    raw = read_toml(CALIBRATED, "a scenario")
    settings = targets.calibration
    return [evaluate_outcomes(raw, place, {}, seed, settings) for seed in range(1, 6)]


TARGETED = ("nel_admissions_per_1000_in_torbay_final_year",
            "nel_admissions_per_1000_in_south_devon_final_year", "mean_los_days_final_year",
            "people_in_care_homes_torbay_final_year",
            "people_in_care_homes_south_devon_final_year",
            "people_with_home_care_torbay_final_year",
            "people_with_home_care_south_devon_final_year",
            "dtoc_share_of_bed_days_final_year")
# The delayed share moves most from seed to seed at the fit's sample (queues of a few
# people): 0.041-0.100 over seeds 1-5 (sd 0.023), so the mean of five seeds has a standard
# error of about 0.010, 14% of the target; its tolerance is two of those (30%), the others'
# is 10% (their five-seed standard errors are 1-4%).
TOLERANCES = {"dtoc_share_of_bed_days_final_year": 0.30}


@pytest.mark.parametrize("outcome", TARGETED)
def test_calibrated_place_meets_targets_within_tolerance_over_five_seeds(outcome,
                                                                        calibrated_runs):
    (target,) = [t for t in load_targets(TARGETS).targets if t.outcome == outcome]
    fitted = fmean(r[target.outcome] for r in calibrated_runs)
    error = (fitted - target.value) / abs(target.value)
    tolerance = TOLERANCES.get(outcome, TOLERANCE)
    assert abs(error) <= tolerance, f"{target.outcome}: {fitted} vs {target.value}"


def test_every_target_is_checked():
    assert {t.outcome for t in load_targets(TARGETS).targets} == set(TARGETED)


# The place's own delayed share of emergency bed days, 2015/16, computed here by hand from
# the published counts (a check on the targets file's figure): delayed days in acute beds of
# Torbay's residents (677) and South Devon's share of Devon's (0.1879 x 26,733 = 5,023)
# (NHS England monthly delayed transfers by local authority of residence, "LA Type B",
# April 2015 - March 2016, as copied in github.com/psychty/DTOC, commit a789281, rows 914
# Torbay and 912 Devon) over the trust's emergency bed days (KH03: 336.2 occupied x 366 x
# 0.65, estimate).
PLACE_DTOC_SHARE = (677 + 0.1879 * 26_733) / (336.2 * 366 * 0.65)


def test_the_delayed_share_target_is_the_published_counts():
    (target,) = [t for t in load_targets(TARGETS).targets
                 if t.outcome == "dtoc_share_of_bed_days_final_year"]
    assert target.value == pytest.approx(PLACE_DTOC_SHARE, abs=0.00005)


# The community hospitals' beds occupied on an average day, 2014/15 (ERIC 2014/15, R1G: 177
# of the 194 available; the place's community beds are those 194).
COMMUNITY_BEDS_OCCUPIED = 177


@pytest.mark.xfail(strict=False, reason=(
    "45-55 of the 194 community beds in use on seeds 1-3 against the 177 the trust's "
    "community hospitals had occupied: the place's discharge pathways are England-typical "
    "(bed-based care for 4% or less of older people); fitting the bed-based pathway's "
    "scale filled them (3.70, measured before the ONS populations) but sent South Devon's "
    "care homes 10.7% over their target, so it is not fitted (docs/places.md, 'Delayed "
    "transfers')"))
def test_community_beds_are_used_as_the_trusts_were():
    used = []
    for seed in (1, 2, 3):
        weekly = run(CALIBRATED, seed=seed, people=50_000, years=1).results.system_weekly
        used.append(float(weekly["community_bed_days"].sum()) / len(weekly) / 7)
    assert abs(fmean(used) / COMMUNITY_BEDS_OCCUPIED - 1) <= TOLERANCE, used


PLAN_TOLERANCE = 0.02
SURPLUS = 0.01  # seed 001 step 2: "allowing for a 1% surplus for the ICO"


def test_the_plan_is_the_places_own_year_one_cost_plus_one_percent():
    """Each block the commissioners pay the trust is its line's year-1 cost in this place
    plus the seed's 1% surplus: the mean cost over seeds 1-3 (50,000 people, the fit's
    sample) within 2% of block ÷ 1.01. When the model or the fit moves the cost, the plan
    must be derived again (docs/places.md, "The plan is this place's own"): a plan from
    another place opened every run with a year-1 deficit of 7% that nobody had planned."""
    place = load_scenario(CALIBRATED)
    (design,) = place.designs.values()
    blocks = {c.service_line: c.terms.annual_value_gbp for c in design.contracts
              if c.payee == "ico"}
    costs: dict[str, list[float]] = {line: [] for line in blocks}
    for seed in (1, 2, 3):
        lines = run(place, seed=seed, people=50_000, years=1).results.service_lines_annual
        for line in blocks:
            costs[line].append(float(lines.loc[lines["service_line"] == line,
                                               "cost_pence"].iloc[0]) / 100)
    for line, block in blocks.items():
        planned = float(block) / (1 + SURPLUS)
        assert abs(fmean(costs[line]) / planned - 1) <= PLAN_TOLERANCE, (line, costs[line],
                                                                        planned)


def test_devon_buys_south_devons_care_outside_the_share():
    """Two areas: Devon County Council pays its own market for South Devon's care and is no
    party to the 41/9/50 share; the trust's social care line is paid by Torbay Council."""
    results = run(CALIBRATED, seed=2, people=20_000, years=2).results
    ledger = results.ledger
    paid = ledger[ledger["reason"] == "contract_payment"]
    devon = paid[paid["payer"] == "devon"]
    assert not devon.empty and set(devon["payee"]) == {"devon_market"}
    assert set(paid.loc[paid["payee"] == "devon_market", "payer"]) == {"devon"}
    line = paid[paid["reference"] == "council_ico_social_care"]
    assert set(line["payer"]) == {"council"} and set(line["payee"]) == {"ico"}
    assert set(results.settlements["party"]) == {"icb", "council", "ico"}
    weekly = results.system_weekly
    for area in ("torbay", "south_devon"):
        assert (weekly[f"area_care_home_resident_weeks_{area}"] > 0).all(), area
