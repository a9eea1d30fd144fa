"""``placesim plan``: the plan's arithmetic, a small run checked against the tables it reads,
determinism and adopting a plan with --into (bad input and the Torbay plan derived again
are in test_exp_plan_checks.py).

The integration tests compute the expected plan themselves, from independent runs and the
run's own tables (``service_lines_annual`` for a line's cost, the ledger for what a
commissioner pays), with their own rounding: they do not read the module's figures.
"""

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from statistics import fmean

import pytest
from typer.testing import CliRunner

from experiments.cli import app
from experiments.planning import (
    Spread,
    allocation_value,
    block_value,
    check_inputs,
    contract_rules,
    derive_plan,
    round_half_up,
    run_seeds,
    with_margin,
)
from experiments.planning.arithmetic import growth_factor
from experiments.runs import run
from sim.core.calendar import WEEKS_PER_YEAR
from sim.scenario import load_scenario, scenario_from_dict
from sim.scenario.loader import read_toml

ROOT = Path(__file__).resolve().parents[2]
CALIBRATED = ROOT / "scenarios" / "places" / "torbay_south_devon.calibrated.toml"
PLACE_FILE = ROOT / "scenarios" / "places" / "torbay_south_devon.toml"
DESIGN = "ico_risk_share"
LINES = {"icb_ico_acute": "acute", "icb_ico_community": "community",
         "council_ico_social_care": "social_care"}
PEOPLE = 8_000  # the smallest sample keeps 1,742 (80 prevention places); runs take ~0.3 s
SEEDS = (1, 2)
runner = CliRunner()


# --- arithmetic, by hand ------------------------------------------------------------------

def test_rounding_goes_to_the_nearest_step_and_halves_go_up():
    assert round_half_up(55_684_999, 10_000) == 55_680_000
    assert round_half_up(55_685_000, 10_000) == 55_690_000  # the half goes up
    assert round_half_up(25_000, 10_000) == 30_000  # not to the even neighbour (20,000)
    assert round_half_up(Fraction(5, 2), 1) == 3
    assert round_half_up(Fraction(3, 2), 1) == 2
    assert round_half_up(Decimal("1234.5"), 1) == 1235
    assert round_half_up(0, 10_000) == 0
    assert round_half_up(4_999, 10_000) == 0
    with pytest.raises(ValueError, match="rounding step"):
        round_half_up(1, 0)


def test_the_margin_is_exact():
    assert with_margin(100, 0.01) == 101  # 0.01 read as written, not as a binary float
    assert with_margin(Fraction(1, 3), Decimal("0.5")) == Fraction(1, 2)


def test_a_block_is_the_mean_cost_plus_the_margin_rounded():
    # Seeds' costs £55.1m and £55.2m: mean £55.15m x 1.01 = £55,701,500 -> £55,700,000.
    assert block_value([5_510_000_000, 5_520_000_000], 0.01, 10_000) == 55_700_000
    # Margin 0: the mean cost itself. £1,000,000.50 to the pound goes up (a half).
    assert block_value([100_000_000, 100_000_100], 0, 1) == 1_000_001
    assert block_value([100_000_000, 100_000_099], 0, 1) == 1_000_000  # £1,000,000.495
    # A 10% margin on £2,000,000: £2,200,000 exactly.
    assert block_value([200_000_000], Decimal("0.1"), 10_000) == 2_200_000


def test_a_block_with_an_uplift_meets_the_mean_cost_over_the_years():
    # Two years at +10%: values v and 1.1v, mean 1.05v = £2.1m x 1.0 -> v = £2m.
    assert growth_factor(0.1, 2) == Fraction(105, 100)
    assert growth_factor(0.1, 1) == 1
    assert block_value([210_000_000], 0, 1, uplift=0.1, years=2) == 2_000_000
    assert block_value([210_000_000], 0, 1, uplift=0.1, years=1) == 2_100_000


def test_an_allocation_is_planned_spending_plus_the_margin_rounded():
    # The Torbay CCG's by hand: blocks £55.69m + £9.49m, and per seed £40k of the voluntary
    # block plus £150k / £170k of charges: £65.38m x 1.01 = £66,033,800 -> £66,030,000.
    others = [(40_000 + 150_000) * 100, (40_000 + 170_000) * 100]
    assert allocation_value([55_690_000, 9_490_000], others, 0.01, 10_000) == 66_030_000
    assert allocation_value([1_000_000], [0], 0, 1) == 1_000_000
    # Growing at 2% a year over two years: the mean year is 1.01 x year 1.
    assert allocation_value([], [101_000_000], 0, 1, growth=0.02, years=2) == 1_000_000


def test_spread_over_seeds():
    spread = Spread.of_pence([100, 300])
    assert (spread.mean, spread.low, spread.high, spread.seeds) == (2.0, 1.0, 3.0, 2)
    assert spread.sd == pytest.approx(math.sqrt(2))
    assert Spread.of_pence([500]).sd == 0


# --- what is derived from what ------------------------------------------------------------

def _contract(contracts: list[dict], contract_id: str) -> dict:
    return next(c for c in contracts if c["id"] == contract_id)


def _variant(edit) -> object:
    raw = read_toml(CALIBRATED, "a scenario")
    edit(raw["designs"][DESIGN]["contracts"])
    return scenario_from_dict(raw)


def test_torbay_blocks_buy_lines_and_uplifted_blocks_are_kept():
    rules = {r.contract: r for r in contract_rules(load_scenario(CALIBRATED), DESIGN)}
    for contract, line in LINES.items():
        assert rules[contract].cost == ("line", "ico", line)
    for contract in ("icb_age_well", "council_home_from_hospital"):
        assert rules[contract].cost is None
        assert "uplift" in rules[contract].kept
    derived = contract_rules(load_scenario(CALIBRATED), DESIGN, derive_uplifted=True)
    assert {r.contract: r.cost for r in derived}["icb_age_well"] == ("organisation", "age_well")


def test_a_one_family_provider_with_one_block_is_derived_from_its_cost():
    def no_uplift(contracts):
        _contract(contracts, "icb_age_well")["terms"].pop("uplift_per_year")

    rules = {r.contract: r for r in contract_rules(_variant(no_uplift), DESIGN)}
    assert rules["icb_age_well"].cost == ("organisation", "age_well")


def test_blocks_that_cannot_be_attributed_to_one_cost_are_kept():
    def second_contract(contracts):
        _contract(contracts, "icb_age_well")["terms"].pop("uplift_per_year")
        contracts.append({"id": "council_age_well", "payer": "council", "payee": "age_well",
                          "terms": {"mechanism": "block", "annual_value_gbp": 10_000}})
        contracts.append({"id": "council_ico_acute", "payer": "council", "payee": "ico",
                          "service_line": "acute",
                          "terms": {"mechanism": "block", "annual_value_gbp": 10_000}})

    rules = {r.contract: r for r in contract_rules(_variant(second_contract), DESIGN)}
    for contract in ("icb_age_well", "council_age_well"):
        assert rules[contract].cost is None
        assert "cannot be attributed" in rules[contract].kept
    for contract in ("icb_ico_acute", "council_ico_acute"):
        assert rules[contract].cost is None
        assert "cannot be split" in rules[contract].kept
    assert rules["icb_ico_community"].cost == ("line", "ico", "community")


def test_activity_based_contracts_are_not_derived():
    rules = contract_rules(load_scenario(ROOT / "scenarios" / "default.toml"), "activity_based")
    acute = next(r for r in rules if r.contract == "icb_acute")
    assert acute.mechanism == "activity_based" and acute.cost is None and not acute.kept


# --- a small run, checked against the run's own tables ------------------------------------

CHARGES = ("out_of_area_care", "spot_purchase", "pool_contribution")


def _half_up(pounds: Fraction, step: int = 10_000) -> int:
    # The test's own rounding (Decimal, half up), not the module's.
    units = Decimal(pounds.numerator) / Decimal(pounds.denominator) / step
    return int(units.quantize(Decimal(1), rounding=ROUND_HALF_UP)) * step


def _expected_plan(margin: Fraction = Fraction(1, 100)) -> dict[str, int]:
    """The plan the hand method gives, from independent runs and their tables."""
    results = [run(CALIBRATED, design=DESIGN, seed=s, people=PEOPLE, years=1).results
               for s in SEEDS]
    expected = {}
    for contract, line in LINES.items():
        costs = []
        for r in results:
            table = r.service_lines_annual
            costs.append(int(table.loc[(table["service_line"] == line) & (table["year"] == 0),
                                       "cost_pence"].iloc[0]))
        expected[contract] = _half_up(Fraction(sum(costs), len(costs) * 100) * (1 + margin))
    for org, blocks in (("icb", ["icb_ico_acute", "icb_ico_community"]),
                        ("council", ["council_ico_social_care"]), ("devon", [])):
        other = []
        for r in results:
            ledger = r.ledger[r.ledger["week"] < WEEKS_PER_YEAR]
            paid = ledger[(ledger["payer"] == org) & (ledger["reason"] == "contract_payment")
                          & ~ledger["reference"].isin(blocks)]["amount_pence"].sum()
            charges = ledger[(ledger["payer"] == org)
                             & ledger["reason"].isin(CHARGES)]["amount_pence"].sum()
            other.append(int(paid) + int(charges))
        spending = (sum(expected[b] for b in blocks)
                    + Fraction(sum(other), len(other) * 100))
        expected[org] = _half_up(spending * (1 + margin))
    return expected


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    out = tmp_path_factory.mktemp("plan") / "torbay.planned.toml"
    result = runner.invoke(app, ["plan", str(CALIBRATED), "--seeds", str(len(SEEDS)),
                                 "--first-seed", str(SEEDS[0]), "--people", str(PEOPLE),
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_the_written_plan_is_the_hand_method_on_the_runs_tables(planned):
    out, _ = planned
    expected = _expected_plan()
    scenario = load_scenario(out)
    blocks = {c.id: c.terms.annual_value_gbp for c in scenario.design(DESIGN).contracts
              if c.terms.mechanism == "block"}
    for contract in LINES:
        assert blocks[contract] == expected[contract], contract
    allocations = {c.id: c.allocation_gbp_per_year for c in scenario.commissioners()}
    assert allocations == {"icb": expected["icb"], "council": expected["council"],
                           "devon": expected["devon"]}


def test_values_not_derived_are_unchanged(planned):
    out, _ = planned
    before, after = read_toml(CALIBRATED, "a scenario"), read_toml(out, "a scenario")
    derived = load_scenario(out)
    for contract in before["designs"][DESIGN]["contracts"]:
        if contract["id"] in LINES:
            new = next(c for c in derived.design(DESIGN).contracts if c.id == contract["id"])
            contract["terms"]["annual_value_gbp"] = int(new.terms.annual_value_gbp)
    for org in before["organisations"]:
        if org["kind"] == "commissioner":
            org["allocation_gbp_per_year"] = int(derived.organisation(org["id"])
                                                 .allocation_gbp_per_year)
    assert after == before  # the [calibration] record, the voluntary blocks, all of it


def test_the_report_shows_each_item_its_change_and_its_basis(planned):
    out, output = planned
    for name in (*LINES, "icb_age_well", "allocation icb", "allocation council"):
        assert name in output
    assert "kept: has an uplift of +1.00% a year" in output
    assert "ico's acute line cost; mean £" in output and "2 seeds" in output
    assert "%" in output and f"Wrote {out}" in output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Planned by `placesim plan` from")
    assert (f"--seeds 2 --first-seed 1 --people {PEOPLE} --years-of-cost 1 --margin 0.01 "
            "--round-to 10000") in " ".join(line.lstrip("# ") for line in text.splitlines())


def test_margin_zero_gives_the_mean_cost():
    scenario, settings, _ = check_inputs(CALIBRATED, design=None, seeds=2, first_seed=1,
                                         people=PEOPLE, years=1, margin=0.0, round_to=1,
                                         out=Path("unused.toml"))
    plan = derive_plan(scenario, settings, run_seeds(scenario, settings))
    results = [run(CALIBRATED, seed=s, people=PEOPLE, years=1).results for s in SEEDS]
    derived = {item.name: item.derived_gbp for item in plan.items}
    for contract, line in LINES.items():
        costs = [float(r.service_lines_annual.set_index("service_line").loc[line, "cost_pence"])
                 / 100 for r in results]
        assert abs(derived[contract] - fmean(costs)) <= 0.5, contract


def test_the_same_seeds_write_the_same_file_whatever_the_workers(tmp_path):
    written = []
    for workers, name in ((1, "a"), (2, "b"), (1, "c")):
        out = tmp_path / f"{name}.toml"
        result = runner.invoke(app, ["plan", str(CALIBRATED), "--seeds", "2", "--people",
                                     str(PEOPLE), "--workers", str(workers), "--out",
                                     str(out)])
        assert result.exit_code == 0, result.output
        written.append(out.read_bytes())
    assert written[0] == written[1] == written[2]


def test_planning_the_planned_file_keeps_one_header(planned, tmp_path):
    out, _ = planned
    again = tmp_path / "again.toml"
    result = runner.invoke(app, ["plan", str(out), "--seeds", "1", "--people", str(PEOPLE),
                                 "--out", str(again)])
    assert result.exit_code == 0, result.output
    text = again.read_text(encoding="utf-8")
    assert text.count("# Planned by `placesim plan`") == 1
    assert "# Calibrated by `placesim calibrate`" in text
    load_scenario(again)


# --- adopting a plan: --into sets it in the place's own files, keeping their comments --------

def test_into_sets_the_plan_in_each_file_and_keeps_everything_else(tmp_path, planned):
    """The derived values land in each --into file; every other line, comments included,
    is as it was (a value's thousands underscores are written as the files write them)."""
    out, _ = planned
    place = tmp_path / "place.toml"
    calibrated = tmp_path / "place.calibrated.toml"
    place.write_text(PLACE_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    calibrated.write_text(CALIBRATED.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["plan", str(CALIBRATED), "--seeds", str(len(SEEDS)),
                                 "--first-seed", str(SEEDS[0]), "--people", str(PEOPLE),
                                 "--out", str(tmp_path / "again.toml"), "--into", str(place),
                                 "--into", str(calibrated)])
    assert result.exit_code == 0, result.output
    assert f"Set the plan in {place}" in result.output
    derived = load_scenario(out)
    for path, original in ((place, PLACE_FILE), (calibrated, CALIBRATED)):
        adopted = load_scenario(path)
        assert ({c.id: c.allocation_gbp_per_year for c in adopted.commissioners()}
                == {c.id: c.allocation_gbp_per_year for c in derived.commissioners()})
        assert ({c.id: c.terms for c in adopted.design(DESIGN).contracts}
                == {c.id: c.terms for c in derived.design(DESIGN).contracts})
        before = original.read_text(encoding="utf-8").splitlines()
        after = path.read_text(encoding="utf-8").splitlines()
        assert len(before) == len(after)
        changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        assert changed, path  # the small sample's plan differs from the committed one
        for old, new in changed:
            assert old.split("=")[0] == new.split("=")[0]
            assert "allocation_gbp_per_year" in old or "annual_value_gbp" in old, old
        assert all("_" in new.rpartition("=")[2] for _, new in changed)


def test_into_a_file_that_is_not_a_scenario_is_refused_before_any_run(tmp_path,
                                                                       monkeypatch):
    def no_runs(*_, **__):
        raise AssertionError("a run started")

    monkeypatch.setattr("experiments.planning.derive.measure", no_runs)
    missing = tmp_path / "nope.toml"
    result = runner.invoke(app, ["plan", str(CALIBRATED), "--out", str(tmp_path / "o.toml"),
                                 "--into", str(missing)])
    assert result.exit_code == 2
    line, = result.output.strip().splitlines()
    assert line.startswith(f"{missing}: file not found")


def test_into_a_scenario_without_the_planned_contracts_is_refused_and_left_alone(tmp_path):
    """The default place has none of the planned design's contracts: a line per missing
    path naming the file, exit 2, and neither --into file is written (the good one
    included)."""
    good, other = tmp_path / "place.toml", tmp_path / "default.toml"
    good.write_text(PLACE_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    other.write_text((ROOT / "scenarios" / "default.toml").read_text(encoding="utf-8"),
                     encoding="utf-8")
    before = {path: path.read_bytes() for path in (good, other)}
    result = runner.invoke(app, ["plan", str(CALIBRATED), "--seeds", "1", "--people",
                                 str(PEOPLE), "--out", str(tmp_path / "o.toml"),
                                 "--into", str(good), "--into", str(other)])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert lines and all(line.startswith(f"{other}: ") for line in lines), lines
    assert "Traceback" not in result.output
    assert {path: path.read_bytes() for path in (good, other)} == before
