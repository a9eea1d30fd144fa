"""Waits at home for long-term care: joining the queue, and keeping it through a stay.

A person waiting at home for a home-care package or a care-home place keeps that need
when an emergency takes them into hospital (here or out of area): the wait is held during
the stay and resumed, at its first request day, when they come home. A discharge through a
step-down service (D2A, reablement, a community bed, a care home) reassesses the need at
the episode's end instead, so a held wait is dropped there.
"""

import numpy as np

from sim.population.clocks import start_clocks
from sim.population.context import WeekContext
from sim.population.settings import Wait
from sim.population.state import HELD_CARE_HOME_WAIT, HELD_PACKAGE_WAIT, WAITING, PersonTable

HELD_WAITS = HELD_PACKAGE_WAIT | HELD_CARE_HOME_WAIT


def wait_at_home(ctx: WeekContext, idx: np.ndarray, day: np.ndarray, resource: np.ndarray) -> None:
    """People at home join the queue for ``resource``; waiting raises their admission risk."""
    table = ctx.table
    table.leave(idx, day)
    table.wait[idx] = resource
    table.wait_since_day[idx] = day
    table.flags[idx] |= WAITING
    table.enter(idx, day)
    if ctx.log is not None:
        ctx.log.care(table, idx, day)
    start_clocks(table, ctx.tables, idx, day, ctx.draws)
    ctx.touch(idx)
    for kind in (Wait.PACKAGE, Wait.CARE_HOME):
        ctx.enqueue(kind, idx[resource == kind])


def held_wait_flags(table: PersonTable, idx: np.ndarray) -> np.ndarray:
    """The held-wait bits for people about to start a stay (0 where no wait at home)."""
    at_home = (table.flags[idx] & WAITING) != 0
    wait = table.wait[idx]
    package = np.where(at_home & (wait == Wait.PACKAGE), HELD_PACKAGE_WAIT, 0)
    care_home = np.where(at_home & (wait == Wait.CARE_HOME), HELD_CARE_HOME_WAIT, 0)
    return (package | care_home).astype(np.uint8)


def resume_held_waits(ctx: WeekContext, idx: np.ndarray, day: np.ndarray) -> None:
    """People just home again rejoin the queue they left, keeping their first request day."""
    table = ctx.table
    held = table.flags[idx] & HELD_WAITS
    back = held != 0
    if not back.any():
        return
    who, when = idx[back], day[back]
    since = table.wait_since_day[who].copy()  # untouched by a stay ending at home
    table.flags[who] &= ~HELD_WAITS
    resource = np.where(held[back] == HELD_PACKAGE_WAIT, Wait.PACKAGE, Wait.CARE_HOME)
    wait_at_home(ctx, who, when, resource.astype(np.int8))
    table.wait_since_day[who] = since
