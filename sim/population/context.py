"""Everything the event handlers of one week share: the table, rates, draws and tallies."""

from dataclasses import dataclass, field

import numpy as np

from sim.population.capacity import CareCapacity, CareModifiers
from sim.population.draws import Draws
from sim.population.flows import WeekTally
from sim.population.params import PopulationParams
from sim.population.rates import HazardTables
from sim.population.settings import Wait
from sim.population.state import PersonTable


@dataclass
class EventLog:
    """Every clock that fired and every start of care, for checks of common random numbers.

    Off unless a caller sets ``PopulationEngine.event_log``; the engine never reads it.
    """

    # (person keys, days, HomeEvent kinds) of each batch of clocks fired at home or in a care
    # home: the onsets of needs, before anyone decides how to meet them.
    onsets: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=list)
    # (person keys, days) of everyone admitted, given prevention support or queued for care.
    cared: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)

    def care(self, table: PersonTable, idx: np.ndarray, day: np.ndarray | float) -> None:
        """Record that people ``idx`` received (or queued for) care at ``day``."""
        if idx.size:
            days = np.broadcast_to(np.asarray(day, dtype=float), idx.shape).copy()
            self.cared.append((table.person_key[idx].copy(), days))


@dataclass
class WeekContext:
    """State shared by the handlers while one week is processed."""

    table: PersonTable
    params: PopulationParams
    tables: HazardTables
    draws: Draws
    capacity: CareCapacity
    modifiers: CareModifiers
    queues: dict[Wait, np.ndarray]
    end_day: float
    tally: WeekTally = field(default_factory=WeekTally)
    # Escalation beds as a share of staffed beds for this run's sample
    # (``overflow.sample_escalation_share``): the hospital's own share at full size.
    escalation_share: float = 0.0
    departures: dict[Wait, list[np.ndarray]] = field(default_factory=dict)
    # The areas of those departures, batch by batch, when the place is divided into areas.
    departure_areas: dict[Wait, list[np.ndarray]] = field(default_factory=dict)
    touched: list[np.ndarray] = field(default_factory=list)
    log: EventLog | None = None
    # (people, day, terminal, discretionary) batches asking for an acute bed this round.
    admission_requests: list[tuple[np.ndarray, ...]] = field(default_factory=list)

    def depart(self, resource: Wait, who: np.ndarray, days: np.ndarray) -> None:
        """Record that people ``who`` vacated places of ``resource`` at ``days`` this round."""
        if days.size:
            self.departures.setdefault(resource, []).append(days)
            if self.table.n_areas > 1:
                self.departure_areas.setdefault(resource, []).append(self.table.area[who])

    def clear_departures(self) -> None:
        """Forget this round's departures (their places have been offered to the queues)."""
        self.departures.clear()
        self.departure_areas.clear()

    def departure_days(self, resource: Wait, area: int | None = None) -> np.ndarray:
        """Days places of ``resource`` were vacated this round (in ``area`` when given)."""
        days = self.departures.get(resource, [])
        if not days:
            return np.zeros(0)
        days = np.concatenate(days)
        if area is None or self.table.n_areas == 1:
            return days
        return days[np.concatenate(self.departure_areas[resource]) == area]

    def touch(self, idx: np.ndarray) -> None:
        """Record that these people's next event moved (they may fire again this week)."""
        if idx.size:
            self.touched.append(idx)

    def enqueue(self, resource: Wait, idx: np.ndarray) -> None:
        """Append people to the back of a queue (order is settled by request day)."""
        if idx.size:
            self.queues[resource] = np.concatenate((self.queues[resource], idx))
