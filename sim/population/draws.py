"""Where the engine's random numbers come from: shared streams, or streams per person.

Every draw the engine makes is named by a :class:`Purpose`. Two sources answer them:

- :class:`SharedDraws` (``random_streams = "shared"``): one generator per kind of draw,
  consumed in event order. Designs on one seed share draws only until their care first
  differs; after that, one extra admission shifts every later draw of its stream.
- :class:`PersonDraws` (``random_streams = "per_person"``): each draw is keyed by the
  person and the occurrence of the event it belongs to (their n-th clock, their n-th
  admission; see :mod:`sim.population.keyed`), so a person's draws never depend on anyone
  else's. Two designs give the same person the same illnesses for the whole run, and the
  same admission the same stay.
"""

from enum import IntEnum
from typing import Protocol

import numpy as np

from sim.population.keyed import KeyedUniforms
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
    "overflow",
)
RANDOM_STREAMS = ("shared", "per_person")
_SAMPLING_BATCHES = 4


class Purpose(IntEnum):
    """What a draw is for; also the purpose code hashed into a person's keyed draw."""

    INITIAL_CLOCK = 1  # the first clock of a person in the initial population
    CLOCK = 2  # a fresh clock (unit exponential) after an event
    BIRTH_CLOCK = 3  # the first clock of a newborn
    EVENT_KIND = 4  # which competing event a clock's firing is
    DEATH_PLACE = 5  # a death at home: in hospital (a terminal admission) or not
    AVOIDED = 6  # an urgent need prevented by admission avoidance (thinning)
    DISCRETIONARY = 7  # an urgent need is a discretionary case
    DIVERTED = 8  # a discretionary case is diverted to the community
    CARE_NEED_PLACE = 9  # a long-term care need: package or care home
    STAY = 10  # time to medically fit (gamma)
    SHORT_STAY = 11  # a discretionary short stay
    PATHWAY = 12  # the discharge pathway
    PATHWAY_SPLIT = 13  # pathway 1: D2A or reablement
    EPISODE = 14  # length of a step-down episode (gamma)
    EPISODE_OUTCOME = 15  # where a step-down episode ends
    BIRTH_DAY = 16  # the day in the week a newborn arrives
    BIRTH_COUNT = 17  # the stochastic rounding of the week's births
    PREVENTION = 18  # priority for a free prevention place in a week
    BED_PRIORITY = 19  # who takes the last free acute beds when more ask than there are
    OUT_OF_AREA = 20  # an emergency a full hospital cannot take goes to another place's
    REFUSED_DEATH = 21  # an emergency turned away to wait at home dies of the wait
    OUT_OF_AREA_STAY = 22  # time to medically fit in another place's hospital (gamma)
    BIRTH_AREA = 23  # the area a newborn lives in (a place divided into areas only)
    FUNDED_NEED = 24  # a care need arising at home is funded by the area's council
    FUNDED_AFTER_EPISODE = 25  # a placement after a step-down episode is council-funded
    FUNDED_FROM_HOSPITAL = 26  # a care-home placement straight from hospital is funded


# Shared mode: which stream serves each purpose (the order of draws within a stream is the
# event order, as before keyed draws existed).
_STREAM_OF = {
    Purpose.INITIAL_CLOCK: "initial",
    Purpose.CLOCK: "clocks",
    Purpose.BIRTH_CLOCK: "births",
    Purpose.EVENT_KIND: "clocks",
    Purpose.DEATH_PLACE: "triage",
    Purpose.AVOIDED: "triage",
    Purpose.DISCRETIONARY: "triage",
    Purpose.DIVERTED: "triage",
    Purpose.CARE_NEED_PLACE: "outcomes",
    Purpose.STAY: "los",
    Purpose.SHORT_STAY: "los",
    Purpose.PATHWAY: "pathways",
    Purpose.PATHWAY_SPLIT: "pathways",
    Purpose.EPISODE: "los",
    Purpose.EPISODE_OUTCOME: "outcomes",
    Purpose.BIRTH_DAY: "births",
    Purpose.BIRTH_COUNT: "births",
    Purpose.PREVENTION: "prevention",
    Purpose.BED_PRIORITY: "overflow",
    Purpose.OUT_OF_AREA: "overflow",
    Purpose.REFUSED_DEATH: "overflow",
    Purpose.OUT_OF_AREA_STAY: "overflow",
    Purpose.BIRTH_AREA: "births",
    Purpose.FUNDED_NEED: "outcomes",
    Purpose.FUNDED_AFTER_EPISODE: "outcomes",
    Purpose.FUNDED_FROM_HOSPITAL: "pathways",
}
# Per-person mode: which of the person's event counters numbers the draw.
_CLOCK_PURPOSES = frozenset(
    {
        Purpose.INITIAL_CLOCK,
        Purpose.CLOCK,
        Purpose.BIRTH_CLOCK,
        Purpose.EVENT_KIND,
        Purpose.DEATH_PLACE,
        Purpose.AVOIDED,
        Purpose.DISCRETIONARY,
        Purpose.DIVERTED,
        Purpose.CARE_NEED_PLACE,
        Purpose.FUNDED_NEED,
        # A request for a bed is numbered by the clock that raised it.
        Purpose.BED_PRIORITY,
        Purpose.OUT_OF_AREA,
        Purpose.REFUSED_DEATH,
        Purpose.OUT_OF_AREA_STAY,
    }
)
_STAY_PURPOSES = frozenset(
    {
        Purpose.STAY,
        Purpose.SHORT_STAY,
        Purpose.PATHWAY,
        Purpose.PATHWAY_SPLIT,
        Purpose.EPISODE,
        Purpose.EPISODE_OUTCOME,
        Purpose.FUNDED_AFTER_EPISODE,
        Purpose.FUNDED_FROM_HOSPITAL,
    }
)
# Every draw of a clock-numbered purpose is made for the clock that just fired (or was just
# started), so the same count never serves two events of one person.


class Draws(Protocol):
    """The draws the engine's handlers ask for, one per person in ``idx``."""

    per_person: bool
    initial: np.random.Generator

    def uniform(self, purpose: Purpose, table: PersonTable, idx: np.ndarray) -> np.ndarray:
        """Uniforms on [0, 1)."""
        ...

    def exponential(self, purpose: Purpose, table: PersonTable, idx: np.ndarray) -> np.ndarray:
        """Unit exponentials."""
        ...

    def gamma(
        self, purpose: Purpose, table: PersonTable, idx: np.ndarray, shape: float
    ) -> np.ndarray:
        """Unit-scale gamma draws of ``shape``."""
        ...

    def week_uniform(self, purpose: Purpose, week: int) -> float:
        """One uniform for the whole place in ``week``."""
        ...

    def sample(self, table: PersonTable, eligible, k: int, week: int) -> np.ndarray:
        """Up to ``k`` distinct rows, uniformly among those where ``eligible(rows)`` holds."""
        ...


class SharedDraws:
    """One generator per kind of draw, spawned from the seed (the original scheme)."""

    per_person = False

    def __init__(self, seed_seq: np.random.SeedSequence) -> None:
        children = seed_seq.spawn(len(STREAM_NAMES))
        self._streams = {
            name: np.random.default_rng(child)
            for name, child in zip(STREAM_NAMES, children, strict=True)
        }
        self.initial = self._streams["initial"]

    def _rng(self, purpose: Purpose) -> np.random.Generator:
        return self._streams[_STREAM_OF[purpose]]

    def uniform(self, purpose: Purpose, table: PersonTable, idx: np.ndarray) -> np.ndarray:
        """See :meth:`Draws.uniform`."""
        return self._rng(purpose).random(idx.size)

    def exponential(self, purpose: Purpose, table: PersonTable, idx: np.ndarray) -> np.ndarray:
        """See :meth:`Draws.exponential`."""
        return self._rng(purpose).standard_exponential(idx.size)

    def gamma(
        self, purpose: Purpose, table: PersonTable, idx: np.ndarray, shape: float
    ) -> np.ndarray:
        """See :meth:`Draws.gamma`."""
        return self._rng(purpose).gamma(shape, 1.0, size=idx.shape)

    def week_uniform(self, purpose: Purpose, week: int) -> float:
        """See :meth:`Draws.week_uniform`."""
        return float(self._rng(purpose).random())

    def sample(self, table: PersonTable, eligible, k: int, week: int) -> np.ndarray:
        """Rejection sampling over row numbers: O(k), not a pass over everyone.

        After a few unlucky batches it falls back to listing all eligible people.
        """
        rng, n = self._rng(Purpose.PREVENTION), table.n
        chosen = np.zeros(0, dtype=np.int64)
        for _ in range(_SAMPLING_BATCHES):
            draw = rng.integers(0, n, size=max(64, 20 * k))
            draw = draw[eligible(draw)]
            _, first = np.unique(draw, return_index=True)
            fresh = draw[np.sort(first)]
            chosen = np.concatenate((chosen, fresh[~np.isin(fresh, chosen)]))[:k]
            if chosen.size == k:
                return chosen
        everyone = np.arange(n)
        pool = everyone[eligible(everyone)]
        return rng.choice(pool, size=min(k, pool.size), replace=False, shuffle=False)


class PersonDraws:
    """Draws keyed by person and event occurrence (common random numbers across designs).

    The initial population is still drawn from one shared generator: it is made before
    anything can differ between designs.
    """

    per_person = True

    def __init__(self, seed_seq: np.random.SeedSequence) -> None:
        initial, keyed = seed_seq.spawn(2)
        self.initial = np.random.default_rng(initial)
        self._keyed = KeyedUniforms(keyed)
        # Purpose -> (code hashed into the draw, the table column that numbers it). Every
        # first or later clock is the same kind of draw, numbered by the clock count.
        self._plan: dict[Purpose, tuple[int, str | None]] = {}
        for purpose in Purpose:
            first_clock = purpose in (Purpose.INITIAL_CLOCK, Purpose.BIRTH_CLOCK)
            code = int(Purpose.CLOCK if first_clock else purpose)
            column = ("clocks_started" if purpose in _CLOCK_PURPOSES
                      else "admissions" if purpose in _STAY_PURPOSES else None)
            self._plan[purpose] = (code, column)

    def _key(self, purpose: Purpose, table: PersonTable, idx: np.ndarray):
        code, column = self._plan[purpose]
        count = getattr(table, column)[idx] if column else np.zeros(idx.size, dtype=np.uint64)
        return code, table.person_key[idx], count

    def uniform(self, purpose: Purpose, table: PersonTable, idx: np.ndarray) -> np.ndarray:
        """See :meth:`Draws.uniform`."""
        return self._keyed.uniform(*self._key(purpose, table, idx))

    def exponential(self, purpose: Purpose, table: PersonTable, idx: np.ndarray) -> np.ndarray:
        """See :meth:`Draws.exponential`."""
        return self._keyed.exponential(*self._key(purpose, table, idx))

    def gamma(
        self, purpose: Purpose, table: PersonTable, idx: np.ndarray, shape: float
    ) -> np.ndarray:
        """See :meth:`Draws.gamma`."""
        return self._keyed.gamma(*self._key(purpose, table, idx), shape)

    def week_uniform(self, purpose: Purpose, week: int) -> float:
        """See :meth:`Draws.week_uniform`."""
        week_key = np.array([week], dtype=np.uint64)
        return float(self._keyed.uniform(int(purpose), week_key, week_key * 0)[0])

    def sample(self, table: PersonTable, eligible, k: int, week: int) -> np.ndarray:
        """Up to ``k`` distinct eligible people: the first found in this week's list.

        The week's list of candidates is a keyed sequence of positions in the table,
        ``floor(u_j * rows)``, the same under every design (rows differ only by births), so
        a person eligible under two designs is offered a place at the same turn in both;
        O(k) like the shared sampler. After a few batches it falls back to the eligible
        people in order of a keyed priority of (person, week).
        """
        n = table.n
        week_key = np.uint64(week)
        chosen = np.zeros(0, dtype=np.int64)
        batch = max(64, 20 * k)
        for b in range(_SAMPLING_BATCHES):
            turns = np.arange(b * batch, (b + 1) * batch, dtype=np.uint64)
            u = self._keyed.uniform(int(Purpose.PREVENTION), turns * 0 + week_key, turns)
            draw = np.minimum((u * n).astype(np.int64), n - 1)
            draw = draw[eligible(draw)]
            _, first = np.unique(draw, return_index=True)
            fresh = draw[np.sort(first)]
            chosen = np.concatenate((chosen, fresh[~np.isin(fresh, chosen)]))[:k]
            if chosen.size == k:
                return chosen
        everyone = np.arange(n)
        pool = everyone[eligible(everyone)]
        if pool.size <= k:
            return pool
        weeks = np.full(pool.size, week, dtype=np.uint64)
        priority = self._keyed.uniform(int(Purpose.PREVENTION), table.person_key[pool], weeks, 1)
        return pool[np.argsort(priority, kind="stable")[:k]]


def make_draws(random_streams: str, seed_seq: np.random.SeedSequence) -> Draws:
    """The draw source named by the population's ``random_streams`` setting."""
    if random_streams == "per_person":
        return PersonDraws(seed_seq)
    if random_streams == "shared":
        return SharedDraws(seed_seq)
    raise ValueError(
        f"random_streams must be one of {', '.join(RANDOM_STREAMS)}, got {random_streams!r}"
    )
