"""Whose position made a pool's loss, by cost line: a delayed discharge is the waited-for service's.

A member's ``held`` part of an organisation-level pool is its own position: for a provider,
its income less its costs. A trust holding acute beds pays for the bed days of medically fit
people waiting there for a place in another service (D2A, reablement, a community bed, a care
home), but the service it waits for decides how many there are. So for judging fairness,
trust and the losses a party could not influence, the cost of those days moves from the
trust's position to the members that hold the waited-for capacity, in proportion to it (as
activity is attributed). The part held by providers outside the agreement stays the trust's
(no member made it). Settlements are unchanged: this is whom members blame, not what anyone
pays.

The cost of a delayed day is the trust's own cost of its acute beds over the year divided by
the acute bed days it ran (its average cost per bed day, from its ledger).
"""

from fractions import Fraction

from agents.integrated import line_reference
from sim.core.calendar import WEEKS_PER_YEAR, WeekInfo
from sim.core.kinds import CapacityKind, OrganisationKind
from sim.core.ledger import net_cost_pence
from sim.model.attribution import capacity_shares
from sim.sharing.apportion import apportion_pence

# Delayed days in acute beds by the service they wait for (``WeekFlows`` fields).
DELAYS_BY_SERVICE = {
    CapacityKind.D2A_PLACES: "dtoc_d2a_bed_days",
    CapacityKind.REABLEMENT_PLACES: "dtoc_reablement_bed_days",
    CapacityKind.COMMUNITY_BEDS: "dtoc_community_bed_bed_days",
    CapacityKind.CARE_HOME_PLACES: "dtoc_care_home_bed_days",
}


def blamed_positions(model, state, held: dict[str, int], info: WeekInfo) -> dict[str, int]:
    """Each member's part in making the pool, with delayed days moved to their cause (pence).

    A pooled budget's fund holds its whole pool (no member's position is attributed), so its
    positions are returned as they are.
    """
    members = sorted(state.members)
    caused = {p: held.get(p, 0) for p in members}
    if any(p.id in set(state.spec.scope) for p in model.contracts.pools):
        return caused
    weeks = model.history[info.year * WEEKS_PER_YEAR: info.week + 1]
    bed_days = sum(w.acute_bed_days for w in weeks)
    if bed_days <= 0:
        return caused
    providers = model.providers
    open_ = [p.is_open for p in providers]
    capacities = [p.capacity for p in providers]
    acute_shares = capacity_shares(capacities, CapacityKind.ACUTE_BEDS, open_)
    for trust, acute_share in zip(providers, acute_shares, strict=True):
        if trust.org_id not in caused or acute_share <= 0:
            continue
        # Its delayed days (its acute share of the system's) at its cost per bed day (its
        # acute cost over its share of the bed days): the share cancels.
        acute_cost = _acute_cost_pence(model, trust, info)
        for kind, field in DELAYS_BY_SERVICE.items():
            delay_pence = round(acute_cost * sum(getattr(w, field) for w in weeks) / bed_days)
            if delay_pence <= 0:
                continue
            shares = capacity_shares(capacities, kind, open_)
            holders = {p.org_id: Fraction(share) for p, share in zip(providers, shares,
                                                                    strict=True)
                       if p.org_id in caused and p.org_id != trust.org_id and share > 0}
            if not holders:
                continue
            held_by_members = round(delay_pence * sum(holders.values()))
            for member, part in apportion_pence(held_by_members, holders).items():
                caused[member] -= part
                caused[trust.org_id] += part
    return caused


def _acute_cost_pence(model, trust, info: WeekInfo) -> int:
    """The trust's cost of its acute beds over the year (an integrated one's acute line)."""
    start = info.year * WEEKS_PER_YEAR
    reference = (line_reference(OrganisationKind.ACUTE) if hasattr(trust, "lines") else None)
    return max(0, net_cost_pence(model.ledger.flows(trust.org_id, start, info.week, reference)))
