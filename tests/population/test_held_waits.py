"""A wait at home for long-term care survives an emergency stay that ends at home."""

from dataclasses import replace

import numpy as np
import pytest

from sim.population import CareModifiers, PopulationEngine, PopulationParams, default_capacity_for
from sim.population.settings import Setting, Wait

PEOPLE = 60_000
HOME_ONLY = ((1.0, 0.0, 0.0, 0.0),) * 4  # every discharge by pathway 0: no reassessment


def _engine(seed: int) -> tuple[PopulationEngine, object]:
    base = PopulationParams(random_streams="per_person")
    params = base.model_copy(update={"hospital": base.hospital.model_copy(
        update={"pathway_shares_by_frailty": HOME_ONLY})})
    # No packages at all: nobody leaves the package queue by being served.
    capacity = replace(default_capacity_for(PEOPLE), home_care_packages=0)
    engine = PopulationEngine(params, PEOPLE, np.random.SeedSequence(seed),
                              warmup_capacity=capacity)
    return engine, capacity


@pytest.mark.parametrize("seed", [1, 2])
def test_a_package_wait_is_kept_through_admissions(seed):
    # With no packages to give and every discharge straight home, a person waiting for a
    # package can only still be waiting (same request day), be in a stay, or have died: a
    # wait that an admission silently ended would show as "at home, not waiting".
    engine, capacity = _engine(seed)
    for week in range(26):
        engine.step_week(week, capacity, CareModifiers())
    table = engine._table
    n = table.n
    rows = np.flatnonzero((table.setting[:n] == Setting.HOME) & (table.wait[:n] == Wait.PACKAGE))
    since = table.wait_since_day[rows].copy()
    admissions = table.admissions[rows].copy()
    for week in range(26, 78):
        engine.step_week(week, capacity, CareModifiers())
    setting, wait = table.setting[rows], table.wait[rows]
    admitted = table.admissions[rows] > admissions
    home = setting == Setting.HOME
    waiting = home & (wait == Wait.PACKAGE)
    in_stay = np.isin(setting, [Setting.ACUTE, Setting.OUT_OF_AREA])
    dead = setting == Setting.DEAD
    assert rows.size > 40 and admitted[home].sum() > 5  # the case is exercised
    assert np.all(waiting | in_stay | dead), np.unique(setting[~(waiting | in_stay | dead)])
    assert np.array_equal(table.wait_since_day[rows[waiting]], since[waiting])
