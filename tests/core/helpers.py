"""Shared builders for the core simulation tests: scenarios with overrides, cached runs."""

import copy
import tomllib
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from sim.core.ledger import COST_REASONS
from sim.model import CareSystemModel
from sim.population import WeekFlows
from sim.scenario import Scenario, scenario_from_dict

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TOML = ROOT / "scenarios" / "default.toml"
DATA = Path(__file__).resolve().parent / "data"
DESIGNS = ("activity_based", "block", "capitation_gain_loss", "blended")

# An override is (path, value). A path starting "organisations" names the organisation by
# id next, e.g. ("organisations", "acute", "capacities", "acute_beds", "units").
Override = tuple[tuple[str, ...], object]


@cache
def default_raw() -> dict:
    """The default place as a plain dict (parse once; callers get deep copies)."""
    return tomllib.loads(DEFAULT_TOML.read_text(encoding="utf-8"))


def raw_with(overrides: tuple[Override, ...] = ()) -> dict:
    """A deep copy of the default place's dict with overrides applied."""
    raw = copy.deepcopy(default_raw())
    for path, value in overrides:
        node = raw
        keys = list(path)
        if keys[0] == "organisations":
            node = next(o for o in raw["organisations"] if o["id"] == keys[1])
            keys = keys[2:]
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = value
    return raw


@cache
def scenario_with(overrides: tuple[Override, ...] = (), pooled: bool = False) -> Scenario:
    """The default place, validated, with overrides (and the ``pooled`` design if asked)."""
    raw = raw_with(overrides)
    if pooled:
        raw["designs"]["pooled"] = pooled_design()
    return scenario_from_dict(raw, source=f"default.toml{list(overrides)}")


@cache
def run_model(design: str = "activity_based", seed: int = 1, people: int = 20_000,
              years: int = 1, overrides: tuple[Override, ...] = ()) -> CareSystemModel:
    """A finished run with every lever held at its scenario value (cached: treat as read-only)."""
    model = CareSystemModel(scenario_with(overrides, design == "pooled"), design, rng=seed,
                            people=people, years=years, behaviour=False)
    model.run(years)
    return model


def total(history: list[WeekFlows], name: str, scale: float = 1.0) -> float:
    """Sum of one WeekFlows field over weeks, scaled to the whole place by ``1/scale``."""
    return float(sum(getattr(f, name) for f in history)) / scale


def org_flow(ledger: pd.DataFrame, org: str, reasons, direction: str = "out",
             year: int | None = None) -> int:
    """Pence an organisation paid (``out``) or received (``in``) for some reasons."""
    side = "payer" if direction == "out" else "payee"
    values = {str(r) for r in reasons}
    part = ledger[(ledger[side] == org) & ledger["reason"].isin(values)]
    if year is not None:
        part = part[part["week"] // 52 == year]
    return int(part["amount_pence"].sum())


def org_cost(ledger: pd.DataFrame, org: str, year: int | None = None) -> int:
    """An organisation's cost of care in pence: every cost reason paid to suppliers."""
    return org_flow(ledger, org, COST_REASONS, "out", year)


def pooled_design() -> dict:
    """A design with two pooled budgets: one under a BCF-style agreement, one without.

    ``bcf`` pays D2A and reablement per unit (spend and contributions differ, so the pool
    ends each year with a balance to settle); ``carers_fund`` pays a small block, so it
    underspends and the rest is returned pro rata to contributions.
    """
    base = copy.deepcopy(default_raw()["designs"]["activity_based"]["contracts"])
    # The pools take over community, reablement and one charity's contracts.
    kept = [c for c in base if c["payee"] != "community"
            and c["id"] not in ("council_reablement", "icb_age_well")]
    return {
        "description": "Pooled budgets for step-down care and prevention.",
        "pooled_budgets": [
            {"id": "bcf", "host": "council",
             "contributions_gbp_per_year": {"icb": 12_000_000, "council": 6_000_000}},
            {"id": "carers_fund", "host": "icb",
             "contributions_gbp_per_year": {"icb": 100_000, "council": 50_000}},
        ],
        "contracts": [
            *kept,
            {"id": "bcf_d2a", "payer": "bcf", "payee": "community",
             "terms": {"mechanism": "activity_based", "unit": "d2a_place_day",
                       "price_gbp": 64}},
            {"id": "bcf_reablement", "payer": "bcf", "payee": "social_care",
             "terms": {"mechanism": "activity_based", "unit": "reablement_place_day",
                       "price_gbp": 64}},
            {"id": "carers_age_well", "payer": "carers_fund", "payee": "age_well",
             "terms": {"mechanism": "block", "annual_value_gbp": 85_000}},
        ],
        "agreements": [
            {"name": "bcf_pool", "parties": ["icb", "council"], "level": "system",
             "scope": ["bcf"], "residual_party": "council",
             "gains": {"rule": {"kind": "pro_rata_contributions"},
                       "modifiers": [{"kind": "contingency_reserve", "target_gbp": 1_000_000}]},
             "losses": {"rule": {"kind": "pro_rata_contributions"},
                        "modifiers": [{"kind": "contingency_reserve"}]}},
        ],
    }


def assert_months_run_with_last_policy(results, organisation: str, start: float = 1.0) -> None:
    """Every month of ``organisation`` ran with the placement bias its council last chose
    before that month's end (``start`` before any choice)."""
    chosen = results.commissioner_decisions
    chosen = chosen[chosen["kind"] == "placement_policy"].sort_values("week")
    monthly = results.organisations_monthly
    for _, month in monthly[monthly["organisation"] == organisation].iterrows():
        before = chosen[chosen["week"] < month["week"]]
        policy = before["new_value"].iloc[-1] if len(before) else start
        assert month["lever_residential_placement_bias"] == pytest.approx(policy), month
