"""The model runs under mesa.batch_run like any Mesa model (rng= passed by batch_run)."""

import mesa
import pandas as pd
from conftest import DEFAULT_SCENARIO

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
