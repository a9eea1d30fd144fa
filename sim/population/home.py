"""Events for people at home and in care homes: the competing risks of their clocks."""

import numpy as np

from sim.population.clocks import choose_events, start_clocks
from sim.population.context import WeekContext
from sim.population.hospital import admit
from sim.population.lifecycle import die
from sim.population.settings import HomeEvent, Setting, Wait
from sim.population.state import HAS_PACKAGE, WAITING


def residential_share(base_share: float, other_share: float, multiplier: float) -> float:
    """Care-home share of long-term-care needs after social care's placement preference.

    The care-home share is scaled by ``multiplier`` and taken from (or given back to) the
    home-care share, so the total long-term-care share ``base + other`` is unchanged.

    Args:
        base_share: Care-home share before the multiplier.
        other_share: Home-with-package share it trades against.
        multiplier: ``CareModifiers.residential_share_multiplier``.

    Returns:
        The adjusted care-home share, within [0, base_share + other_share].
    """
    return min(base_share * multiplier, base_share + other_share)


def process_due(ctx: WeekContext, idx: np.ndarray) -> None:
    """Fire the clocks of people ``idx`` (all at home or in a care home)."""
    if idx.size == 0:
        return
    table = ctx.table
    day = table.next_day[idx].copy()
    kind = choose_events(table, ctx.tables, idx, ctx.streams.clocks)
    in_care_home = table.setting[idx] == Setting.CARE_HOME
    _deaths(
        ctx,
        idx[kind == HomeEvent.DEATH],
        day[kind == HomeEvent.DEATH],
        in_care_home[kind == HomeEvent.DEATH],
    )
    _move_on(ctx, idx, day, kind)
    nel = kind == HomeEvent.NEL
    _urgent_need(ctx, idx[nel], day[nel], in_care_home[nel])
    need = kind == HomeEvent.CARE_NEED
    _care_need(ctx, idx[need], day[need])
    ended = kind == HomeEvent.PACKAGE_END
    _end_package(ctx, idx[ended], day[ended])


def _end_package(ctx: WeekContext, idx: np.ndarray, day: np.ndarray) -> None:
    """A package ends for a reason other than death or a care-home move."""
    table = ctx.table
    table.leave(idx, day)
    table.flags[idx] &= ~HAS_PACKAGE
    table.enter(idx, day)
    ctx.depart(Wait.PACKAGE, day)
    start_clocks(table, ctx.tables, idx, day, ctx.streams.clocks)
    ctx.touch(idx)
    ctx.tally.package_ends += idx.size


def _deaths(ctx: WeekContext, idx: np.ndarray, day: np.ndarray, in_care_home: np.ndarray) -> None:
    """Deaths at home become terminal admissions with the death-in-hospital share."""
    share = ctx.params.hospital.death_in_hospital_share
    to_hospital = ~in_care_home & (ctx.streams.triage.random(idx.size) < share)
    die(ctx, idx[~to_hospital], day[~to_hospital], in_hospital=False)
    n = int(to_hospital.sum())
    admit(ctx, idx[to_hospital], day[to_hospital], np.ones(n, bool), np.zeros(n, bool))


def _move_on(ctx: WeekContext, idx: np.ndarray, day: np.ndarray, kind: np.ndarray) -> None:
    """Frailty progression and ageing into the next band: same place, new clock."""
    table = ctx.table
    progress = kind == HomeEvent.PROGRESSION
    ageing = kind == HomeEvent.AGEING
    moved = progress | ageing
    who, when = idx[moved], day[moved]
    table.leave(who, when)
    table.frailty[idx[progress]] += 1
    table.band[idx[ageing]] += 1
    table.enter(who, when)
    start_clocks(table, ctx.tables, who, when, ctx.streams.clocks)
    ctx.touch(who)
    ctx.tally.frailty_progressions += int(progress.sum())


def _urgent_need(
    ctx: WeekContext, idx: np.ndarray, day: np.ndarray, in_care_home: np.ndarray
) -> None:
    """An urgent need: admitted, or (discretionary cases only) managed in the community."""
    triage = ctx.streams.triage
    discretionary = triage.random(idx.size) < ctx.params.hospital.discretionary_share_of_nel
    admit_draw = triage.random(idx.size)
    diverted = discretionary & (admit_draw >= ctx.modifiers.discretionary_admit_share)
    ctx.tally.discretionary_diverted += int(diverted.sum())
    start_clocks(ctx.table, ctx.tables, idx[diverted], day[diverted], ctx.streams.clocks)
    ctx.touch(idx[diverted])
    admitted = ~diverted
    admit(
        ctx,
        idx[admitted],
        day[admitted],
        np.zeros(int(admitted.sum()), bool),
        discretionary[admitted],
    )


def _care_need(ctx: WeekContext, idx: np.ndarray, day: np.ndarray) -> None:
    """A long-term care need arises at home: queue for a package or a care-home place."""
    social = ctx.params.social_care
    base = social.care_need_care_home_share
    share = residential_share(base, 1.0 - base, ctx.modifiers.residential_share_multiplier)
    to_care_home = ctx.streams.outcomes.random(idx.size) < share
    resource = np.where(to_care_home, Wait.CARE_HOME, Wait.PACKAGE).astype(np.int8)
    wait_at_home(ctx, idx, day, resource)
    ctx.tally.care_needs_arising += idx.size


def wait_at_home(ctx: WeekContext, idx: np.ndarray, day: np.ndarray, resource: np.ndarray) -> None:
    """People at home join the queue for ``resource``; waiting raises their admission risk."""
    table = ctx.table
    table.leave(idx, day)
    table.wait[idx] = resource
    table.wait_since_day[idx] = day
    table.flags[idx] |= WAITING
    table.enter(idx, day)
    start_clocks(table, ctx.tables, idx, day, ctx.streams.clocks)
    ctx.touch(idx)
    for kind in (Wait.PACKAGE, Wait.CARE_HOME):
        ctx.enqueue(kind, idx[resource == kind])
