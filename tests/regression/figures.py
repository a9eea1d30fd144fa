"""Key figures of every shipped scenario, for the regression baseline.

``python -m tests.regression.update_baseline`` (run by hand, reviewed, committed) writes
them to ``baseline.json``; ``test_baseline.py`` recomputes them and compares. A change to
the model's behaviour refreshes the baseline on purpose; a restructure must not move it.
"""

import json
from pathlib import Path

import pandas as pd

from experiments.runs import run
from sim.outputs.outcomes import run_outcomes
from sim.scenario import load_scenario
from sim.sharing import load_settlement_file, settle_risk_share
from sim.sharing.report import settlement_json

ROOT = Path(__file__).resolve().parents[2]
BASELINE = Path(__file__).with_name("baseline.json")
PLACE = ROOT / "scenarios" / "default.toml"
SEEDS = (1, 7)
PEOPLE = 20_000
YEARS = 2


def table_figures(frame: pd.DataFrame) -> dict:
    """Rows and the sum of every numeric column of one table."""
    numeric = frame.select_dtypes("number")
    return {"rows": len(frame),
            **{f"sum:{name}": float(numeric[name].sum()) for name in sorted(numeric.columns)}}


def run_figures(design: str, seed: int) -> dict:
    """Outcomes and table figures of one run of the default place."""
    results = run(load_scenario(PLACE), design=design, seed=seed, people=PEOPLE,
                  years=YEARS).results
    return {"outcomes": {k: float(v) for k, v in run_outcomes(results).items()},
            "tables": {name: table_figures(frame) for name, frame in results.tables().items()}}


def settlement_figures() -> dict:
    """Every shipped settlement example, settled."""
    out = {}
    for path in sorted((ROOT / "scenarios" / "agreements").glob("*.toml")):
        loaded = load_settlement_file(path)
        out[path.name] = settlement_json(settle_risk_share(loaded.agreement, loaded.figures))
    return out


def all_figures() -> dict:
    """Every key figure of every shipped scenario."""
    designs = list(load_scenario(PLACE).designs)
    return {"runs": {f"{design}/seed{seed}": run_figures(design, seed)
                     for design in designs for seed in SEEDS},
            "settlements": settlement_figures()}


def load_baseline() -> dict:
    """The committed baseline."""
    return json.loads(BASELINE.read_text(encoding="utf-8"))
