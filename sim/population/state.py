"""The person table: one row per person, numpy columns, plus running occupancy counters.

Every change of a person's state goes through :meth:`PersonTable.leave` (before the change)
and :meth:`PersonTable.enter` (after it). Those two derive the person's occupancy channels
from the columns, so the counters and the week's occupancy log can never disagree with the
columns, whatever the event.
"""

import numpy as np

from sim.population.ledger import WeekLedger
from sim.population.settings import (
    N_CHANNELS,
    N_FRAILTY,
    Channel,
    Frailty,
    Setting,
    Wait,
)

# Flag bits. The low three bits index the hazard table (see rates.py).
SUPPORTED = np.uint8(1)  # receiving voluntary prevention support
WAITING = np.uint8(2)  # at home, waiting for a package or a care-home place
HAS_PACKAGE = np.uint8(4)  # holds a long-term home-care package
CARE_HOME_RESIDENT = np.uint8(8)  # lives in a care home (place kept while in hospital)
TERMINAL = np.uint8(16)  # admitted to die in hospital
DISCRETIONARY = np.uint8(32)  # a discretionary short stay
# A wait at home for a package or a care-home place that a stay interrupted: resumed, at its
# first request day, when the person comes home (a step-down episode reassesses it instead).
HELD_PACKAGE_WAIT = np.uint8(64)
HELD_CARE_HOME_WAIT = np.uint8(128)
HAZARD_FLAG_MASK = np.uint8(7)
_NO_AREAS = np.zeros(0, dtype=np.int8)  # pending moves of an undivided place carry no area
N_HAZARD_FLAGS = 8

_SETTING_TO_CHANNEL = np.full(len(Setting), -1, dtype=np.int64)
_SETTING_TO_CHANNEL[Setting.ACUTE] = Channel.ACUTE
_SETTING_TO_CHANNEL[Setting.D2A] = Channel.D2A
_SETTING_TO_CHANNEL[Setting.REABLEMENT] = Channel.REABLEMENT
_SETTING_TO_CHANNEL[Setting.COMMUNITY_BED] = Channel.COMMUNITY_BED
_SETTING_TO_CHANNEL[Setting.CARE_HOME] = Channel.CARE_HOME
_SETTING_TO_CHANNEL[Setting.OUT_OF_AREA] = Channel.OUT_OF_AREA

_WAIT_TO_DTOC = np.full(len(Wait), -1, dtype=np.int64)
_WAIT_TO_DTOC[Wait.D2A] = Channel.DTOC_D2A
_WAIT_TO_DTOC[Wait.REABLEMENT] = Channel.DTOC_REABLEMENT
_WAIT_TO_DTOC[Wait.COMMUNITY_BED] = Channel.DTOC_COMMUNITY_BED
_WAIT_TO_DTOC[Wait.CARE_HOME] = Channel.DTOC_CARE_HOME


def channel_pairs(
    setting: np.ndarray, frailty: np.ndarray, flags: np.ndarray, wait: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Occupancy channels of a batch of people, as (row in batch, channel) pairs.

    This is the definition of the channels; :data:`_CHANNEL_TABLE` caches it for every
    combination of the columns it reads.

    Args:
        setting: Setting of each person.
        frailty: Frailty level of each person.
        flags: Flag bits of each person.
        wait: What each person is queued for.

    Returns:
        Two equal-length int arrays: the batch row and one channel it occupies.
    """
    n = setting.shape[0]
    rows = np.arange(n)
    home = setting == Setting.HOME
    alive = setting != Setting.DEAD
    in_place = alive & ~home
    package = (flags & HAS_PACKAGE) != 0
    acute = setting == Setting.ACUTE
    # A care-home resident in any hospital, here or out of area, keeps their place.
    in_hospital = acute | (setting == Setting.OUT_OF_AREA)
    dtoc = acute & (_WAIT_TO_DTOC[wait] >= 0)
    parts = [
        (rows[home], frailty[home].astype(np.int64) + Channel.HOME_FIT),
        (rows[in_place], _SETTING_TO_CHANNEL[setting[in_place]]),
        (rows[home & package], Channel.PACKAGE_AT_HOME),
        (rows[in_place & package], Channel.PACKAGE_HELD),
        (rows[in_hospital & ((flags & CARE_HOME_RESIDENT) != 0)], Channel.CARE_HOME_HELD),
        (rows[dtoc], _WAIT_TO_DTOC[wait[dtoc]]),
        (rows[home & (wait == Wait.PACKAGE)], Channel.WAIT_PACKAGE_AT_HOME),
        (rows[home & (wait == Wait.CARE_HOME)], Channel.WAIT_CARE_HOME_AT_HOME),
        (rows[home & ((flags & SUPPORTED) != 0)], Channel.PREVENTION),
    ]
    batch_rows = np.concatenate([p[0] for p in parts])
    channels = np.concatenate(
        [np.broadcast_to(np.asarray(p[1], dtype=np.int64), p[0].shape) for p in parts]
    )
    return batch_rows, channels


# Only these flag bits decide channels.
_CHANNEL_FLAGS = SUPPORTED | HAS_PACKAGE | CARE_HOME_RESIDENT
_N_FLAG_CODES = int(_CHANNEL_FLAGS) + 1


def _state_code(
    setting: np.ndarray, frailty: np.ndarray, flags: np.ndarray, wait: np.ndarray
) -> np.ndarray:
    code = (setting.astype(np.int32) * N_FRAILTY + frailty) * len(Wait) + wait
    return code * _N_FLAG_CODES + (flags & _CHANNEL_FLAGS)


def _build_channel_table() -> np.ndarray:
    """Channels of every state code (row = code), padded with -1."""
    code = np.arange(len(Setting) * N_FRAILTY * len(Wait) * _N_FLAG_CODES)
    flags = (code % _N_FLAG_CODES).astype(np.uint8)
    rest = code // _N_FLAG_CODES
    wait, rest = rest % len(Wait), rest // len(Wait)
    frailty, setting = rest % N_FRAILTY, rest // N_FRAILTY
    rows, channels = channel_pairs(setting, frailty, flags & _CHANNEL_FLAGS, wait)
    width = int(np.bincount(rows, minlength=code.size).max())
    table = np.full((code.size, width), -1, dtype=np.int64)
    slot = np.zeros(code.size, dtype=np.int64)
    for row, channel in zip(rows, channels, strict=True):
        table[row, slot[row]] = channel
        slot[row] += 1
    return table


_CHANNEL_TABLE = _build_channel_table()


def fast_channel_pairs(
    setting: np.ndarray, frailty: np.ndarray, flags: np.ndarray, wait: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Same result as :func:`channel_pairs` (up to order), by table lookup."""
    lookup = _CHANNEL_TABLE[_state_code(setting, frailty, flags, wait)]
    rows, slots = np.nonzero(lookup >= 0)
    return rows, lookup[rows, slots]


class PersonTable:
    """Columns of the population, preallocated with room to grow."""

    def __init__(self, capacity_rows: int, n_bands: int, n_areas: int = 1) -> None:
        self.n = 0
        self.n_bands = n_bands
        self.n_areas = n_areas
        self.band = np.zeros(capacity_rows, dtype=np.int8)
        # The area a person lives in (index into the parameters' areas); 0 when undivided.
        self.area = np.zeros(capacity_rows, dtype=np.int8)
        self.frailty = np.zeros(capacity_rows, dtype=np.int8)
        self.setting = np.full(capacity_rows, Setting.DEAD, dtype=np.int8)
        self.wait = np.zeros(capacity_rows, dtype=np.int8)
        self.flags = np.zeros(capacity_rows, dtype=np.uint8)
        # Day of the person's next scheduled event (home/care-home clock, medically fit,
        # end of episode); +inf when nothing is scheduled (dead, or waiting in a bed).
        self.next_day = np.full(capacity_rows, np.inf)
        # Total hazard per day behind the running home/care-home clock (for rescaling).
        self.rate_per_day = np.zeros(capacity_rows)
        self.wait_since_day = np.zeros(capacity_rows)
        self.admit_day = np.zeros(capacity_rows)
        self.support_until_day = np.zeros(capacity_rows)
        # Who a row is, for draws keyed by person (the row number, or a newborn's week and
        # place in the week's births), and how many clocks and admissions they have had.
        self.person_key = np.zeros(capacity_rows, dtype=np.uint64)
        self.clocks_started = np.zeros(capacity_rows, dtype=np.uint64)
        self.admissions = np.zeros(capacity_rows, dtype=np.uint64)
        self._channel_counts = np.zeros(N_CHANNELS, dtype=np.int64)
        # Channel counts by area, kept only when the place is divided (else the totals).
        self._area_counts = np.zeros((n_areas, N_CHANNELS), dtype=np.int64)
        self._cells = np.zeros((n_bands, N_FRAILTY), dtype=np.int64)
        self._pending: list[tuple[np.ndarray, np.ndarray, np.ndarray, int, np.ndarray]] = []
        self.ledger: WeekLedger | None = None

    @property
    def capacity_rows(self) -> int:
        """Rows allocated (used or not)."""
        return self.band.shape[0]

    def add_rows(self, count: int) -> np.ndarray:
        """Reserve ``count`` new rows (growing the arrays if needed); return their indices.

        New rows are DEAD until :meth:`enter` is called on them.
        """
        needed = self.n + count
        if needed > self.capacity_rows:
            self._grow(max(needed, int(self.capacity_rows * 1.25) + 1024))
        idx = np.arange(self.n, needed)
        self.person_key[idx] = idx.astype(np.uint64)
        self.n = needed
        return idx

    def _grow(self, new_rows: int) -> None:
        fills = {"setting": Setting.DEAD, "next_day": np.inf}
        for name in (
            "band",
            "area",
            "frailty",
            "setting",
            "wait",
            "flags",
            "next_day",
            "rate_per_day",
            "wait_since_day",
            "admit_day",
            "support_until_day",
            "person_key",
            "clocks_started",
            "admissions",
        ):
            old = getattr(self, name)
            new = np.full(new_rows, fills.get(name, 0), dtype=old.dtype)
            new[: old.shape[0]] = old
            setattr(self, name, new)

    def leave(self, idx: np.ndarray, day: np.ndarray | float) -> None:
        """Take people out of their current channels at ``day`` (call before changing them)."""
        self._shift(idx, day, -1)

    def enter(self, idx: np.ndarray, day: np.ndarray | float) -> None:
        """Put people into the channels their columns now imply at ``day``."""
        self._shift(idx, day, +1)

    def _shift(self, idx: np.ndarray, day: np.ndarray | float, sign: int) -> None:
        # Only the state code is taken now (the columns are about to change); the table
        # lookups, counters and ledger are updated in one batch by flush().
        if idx.size == 0:
            return
        setting = self.setting[idx]
        code = _state_code(setting, self.frailty[idx], self.flags[idx], self.wait[idx])
        cell = self.band[idx].astype(np.int64) * N_FRAILTY + self.frailty[idx]
        cell[setting == Setting.DEAD] = self._cells.size
        area = self.area[idx] if self.n_areas > 1 else _NO_AREAS
        self._pending.append(
            (code, cell, day if isinstance(day, np.ndarray) else np.full(idx.size, day), sign,
             area)
        )

    def flush(self) -> None:
        """Apply pending channel moves to the counters and the week's ledger."""
        if not self._pending:
            return
        codes, cells, days, signs, areas = zip(*self._pending, strict=True)
        self._pending.clear()
        sign = np.repeat(np.array(signs, dtype=np.int64), [c.size for c in codes])
        lookup = _CHANNEL_TABLE[np.concatenate(codes)]
        rows, slots = np.nonzero(lookup >= 0)
        channels = lookup[rows, slots]
        self._channel_counts += np.bincount(
            channels, weights=sign[rows], minlength=N_CHANNELS
        ).astype(np.int64)
        area = None
        if self.n_areas > 1:
            area = np.concatenate(areas).astype(np.int64)[rows]
            self._area_counts += np.bincount(
                area * N_CHANNELS + channels, weights=sign[rows],
                minlength=self._area_counts.size,
            ).astype(np.int64).reshape(self._area_counts.shape)
        if self.ledger is not None:
            self.ledger.log(channels, np.concatenate(days)[rows], sign[rows], area)
        moved = np.bincount(np.concatenate(cells), weights=sign, minlength=self._cells.size + 1)
        self._cells += moved[:-1].astype(np.int64).reshape(self._cells.shape)

    @property
    def channel_counts(self) -> np.ndarray:
        """People in each occupancy channel now (do not modify)."""
        self.flush()
        return self._channel_counts

    @property
    def area_counts(self) -> np.ndarray:
        """People in each occupancy channel now by [area, channel] (do not modify)."""
        self.flush()
        if self.n_areas == 1:
            return self._channel_counts[None, :]
        return self._area_counts

    @property
    def cells(self) -> np.ndarray:
        """People alive by [age band, frailty] now (do not modify)."""
        self.flush()
        return self._cells

    def alive_count(self) -> int:
        """People alive now (from the running counters)."""
        return int(self.cells.sum())

    def recount(self) -> tuple[np.ndarray, np.ndarray]:
        """Recompute channel counts and cells from the columns (slow; for checks only)."""
        live = np.arange(self.n)
        rows, channels = channel_pairs(
            self.setting[live], self.frailty[live], self.flags[live], self.wait[live]
        )
        counts = np.bincount(channels, minlength=N_CHANNELS)
        alive = self.setting[live] != Setting.DEAD
        cell = self.band[live][alive].astype(np.int64) * N_FRAILTY + self.frailty[live][alive]
        cells = np.bincount(cell, minlength=self._cells.size).reshape(self._cells.shape)
        return counts, cells

    def recount_by_area(self) -> np.ndarray:
        """Recompute channel counts by [area, channel] from the columns (checks only)."""
        live = np.arange(self.n)
        rows, channels = channel_pairs(
            self.setting[live], self.frailty[live], self.flags[live], self.wait[live]
        )
        area = self.area[live][rows].astype(np.int64)
        counts = np.bincount(area * N_CHANNELS + channels, minlength=self.n_areas * N_CHANNELS)
        return counts.reshape(self.n_areas, N_CHANNELS)


__all__ = ["PersonTable", "channel_pairs", "Frailty"]
