"""Time-to-next-event clocks for people at home and in care homes.

Each person carries one clock: the time of their next event of any kind, drawn from the
total hazard. When it fires the kind is chosen in proportion to the component hazards.
When hazards change the remaining unit-exponential mass is kept and divided by the new
rate, so a lever change moves events rather than redrawing them (common random numbers).
"""

import numpy as np

from sim.population.draws import Draws, Purpose
from sim.population.rates import CARE_HOME_PLACE, HazardTables, hazard_code
from sim.population.settings import HomeEvent, Setting
from sim.population.state import PersonTable


def codes(table: PersonTable, idx: np.ndarray) -> np.ndarray:
    """Hazard-table codes of people ``idx`` (at home or in a care home)."""
    place = (table.setting[idx] == Setting.CARE_HOME).astype(np.int64) * CARE_HOME_PLACE
    return hazard_code(place, table.band[idx], table.frailty[idx], table.flags[idx], table.n_bands,
                       table.area[idx])


def start_clocks(
    table: PersonTable,
    tables: HazardTables,
    idx: np.ndarray,
    day: np.ndarray | float,
    draws: Draws,
    purpose: Purpose = Purpose.CLOCK,
) -> None:
    """Draw fresh clocks from ``day`` for people ``idx`` (each person's next clock count)."""
    if idx.size == 0:
        return
    rate = tables.total[codes(table, idx)]
    table.rate_per_day[idx] = rate
    table.clocks_started[idx] += np.uint64(1)
    table.next_day[idx] = day + draws.exponential(purpose, table, idx) / rate


def rescale_clocks(
    table: PersonTable, tables: HazardTables, idx: np.ndarray, day: np.ndarray | float
) -> None:
    """Keep each pending clock's remaining hazard mass but run it at the new rate.

    Clocks already due before ``day`` are left alone: they fire in their turn. So are clocks
    whose rate did not change (not even by rounding: the same person keeps the same day).
    """
    if idx.size == 0:
        return
    new_rate = tables.total[codes(table, idx)]
    remaining_days = table.next_day[idx] - day
    pending = (remaining_days > 0) & (new_rate != table.rate_per_day[idx])
    scaled = day + remaining_days * table.rate_per_day[idx] / new_rate
    table.next_day[idx] = np.where(pending, scaled, table.next_day[idx])
    table.rate_per_day[idx] = new_rate


def choose_events(
    table: PersonTable, tables: HazardTables, idx: np.ndarray, draws: Draws
) -> np.ndarray:
    """Pick which competing event fired for each person, in proportion to its hazard."""
    code = codes(table, idx)
    cumulative = tables.cumulative[:, code]
    draw = draws.uniform(Purpose.EVENT_KIND, table, idx) * cumulative[-1]
    kind = (draw[None, :] >= cumulative).sum(axis=0)
    return np.minimum(kind, len(HomeEvent) - 1)
