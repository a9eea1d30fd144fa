"""Events for people at home and in care homes: the competing risks of their clocks."""

import numpy as np

from sim.population.clocks import choose_events, codes, start_clocks
from sim.population.context import WeekContext
from sim.population.draws import Purpose
from sim.population.funding import council_funded
from sim.population.hospital import request_admission
from sim.population.lifecycle import die
from sim.population.settings import HomeEvent, Setting, Wait
from sim.population.state import HAS_PACKAGE
from sim.population.waits import wait_at_home


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
    kind = choose_events(table, ctx.tables, idx, ctx.draws)
    if ctx.log is not None:
        ctx.log.onsets.append((table.person_key[idx].copy(), day, kind))
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
    ctx.depart(Wait.PACKAGE, idx, day)
    start_clocks(table, ctx.tables, idx, day, ctx.draws)
    ctx.touch(idx)
    ctx.tally.package_ends += idx.size


def _deaths(ctx: WeekContext, idx: np.ndarray, day: np.ndarray, in_care_home: np.ndarray) -> None:
    """Deaths at home become terminal admissions with the death-in-hospital share."""
    share = ctx.params.hospital.death_in_hospital_share
    place = ctx.draws.uniform(Purpose.DEATH_PLACE, ctx.table, idx)
    to_hospital = ~in_care_home & (place < share)
    die(ctx, idx[~to_hospital], day[~to_hospital], in_hospital=False)
    n = int(to_hospital.sum())
    request_admission(ctx, idx[to_hospital], day[to_hospital], np.ones(n, bool), np.zeros(n, bool))


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
    start_clocks(table, ctx.tables, who, when, ctx.draws)
    ctx.touch(who)
    ctx.tally.frailty_progressions += int(progress.sum())


def _urgent_need(
    ctx: WeekContext, idx: np.ndarray, day: np.ndarray, in_care_home: np.ndarray
) -> None:
    """An urgent need: admitted, or (discretionary cases only) managed in the community.

    With thinned hazard tables an onset is first prevented by admission avoidance with
    probability ``1 - keep``: the person carries on at home with a fresh clock.
    """
    table, draws = ctx.table, ctx.draws
    # (Keyed draws are pure, so skipping the draw when nothing is avoided changes nothing.)
    if draws.per_person and ctx.tables.thinned:
        keep = ctx.tables.keep[codes(table, idx)]
        avoided = draws.uniform(Purpose.AVOIDED, table, idx) >= keep
        start_clocks(table, ctx.tables, idx[avoided], day[avoided], draws)
        ctx.touch(idx[avoided])
        idx, day = idx[~avoided], day[~avoided]
    share = ctx.params.hospital.discretionary_share_of_nel
    discretionary = draws.uniform(Purpose.DISCRETIONARY, table, idx) < share
    admit_draw = draws.uniform(Purpose.DIVERTED, table, idx)
    diverted = discretionary & (admit_draw >= ctx.modifiers.discretionary_admit_share)
    ctx.tally.discretionary_diverted += int(diverted.sum())
    start_clocks(table, ctx.tables, idx[diverted], day[diverted], draws)
    ctx.touch(idx[diverted])
    admitted = ~diverted
    request_admission(
        ctx,
        idx[admitted],
        day[admitted],
        np.zeros(int(admitted.sum()), bool),
        discretionary[admitted],
    )


def _care_need(ctx: WeekContext, idx: np.ndarray, day: np.ndarray) -> None:
    """A long-term care need arises at home: queue for a package or a care-home place.

    A need the person's area's council does not fund (``funding``) is self-funded: they
    carry on at home with a fresh clock.
    """
    funded = council_funded(ctx, idx, Purpose.FUNDED_NEED)
    if not funded.all():
        start_clocks(ctx.table, ctx.tables, idx[~funded], day[~funded], ctx.draws)
        ctx.touch(idx[~funded])
        idx, day = idx[funded], day[funded]
    social = ctx.params.social_care
    base = social.care_need_care_home_share
    share = residential_share(base, 1.0 - base, ctx.modifiers.residential_share_multiplier)
    to_care_home = ctx.draws.uniform(Purpose.CARE_NEED_PLACE, ctx.table, idx) < share
    resource = np.where(to_care_home, Wait.CARE_HOME, Wait.PACKAGE).astype(np.int8)
    wait_at_home(ctx, idx, day, resource)
    ctx.tally.care_needs_arising += idx.size
