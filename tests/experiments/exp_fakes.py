"""Stand-ins shaped like the model's RunResults, for fast tests of the experiment layer."""

import time
from pathlib import Path

import numpy as np
import pandas as pd

from sim.outputs import RunResults
from sim.outputs.outcomes import run_outcomes

ORGS = (("icb", "commissioner"), ("acute", "acute"), ("community", "community"))
DESIGN_COST_PENCE = {"alpha": 100_000_000, "beta": 90_000_000, "gamma": 95_000_000}
SETTINGS = ("acute", "community", "social_care", "voluntary")


def fake_results(design: str, seed: int, years: int = 2, shift: float = 0.0) -> RunResults:
    """Deterministic tables for (design, seed): costs differ by design plus seed noise."""
    rng = np.random.default_rng([seed, sorted(DESIGN_COST_PENCE).index(design)])
    weeks = years * 52
    weekly = pd.DataFrame({
        "week": np.arange(weeks), "year": np.arange(weeks) // 52, "alive": 10_000.0,
        "admissions": rng.poisson(20 + shift, weeks).astype(float),
        "acute_bed_days": rng.poisson(180, weeks).astype(float),
        "dtoc_bed_days": rng.poisson(50, weeks).astype(float)})
    finance = []
    for org, kind in ORGS:
        reserves = 0
        for year in range(years):
            cost = DESIGN_COST_PENCE[design] + int(rng.integers(0, 1_000_000)) + int(shift * 1e6)
            surplus = int(rng.integers(-5_000_000, 5_000_000))
            reserves += surplus
            finance.append({"organisation": org, "kind": kind, "year": year,
                            "cost_pence": cost, "surplus_pence": surplus,
                            "reserves_pence": reserves})
    shares = pd.DataFrame([{"year": y, "setting": s, "care_days": 100.0 * (i + 1),
                            "share": (i + 1) / 10} for y in range(years)
                           for i, s in enumerate(SETTINGS)])
    settlements = pd.DataFrame([
        {"year": y, "agreement": "deal", "party": p, "amount_pence": a, "pool_pence": 3_000,
         "baseline_pence": 10_000, "outturn_pence": 7_000}
        for y in range(years) for p, a in (("icb", 1_000), ("acute", 2_000))
    ]) if design != "alpha" else pd.DataFrame()
    tag = {"design": design, "seed": seed}
    return RunResults(system_weekly=weekly.assign(**tag),
                      organisations_monthly=pd.DataFrame(),
                      finance_annual=pd.DataFrame(finance).assign(**tag),
                      care_shares_annual=shares.assign(**tag),
                      settlements=settlements.assign(**tag) if not settlements.empty
                      else settlements, ledger=pd.DataFrame())


def fake_run(spec):
    """A run_fn: fake results for the spec; raises when the parameter ``x`` is 13."""
    x = float(spec.params.get("demand.nel_demand_growth_per_year", 0.0))
    if spec.params.get("x") == 13:
        raise ValueError("thirteen is unlucky")
    results = fake_results(spec.design, spec.seed, shift=x)
    tables = {n: f for n, f in results.tables().items() if n in spec.tables}
    return run_outcomes(results), tables


def slow_fake_run(spec):
    """fake_run after a short pause, so a sweep can be interrupted part-way."""
    time.sleep(0.3)
    return fake_run(spec)


def write_experiment(folder: Path, body: str, name: str = "exp.toml") -> Path:
    """Write an experiment file into ``folder``."""
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def experiment_body(designs: str = '["block", "capitation_gain_loss"]', parameters: str = "",
                    sampling: str = 'method = "grid"', replications: int = 1, years: int = 1,
                    people: int = 5000) -> str:
    """A small experiment on ``place.toml`` next to it."""
    return f"""
[experiment]
name = "small"
scenario = "place.toml"
designs = {designs}
replications = {replications}
years = {years}
people = {people}

[sampling]
{sampling}

{parameters}
"""
