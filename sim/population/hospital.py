"""Acute hospital: emergency admissions, length of stay and discharge at medically fit."""

import numpy as np

from sim.population.bands import band_stay_days
from sim.population.clocks import start_clocks
from sim.population.context import WeekContext
from sim.population.draws import Purpose
from sim.population.funding import council_funded
from sim.population.lifecycle import die
from sim.population.overflow import admitted_mask, turn_away
from sim.population.settings import Pathway, Setting, Wait
from sim.population.state import (
    CARE_HOME_RESIDENT,
    DISCRETIONARY,
    SUPPORTED,
    TERMINAL,
    WAITING,
)
from sim.population.waits import HELD_WAITS, held_wait_flags, resume_held_waits

_SPELL_FLAGS = TERMINAL | DISCRETIONARY | HELD_WAITS


def draw_gamma_days(
    ctx: WeekContext, purpose: Purpose, idx: np.ndarray, mean_days: np.ndarray, cv: float
) -> np.ndarray:
    """Gamma-distributed durations for people ``idx`` with these means and spread (CV)."""
    shape = 1.0 / (cv * cv)
    return ctx.draws.gamma(purpose, ctx.table, idx, shape) * (mean_days / shape)


def request_admission(
    ctx: WeekContext,
    idx: np.ndarray,
    day: np.ndarray,
    terminal: np.ndarray,
    discretionary: np.ndarray,
) -> None:
    """Ask for acute beds for emergencies ``idx`` at ``day``; :func:`admit_requested` decides.

    Requests wait until the round's discharges and transfers to step-down care are known,
    so beds vacated in the week can be reused.
    """
    if idx.size:
        # No clock fires while the request waits: the need is the emergency itself.
        ctx.table.next_day[idx] = np.inf
        ctx.admission_requests.append((idx, day, terminal, discretionary))
        # Care starts with the request (an emergency attended), admitted or not.
        if ctx.log is not None:
            ctx.log.care(ctx.table, idx, day)


def admit_requested(ctx: WeekContext, final: bool = False) -> None:
    """Admit the waiting requests that find a bed; the rest wait for the next round.

    A request that finds no bed waits for beds vacated by later rounds of the week (an
    admitted short stay that ends this week frees its bed again); with ``final`` (no event
    of the week is left) the rest are turned away.
    """
    if not ctx.admission_requests:
        return
    batches = zip(*ctx.admission_requests, strict=True)
    idx, day, terminal, discretionary = (np.concatenate(column) for column in batches)
    ctx.admission_requests.clear()
    # A request waiting across rounds is dropped if its person died meanwhile, and counted
    # once if a new event (e.g. a package started, whose clock then fired) asked again.
    _, first = np.unique(idx, return_index=True)
    keep = np.zeros(idx.size, dtype=bool)
    keep[first] = True
    keep &= ctx.table.setting[idx] != Setting.DEAD
    idx, day, terminal, discretionary = idx[keep], day[keep], terminal[keep], discretionary[keep]
    fits = admitted_mask(ctx, idx)
    admit(ctx, idx[fits], day[fits], terminal[fits], discretionary[fits])
    rest = ~fits
    if final:
        turn_away(ctx, idx[rest], day[rest], terminal[rest], discretionary[rest])
    elif rest.any():
        ctx.admission_requests.append((idx[rest], day[rest], terminal[rest], discretionary[rest]))


def admit(
    ctx: WeekContext,
    idx: np.ndarray,
    day: np.ndarray,
    terminal: np.ndarray,
    discretionary: np.ndarray,
) -> None:
    """Admit people ``idx`` as emergencies at ``day`` and schedule their medically-fit day.

    Occupancy above the staffed beds is escalation, up to the hard cap; people who find
    no bed are turned away (:mod:`sim.population.overflow`). Admission ends any prevention
    support; a wait for care at home is held through the stay (``sim.population.waits``).
    """
    if idx.size == 0:
        return
    table, hospital = ctx.table, ctx.params.hospital
    held = held_wait_flags(table, idx)
    table.leave(idx, day)
    table.setting[idx] = Setting.ACUTE
    table.wait[idx] = Wait.NONE
    flags = (table.flags[idx] & ~(SUPPORTED | WAITING)) | held
    flags |= np.where(terminal, TERMINAL, 0).astype(np.uint8)
    flags |= np.where(discretionary, DISCRETIONARY, 0).astype(np.uint8)
    table.flags[idx] = flags
    table.admit_day[idx] = day
    table.admissions[idx] += np.uint64(1)  # numbers this stay's draws, and what follows it
    if ctx.log is not None:
        ctx.log.care(table, idx, day)
    mean_days = band_stay_days(ctx.params)[table.band[idx]]
    los = draw_gamma_days(ctx, Purpose.STAY, idx, mean_days, hospital.los_cv)
    short = ctx.draws.uniform(Purpose.SHORT_STAY, table, idx) * hospital.discretionary_los_max_days
    los = np.where(discretionary, short, los)
    # Discharge effort shortens time to medically fit; it does not delay a death.
    los = np.where(terminal, los, los * ctx.modifiers.los_multiplier)
    table.next_day[idx] = day + los
    table.rate_per_day[idx] = 0.0
    table.enter(idx, day)
    ctx.touch(idx)
    tally = ctx.tally
    tally.admissions += idx.size
    tally.admissions_by_band += np.bincount(table.band[idx], minlength=table.n_bands)
    tally.admissions_by_area += np.bincount(table.area[idx], minlength=table.n_areas)

    tally.discretionary_admissions += int(discretionary.sum())
    tally.terminal_admissions += int(terminal.sum())
    tally.care_home_resident_admissions += int(((flags & CARE_HOME_RESIDENT) != 0).sum())


def leave_hospital(
    ctx: WeekContext, idx: np.ndarray, day: np.ndarray, setting: Setting, pathway: Pathway
) -> None:
    """Discharge people from an acute bed into ``setting`` (counts the spell)."""
    if idx.size == 0:
        return
    table = ctx.table
    table.leave(idx, day)
    table.setting[idx] = setting
    table.wait[idx] = Wait.NONE
    table.flags[idx] &= ~_SPELL_FLAGS
    tally = ctx.tally
    tally.discharges_by_pathway[pathway] += idx.size
    tally.spells_ended += idx.size
    tally.spell_days_total += float(np.sum(day - table.admit_day[idx]))


def return_to_usual_residence(ctx: WeekContext, idx: np.ndarray, day: np.ndarray) -> None:
    """Pathway 0: home, or back to the care home that kept the person's place.

    A wait for care at home that the stay interrupted is resumed.
    """
    table = ctx.table
    held = table.flags[idx] & HELD_WAITS
    resident = (table.flags[idx] & CARE_HOME_RESIDENT) != 0
    for mask, setting in ((~resident, Setting.HOME), (resident, Setting.CARE_HOME)):
        who, when = idx[mask], day[mask]
        leave_hospital(ctx, who, when, setting, Pathway.HOME)
        table.enter(who, when)
        start_clocks(table, ctx.tables, who, when, ctx.draws)
        ctx.touch(who)
    table.flags[idx] |= held  # leave_hospital clears spell flags; the held wait resumes now
    resume_held_waits(ctx, idx, day)


def choose_pathways(ctx: WeekContext, idx: np.ndarray) -> np.ndarray:
    """Discharge pathway by frailty; returns the queue each person joins (NONE = home)."""
    hospital = ctx.params.hospital
    cumulative = np.cumsum(np.array(hospital.pathway_shares()), axis=1)
    draw = ctx.draws.uniform(Purpose.PATHWAY, ctx.table, idx)
    split = ctx.draws.uniform(Purpose.PATHWAY_SPLIT, ctx.table, idx)
    pathway = (draw[:, None] >= cumulative[ctx.table.frailty[idx], :-1]).sum(axis=1)
    support = np.where(split < hospital.pathway1_d2a_share, Wait.D2A, Wait.REABLEMENT)
    queue = np.choose(pathway, [Wait.NONE, Wait.D2A, Wait.COMMUNITY_BED, Wait.CARE_HOME]).astype(
        np.int8
    )
    queue = np.where(pathway == Pathway.SUPPORT_AT_HOME, support, queue).astype(np.int8)
    placed = np.flatnonzero(queue == Wait.CARE_HOME)
    funded = council_funded(ctx, idx[placed], Purpose.FUNDED_FROM_HOSPITAL)
    queue[placed[~funded]] = Wait.NONE  # a self-funded placement: home, outside the model
    return queue


def on_medically_fit(ctx: WeekContext, idx: np.ndarray) -> None:
    """Handle people whose stay reached its end: deaths, returns home, or queues to wait."""
    if idx.size == 0:
        return
    table = ctx.table
    day = table.next_day[idx].copy()
    flags = table.flags[idx]
    terminal = (flags & TERMINAL) != 0
    die(ctx, idx[terminal], day[terminal], in_hospital=True)
    straight_back = ~terminal & ((flags & (DISCRETIONARY | CARE_HOME_RESIDENT)) != 0)
    rest = ~terminal & ~straight_back
    queue = np.full(idx.size, Wait.NONE, dtype=np.int8)
    queue[rest] = choose_pathways(ctx, idx[rest])
    home = straight_back | (rest & (queue == Wait.NONE))
    return_to_usual_residence(ctx, idx[home], day[home])
    waiting = rest & (queue != Wait.NONE)
    who, when = idx[waiting], day[waiting]
    table.leave(who, when)
    table.wait[who] = queue[waiting]
    # Places can be taken only once the assessment is done; the delay is DTOC too.
    table.wait_since_day[who] = when + ctx.params.hospital.discharge_assessment_days
    table.next_day[who] = np.inf
    table.enter(who, when)
    for resource in (Wait.D2A, Wait.REABLEMENT, Wait.COMMUNITY_BED, Wait.CARE_HOME):
        ctx.enqueue(resource, who[table.wait[who] == resource])
