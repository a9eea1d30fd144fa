"""First-in, first-out matching of people waiting for places to places that free up."""

import numpy as np


def slot_days(free_places: int, departure_days: np.ndarray) -> np.ndarray:
    """Times at which places become available to the queue, in order.

    Args:
        free_places: Capacity minus occupancy now, after this round's departures (may be
            negative when capacity was cut below occupancy: nobody is evicted).
        departure_days: Days on which places were vacated in this round.

    Returns:
        Sorted days; ``-inf`` for places that were already free.
    """
    departures = np.sort(departure_days)
    if free_places <= 0:
        return np.zeros(0)
    if free_places >= departures.size:
        already_free = np.full(free_places - departures.size, -np.inf)
        return np.concatenate((already_free, departures))
    return departures[departures.size - free_places :]


def fifo_service_days(request_days: np.ndarray, slots: np.ndarray) -> np.ndarray:
    """Day each request (in queue order) is served; ``inf`` when no place frees up.

    The i-th request in line takes the i-th place to become available, no earlier than it
    asked: ``served_i = max(request_i, slot_i)``. With both sequences sorted this is the
    exact first-come, first-served schedule.

    Args:
        request_days: Request days in queue order (non-decreasing).
        slots: Output of :func:`slot_days`.

    Returns:
        Service day per request.
    """
    served = np.full(request_days.shape, np.inf)
    n = min(request_days.size, slots.size)
    served[:n] = np.maximum(request_days[:n], slots[:n])
    return served
