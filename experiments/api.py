"""The research API: the model as a function of named inputs, for your own tools.

``evaluate`` gives a run's named outcomes (pounds and natural units, never pence) and
``simulate`` its tidy tables; both go through the one run path (``experiments.runs``).
See docs/api.md for examples, including the model wrapped for the EMA workbench.
"""

from pathlib import Path

from experiments.overrides import Overrides
from experiments.runs import run
from sim.outputs import RunResults
from sim.scenario import Scenario


def simulate(scenario: Scenario | str | Path, *, design: str | None = None,
             overrides: Overrides = None, seed: int = 0, people: int | None = None,
             years: int | None = None) -> RunResults:
    """Run one design of a scenario and return every output table.

    Args:
        scenario: A scenario TOML file or a validated ``Scenario``.
        design: The design in force (default: the scenario's first).
        overrides: ``{dotted.path: value}`` changes, or a list of ``Override`` (e.g.
            ``pro_rata(path, value)`` for shares that must keep adding to 1).
        seed: Seed; the same seed gives every design the same population draws.
        people: Simulated population (default: the scenario's); money and activity are
            reported for the whole place.
        years: Horizon in years (default: the scenario's).

    Raises:
        ScenarioError: Naming the scenario and each problem (unknown path, bad value).
    """
    return run(scenario, design=design, overrides=overrides, seed=seed, people=people,
               years=years).results


def evaluate(scenario: Scenario | str | Path, *, design: str | None = None,
             overrides: Overrides = None, seed: int = 0, people: int | None = None,
             years: int | None = None, silo_index: bool = False) -> dict[str, float]:
    """Run one design of a scenario and return its named outcomes.

    Takes the same arguments as ``simulate``, and ``silo_index=True`` to also run the
    whole-system planner on the same seed and report the silo index (twice the time).

    Returns:
        Outcome name → value: the figures ``placesim run`` prints (``system_cost_gbp``,
        ``dtoc_bed_days_final_year``, ``surplus_<org>_gbp``, ...).
    """
    return run(scenario, design=design, overrides=overrides, seed=seed, people=people,
               years=years, with_silo_index=silo_index).outcomes()
