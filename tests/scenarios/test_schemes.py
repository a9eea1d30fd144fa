"""Every scheme in scenarios/schemes validates, runs two years and meets its own arithmetic.

Each check recomputes the scheme's defining rule by hand from the run's own figures (the
pool in the settlements table, payments in the ledger) and compares it to what the model
settled or paid. Lines of a proportional split are within a penny of the exact quota
(largest-remainder rounding).
"""

from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

from experiments.runs import run
from sim.core.calendar import WEEKS_PER_YEAR
from sim.scenario import load_scenario

SCHEMES = Path(__file__).resolve().parents[2] / "scenarios" / "schemes"
PEOPLE = 8000
SEED = 1
RESERVE = "contingency_reserve"


@pytest.fixture(scope="module")
def runs() -> dict[str, object]:
    """Each scheme run once: 2 years, seed 1 (the placement scheme at 20,000 people, where
    its year-1 saving is above the £250,000 threshold)."""
    out = {}
    for path in sorted(SCHEMES.glob("*.toml")):
        people = 20_000 if path.stem == "nw_london_placements" else PEOPLE
        out[path.stem] = run(path, seed=SEED, people=people, years=2).results
    return out


def _years(results) -> list[pd.DataFrame]:
    s = results.settlements
    assert not s.empty, "the scheme settled nothing"
    return [s[s["year"] == year] for year in sorted(s["year"].unique())]


def _pool(lines: pd.DataFrame) -> int:
    pools = set(lines["pool_pence"])
    assert len(pools) == 1
    pool = int(pools.pop())
    assert int(lines["amount_pence"].sum()) == pool  # every penny assigned
    return pool


def _amount(lines: pd.DataFrame, party: str) -> int:
    return int(lines.loc[lines["party"] == party, "amount_pence"].sum())


def _paid(results, contract: str, year: int) -> int:
    ledger = results.ledger
    rows = ledger[(ledger["reference"] == contract) & (ledger["reason"] == "contract_payment")
                  & (ledger["week"] // WEEKS_PER_YEAR == year)]
    return int(rows["amount_pence"].sum())


def _near(amount: int, exact: Fraction, pennies: int = 1) -> bool:
    return abs(Fraction(amount) - exact) < pennies


def test_every_scheme_validates_and_runs_two_years(runs):
    assert len(runs) == 8
    for name, results in runs.items():
        assert load_scenario(SCHEMES / f"{name}.toml").meta.name
        assert len(results.system_weekly) == 2 * WEEKS_PER_YEAR, name


def test_torbay_variance_is_shared_41_9_50(runs):
    for lines in _years(runs["torbay_ico"]):
        pool = _pool(lines)
        assert _near(_amount(lines, "icb"), Fraction(41, 100) * pool)
        assert _near(_amount(lines, "council"), Fraction(9, 100) * pool)
        assert _near(_amount(lines, "ico"), Fraction(1, 2) * pool)


def test_torbay_baseline_is_the_first_year_payments_held_fixed(runs):
    results = runs["torbay_ico"]
    paid = sum(_paid(results, c, 0) for c in ("icb_ico_acute", "icb_ico_community",
                                                "council_ico_social_care"))
    # Blocks at plan + 1%: £109.91m + £18.57m + £134.48m = £262.96m.
    assert paid == 26_296_000_000
    assert set(results.settlements["baseline_pence"]) == {paid}


def test_torbay_shares_only_the_variance_from_the_planned_one_percent(runs):
    """Seed 001: commissioners pay the baseline "allowing for a 1% surplus for the ICO" and
    "any variance in the planned financial performance" is shared. So each year the pool is
    99% of the baseline less the ICO's cost, to the penny, and after settlement the ICO has
    its planned 1% plus its half of the pool: income − cost + what settlement moved to it
    = 1% of the baseline + its line, exactly."""
    results = runs["torbay_ico"]
    finance = results.finance_annual.set_index(["organisation", "year"])
    for lines in _years(results):
        year = int(lines["year"].iloc[0])
        baseline = int(lines["baseline_pence"].iloc[0])
        surplus = int(lines["planned_surplus_pence"].iloc[0])
        assert surplus == round(Fraction(baseline, 100))
        ico = finance.loc[("ico", year)]
        cost = int(ico["cost_pence"])
        assert _pool(lines) == baseline - surplus - cost
        settled = int(ico["risk_share_settlement_in_pence"]) - int(
            ico["risk_share_settlement_out_pence"])
        assert int(ico["income_pence"]) - cost + settled == surplus + _amount(lines, "ico")


def test_nw_london_placements_threshold_then_half_and_half(runs):
    gains = 0
    for lines in _years(runs["nw_london_placements"]):
        pool = _pool(lines)
        if pool <= 0:  # an overspend stays with the commissioner
            assert _amount(lines, "council") == pool and _amount(lines, "placements") == 0
            continue
        gains += 1
        kept = min(pool, 25_000_000)  # the first £250,000
        rest = pool - kept
        # Odd pennies: the tie goes to the smaller party id, "council".
        assert _amount(lines, "placements") == rest // 2
        assert _amount(lines, "council") == kept + rest - rest // 2
    assert gains >= 1, "no saving above zero: the threshold was not exercised"


def test_nw_london_network_fund_first_then_equal_shares(runs):
    balance = 0
    for lines in _years(runs["nw_london_provider_network"]):
        pool = _pool(lines)
        to_fund = min(pool, 200_000_000 - balance) if pool > 0 else -min(-pool, balance)
        assert _amount(lines, RESERVE) == to_fund
        balance += to_fund
        shares = lines.loc[lines["party"] != RESERVE, "amount_pence"].astype(int)
        assert len(shares) == (3 if pool != to_fund else 0)
        assert all(_near(s, Fraction(pool - to_fund, 3)) for s in shares)


def test_oxfordshire_80_up_front_20_on_outcomes(runs):
    results = runs["oxfordshire_outcomes"]
    weekly = results.system_weekly
    for contract, fixed in (("icb_lead_provider", 1_838_500_000),
                            ("lead_provider_community", 1_830_000_000)):
        for year in (0, 1):
            part = weekly[weekly["year"] == year]
            score = 1 - Fraction(part["dtoc_bed_days"].sum()) / Fraction(
                part["acute_bed_days"].sum())
            expected = Fraction(4, 5) * fixed + Fraction(1, 5) * fixed * score
            assert _near(_paid(results, contract, year), expected, pennies=2), contract


def test_liverpool_block_grows_2_percent_and_shares_50_50(runs):
    results = runs["liverpool_block_growth"]
    assert _paid(results, "icb_acute_block", 0) == 10_930_000_000
    assert _paid(results, "icb_acute_block", 1) == 11_148_600_000  # £109.3m x 1.02
    for lines in _years(results):
        pool = _pool(lines)
        assert _near(_amount(lines, "icb"), Fraction(pool, 2))
        assert _near(_amount(lines, "acute"), Fraction(pool, 2))


def test_wigan_two_year_block_at_1_percent_and_equal_shares(runs):
    results = runs["wigan_block_risk_share"]
    for contract, value in (("icb_acute", 109_300_000), ("icb_community", 18_300_000),
                            ("council_social_care", 136_300_000)):
        assert _paid(results, contract, 0) == value * 100
        assert _paid(results, contract, 1) == value * 101  # +1%, in pence
    for lines in _years(results):
        pool = _pool(lines)
        assert len(lines) == 5
        assert all(_near(int(a), Fraction(pool, 5)) for a in lines["amount_pence"])


def _fund_year(results, fund: str, contributions_pence: int, year: int) -> int:
    ledger = results.ledger
    spent = ledger[(ledger["payer"] == fund) & (ledger["reason"] == "contract_payment")
                   & (ledger["week"] // WEEKS_PER_YEAR == year)]
    return contributions_pence - int(spent["amount_pence"].sum())


def test_bcf_d2a_pool_reserve_first_then_pro_rata_2_to_1(runs):
    results = runs["bcf_discharge_to_assess"]
    balance = 0
    for lines in _years(results):
        year = int(lines["year"].iloc[0])
        pool = _pool(lines)
        assert pool == _fund_year(results, "bcf_d2a_fund", 450_000_000, year)
        to_reserve = min(pool, 10_000_000 - balance) if pool > 0 else -min(-pool, balance)
        assert _amount(lines, RESERVE) == to_reserve
        balance += to_reserve
        rest = pool - to_reserve
        assert _near(_amount(lines, "icb"), Fraction(2, 3) * rest)
        assert _near(_amount(lines, "council"), Fraction(1, 3) * rest)


def test_calderdale_twelve_more_beds_and_a_half_and_half_pool(runs):
    results = runs["calderdale_step_down"]
    monthly = results.organisations_monthly
    community = monthly[monthly["organisation"] == "community"]
    before = community.loc[community["week"] < 26, "capacity_community_beds"]
    after = community.loc[community["week"] >= 26, "capacity_community_beds"]
    # The unit opens at week 26; the provider's own capacity decisions (a review at week
    # 13 at the earliest, then 26 weeks' notice) cannot move beds before week 39.
    assert set(before) == {42} and after.iloc[0] == 42 + 12
    for lines in _years(results):
        year = int(lines["year"].iloc[0])
        pool = _pool(lines)
        assert pool == _fund_year(results, "step_down_fund", 354_780_000, year)
        assert _near(_amount(lines, "icb"), Fraction(pool, 2))
        assert _near(_amount(lines, "council"), Fraction(pool, 2))
