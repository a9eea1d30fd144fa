"""Turn a processed week (ledger + tallies) into :class:`WeekFlows`."""

import numpy as np

from sim.population.context import WeekContext
from sim.population.downstream import live_queue
from sim.population.flows import AreaFlows, WeekFlows
from sim.population.ledger import DAYS_PER_WEEK
from sim.population.overflow import acute_bed_cap
from sim.population.settings import N_FRAILTY, Channel, Frailty, Pathway, Wait

_HOME = slice(Channel.HOME_FIT, Channel.HOME_FIT + N_FRAILTY)
# Channels that hold every living person not at home exactly once (for heads by area).
_PLACED = [Channel.ACUTE, Channel.D2A, Channel.REABLEMENT, Channel.COMMUNITY_BED,
           Channel.CARE_HOME, Channel.OUT_OF_AREA]


def community_contacts(ctx: WeekContext, home_days_by_frailty: np.ndarray) -> float:
    """Contacts for people at home by frailty, proactive care, and diverted urgent cases."""
    community = ctx.params.community
    weeks = home_days_by_frailty / DAYS_PER_WEEK
    routine = float(np.dot(weeks, community.contacts_per_person_week_by_frailty))
    frail_weeks = float(weeks[Frailty.MODERATE] + weeks[Frailty.SEVERE])
    proactive = ctx.modifiers.proactive_contacts_per_frail_person_week * frail_weeks
    diverted = ctx.tally.discretionary_diverted * community.contacts_per_diverted_case
    return routine + proactive + diverted


def build_flows(week: int, ctx: WeekContext, queues: dict[Wait, int], alive: int) -> WeekFlows:
    """Summarise the week from the occupancy ledger and the event tallies."""
    ctx.table.flush()
    ledger = ctx.table.ledger
    days = ledger.channel_days()
    counts = ctx.table.channel_counts
    tally = ctx.tally
    dtoc = days[
        [
            Channel.DTOC_D2A,
            Channel.DTOC_REABLEMENT,
            Channel.DTOC_COMMUNITY_BED,
            Channel.DTOC_CARE_HOME,
        ]
    ]
    hours = ctx.params.social_care.home_care_hours_per_package_week
    return WeekFlows(
        week=week,
        admissions=tally.admissions,
        discretionary_admissions=tally.discretionary_admissions,
        discretionary_diverted=tally.discretionary_diverted,
        terminal_admissions=tally.terminal_admissions,
        care_home_resident_admissions=tally.care_home_resident_admissions,
        acute_bed_days=float(days[Channel.ACUTE]),
        escalation_bed_days=ledger.days_above(Channel.ACUTE, ctx.capacity.acute_beds),
        dtoc_bed_days=float(dtoc.sum()),
        dtoc_d2a_bed_days=float(dtoc[0]),
        dtoc_reablement_bed_days=float(dtoc[1]),
        dtoc_community_bed_bed_days=float(dtoc[2]),
        dtoc_care_home_bed_days=float(dtoc[3]),
        discharges_home=tally.discharges_by_pathway[Pathway.HOME],
        discharges_support_at_home=tally.discharges_by_pathway[Pathway.SUPPORT_AT_HOME],
        discharges_bed_based=tally.discharges_by_pathway[Pathway.BED_BASED],
        discharges_care_home=tally.discharges_by_pathway[Pathway.CARE_HOME],
        spells_ended=tally.spells_ended,
        spell_days_total=tally.spell_days_total,
        d2a_place_days=float(days[Channel.D2A]),
        reablement_place_days=float(days[Channel.REABLEMENT]),
        community_bed_days=float(days[Channel.COMMUNITY_BED]),
        care_home_resident_weeks=float(
            (days[Channel.CARE_HOME] + days[Channel.CARE_HOME_HELD]) / DAYS_PER_WEEK
        ),
        home_care_hours=float(days[Channel.PACKAGE_AT_HOME] / DAYS_PER_WEEK * hours),
        prevention_person_weeks=float(days[Channel.PREVENTION] / DAYS_PER_WEEK),
        community_contacts=community_contacts(ctx, days[_HOME]),
        waiting_for_package=int(counts[Channel.WAIT_PACKAGE_AT_HOME]),
        waiting_for_care_home_at_home=int(counts[Channel.WAIT_CARE_HOME_AT_HOME]),
        queue_d2a=queues[Wait.D2A],
        queue_reablement=queues[Wait.REABLEMENT],
        queue_community_bed=queues[Wait.COMMUNITY_BED],
        queue_care_home=queues[Wait.CARE_HOME],
        queue_package=queues[Wait.PACKAGE],
        package_starts=tally.package_starts,
        package_ends=tally.package_ends,
        care_home_placements=tally.care_home_placements,
        frailty_progressions=tally.frailty_progressions,
        care_needs_arising=tally.care_needs_arising,
        deaths=tally.deaths,
        deaths_in_hospital=tally.deaths_in_hospital,
        births=tally.births,
        alive=alive,
        person_days_at_home=float(days[_HOME].sum()),
        admissions_by_band=tuple(int(n) for n in tally.admissions_by_band),
        alive_by_band=tuple(int(n) for n in ctx.table.cells.sum(axis=1)),
        admissions_refused=tally.admissions_refused,
        out_of_area_admissions=tally.out_of_area_admissions,
        out_of_area_returns=tally.out_of_area_returns,
        out_of_area_bed_days=float(days[Channel.OUT_OF_AREA]),
        refused_deaths=tally.refused_deaths,
        spot_purchases=tally.spot_purchases,
        spot_place_days_health=tally.spot_place_days[0],
        spot_place_days_council=tally.spot_place_days[1],
        acute_occupancy_at_start=int(ledger.counts_at_start[Channel.ACUTE]),
        acute_occupancy_at_end=int(ctx.table.channel_counts[Channel.ACUTE]),
        acute_peak_occupancy=ledger.peak(Channel.ACUTE),
        acute_bed_cap=acute_bed_cap(ctx.capacity.acute_beds, ctx.escalation_share),
        by_area=area_flows(ctx) if ctx.table.n_areas > 1 else (),
    )


def area_flows(ctx: WeekContext) -> tuple[AreaFlows, ...]:
    """Each area's people and council-bought care this week (a divided place only)."""
    days = ctx.table.ledger.area_channel_days()
    counts = ctx.table.area_counts
    hours = ctx.params.social_care.home_care_hours_per_package_week
    queued = {w: np.bincount(ctx.table.area[live_queue(ctx, w)], minlength=ctx.table.n_areas)
              for w in (Wait.REABLEMENT, Wait.CARE_HOME, Wait.PACKAGE)}
    alive = counts[:, _HOME].sum(axis=1) + counts[:, _PLACED].sum(axis=1)
    return tuple(
        AreaFlows(
            area=name,
            alive=int(alive[a]),
            reablement_place_days=float(days[a, Channel.REABLEMENT]),
            care_home_resident_weeks=float(
                (days[a, Channel.CARE_HOME] + days[a, Channel.CARE_HOME_HELD]) / DAYS_PER_WEEK),
            home_care_hours=float(days[a, Channel.PACKAGE_AT_HOME] / DAYS_PER_WEEK * hours),
            dtoc_reablement_bed_days=float(days[a, Channel.DTOC_REABLEMENT]),
            dtoc_care_home_bed_days=float(days[a, Channel.DTOC_CARE_HOME]),
            waiting_for_package=int(counts[a, Channel.WAIT_PACKAGE_AT_HOME]),
            waiting_for_care_home_at_home=int(counts[a, Channel.WAIT_CARE_HOME_AT_HOME]),
            queue_reablement=int(queued[Wait.REABLEMENT][a]),
            queue_care_home=int(queued[Wait.CARE_HOME][a]),
            queue_package=int(queued[Wait.PACKAGE][a]),
            spot_place_days_council=float(ctx.tally.council_spot_place_days_by_area[a]),
            placements_funded=int(ctx.tally.funded_by_area[a]),
            placements_self_funded=int(ctx.tally.self_funded_by_area[a]),
            admissions=int(ctx.tally.admissions_by_area[a]),

        )
        for a, name in enumerate(ctx.params.area_names)
    )
