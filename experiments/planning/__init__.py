"""Planning: a place's block contract values and allocations, derived from its own runs.

``check_inputs`` checks the command's inputs before any run; ``run_seeds`` runs the design
on each seed and reads what each block buys and each commissioner pays; ``derive_plan``
turns those figures into the plan (``arithmetic`` holds the exact arithmetic); and
``write_planned`` writes the planned scenario (``set_into`` sets the values in other
files in place, keeping their comments). See docs/places.md, "The plan is this
place's own", for the method and the Torbay command.
"""

from experiments.planning.arithmetic import (
    Spread,
    allocation_value,
    block_value,
    round_half_up,
    with_margin,
)
from experiments.planning.checks import check_inputs, planned_path
from experiments.planning.derive import (
    ContractRule,
    Plan,
    PlanItem,
    PlanSettings,
    SeedFigures,
    contract_rules,
    derive_plan,
    measure,
    run_seeds,
    seed_figures,
)
from experiments.planning.record import command_line, set_into, write_planned

__all__ = [
    "ContractRule",
    "Plan",
    "PlanItem",
    "PlanSettings",
    "SeedFigures",
    "Spread",
    "allocation_value",
    "block_value",
    "check_inputs",
    "command_line",
    "contract_rules",
    "derive_plan",
    "measure",
    "planned_path",
    "round_half_up",
    "run_seeds",
    "seed_figures",
    "set_into",
    "with_margin",
    "write_planned",
]
