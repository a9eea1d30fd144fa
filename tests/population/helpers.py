import numpy as np

from sim.population import (
    CareCapacity,
    CareModifiers,
    PopulationEngine,
    PopulationParams,
    WeekFlows,
    default_capacity_for,
)

DEFAULT_PARAMS = PopulationParams()


def run(
    size: int,
    seed: int,
    weeks: int,
    capacity: CareCapacity | None = None,
    modifiers: CareModifiers | None = None,
    params: PopulationParams = DEFAULT_PARAMS,
) -> tuple[PopulationEngine, list[WeekFlows]]:
    engine = PopulationEngine(params, size, np.random.SeedSequence(seed))
    capacity = capacity or default_capacity_for(size)
    modifiers = modifiers or CareModifiers()
    flows = [engine.step_week(week, capacity, modifiers) for week in range(weeks)]
    return engine, flows


def total(flows: list[WeekFlows], name: str) -> float:
    return float(sum(getattr(f, name) for f in flows))
