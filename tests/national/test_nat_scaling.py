"""Footprints from the published table, and the template scaled to a footprint."""

import copy
import tomllib
from pathlib import Path

import pytest

from experiments.national.footprints import (
    ENGLAND_RESIDENTS_MID_2023,
    Footprint,
    PopulationBasis,
    load_footprints,
)
from experiments.national.plan import NationalSettings, footprint_raw, validated_footprints
from experiments.national.scaling import Factors, footprint_scenario, scale_organisation
from experiments.sweep.execute import simulate_spec
from experiments.sweep.plan import RunSpec
from sim.scenario import scenario_from_dict

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = tomllib.loads((ROOT / "scenarios" / "default.toml").read_text(encoding="utf-8"))


def _org(raw: dict, org_id: str) -> dict:
    return next(o for o in raw["organisations"] if o["id"] == org_id)


def _terms(raw: dict, design: str, contract: str) -> dict:
    return next(c for c in raw["designs"][design]["contracts"] if c["id"] == contract)["terms"]


def test_the_table_is_englands_42_icbs():
    footprints = load_footprints()
    assert len(footprints) == 42
    # data README: registered lists total 62.15 million, resident estimate 57.69 million
    assert sum(f.registered for f in footprints) == pytest.approx(62.15e6, abs=0.005e6)
    residents = sum(f.population(PopulationBasis.RESIDENT) for f in footprints)
    assert abs(residents - ENGLAND_RESIDENTS_MID_2023) <= 42  # one person's rounding each
    # weighted populations are a redistribution of the registered total: mean need is 1
    mean_need = (sum(f.need_index * f.registered for f in footprints)
                 / sum(f.registered for f in footprints))
    assert mean_need == pytest.approx(1.0, abs=1e-6)
    largest = max(footprints, key=lambda f: f.registered)
    assert largest.name == "NHS Greater Manchester ICB" and largest.registered == 3_186_875


def test_scaling_by_hand():
    # 600,000 people (size factor 2) with need 1.5: capacities and sums x3, rates x1.5
    raw = footprint_scenario(TEMPLATE, 600_000, 1.5, "Test footprint")
    assert raw["population"]["size"] == 600_000
    band = raw["population"]["age_bands"][0]
    assert band["nel_admissions_per_1000_per_year"] == pytest.approx(105.0)  # 70 x 1.5
    assert band["deaths_per_1000_per_year"] == 2.6  # mortality is not need
    beds = _org(raw, "acute")["capacities"]["acute_beds"]
    assert (beds["units"], beds["step_units"], beds["min_units"], beds["max_units"]) == \
        (2520, 42, 1500, 3600)
    assert beds["cost_gbp_per_unit_year"] == 53_500  # unit cost unchanged
    assert _org(raw, "acute")["variable_cost_gbp"]["nel_admission"] == 450
    assert _org(raw, "icb")["allocation_gbp_per_year"] == 388_500_000
    assert _org(raw, "icb")["allocation_growth_per_year"] == 0.02
    assert _org(raw, "acute")["behaviour"]["prior_avoidance_scale_gbp"] == 6_000_000  # 2m
    assert _org(raw, "acute")["behaviour"]["avoidance_step_gbp_per_year"] == 750_000  # 250k
    assert raw["effects"]["avoidance_scale_gbp"] == 6_000_000  # default £2m for 300,000
    assert raw["behaviour"]["hypothetical_baseline_gbp"] == 300_000_000  # default £100m
    assert "value_of_a_day_at_home_gbp" not in raw["behaviour"]  # per day: unchanged
    assert _terms(raw, "block", "icb_acute")["annual_value_gbp"] == 327_900_000
    assert _terms(raw, "activity_based", "icb_acute")["price_gbp"] == 3640
    assert _terms(raw, "capitation_gain_loss", "icb_lead_provider")["per_head_gbp"] == 637.5
    assert _terms(raw, "blended", "icb_acute")["planned_volume"] == 90_000
    scenario_from_dict(raw, source="scaled")  # still a valid scenario


def test_scaling_is_pure():
    before = copy.deepcopy(TEMPLATE)
    footprint_scenario(TEMPLATE, 1_000_000, 1.2, "x")
    assert TEMPLATE == before


def test_every_footprint_scales_to_a_valid_scenario():
    footprints = load_footprints()
    scenarios = validated_footprints(TEMPLATE, footprints, PopulationBasis.REGISTERED)
    assert len(scenarios) == 42
    manchester = scenarios["QOP"]
    assert manchester["population"]["size"] == 3_186_875


def _run(raw: dict, seed: int) -> dict:
    spec = RunSpec(run_id="t", design="activity_based", seed=seed, replication=0, sample=0,
                   params={}, scenario_raw=raw, years=1, tables=())
    return simulate_spec(spec)[0]


def _footprint(registered: int, need: float) -> Footprint:
    weighted = round(registered * need)
    return Footprint("T", "Test", "Test", registered, weighted, registered, registered)


@pytest.mark.slow
def test_a_footprint_keeps_the_templates_per_head_rates():
    # Twice the template's people at the template's need: the same rates per head.
    # Tolerance 3%: ~30,000 admissions a year give ~0.6% Poisson noise; capacity steps
    # round to whole units; 2 seeds.
    bigger = footprint_raw(TEMPLATE, _footprint(600_000, 1.0), PopulationBasis.REGISTERED)
    for seed in (1, 2):
        base, scaled = _run(TEMPLATE, seed), _run(bigger, seed)
        for name in ("nel_admissions_per_1000_final_year", "cost_per_head_per_year_gbp"):
            assert scaled[name] == pytest.approx(base[name], rel=0.03), name


@pytest.mark.slow
def test_higher_need_gives_proportionally_higher_rates():
    # Need 1.2 at the template's size: demand rates per head x1.2, and cost per head
    # follows capacity and activity, both x1.2. Tolerance 4% over 2 seeds: terminal
    # admissions of deaths at home (~5 per 1,000) are not need-driven, capacity rounds to
    # whole steps, and ~30,000 admissions a year give ~0.6% Poisson noise.
    settings = NationalSettings(designs=("activity_based",), basis=PopulationBasis.REGISTERED)
    needy = footprint_raw(TEMPLATE, _footprint(300_000, 1.2), settings.basis)
    for seed in (1, 2):
        base, high = _run(TEMPLATE, seed), _run(needy, seed)
        for name in ("nel_admissions_per_1000_final_year", "cost_per_head_per_year_gbp"):
            assert high[name] / base[name] == pytest.approx(1.2, rel=0.04), name


def test_an_integrated_providers_lines_scale_like_providers_of_their_family():
    line = {"fixed_cost_gbp_per_year": 1_000_000,
            "capacities": {"acute_beds": {"units": 100, "cost_gbp_per_unit_year": 50_000,
                                          "min_units": 50, "max_units": 200}},
            "variable_cost_gbp": {"nel_admission": 450}}
    ico = {"id": "ico", "kind": "integrated", "reserves_gbp": 2_000_000,
           "lines": {"acute": line}}
    out = scale_organisation(ico, Factors(size=2.0, need=1.5))  # extent 3
    scaled = out["lines"]["acute"]
    # Sizes and sums of money times 3; the unit prices stay.
    assert scaled["capacities"]["acute_beds"]["units"] == 300
    assert scaled["capacities"]["acute_beds"]["min_units"] == 150
    assert scaled["capacities"]["acute_beds"]["cost_gbp_per_unit_year"] == 50_000
    assert scaled["fixed_cost_gbp_per_year"] == 3_000_000
    assert scaled["variable_cost_gbp"] == {"nel_admission": 450}
    assert out["reserves_gbp"] == 6_000_000
    assert line["capacities"]["acute_beds"]["units"] == 100  # the template is untouched
