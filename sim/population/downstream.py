"""After hospital: D2A, reablement and community-bed episodes, care homes and packages.

Places are matched to queues first-come, first-served (:mod:`sim.population.queues`).
People who wait for step-down care wait in an acute bed (delayed transfer of care); people
who wait for a package or a care-home place after step-down or from the community wait at
home (unmet need).
"""

import numpy as np

from sim.population.clocks import rescale_clocks, start_clocks
from sim.population.context import WeekContext
from sim.population.draws import Purpose
from sim.population.funding import council_funded
from sim.population.home import residential_share
from sim.population.hospital import draw_gamma_days, leave_hospital
from sim.population.queues import fifo_service_days, slot_days
from sim.population.settings import Channel, Pathway, Setting, StepDownOutcome, Wait
from sim.population.state import CARE_HOME_RESIDENT, HAS_PACKAGE, WAITING
from sim.population.waits import wait_at_home

STEP_DOWN = {
    Wait.D2A: (Setting.D2A, Pathway.SUPPORT_AT_HOME, "d2a"),
    Wait.REABLEMENT: (Setting.REABLEMENT, Pathway.SUPPORT_AT_HOME, "reablement"),
    Wait.COMMUNITY_BED: (Setting.COMMUNITY_BED, Pathway.BED_BASED, "community_bed"),
}
#: Places bought on the spot market for people delayed in an acute bed past the limit.
SPOT_PURCHASED = (Wait.D2A, Wait.REABLEMENT, Wait.COMMUNITY_BED, Wait.CARE_HOME)
MATCH_ORDER = (Wait.D2A, Wait.REABLEMENT, Wait.COMMUNITY_BED, Wait.CARE_HOME, Wait.PACKAGE)


#: Queues served from each area's own places in a place divided into areas (the council-
#: bought services), with the capacity field that counts those places.
AREA_CAPACITY = {
    Wait.REABLEMENT: "reablement_places",
    Wait.CARE_HOME: "care_home_places",
    Wait.PACKAGE: "home_care_packages",
}


def occupancy_and_capacity(ctx: WeekContext, resource: Wait,
                           area: int | None = None) -> tuple[int, int]:
    """Places of ``resource`` in use (including places kept for people in hospital) and cap.

    With ``area`` (an index into the parameters' areas), the area's own places and its
    people's use of them; ``resource`` must then be one of :data:`AREA_CAPACITY`.
    """
    if area is not None:
        counts = ctx.table.area_counts[area]
        return _in_use(counts, resource), ctx.capacity.in_area(AREA_CAPACITY[resource], area)
    cap = ctx.capacity
    limit = {Wait.D2A: cap.d2a_places, Wait.REABLEMENT: cap.reablement_places,
             Wait.COMMUNITY_BED: cap.community_beds, Wait.CARE_HOME: cap.care_home_places,
             Wait.PACKAGE: cap.home_care_packages}[resource]
    return _in_use(ctx.table.channel_counts, resource), limit


def _in_use(counts: np.ndarray, resource: Wait) -> int:
    """Places of ``resource`` in use in ``counts`` (channel counts)."""
    if resource == Wait.CARE_HOME:
        return int(counts[Channel.CARE_HOME] + counts[Channel.CARE_HOME_HELD])
    if resource == Wait.PACKAGE:
        return int(counts[Channel.PACKAGE_AT_HOME] + counts[Channel.PACKAGE_HELD])
    channel = {Wait.D2A: Channel.D2A, Wait.REABLEMENT: Channel.REABLEMENT,
               Wait.COMMUNITY_BED: Channel.COMMUNITY_BED}[resource]
    return int(counts[channel])


def _outcome_shares(ctx: WeekContext, name: str) -> np.ndarray:
    """Home / package / care-home shares after an episode, with the placement preference."""
    home, package, care_home = getattr(ctx.params.step_down, f"{name}_outcome_shares")
    adjusted = residential_share(care_home, package, ctx.modifiers.residential_share_multiplier)
    return np.array([home, package + care_home - adjusted, adjusted])


def on_episode_end(ctx: WeekContext, idx: np.ndarray) -> None:
    """People ``idx`` finish a step-down episode and go home, queueing for care if needed."""
    if idx.size == 0:
        return
    table = ctx.table
    day = table.next_day[idx].copy()
    setting = table.setting[idx]
    outcome = np.zeros(idx.size, dtype=np.int64)
    draw = ctx.draws.uniform(Purpose.EPISODE_OUTCOME, table, idx)
    for resource, (place, _, name) in STEP_DOWN.items():
        mine = setting == place
        ctx.depart(resource, idx[mine], day[mine])
        cumulative = np.cumsum(_outcome_shares(ctx, name))
        outcome[mine] = (draw[mine, None] >= cumulative[None, :-1]).sum(axis=1)
    # A new placement (a care home, or a package for someone without one) may be
    # self-funded, outside the model's care: the person simply goes home.
    new_package = (outcome == StepDownOutcome.HOME_WITH_PACKAGE) & (
        (table.flags[idx] & HAS_PACKAGE) == 0)
    placed = np.flatnonzero(new_package | (outcome == StepDownOutcome.CARE_HOME))
    funded = council_funded(ctx, idx[placed], Purpose.FUNDED_AFTER_EPISODE)
    outcome[placed[~funded]] = StepDownOutcome.HOME
    for kind in StepDownOutcome:
        ctx.tally.step_down_outcomes[kind] += int((outcome == kind).sum())
    table.leave(idx, day)
    table.setting[idx] = Setting.HOME
    table.enter(idx, day)
    has_package = (table.flags[idx] & HAS_PACKAGE) != 0
    resource = np.full(idx.size, Wait.NONE, dtype=np.int8)
    resource[(outcome == StepDownOutcome.HOME_WITH_PACKAGE) & ~has_package] = Wait.PACKAGE
    resource[outcome == StepDownOutcome.CARE_HOME] = Wait.CARE_HOME
    queued = resource != Wait.NONE
    start_clocks(table, ctx.tables, idx[~queued], day[~queued], ctx.draws)
    ctx.touch(idx[~queued])
    wait_at_home(ctx, idx[queued], day[queued], resource[queued])


def match_all(ctx: WeekContext) -> None:
    """Serve every queue from the places free now and those vacated this round."""
    for resource in MATCH_ORDER:
        _match(ctx, resource)
    ctx.clear_departures()


def live_queue(ctx: WeekContext, resource: Wait) -> np.ndarray:
    """Queue members still waiting for ``resource``, in first-come order."""
    table = ctx.table
    queue = ctx.queues[resource]
    queue = np.unique(queue[table.wait[queue] == resource])
    order = np.lexsort((queue, table.wait_since_day[queue]))
    return queue[order]


def _match(ctx: WeekContext, resource: Wait) -> None:
    if ctx.queues[resource].size == 0:
        return
    if resource not in AREA_CAPACITY or ctx.table.n_areas == 1:
        waiting, who, when = _match_in(ctx, resource)
    else:
        # Each area's queue is served from its own places only, first come first served.
        queue = live_queue(ctx, resource)
        home = ctx.table.area[queue]
        parts = [_match_in(ctx, resource, area, queue[home == area])
                 for area in range(ctx.table.n_areas)]
        waiting, who, when = (np.concatenate([part[i] for part in parts]) for i in range(3))
    if waiting is not None:
        ctx.queues[resource] = waiting
    if who.size == 0:
        return
    if resource in STEP_DOWN:
        _start_episode(ctx, resource, who, when)
    elif resource == Wait.CARE_HOME:
        _enter_care_home(ctx, who, when)
    else:
        _start_package(ctx, who, when)


def _match_in(ctx: WeekContext, resource: Wait, area: int | None = None,
              queue: np.ndarray | None = None,
              ) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """Serve the queue for ``resource``: the whole place's, or ``area``'s (its ``queue``).

    Returns:
        Who still waits (None when the place's queue was not read: nobody could be served),
        who is served and on what day.
    """
    in_use, cap = occupancy_and_capacity(ctx, resource, area)
    slots = slot_days(cap - in_use, ctx.departure_days(resource, area))
    if slots.size == 0 and not _any_overdue(ctx, resource):
        return queue, np.zeros(0, dtype=np.int64), np.zeros(0)
    if queue is None:
        queue = live_queue(ctx, resource)
    served_day = fifo_service_days(ctx.table.wait_since_day[queue], slots)
    # A place taken after the week's end (assessment still running) is next week's event.
    served = served_day < ctx.end_day
    served_day, served = _spot_purchase(ctx, resource, queue, served_day, served, area)
    return queue[~served], queue[served], served_day[served]


def _any_overdue(ctx: WeekContext, resource: Wait) -> bool:
    """Whether anyone in the queue for ``resource`` may reach the spot-purchase limit now."""
    hospital = ctx.params.hospital
    if resource not in SPOT_PURCHASED or not hospital.spot_purchase:
        return False
    queue = ctx.queues[resource]
    waiting = queue[ctx.table.wait[queue] == resource]
    since = ctx.table.wait_since_day[waiting]
    return bool(np.any(since + hospital.spot_purchase_after_days < ctx.end_day))


def _spot_purchase(
    ctx: WeekContext, resource: Wait, queue: np.ndarray, served_day: np.ndarray,
    served: np.ndarray, area: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """People still in an acute bed past the longest delay get a spot-purchased place.

    When commissioned step-down or care-home places are all taken, a delay longer than
    ``spot_purchase_after_days`` (counted from the end of the discharge assessment) is
    ended by buying a place above the commissioned number, at a premium the commissioner
    pays (``WeekFlows.spot_place_days``). Commissioned places stay blocked until
    occupancy falls back under them. People waiting at home are not spot-purchased. In a
    place divided into areas, a council's places are bought for its own area's people
    (``area``), and their days are counted by area too.
    """
    limit = ctx.params.hospital.spot_purchase_after_days
    if resource not in SPOT_PURCHASED or not ctx.params.hospital.spot_purchase:
        return served_day, served
    table = ctx.table
    week_start = ctx.end_day - 7.0
    due_day = np.maximum(table.wait_since_day[queue] + limit, week_start)
    overdue = ~served & (table.setting[queue] == Setting.ACUTE) & (due_day < ctx.end_day)
    if not overdue.any():
        return served_day, served
    served_day = np.where(overdue, due_day, served_day)
    bought = int(overdue.sum())
    ctx.tally.spot_purchases += bought
    # The premium is paid when the place is bought, on its expected length of use.
    days, payer = _spot_place_days(ctx, resource)
    ctx.tally.spot_place_days[payer] += bought * days
    if payer == 1:
        ctx.tally.council_spot_place_days_by_area[area or 0] += bought * days
    return served_day, served | overdue


def _spot_place_days(ctx: WeekContext, resource: Wait) -> tuple[float, int]:
    """Expected place-days of one spot-bought place, and who pays (0 health, 1 council).

    A step-down place is used for its mean episode; a care-home place for the mean
    residence, one over the deaths per resident-year. D2A and community beds are the
    health commissioner's; reablement and care homes the council's.
    """
    step_down = ctx.params.step_down
    if resource == Wait.CARE_HOME:
        deaths = ctx.params.social_care.care_home_deaths_per_resident_year
        # With no deaths in care homes at all, a residence is taken as ten years.
        return (365.25 / deaths if deaths > 0 else 3652.5), 1
    _, _, name = STEP_DOWN[resource]
    payer = 1 if resource == Wait.REABLEMENT else 0
    return getattr(step_down, f"{name}_episode_mean_days"), payer


def _start_episode(ctx: WeekContext, resource: Wait, idx: np.ndarray, day: np.ndarray) -> None:
    place, pathway, name = STEP_DOWN[resource]
    leave_hospital(ctx, idx, day, place, pathway)
    step_down = ctx.params.step_down
    mean_days = np.full(idx.size, getattr(step_down, f"{name}_episode_mean_days"))
    ctx.table.next_day[idx] = day + draw_gamma_days(
        ctx, Purpose.EPISODE, idx, mean_days, step_down.episode_cv
    )
    ctx.table.enter(idx, day)
    ctx.touch(idx)


def _enter_care_home(ctx: WeekContext, idx: np.ndarray, day: np.ndarray) -> None:
    """Placements from an acute bed (pathway 3) or from home; a package ends on entry."""
    table = ctx.table
    from_acute = table.setting[idx] == Setting.ACUTE
    leave_hospital(ctx, idx[from_acute], day[from_acute], Setting.CARE_HOME, Pathway.CARE_HOME)
    table.leave(idx[~from_acute], day[~from_acute])
    package = (table.flags[idx] & HAS_PACKAGE) != 0
    ctx.depart(Wait.PACKAGE, idx[package], day[package])
    table.setting[idx] = Setting.CARE_HOME
    table.wait[idx] = Wait.NONE
    table.flags[idx] = CARE_HOME_RESIDENT
    table.enter(idx, day)
    start_clocks(table, ctx.tables, idx, day, ctx.draws)
    ctx.touch(idx)
    ctx.tally.care_home_placements += idx.size


def _start_package(ctx: WeekContext, idx: np.ndarray, day: np.ndarray) -> None:
    table = ctx.table
    table.leave(idx, day)
    table.wait[idx] = Wait.NONE
    table.flags[idx] = (table.flags[idx] & ~WAITING) | HAS_PACKAGE
    table.enter(idx, day)
    rescale_clocks(table, ctx.tables, idx, day)
    ctx.touch(idx)
    ctx.tally.package_starts += idx.size
