"""The population engine: one weekly step over a vectorised person table.

Order of work within a week [7w, 7w + 7):

1. If the hazard modifiers changed, rebuild the hazard tables and rescale pending clocks.
2. End expired prevention support and fill free prevention places.
3. Fire every event due before the week's end, in rounds: clocks at home and in care homes,
   medically-fit days in hospital, ends of step-down episodes and out-of-area stays; then
   serve the queues from free and vacated places, and admit the round's emergencies up to
   the acute bed cap (:mod:`sim.population.overflow`). Events scheduled by a round that
   still fall in the week are fired by the next round.
4. Add births, then close the week's occupancy ledger into :class:`WeekFlows`.
"""

from dataclasses import replace

import numpy as np

from sim.population.capacity import (
    CareCapacity,
    CareModifiers,
    default_capacity_for,
    split_by_shares,
)
from sim.population.clocks import rescale_clocks
from sim.population.context import EventLog, WeekContext
from sim.population.downstream import live_queue, match_all, on_episode_end
from sim.population.draws import Purpose, make_draws
from sim.population.flows import WeekFlows, WeekTally
from sim.population.home import process_due
from sim.population.hospital import admit_requested, on_medically_fit
from sim.population.ledger import DAYS_PER_WEEK, WeekLedger
from sim.population.lifecycle import add_births, births_this_week, seed_population
from sim.population.overflow import return_from_out_of_area, sample_escalation_share
from sim.population.params import MAX_WARMUP_WEEKS, PopulationParams
from sim.population.prevention import refresh_support
from sim.population.rates import build_tables
from sim.population.report import build_flows
from sim.population.settings import N_FRAILTY, Channel, Setting, Wait
from sim.population.state import PersonTable

MAX_ROUNDS_PER_WEEK = 10_000
# The steady-state test of the warm-up (docs/ODD.md, "Initialisation"): the mean of the
# last STEADY_WINDOW_WEEKS weeks is within STEADY_RELATIVE_TOLERANCE of the window before,
# allowing two standard errors of a Poisson count of that mean. estimate: 8 weeks is about
# two acute stays plus assessment for the longest-staying band, long enough for a filling
# queue to show as a trend; 5% is below the year-on-year change any design produces.
STEADY_WINDOW_WEEKS = 8
STEADY_RELATIVE_TOLERANCE = 0.05
_HEADROOM_ROWS = 1.15


class PopulationEngine:
    """Simulates a place's population week by week, given capacity and behaviour."""

    def __init__(
        self,
        params: PopulationParams,
        size: int,
        seed_seq: np.random.SeedSequence,
        warmup_capacity: CareCapacity | None = None,
        sample_fraction: float = 1.0,
    ) -> None:
        """Create ``size`` people and warm services up until they are steady.

        The warm-up runs at the place's own capacity (``warmup_capacity``; the default
        capacity for ``size`` when not given) with neutral modifiers, for at least
        ``params.warmup_weeks`` and then until :func:`is_steady` holds, at most
        :data:`MAX_WARMUP_WEEKS` weeks; week 0 starts with hospitals, step-down services
        and their queues settled. The totals are then reset: conservation counts from the
        population alive at week 0.

        Args:
            params: Population and pathway parameters.
            size: Number of people at the start.
            seed_seq: Seed sequence of the population's draws (``params.random_streams``
                chooses shared streams or streams keyed by person).
            warmup_capacity: Capacity in force during the warm-up.
            sample_fraction: ``size`` as a share of the place's people; a sample's
                escalation beds are scaled for its larger relative swing
                (:func:`~sim.population.overflow.sample_escalation_share`).
        """
        if size <= 0:
            raise ValueError(f"size must be a positive number of people, got {size}")
        self.params = params
        self.escalation_share = sample_escalation_share(params.hospital.escalation_share,
                                                        sample_fraction)
        self._draws = make_draws(params.random_streams, seed_seq)
        self._modifiers = CareModifiers()
        self._tables = build_tables(params, self._modifiers, thin=self._draws.per_person)
        # Set to an EventLog to record onsets and starts of care (checks only).
        self.event_log: EventLog | None = None
        self._table = PersonTable(int(size * _HEADROOM_ROWS) + 1024, params.n_bands,
                                  params.n_areas)
        self._queues = {w: np.zeros(0, dtype=np.int64) for w in Wait if w != Wait.NONE}
        self._supported = np.zeros(0, dtype=np.int64)
        self.deaths_total = 0
        self.births_total = 0
        # Days are counted from the start of the warm-up; the reported week 0 is the first
        # week after it, whatever its length.
        self._week_offset = 0
        seed_population(self._table, params, self._tables, size, 0.0, self._draws)
        capacity = warmup_capacity or default_capacity_for(size)
        self.warmup_weeks_run = self._warm_up(capacity)
        self._week_offset = self.warmup_weeks_run
        self.start_size = self.alive_count
        self.deaths_total = 0
        self.births_total = 0

    @property
    def alive_count(self) -> int:
        """People alive now."""
        return self._table.alive_count()

    def counts_by_setting(self) -> dict[Setting, int]:
        """People alive in each setting now (DEAD is not included)."""
        counts = self._table.channel_counts
        home = int(counts[Channel.HOME_FIT : Channel.HOME_FIT + N_FRAILTY].sum())
        return {
            Setting.HOME: home,
            Setting.ACUTE: int(counts[Channel.ACUTE]),
            Setting.D2A: int(counts[Channel.D2A]),
            Setting.REABLEMENT: int(counts[Channel.REABLEMENT]),
            Setting.COMMUNITY_BED: int(counts[Channel.COMMUNITY_BED]),
            Setting.CARE_HOME: int(counts[Channel.CARE_HOME]),
            Setting.OUT_OF_AREA: int(counts[Channel.OUT_OF_AREA]),
        }

    def counts_by_area(self) -> dict[str, dict[Channel, int]]:
        """Occupancy of every channel now, by area (one area when the place is undivided)."""
        counts = self._table.area_counts
        return {name: {c: int(n) for c, n in zip(Channel, counts[a], strict=True)}
                for a, name in enumerate(self.params.area_names)}

    def cell_counts(self) -> np.ndarray:
        """People alive by [age band, frailty], wherever they are."""
        return self._table.cells.copy()

    def weighted_heads(self, weights: np.ndarray) -> float:
        """Sum of ``weights[band, frailty]`` over people alive (e.g. risk-adjusted heads)."""
        weights = np.asarray(weights, dtype=float)
        if weights.shape != self._table.cells.shape:
            raise ValueError(
                f"weights must have shape (age bands, frailty levels) = "
                f"{self._table.cells.shape}, got {weights.shape}"
            )
        return float(np.sum(weights * self._table.cells))

    def channel_counts(self) -> dict[Channel, int]:
        """Occupancy of every channel now (places held, people waiting, supported...)."""
        return {c: int(n) for c, n in zip(Channel, self._table.channel_counts, strict=True)}

    def step_week(self, week: int, capacity: CareCapacity, modifiers: CareModifiers) -> WeekFlows:
        """Process every event in the reported ``week`` (after the warm-up) and report it."""
        flows = self._step(week + self._week_offset, capacity, modifiers)
        self.deaths_total += flows.deaths
        self.births_total += flows.births
        return replace(flows, week=week)

    def _warm_up(self, capacity: CareCapacity) -> int:
        """Step from the empty start until steady; returns the weeks run."""
        acute, waiting = [], []
        for week in range(MAX_WARMUP_WEEKS):
            flows = self._step(week, capacity, self._modifiers)
            acute.append(flows.acute_bed_days)
            waiting.append(flows.dtoc_bed_days)
            if week + 1 >= self.params.warmup_weeks and is_steady(acute) and is_steady(waiting):
                return week + 1
        return MAX_WARMUP_WEEKS

    def _step(self, week: int, capacity: CareCapacity, modifiers: CareModifiers) -> WeekFlows:
        """Process every event in days [7 * week, 7 * week + 7) from the warm-up's start."""
        start = DAYS_PER_WEEK * week
        if self.params.n_areas > 1 and not capacity.by_area:
            capacity = split_by_shares(capacity, tuple(a.population_share
                                                       for a in self.params.areas))
        self._apply_modifiers(modifiers, start)
        table = self._table
        table.ledger = WeekLedger(start, table.channel_counts,
                                  table.area_counts if table.n_areas > 1 else None)
        ctx = WeekContext(
            table,
            self.params,
            self._tables,
            self._draws,
            capacity,
            modifiers,
            self._queues,
            start + DAYS_PER_WEEK,
            WeekTally(admissions_by_band=np.zeros(self.params.n_bands, dtype=np.int64),
                      council_spot_place_days_by_area=np.zeros(self.params.n_areas),
                      funded_by_area=np.zeros(self.params.n_areas, dtype=np.int64),
                      self_funded_by_area=np.zeros(self.params.n_areas, dtype=np.int64),
                      admissions_by_area=np.zeros(self.params.n_areas, dtype=np.int64)),
            log=self.event_log,
            escalation_share=self.escalation_share,
        )
        alive_at_start = self.alive_count
        self._supported = refresh_support(ctx, self._supported, start)
        self._run_rounds(ctx, start + DAYS_PER_WEEK)
        births = births_this_week(
            alive_at_start,
            ctx.tally.deaths,
            self.params.growth_per_year,
            self._draws.week_uniform(Purpose.BIRTH_COUNT, week),
        )
        add_births(ctx, births, start)
        queues = {w: int(live_queue(ctx, w).size) for w in self._queues}
        flows = build_flows(week, ctx, queues, self.alive_count)
        table.ledger = None
        return flows

    def _apply_modifiers(self, modifiers: CareModifiers, day: float) -> None:
        """Rebuild hazards and rescale clocks when the hazard modifiers change."""
        if modifiers.hazard_key() == self._modifiers.hazard_key():
            self._modifiers = modifiers
            return
        self._modifiers = modifiers
        self._tables = build_tables(self.params, modifiers, thin=self._draws.per_person)
        table = self._table
        setting = table.setting[: table.n]
        clocked = np.flatnonzero((setting == Setting.HOME) | (setting == Setting.CARE_HOME))
        rescale_clocks(table, self._tables, clocked, day)

    def _run_rounds(self, ctx: WeekContext, end_day: float) -> None:
        table = self._table
        due = np.flatnonzero(table.next_day[: table.n] < end_day)
        for _ in range(MAX_ROUNDS_PER_WEEK):
            ctx.touched.clear()
            if due.size == 0:
                if not ctx.admission_requests:
                    return
                # No bed came free for the emergencies still waiting: turn them away (their
                # new clocks may bring more events this week).
                admit_requested(ctx, final=True)
                touched = np.unique(np.concatenate(ctx.touched)) if ctx.touched else due
                due = touched[table.next_day[touched] < end_day]
                continue
            setting = table.setting[due]
            clocked = (setting == Setting.HOME) | (setting == Setting.CARE_HOME)
            process_due(ctx, due[clocked])
            on_medically_fit(ctx, due[setting == Setting.ACUTE])
            stepping_down = (
                (setting == Setting.D2A)
                | (setting == Setting.REABLEMENT)
                | (setting == Setting.COMMUNITY_BED)
            )
            on_episode_end(ctx, due[stepping_down])
            return_from_out_of_area(ctx, due[setting == Setting.OUT_OF_AREA])
            match_all(ctx)
            # After the round's transfers to step-down care, so their beds can be reused.
            admit_requested(ctx)
            touched = np.unique(np.concatenate(ctx.touched)) if ctx.touched else due[:0]
            due = touched[table.next_day[touched] < end_day]
        raise RuntimeError(f"week ending day {end_day} did not settle after many rounds")


def is_steady(weekly: list[float]) -> bool:
    """True when the last window's mean has stopped moving against the window before.

    Args:
        weekly: A weekly series (bed days), oldest first.

    Returns:
        Whether ``|mean(last) - mean(previous)| <= tol * mean(previous) + 2 * se``, with
        ``se = sqrt(2 * mean(previous) / STEADY_WINDOW_WEEKS)`` the standard error of the
        difference of two window means of Poisson counts.
    """
    w = STEADY_WINDOW_WEEKS
    if len(weekly) < 2 * w:
        return False
    previous = float(np.mean(weekly[-2 * w : -w]))
    last = float(np.mean(weekly[-w:]))
    noise = 2.0 * np.sqrt(2.0 * max(previous, 0.0) / w)  # days summed from moves may be -0.0
    return abs(last - previous) <= STEADY_RELATIVE_TOLERANCE * previous + noise
