"""What a run produces: weekly reporters, derived indicators, tidy tables and run outcomes.

Everything here reads what the model recorded; nothing here changes a run.
"""

from sim.outputs.outcomes import run_outcomes
from sim.outputs.tables import RunResults, collect_results

__all__ = ["RunResults", "collect_results", "run_outcomes"]
