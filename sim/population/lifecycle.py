"""Entering and leaving the population: the initial population, births and deaths."""

import numpy as np

from sim.population.clocks import start_clocks
from sim.population.context import WeekContext
from sim.population.draws import Draws, Purpose
from sim.population.params import PopulationParams
from sim.population.rates import HazardTables
from sim.population.settings import N_FRAILTY, Frailty, Setting, Wait
from sim.population.state import CARE_HOME_RESIDENT, HAS_PACKAGE, PersonTable

DAYS_PER_YEAR = 365.25


def die(ctx: WeekContext, idx: np.ndarray, day: np.ndarray, in_hospital: bool) -> None:
    """People ``idx`` die at ``day``; their care-home place or package is released."""
    if idx.size == 0:
        return
    table = ctx.table
    table.leave(idx, day)
    flags = table.flags[idx]
    package, resident = (flags & HAS_PACKAGE) != 0, (flags & CARE_HOME_RESIDENT) != 0
    ctx.depart(Wait.PACKAGE, idx[package], day[package])
    ctx.depart(Wait.CARE_HOME, idx[resident], day[resident])
    table.setting[idx] = Setting.DEAD
    table.wait[idx] = Wait.NONE
    table.flags[idx] = 0
    table.next_day[idx] = np.inf
    ctx.tally.deaths += idx.size
    if in_hospital:
        ctx.tally.deaths_in_hospital += idx.size
        ctx.tally.spells_ended += idx.size
        ctx.tally.spell_days_total += float(np.sum(day - table.admit_day[idx]))


def births_this_week(alive: int, deaths: int, growth_per_year: float, u: float) -> int:
    """Births (and ageing-in) that replace this week's deaths and grow the population.

    The growth part ``alive * ((1 + g) ** (7 / 365.25) - 1)`` is rounded stochastically
    (up when the uniform ``u`` falls below its fraction) so that its expectation is exact.
    """
    growth = alive * ((1.0 + growth_per_year) ** (7.0 / DAYS_PER_YEAR) - 1.0)
    whole = np.floor(growth)
    extra = int(u < growth - whole)
    return max(0, deaths + int(whole) + extra)


# A newborn's key: this bit, then the week and the birth's place in the week's births, so
# the k-th birth of a week is the same person under every design (row numbers may differ).
_NEWBORN = np.uint64(1) << np.uint64(62)
_WEEK_SHIFT = np.uint64(24)


def add_births(ctx: WeekContext, count: int, start_day: float) -> None:
    """Add ``count`` fit people to the youngest band at random days in the week."""
    if count <= 0:
        return
    table = ctx.table
    idx = table.add_rows(count)
    week = np.uint64(int(start_day // 7))
    table.person_key[idx] = _NEWBORN | (week << _WEEK_SHIFT) | np.arange(count, dtype=np.uint64)
    day = start_day + ctx.draws.uniform(Purpose.BIRTH_DAY, table, idx) * 7.0
    table.band[idx] = 0
    if ctx.params.n_areas > 1:
        table.area[idx] = draw_areas(ctx.params, ctx.draws.uniform(Purpose.BIRTH_AREA, table, idx))
    table.frailty[idx] = Frailty.FIT
    table.setting[idx] = Setting.HOME
    table.wait[idx] = Wait.NONE
    table.flags[idx] = 0
    table.enter(idx, day)
    start_clocks(table, ctx.tables, idx, day, ctx.draws, Purpose.BIRTH_CLOCK)
    ctx.tally.births += count


def draw_areas(params: PopulationParams, uniforms: np.ndarray) -> np.ndarray:
    """The area of each person, by the areas' population shares, from uniforms on [0, 1)."""
    cumulative = np.cumsum([area.population_share for area in params.areas])
    return np.minimum(np.searchsorted(cumulative, uniforms, side="right"),
                      params.n_areas - 1).astype(np.int8)


def _placement_probability(params: PopulationParams, shares: np.ndarray) -> np.ndarray:
    """P(placed | band, frailty): band share spread over frailty by placement weights."""
    mix = np.array([band.frailty_mix for band in params.age_bands])
    weights = np.array(params.social_care.placement_frailty_weights)
    spread = weights[None, :] / np.maximum(mix @ weights, 1e-12)[:, None]
    return np.clip(shares[:, None] * spread, 0.0, 1.0)


def seed_population(
    table: PersonTable,
    params: PopulationParams,
    tables: HazardTables,
    size: int,
    day: float,
    draws: Draws,
) -> None:
    """Create ``size`` people by age band and frailty, some in care homes or with packages.

    Who they are comes from the shared initial generator under either kind of draws (the
    initial population is made before designs can differ); their first clocks are keyed.
    """
    rng = draws.initial
    idx = table.add_rows(size)
    band_shares = np.array([band.population_share for band in params.age_bands])
    band = rng.choice(params.n_bands, size=size, p=band_shares / band_shares.sum())
    mix = np.array([b.frailty_mix for b in params.age_bands])
    cumulative = np.cumsum(mix, axis=1)[band]
    frailty = (rng.random(size)[:, None] >= cumulative[:, :-1]).sum(axis=1)
    p_home = _placement_probability(
        params, np.array([b.initial_care_home_share for b in params.age_bands])
    )
    p_pkg = _placement_probability(
        params, np.array([b.initial_package_share for b in params.age_bands])
    )
    u_home, u_pkg = rng.random(size), rng.random(size)
    home_scale = pkg_scale = 1.0
    if params.n_areas > 1:  # drawn last: an undivided place's people are as they always were
        area = draw_areas(params, rng.random(size))
        table.area[idx] = area
        home_scale = np.array([a.initial_care_home_scale for a in params.areas])[area]
        pkg_scale = np.array([a.initial_package_scale for a in params.areas])[area]
    in_care_home = u_home < p_home[band, frailty] * home_scale
    package = ~in_care_home & (u_pkg < p_pkg[band, frailty] * pkg_scale)
    table.band[idx] = band
    table.frailty[idx] = np.minimum(frailty, N_FRAILTY - 1)
    table.setting[idx] = np.where(in_care_home, Setting.CARE_HOME, Setting.HOME)
    table.flags[idx] = np.where(in_care_home, CARE_HOME_RESIDENT, 0) | np.where(
        package, HAS_PACKAGE, 0
    )
    table.enter(idx, day)
    start_clocks(table, tables, idx, day, draws, Purpose.INITIAL_CLOCK)
