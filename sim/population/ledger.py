"""Occupancy accounting for one week, in days, from entry and exit times.

Days spent in a channel during the week [start, end) are
``7 * count_at_start + sum over entries (end - t) - sum over exits (end - t)``: exact, and
O(events) rather than a pass over everyone.
"""

import numpy as np

from sim.population.settings import N_CHANNELS, Channel

DAYS_PER_WEEK = 7.0


class WeekLedger:
    """Entries and exits of occupancy channels during one week."""

    def __init__(self, start_day: float, counts_at_start: np.ndarray,
                 area_counts_at_start: np.ndarray | None = None) -> None:
        self.start_day = start_day
        self.end_day = start_day + DAYS_PER_WEEK
        self.counts_at_start = counts_at_start.copy()
        # Counts by [area, channel] when the place is divided into areas (else one row).
        self.area_counts_at_start = (counts_at_start[None, :].copy()
                                     if area_counts_at_start is None
                                     else area_counts_at_start.copy())
        self._channels: list[np.ndarray] = []
        self._days: list[np.ndarray] = []
        self._signs: list[np.ndarray] = []
        self._areas: list[np.ndarray] = []

    def log(self, channels: np.ndarray, days: np.ndarray, signs: np.ndarray,
            areas: np.ndarray | None = None) -> None:
        """Record that people entered (+1) or left (-1) ``channels`` at ``days``.

        ``areas`` (the mover's area) is given when the place is divided into areas.
        """
        if channels.size == 0:
            return
        self._channels.append(channels)
        self._days.append(np.clip(days, self.start_day, self.end_day))
        self._signs.append(signs)
        if areas is not None:
            self._areas.append(areas)

    def _events(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not self._channels:
            empty = np.zeros(0)
            return empty.astype(np.int64), empty, empty.astype(np.int64)
        return (
            np.concatenate(self._channels),
            np.concatenate(self._days),
            np.concatenate(self._signs),
        )

    def channel_days(self) -> np.ndarray:
        """Person-days spent in each channel during the week."""
        channels, days, signs = self._events()
        moved = np.bincount(channels, weights=signs * (self.end_day - days), minlength=N_CHANNELS)
        return DAYS_PER_WEEK * self.counts_at_start + moved

    def area_channel_days(self) -> np.ndarray:
        """Person-days spent in each channel during the week, by [area, channel]."""
        n_areas = self.area_counts_at_start.shape[0]
        if n_areas == 1:
            return self.channel_days()[None, :]
        channels, days, signs = self._events()
        areas = np.concatenate(self._areas) if self._areas else np.zeros(0, dtype=np.int64)
        moved = np.bincount(areas * N_CHANNELS + channels, weights=signs * (self.end_day - days),
                            minlength=n_areas * N_CHANNELS).reshape(n_areas, N_CHANNELS)
        return DAYS_PER_WEEK * self.area_counts_at_start + moved

    def days_above(self, channel: Channel, limit: int) -> float:
        """Person-days of occupancy of ``channel`` above ``limit`` (e.g. escalation beds)."""
        channels, days, signs = self._events()
        mine = channels == channel
        order = np.argsort(days[mine], kind="stable")
        times = np.concatenate(([self.start_day], days[mine][order], [self.end_day]))
        occupancy = self.counts_at_start[channel] + np.concatenate(
            ([0], np.cumsum(signs[mine][order]))
        )
        excess = np.maximum(occupancy - limit, 0)
        return float(np.sum(excess * np.diff(times)))

    def peak_from(self, channel: Channel, days: np.ndarray) -> np.ndarray:
        """Highest occupancy of ``channel`` over [day, week's end) for each of ``days``.

        Only the moves logged so far count: a move processed later can only be an exit
        before ``day`` or another checked entry, so a cap held against this holds.
        """
        channels, times, signs = self._events()
        mine = channels == channel
        order = np.argsort(times[mine], kind="stable")
        times = times[mine][order]
        moves = np.concatenate(([0], np.cumsum(signs[mine][order])))
        levels = self.counts_at_start[channel] + moves
        suffix_peak = np.maximum.accumulate(levels[::-1])[::-1]
        return suffix_peak[np.searchsorted(times, days, side="right")]

    def peak(self, channel: Channel) -> int:
        """Highest occupancy of ``channel`` at any moment of the week."""
        return int(self.peak_from(channel, np.array([self.start_day]))[0])
