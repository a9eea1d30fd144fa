"""A full hospital: the hard cap on acute beds and what happens to emergencies it cannot take.

Acute occupancy may run above staffed beds into escalation beds, but at the end of every
round of the week's events never above ``staffed x (1 + escalation_share)`` (the count a
bed state return takes). An emergency arriving when every bed is full is not
admitted: a dying person dies where they are, a discretionary case is managed in the
community, and anyone else is taken by another place's hospital (``out_of_area_share``;
their bed days are charged to the health commissioner) or waits at home, with an excess
risk of death, and comes back through their own clocks if their need recurs.
"""

import math

import numpy as np

from sim.population.bands import band_stay_days
from sim.population.clocks import start_clocks
from sim.population.context import WeekContext
from sim.population.draws import Purpose
from sim.population.lifecycle import die
from sim.population.settings import Channel, Setting, Wait
from sim.population.state import CARE_HOME_RESIDENT, SUPPORTED, WAITING
from sim.population.waits import held_wait_flags, resume_held_waits


def acute_bed_cap(staffed_beds: int, escalation_share: float) -> int:
    """Most people acute beds can hold: staffed beds plus escalation beds, whole beds.

    Args:
        staffed_beds: Staffed acute beds this week.
        escalation_share: Escalation beds as a share of staffed beds.

    Returns:
        ``staffed_beds + round(staffed_beds * escalation_share)``.
    """
    return staffed_beds + round(staffed_beds * escalation_share)


def sample_escalation_share(escalation_share: float, sample_fraction: float) -> float:
    """Escalation share for a sample of ``sample_fraction`` of the place's people.

    A sample's weekly acute occupancy swings by a larger share of its beds than the whole
    place's: arrivals and departures are counts, whose spread grows with the square root
    of the mean, so the relative spread of a sample of fraction f is sqrt(1/f) times the
    place's. Escalation beds scaled by f alone would make the cap bind far more often in
    the sample than in the place (at 20,000 of 300,000 people, 1-2% of year-1 emergencies
    refused against none). Scaled by sqrt(f) instead (the share by sqrt(1/f)), they hold
    the same number of standard deviations of that spread, so the cap binds about as
    rarely as at full size. The seasonal part of the swing scales with f, so this errs on
    the side of room. A full-size or larger run (f >= 1) keeps the share as given.
    """
    if sample_fraction <= 0:
        raise ValueError(f"sample_fraction must be > 0, got {sample_fraction}")
    if sample_fraction >= 1:
        return escalation_share
    return escalation_share / math.sqrt(sample_fraction)


def admitted_mask(ctx: WeekContext, idx: np.ndarray) -> np.ndarray:
    """Which of the emergencies ``idx`` asking for a bed this round find one.

    The beds free are the cap less the acute occupancy once every move processed so far
    this week is counted: the beds free at the week's start, plus those vacated by this
    week's discharges and deaths, less those already taken. Any later move is a discharge
    or another checked admission, so occupancy at the week's end never passes the cap.
    When more ask than there are beds, who is taken is a random draw: the week's events
    are processed in rounds, not in time order, so arrival order within the week is not
    known here. A week that starts above the cap (staffed beds cut under it) admits nobody.
    The escalation share is the sample's (:func:`sample_escalation_share`).
    """
    cap = acute_bed_cap(ctx.capacity.acute_beds, ctx.escalation_share)
    free = max(0, cap - int(ctx.table.channel_counts[Channel.ACUTE]))
    mask = np.ones(idx.size, dtype=bool)
    if idx.size <= free:
        return mask
    mask[:] = False
    priority = ctx.draws.uniform(Purpose.BED_PRIORITY, ctx.table, idx)
    mask[np.argsort(priority, kind="stable")[:free]] = True
    return mask


def turn_away(
    ctx: WeekContext,
    idx: np.ndarray,
    day: np.ndarray,
    terminal: np.ndarray,
    discretionary: np.ndarray,
) -> None:
    """Emergencies ``idx`` at ``day`` that found no bed: out of area, or wait at home."""
    if idx.size == 0:
        return
    tally, hospital, draws = ctx.tally, ctx.params.hospital, ctx.draws
    tally.admissions_refused += idx.size
    die(ctx, idx[terminal], day[terminal], in_hospital=False)
    tally.refused_deaths += int(terminal.sum())
    diverted = ~terminal & discretionary
    tally.discretionary_diverted += int(diverted.sum())
    rest = ~terminal & ~discretionary
    away = rest & (draws.uniform(Purpose.OUT_OF_AREA, ctx.table, idx) < hospital.out_of_area_share)
    _out_of_area(ctx, idx[away], day[away])
    at_home = rest & ~away
    dies = at_home & (draws.uniform(Purpose.REFUSED_DEATH, ctx.table, idx)
                      < hospital.refused_admission_death_risk)
    die(ctx, idx[dies], day[dies], in_hospital=False)
    tally.refused_deaths += int(dies.sum())
    home = diverted | (at_home & ~dies)
    start_clocks(ctx.table, ctx.tables, idx[home], day[home], ctx.draws)
    ctx.touch(idx[home])


def _out_of_area(ctx: WeekContext, idx: np.ndarray, day: np.ndarray) -> None:
    """Admit people to another place's hospital until medically fit, then bring them back.

    The stay has the local length to medically fit without local discharge levers; the
    receiving hospital arranges its own discharge, so the person returns to their usual
    residence (a care-home place is kept for them).
    """
    if idx.size == 0:
        return
    table, hospital = ctx.table, ctx.params.hospital
    held = held_wait_flags(table, idx)
    table.leave(idx, day)
    table.setting[idx] = Setting.OUT_OF_AREA
    table.wait[idx] = Wait.NONE
    table.flags[idx] = (table.flags[idx] & ~(SUPPORTED | WAITING)) | held
    mean_days = band_stay_days(ctx.params)[table.band[idx]]
    shape = 1.0 / (hospital.los_cv * hospital.los_cv)
    los = ctx.draws.gamma(Purpose.OUT_OF_AREA_STAY, table, idx, shape) * (mean_days / shape)
    table.next_day[idx] = day + los
    table.rate_per_day[idx] = 0.0
    table.enter(idx, day)
    ctx.touch(idx)
    ctx.tally.out_of_area_admissions += idx.size


def return_from_out_of_area(ctx: WeekContext, idx: np.ndarray) -> None:
    """People whose out-of-area stay ended go back home or to their care home.

    A wait for care at home that the stay interrupted is resumed.
    """
    if idx.size == 0:
        return
    table = ctx.table
    day = table.next_day[idx].copy()
    resident = (table.flags[idx] & CARE_HOME_RESIDENT) != 0
    table.leave(idx, day)
    table.setting[idx] = np.where(resident, Setting.CARE_HOME, Setting.HOME).astype(np.int8)
    table.enter(idx, day)
    start_clocks(table, ctx.tables, idx, day, ctx.draws)
    ctx.touch(idx)
    resume_held_waits(ctx, idx, day)
    ctx.tally.out_of_area_returns += idx.size
