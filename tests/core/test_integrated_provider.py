"""Integrated providers: one organisation, several service lines, one account, one choice.

The default place's acute trust, community provider and social care market are merged
into one integrated provider (``tests.core.integrated``) with the same costs, capacities,
levers and block contracts, and the two places are run side by side on the same seed.
"""

import copy
import pickle
from functools import cache

import pytest
from pandas.testing import assert_frame_equal

from agents.projection import Effect, value
from sim.core.activity import ActivityUnit
from sim.core.calendar import WEEKS_PER_YEAR
from sim.core.kinds import CapacityKind, OrganisationKind
from sim.core.ledger import COST_REASONS, Reason
from sim.core.records import DecisionRecord
from sim.model import CareSystemModel
from sim.scenario import ScenarioError, scenario_from_dict
from tests.core.helpers import assert_months_run_with_last_policy, default_raw
from tests.core.integrated import integrate

SOURCE = "my_place.toml"
LINES = ("acute", "community", "social_care")
SEEDS = (3, 11)
PEOPLE = 5_000


def silo_place():
    raw = copy.deepcopy(default_raw())
    raw["designs"] = {"block": raw["designs"]["block"]}
    return scenario_from_dict(raw, "silo")


def ico_raw() -> dict:
    return integrate(default_raw())


def ico_place():
    return scenario_from_dict(ico_raw(), "ico")


def error_for(raw: dict) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(raw, source=SOURCE)
    return caught.value


def _ico(raw: dict) -> dict:
    return next(o for o in raw["organisations"] if o["id"] == "ico")


# --- the schema -------------------------------------------------------------------------
def test_a_line_holds_its_family_capacities_and_the_organisation_adds_them_up():
    place = ico_place()
    ico = place.organisation("ico")
    assert ico.line_families == ["acute", "community", "social_care"]
    # Every capacity of the three providers, each in its own line.
    assert {k.value for k in ico.capacities} == {
        "acute_beds", "d2a_places", "community_beds", "home_care_packages",
        "reablement_places", "care_home_places"}
    # Fixed costs of the default place's three providers: £37m + £5m + £1.5m.
    assert ico.fixed_cost_gbp_per_year == 43_500_000


def test_a_capacity_its_line_does_not_allow_is_refused_in_one_line():
    raw = ico_raw()
    _ico(raw)["lines"]["acute"]["capacities"]["d2a_places"] = {
        "units": 10, "cost_gbp_per_unit_year": 17_500}
    error = error_for(raw)
    assert len(error.problems) == 1
    line = str(error)
    assert "\n" not in line
    assert line.startswith(f"{SOURCE}: organisations[2]")
    assert "lines.acute.capacities" in line
    assert "d2a_places" in line and "expected some of acute_beds" in line


def test_an_unknown_line_is_refused_naming_the_lines_allowed():
    raw = ico_raw()
    _ico(raw)["lines"]["hospice"] = {"fixed_cost_gbp_per_year": 1}
    (problem,) = error_for(raw).problems
    assert "lines" in problem and "hospice" in problem
    assert "expected some of acute, community, social_care, voluntary" in problem


def test_a_contract_naming_a_line_its_payee_does_not_run_is_refused():
    raw = ico_raw()
    del _ico(raw)["lines"]["social_care"]
    # The default place's care-home and package capacity now has no provider, but the
    # contract is what is checked: it still names the social care line.
    problems = error_for(raw).problems
    assert any("designs.block.contracts[2].service_line" in p and "social_care" in p
               and "expected one of acute, community" in p for p in problems), problems


def test_a_service_line_on_a_provider_of_one_family_is_refused():
    raw = copy.deepcopy(default_raw())
    raw["designs"]["block"]["contracts"][0]["service_line"] = "acute"
    (problem,) = error_for(raw).problems
    assert problem.startswith("designs.block.contracts[0].service_line")
    assert "not an integrated provider" in problem


def test_an_integrated_provider_cannot_pay_itself():
    raw = ico_raw()
    raw["designs"]["block"]["contracts"].append(
        {"id": "internal", "payer": "ico", "payee": "ico", "service_line": "community",
         "terms": {"mechanism": "block", "annual_value_gbp": 1_000}})
    problems = error_for(raw).problems
    assert any("payer and payee are both 'ico'" in p for p in problems), problems


# --- the accounts -------------------------------------------------------------------------
@cache
def _paired_runs(seed: int):
    """The default place's block design, three providers and one integrated (read-only)."""
    silo = CareSystemModel(silo_place(), "block", rng=seed, people=PEOPLE, years=2,
                           behaviour=False)
    ico = CareSystemModel(ico_place(), "block", rng=seed, people=PEOPLE, years=2,
                          behaviour=False)
    silo.run()
    ico.run()
    return silo, ico


@pytest.mark.parametrize("seed", SEEDS)
def test_its_accounts_equal_the_sum_of_its_lines_to_the_penny(seed):
    silo, ico = _paired_runs(seed)
    # Same people, same care: the population does not know who runs the services.
    assert [f.admissions for f in silo.history] == [f.admissions for f in ico.history]
    silo_ledger, ico_ledger = silo.ledger.to_frame(), ico.ledger.to_frame()
    costs = [r.value for r in COST_REASONS]
    for provider in LINES:
        # Each line's cost entries are the separate provider's, month by month, reason
        # by reason, to the penny.
        alone = silo_ledger[(silo_ledger["payer"] == provider)
                            & silo_ledger["reason"].isin(costs)]
        line = ico_ledger[(ico_ledger["payer"] == "ico")
                          & (ico_ledger["reference"] == f"line:{provider}")]
        assert len(line) > 0
        assert (alone.groupby(["week", "reason"])["amount_pence"].sum().to_dict()
                == line.groupby(["week", "reason"])["amount_pence"].sum().to_dict())
    # Every cost entry of the organisation belongs to a line.
    ico_costs = ico_ledger[(ico_ledger["payer"] == "ico") & ico_ledger["reason"].isin(costs)]
    assert ico_costs["reference"].str.startswith("line:").all()
    # Its reserves are the three providers' together, and its year's figures their sum.
    balances = silo.ledger.balances()
    assert ico.ledger.balance("ico") == sum(balances[p] for p in LINES)
    silo_fin, ico_fin = silo.results().finance_annual, ico.results()
    ico_row = ico_fin.finance_annual[ico_fin.finance_annual["organisation"] == "ico"]
    for year in range(2):
        three = silo_fin[(silo_fin["year"] == year) & silo_fin["organisation"].isin(LINES)]
        one = ico_row[ico_row["year"] == year]
        for column in ("cost_pence", "income_pence", "surplus_pence",
                       *(f"{r.value}_out_pence" for r in COST_REASONS)):
            assert int(one[column].sum()) == int(three[column].sum()), (year, column)
    # The per-line table adds up to the organisation's costs and its contracts' income.
    lines = ico_fin.service_lines_annual
    for year in range(2):
        per_year = lines[lines["year"] == year]
        one = ico_row[ico_row["year"] == year]
        assert int(per_year["cost_pence"].sum()) == int(one["cost_pence"].sum())
        assert (int(per_year["contract_income_pence"].sum())
                == int(one["contract_payment_in_pence"].sum()))
        for provider in LINES:
            alone = silo_fin[(silo_fin["year"] == year)
                             & (silo_fin["organisation"] == provider)]
            mine = per_year[per_year["service_line"] == provider]
            assert int(mine["cost_pence"].sum()) == int(alone["cost_pence"].sum())
            assert (int(mine["contract_income_pence"].sum())
                    == int(alone["contract_payment_in_pence"].sum()))


@pytest.mark.parametrize("seed", SEEDS)
def test_each_line_has_the_exposure_its_provider_had_alone(seed):
    silo, ico = _paired_runs(seed)
    alone = silo.results().exposure_annual.set_index(["organisation", "year"])
    lines = ico.results().service_lines_annual.set_index(["service_line", "year"])
    whole = ico.results().exposure_annual.set_index(["organisation", "year"])
    columns = ["income_at_risk_gbp", "variable_cost_saved_gbp", "fixed_cost_exposure_gbp",
               "stranded_capacity_cost_gbp"]
    for year in range(2):
        for provider in LINES:
            for column in columns:
                assert lines.loc[(provider, year), column] == pytest.approx(
                    alone.loc[(provider, year), column], rel=1e-12, abs=1e-6), column
        # Every contract names a line, so the organisation's figures are its lines' sum.
        for column in columns:
            assert whole.loc[("ico", year), column] == pytest.approx(
                sum(lines.loc[(p, year), column] for p in LINES), rel=1e-12, abs=1e-6)
    assert lines["variable_cost_saved_gbp"].min() > 0  # the figures are not all zero


def test_care_between_its_own_lines_is_no_payment():
    _, ico = _paired_runs(SEEDS[0])
    ledger = ico.ledger.to_frame()
    mine = ledger[(ledger["payer"] == "ico") | (ledger["payee"] == "ico")]
    # It pays nobody under a contract (the silos' patients moving between acute, community
    # and social care are now its own, and paid for by nobody inside it)...
    assert not (mine["payer"] == "ico").where(
        mine["reason"] == Reason.CONTRACT_PAYMENT.value, False).any()
    # ...and every entry has one party outside it.
    assert ((mine["payer"] == "ico") ^ (mine["payee"] == "ico")).all()
    # Patients did move between its lines: people went from its wards to its own
    # reablement, D2A and care homes.
    assert sum(f.discharges_support_at_home for f in ico.history) > 0


# --- conservation -------------------------------------------------------------------------
@pytest.mark.parametrize("seed", SEEDS)
def test_money_and_people_are_conserved_with_its_levers_moving(seed):
    model = CareSystemModel(ico_place(), "block", rng=seed, people=PEOPLE, years=2)
    population = model.population
    start = population.start_size
    for _ in range(2 * WEEKS_PER_YEAR):
        model.step()
        assert sum(model.ledger.balances().values()) == 0, model.week
        alive = population.alive_count
        assert alive + population.deaths_total == start + population.births_total
        assert sum(population.counts_by_setting().values()) == alive
    # It did decide: its levers moved at some review.
    assert any(d.organisation == "ico" for d in model.recorder.rows(DecisionRecord))


# --- one choice ---------------------------------------------------------------------------
def test_its_choice_counts_its_own_acute_savings_when_it_spends_on_community():
    """Hand-checked: £100,000 a year of community spend believed to avoid 10 admissions
    and 90 bed days. Under block contracts nobody's income moves. The community provider
    alone bears the £100,000; the integrated provider also saves its acute line's
    variable cost, 10 × £450 + 90 × £49 = £8,910 (the default place's acute variable
    costs), so its own position moves by −£91,090.
    """
    silo = CareSystemModel(silo_place(), "block", rng=1, people=PEOPLE, years=1)
    ico = CareSystemModel(ico_place(), "block", rng=1, people=PEOPLE, years=1)
    effect = Effect(elsewhere={ActivityUnit.NEL_ADMISSION: -10.0,
                               ActivityUnit.ACUTE_BED_DAY: -90.0},
                    own_fixed_gbp=100_000.0)
    alone = value(silo.by_id["community"], effect)
    together = value(ico.by_id["ico"], ico.by_id["ico"].internalise(effect))
    assert alone.own_gbp == pytest.approx(-100_000.0)
    assert together.own_gbp == pytest.approx(-91_090.0)


def test_a_community_move_it_weighs_carries_its_acute_effects_as_its_own():
    ico = CareSystemModel(ico_place(), "block", rng=2, people=PEOPLE, years=1,
                          behaviour=False)
    while not ico.by_id["ico"].view.figures:
        ico.step()
    provider = ico.by_id["ico"]
    options = [o for moves in provider.candidate_options(ico.week) for o in moves
               if o.lever == "proactive_care_investment_gbp_per_year" and o.new_value > 0]
    assert options
    for option in options:
        # Admissions avoided in its own wards are its own activity, not somebody else's.
        assert option.effect.own_activity[ActivityUnit.NEL_ADMISSION] < 0
        assert ActivityUnit.NEL_ADMISSION not in option.effect.elsewhere


@pytest.mark.slow
def test_over_seeds_the_integrated_provider_delays_fewer_discharges_than_the_silos():
    """Same place, same block contracts, levers moving: when one organisation bears the
    acute bed days that its step-down lines free, it keeps discharges flowing.

    Measured (10,000 people, 5 years, seeds 1-6): delayed share of acute bed days 0.13
    for the integrated provider against 0.34 for the three separate providers (lower in
    every seed), system cost £1,277m against £1,351m. Claimed here: lower in each of five
    seeds. System cost was claimed lower on the mean too; with the acute bed cap and spot
    purchase on (seeds 1-5) it is £1,257m for the integrated provider against £1,247m for
    the silos (0.8% higher), so that claim no longer holds and is reported, not asserted.
    """
    ico_share, silo_share, ico_cost, silo_cost = [], [], [], []
    for seed in range(1, 6):
        for place, shares, costs in ((ico_place(), ico_share, ico_cost),
                                     (silo_place(), silo_share, silo_cost)):
            model = CareSystemModel(place, "block", rng=seed, people=10_000, years=5)
            model.run()
            delayed = sum(f.dtoc_bed_days for f in model.history)
            shares.append(delayed / sum(f.acute_bed_days for f in model.history))
            costs.append(model.money.system_cost_pence)
    assert all(i < s for i, s in zip(ico_share, silo_share, strict=True)), (ico_share,
                                                                           silo_share)


def test_a_dated_change_to_one_line_takes_effect_at_its_week():
    raw = ico_raw()
    raw["timeline"] = [{"week": 10, "path": "organisations.ico.lines.community.capacities."
                        "d2a_places.units", "value": 300, "note": "D2A expands"}]
    model = CareSystemModel(scenario_from_dict(raw, "ico"), "block", rng=1, people=PEOPLE,
                            years=1, behaviour=False)
    before = model.by_id["ico"].capacity[CapacityKind.D2A_PLACES]
    assert before != 300
    for _ in range(10):
        model.step()
    assert model.by_id["ico"].capacity[CapacityKind.D2A_PLACES] == before
    model.step()  # week 10
    assert model.by_id["ico"].capacity[CapacityKind.D2A_PLACES] == 300
    assert model.by_id["ico"].line(OrganisationKind.COMMUNITY).spec.capacities[
        CapacityKind.D2A_PLACES].units == 300


def test_pickled_mid_run_it_carries_on_to_identical_results():
    def build():
        return CareSystemModel(ico_place(), "block", rng=5, people=PEOPLE, years=2)

    whole = build()
    whole.run()
    interrupted = build()
    for _ in range(60):
        interrupted.step()
    resumed = pickle.loads(pickle.dumps(interrupted))
    # Its lines still share its eyes and beliefs after the round trip.
    ico = resumed.by_id["ico"]
    assert all(line.view is ico.view and line.beliefs is ico.beliefs for line in ico.lines)
    resumed.run()
    expected, got = whole.results(), resumed.results()
    assert not expected.service_lines_annual.empty and not expected.decisions.empty
    for name, frame in expected.tables().items():
        assert_frame_equal(got.tables()[name], frame, check_exact=True, obj=name)


def test_a_responsive_council_sets_the_placements_of_the_line_it_pays():
    """The council pays the integrated provider's social care line; under the responsive
    rule its eligibility policy, not the organisation, sets that line's placement bias
    (a council allowed £100m overspends, so the policy moves by 0.1 steps)."""
    raw = ico_raw()
    council = next(o for o in raw["organisations"] if o["id"] == "council")
    council.setdefault("behaviour", {})["commissioner_rule"] = "responsive"
    council["allocation_gbp_per_year"] = 100_000_000
    model = CareSystemModel(scenario_from_dict(raw, "ico"), "block", rng=1, people=PEOPLE,
                            years=2)
    model.run()
    results = model.results()
    chosen = results.commissioner_decisions
    chosen = chosen[chosen["kind"] == "placement_policy"]
    assert not chosen.empty
    assert_months_run_with_last_policy(results, "ico")
    assert not any(d.lever == "residential_placement_bias"
                   for d in model.recorder.rows(DecisionRecord))
