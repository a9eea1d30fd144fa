"""Voluntary-sector prevention support for mildly and moderately frail people at home."""

import numpy as np

from sim.population.clocks import rescale_clocks
from sim.population.context import WeekContext
from sim.population.settings import Channel, Frailty, Setting
from sim.population.state import SUPPORTED


def refresh_support(ctx: WeekContext, supported: np.ndarray, day: float) -> np.ndarray:
    """End expired support and fill free places at random; return who is supported now.

    Support ends early if the person leaves home (admission ends it), so ``supported`` is
    filtered by the flag. New people are chosen at random from mildly and moderately frail
    people at home who are not already supported.

    Args:
        ctx: The week being processed.
        supported: People supported at the end of last week (may include stale entries).
        day: First day of the week; support starts and ends on week boundaries.

    Returns:
        Indices of the people supported from ``day``.
    """
    table = ctx.table
    supported = supported[(table.flags[supported] & SUPPORTED) != 0]
    expired = supported[table.support_until_day[supported] <= day]
    _set_support(ctx, expired, day, on=False)
    supported = supported[table.support_until_day[supported] > day]
    free = ctx.capacity.prevention_places - int(table.channel_counts[Channel.PREVENTION])
    if free <= 0:
        return supported
    chosen = _sample_eligible(ctx, free, day)
    if ctx.log is not None:
        ctx.log.care(table, chosen, day)
    table.support_until_day[chosen] = day + 7.0 * ctx.params.prevention.support_weeks
    _set_support(ctx, chosen, day, on=True)
    return np.concatenate((supported, chosen))


def _eligible(ctx: WeekContext, idx: np.ndarray) -> np.ndarray:
    """Mask: mildly or moderately frail, at home, not already supported."""
    table = ctx.table
    frailty = table.frailty[idx]
    return (
        (table.setting[idx] == Setting.HOME)
        & ((frailty == Frailty.MILD) | (frailty == Frailty.MODERATE))
        & ((table.flags[idx] & SUPPORTED) == 0)
    )


def _sample_eligible(ctx: WeekContext, k: int, day: float) -> np.ndarray:
    """Up to ``k`` distinct eligible people, uniformly at random (see ``Draws.sample``)."""
    return ctx.draws.sample(ctx.table, lambda rows: _eligible(ctx, rows), k, int(day // 7))


def _set_support(ctx: WeekContext, idx: np.ndarray, day: float, on: bool) -> None:
    table = ctx.table
    table.leave(idx, day)
    if on:
        table.flags[idx] |= SUPPORTED
    else:
        table.flags[idx] &= ~SUPPORTED
    table.enter(idx, day)
    rescale_clocks(table, ctx.tables, idx, day)
    ctx.touch(idx)
