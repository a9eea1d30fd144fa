"""The model runs under mesa.batch_run like any Mesa model (rng= passed by batch_run)."""

import os
import re
import subprocess
import sys

import mesa
import pandas as pd
import pytest
from conftest import DEFAULT_SCENARIO, ROOT

from sim.model import CareSystemModel


def test_batch_run_returns_one_row_per_design_and_seed():
    rows = mesa.batch_run(
        CareSystemModel,
        parameters={"scenario": str(DEFAULT_SCENARIO), "design": ["block", "activity_based"],
                    "people": 5000, "years": 1},
        rng=[1, 2],
        max_steps=8,             # 8 weekly steps keep it quick
        data_collection_period=-1,
        number_processes=1,      # batch_run forces the spawn start method when it pools
        display_progress=False,
    )
    frame = pd.DataFrame(rows)
    # 2 designs x 2 seeds, final step only: 4 rows
    assert len(frame) == 4
    assert sorted(frame["design"]) == ["activity_based", "activity_based", "block", "block"]
    assert sorted(frame["rng"]) == [1, 1, 2, 2]
    assert (frame["week"] == 7).all()  # the 8th step records 0-based week 7
    assert (frame["Step"] == 8).all()
    assert (frame["admissions"] > 0).all()
    # different seeds give different runs
    block = frame[frame["design"] == "block"].set_index("rng")
    assert block.loc[1, "admissions"] != block.loc[2, "admissions"]


ORGANISATIONS = ("icb", "council", "acute", "community", "social_care", "age_well",
                 "home_from_hospital")  # the [[organisations]] of scenarios/default.toml


@pytest.mark.slow
def test_batch_run_iterations_differ_stop_at_the_horizon_and_carry_money():
    with pytest.warns(DeprecationWarning):  # Mesa 3.5 prefers rng=[None] * k to iterations
        rows = mesa.batch_run(
            CareSystemModel,
            parameters={"scenario": str(DEFAULT_SCENARIO), "design": ["block", "blended"],
                        "people": 3000, "years": 1},
            iterations=2,
            max_steps=1000,          # the model's own horizon (52 weeks) stops it first
            data_collection_period=-1,
            number_processes=1,
            display_progress=False,
        )
    frame = pd.DataFrame(rows)
    assert len(frame) == 4  # 2 designs x 2 iterations, final step only
    assert (frame["Step"] == 52).all() and (frame["week"] == 51).all()
    money = ["system_cost_to_date_gbp", "pooled_budget_balance_gbp",
             *[f"surplus_to_date_gbp_{org}" for org in ORGANISATIONS]]
    assert set(money) <= set(frame.columns)
    assert (frame["system_cost_to_date_gbp"] > 0).all()
    for design, runs in frame.groupby("design"):
        assert sorted(runs["iteration"]) == [0, 1]
        # iterations=2 passes rng=None twice: each run draws its own seed. A year's cost of
        # care, to the penny, does not coincide by chance (week-51 head counts might).
        assert runs["system_cost_to_date_gbp"].nunique() == 2, design


@pytest.mark.slow
def test_the_api_docs_batch_run_example_runs_as_a_script_in_two_processes(tmp_path):
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    section = text.split("## Under mesa.batch_run", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert 'if __name__ == "__main__":' in block and "number_processes=2" in block
    script = tmp_path / "batch.py"
    script.write_text(block, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1 + 4  # a header and 2 designs x 2 seeds
    assert all(" 52" in line for line in lines[1:])  # every run stopped at step 52
