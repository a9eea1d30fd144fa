"""Who pays for a new long-term placement in a place divided into areas.

An area's council may fund fewer placements per head than the place's rates produce
(``Area.council_funded_share``): the others are self-funded, outside the model's care, and
the person carries on as if no placement were needed (at home, or home from hospital).
"""

import numpy as np

from sim.population.context import WeekContext
from sim.population.draws import Purpose


def council_funded(ctx: WeekContext, idx: np.ndarray, purpose: Purpose) -> np.ndarray:
    """Whether each of ``idx``'s new placements is funded by their area's council.

    Counts both kinds by area (``WeekTally``); an undivided place funds every one, with no
    draw.
    """
    if ctx.params.n_areas == 1 or idx.size == 0:
        return np.ones(idx.size, dtype=bool)
    area = ctx.table.area[idx].astype(np.int64)
    share = np.array([a.council_funded_share for a in ctx.params.areas])[area]
    funded = (np.ones(idx.size, dtype=bool) if (share >= 1.0).all()
              else ctx.draws.uniform(purpose, ctx.table, idx) < share)
    np.add.at(ctx.tally.funded_by_area, area[funded], 1)
    np.add.at(ctx.tally.self_funded_by_area, area[~funded], 1)
    return funded
