"""Everything the event handlers of one week share: the table, rates, streams and tallies."""

from dataclasses import dataclass, field

import numpy as np

from sim.population.capacity import CareCapacity, CareModifiers
from sim.population.flows import WeekTally
from sim.population.params import PopulationParams
from sim.population.rates import HazardTables
from sim.population.settings import Wait
from sim.population.state import PersonTable

STREAM_NAMES = (
    "initial",
    "clocks",
    "triage",
    "los",
    "pathways",
    "outcomes",
    "prevention",
    "births",
)


@dataclass(frozen=True)
class Streams:
    """One random generator per purpose, so designs on the same seed share draws.

    Attributes mirror :data:`STREAM_NAMES`.
    """

    initial: np.random.Generator
    clocks: np.random.Generator
    triage: np.random.Generator
    los: np.random.Generator
    pathways: np.random.Generator
    outcomes: np.random.Generator
    prevention: np.random.Generator
    births: np.random.Generator

    @classmethod
    def spawn(cls, seed_seq: np.random.SeedSequence) -> "Streams":
        """Spawn the named child streams from ``seed_seq`` (order fixed by STREAM_NAMES)."""
        children = seed_seq.spawn(len(STREAM_NAMES))
        streams = zip(STREAM_NAMES, children, strict=True)
        return cls(**{name: np.random.default_rng(child) for name, child in streams})


@dataclass
class WeekContext:
    """State shared by the handlers while one week is processed."""

    table: PersonTable
    params: PopulationParams
    tables: HazardTables
    streams: Streams
    capacity: CareCapacity
    modifiers: CareModifiers
    queues: dict[Wait, np.ndarray]
    end_day: float
    tally: WeekTally = field(default_factory=WeekTally)
    departures: dict[Wait, list[np.ndarray]] = field(default_factory=dict)
    touched: list[np.ndarray] = field(default_factory=list)

    def depart(self, resource: Wait, days: np.ndarray) -> None:
        """Record that places of ``resource`` were vacated at ``days`` this round."""
        if days.size:
            self.departures.setdefault(resource, []).append(days)

    def touch(self, idx: np.ndarray) -> None:
        """Record that these people's next event moved (they may fire again this week)."""
        if idx.size:
            self.touched.append(idx)

    def enqueue(self, resource: Wait, idx: np.ndarray) -> None:
        """Append people to the back of a queue (order is settled by request day)."""
        if idx.size:
            self.queues[resource] = np.concatenate((self.queues[resource], idx))
