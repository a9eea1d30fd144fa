"""An integrated provider in national runs: counted under its own kind, never dropped.

The per-ICB rows and England's totals count organisations by kind; an integrated
provider's surplus is its own (one account), so it is counted once, under
``integrated``, not split to its lines.
"""

from pathlib import Path

import pandas as pd
import pytest

from experiments.national.plan import NationalSettings
from experiments.national.report import england_rows, reading
from experiments.national.results import KINDS, check_kinds, icb_rows, national_tables
from experiments.national.run import execute, prepare
from experiments.sweep.executors import local_executor
from experiments.sweep.store import ResultStore
from sim.core.kinds import OrganisationKind

ROOT = Path(__file__).resolve().parents[2]
ICO_TEMPLATE = ROOT / "scenarios" / "schemes" / "torbay_ico.toml"


def _runs(surplus_ico: list[float], surplus_icb: list[float]) -> pd.DataFrame:
    n = len(surplus_ico)
    return pd.DataFrame({
        "icb_code": [f"E5400000{i}" for i in range(n)], "icb_name": [f"ICB {i}" for i in range(n)],
        "region": ["North"] * n, "population": [1_000_000] * n, "need_index": [1.0] * n,
        "design": ["a"] * n, "replication": [0] * n, "system_cost_gbp": [100.0] * n,
        "cost_per_head_per_year_gbp": [1.0] * n, "nel_admissions_per_1000_final_year": [90.0] * n,
        "mean_los_days": [8.0] * n, "dtoc_bed_days_total": [10.0] * n,
        "people_final_year": [1_000_000.0] * n, "pool_gbp": [0.0] * n,
        "surplus_ico_gbp": surplus_ico, "surplus_icb_gbp": surplus_icb,
        "fixed_cost_exposure_ico_gbp": [5.25] * n})


def test_every_organisation_family_has_a_national_kind():
    assert set(KINDS) == {kind.value for kind in OrganisationKind}


def test_an_integrated_providers_surplus_is_counted_under_its_own_kind():
    rows = icb_rows(_runs([1_234.56, -0.01], [10.0, 20.0]),
                    {"ico": "integrated", "icb": "commissioner"})
    # £1,234.56 = 123,456 p; −£0.01 = −1 p; nothing is put under a line's family.
    assert rows["surplus_integrated_pence"].tolist() == [123_456, -1]
    assert rows["surplus_commissioner_pence"].tolist() == [1_000, 2_000]
    assert rows["fixed_cost_exposure_integrated_pence"].tolist() == [525, 525]
    assert not any(c.startswith("surplus_acute") for c in rows)


def test_a_kind_without_a_national_column_is_refused_in_one_line():
    with pytest.raises(ValueError) as caught:
        check_kinds({"x": "integrated", "y": "hospice"}, "store")
    assert str(caught.value).startswith("store: organisation kind hospice has no national")
    assert "\n" not in str(caught.value)
    check_kinds({"x": "integrated"}, "store")  # every known kind is accepted


def test_englands_table_and_reading_show_an_integrated_provider():
    england = pd.DataFrame({"design": ["a", "b"], "surplus_integrated_pence": [250_000_000,
                                                                               -50_000_000]})
    rows = england_rows(england, ("a", "b"))
    assert rows == [{"label": "Integrated care organisations' surplus (£m)",
                     "cells": [{"value": 250_000_000.0, "text": "2.5"},
                               {"value": -50_000_000.0, "text": "-0.5"}]}]
    # A template whose acute services are an integrated provider's line has no acute
    # trust: the reading says what it can instead of failing.
    summary = pd.DataFrame({"icb_code": ["E1", "E2"] * 2, "icb_name": ["One", "Two"] * 2,
                            "design": ["a", "a", "b", "b"], "population": [10, 20] * 2,
                            "need_index": [0.9, 1.1] * 2,
                            "cost_per_head_per_year_gbp": [100.0, 200.0, 90.0, 210.0]})
    paired = pd.DataFrame({"icb_code": ["E1", "E2"], "design": ["b", "b"],
                           "surplus_integrated_gbp": [1.0, -1.0]})
    text = reading({"icb_summary": summary, "paired_differences": paired}, ("a", "b"))
    assert len(text) == 1 and "£100 a year in One" in text[0]


@pytest.mark.slow
def test_a_national_run_of_an_integrated_template_counts_it_in_england(tmp_path):
    settings = NationalSettings(designs=("ico_risk_share",), years=1, scale=0.0005, seed=3)
    plan = prepare(ICO_TEMPLATE, settings)
    with local_executor(2) as pool:
        summary = execute(plan, ResultStore(tmp_path), pool)
    assert summary.complete
    tables = national_tables(tmp_path, {s.run_id for s in plan.runs})
    rows, england = tables["icb_runs"], tables["england"].iloc[0]
    assert len(rows) == 42
    # Per-ICB rows come from each run's outcomes, England's from the finance tables.
    assert int(rows["surplus_integrated_pence"].sum()) == int(
        england["surplus_integrated_pence"])
    assert rows["surplus_integrated_pence"].abs().sum() > 0
    assert int(rows["system_cost_pence"].sum()) == int(england["system_cost_pence"])
