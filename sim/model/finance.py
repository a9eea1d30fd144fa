"""Month-end money: allocations, pool contributions, contract payments and costs."""

from dataclasses import dataclass

from sim.core.calendar import WEEKS_PER_YEAR, WeekInfo, month_of
from sim.core.kinds import CapacityKind
from sim.core.ledger import OPENING_EQUITY, SUPPLIERS, Reason
from sim.core.money import gbp_to_pence
from sim.core.records import ExitRecord, OrganisationMonth
from sim.model.areas import council_of_area
from sim.model.efficiency import post_efficiency_month
from sim.model.network import update_money
from sim.scenario.organisations import CommissionerType
from sim.sharing.apportion import apportion_pence


def open_accounts(model) -> None:
    """Post each organisation's opening reserves, and open an account per pooled budget."""
    for org in model.organisations:
        model.ledger.post(0, OPENING_EQUITY, org.org_id, gbp_to_pence(org.spec.reserves_gbp),
                          Reason.OPENING_RESERVES)
    for pool in model.contracts.pools:
        model.ledger.add_account(pool.id)


@dataclass(frozen=True)
class MoneyToDate:
    """The run's money so far, from the ledger (integer pence).

    Attributes:
        system_cost_pence: Everything paid to suppliers so far, net of savings: providers'
            costs and the care commissioners buy outside the place.
        pooled_pence: Money held in the pooled budgets now.
        surplus_pence: Each organisation's reserves less its opening reserves, reserves
            returned above the allocation cap added back (its out-turn, as in
            ``finance_annual``).
    """

    system_cost_pence: int
    pooled_pence: int
    surplus_pence: dict[str, int]


def money_to_date(model) -> MoneyToDate:
    """The money so far: system cost, pooled budgets and each organisation's surplus."""
    balances = model.ledger.balances()
    return MoneyToDate(
        system_cost_pence=balances[SUPPLIERS],
        pooled_pence=sum(balances[pool.id] for pool in model.contracts.pools),
        surplus_pence={org.org_id: balances[org.org_id] - gbp_to_pence(org.spec.reserves_gbp)
                       + model.returned_pence.get(org.org_id, 0)
                       for org in model.organisations})


def post_month(model, info: WeekInfo) -> None:
    """Everything that is paid at a month's end, in a fixed order."""
    for commissioner in model.commissioners:
        commissioner.receive_allocation(info.week, info.year, info.month)
    model.contracts.contribute_to_pools(model.ledger, info.week, info.month)
    score = outcome_score(model, info.year) if info.month == 11 else None
    model.contracts.pay_month(model.ledger, info.week, info.month, lambda payee: score)
    for provider in model.providers:
        provider.post_accrued_costs(info.week)
    post_efficiency_month(model, info.week, info.month)
    charge_out_of_area(model, info.week)
    charge_refusal_sanctions(model, info.week)
    charge_spot_purchases(model, info.week)
    track_distress(model, info)
    record_organisations(model, info)


CLOSED_REASON = "closed: reserves negative too long"


def track_distress(model, info: WeekInfo) -> None:
    """Count weeks each provider's reserves stay negative; those that can close do at the limit."""
    weeks_in_month = sum(1 for wiy in range(WEEKS_PER_YEAR) if month_of(wiy) == info.month)
    for provider in model.providers:
        if model.ledger.balance(provider.org_id) < 0:
            provider.in_distress_weeks += weeks_in_month
        else:
            provider.in_distress_weeks = 0
        # Under the solvency guard the commissioners stand behind the deficit: no closure.
        if (provider.closes_in_distress and provider.is_open and not model.solvency_guard
                and provider.in_distress_weeks >= provider.spec.distress_weeks):
            provider.close(info.week)
            model.recorder.add(ExitRecord(week=info.week, year=info.year, agreement="",
                                          organisation=provider.org_id,
                                          reason=CLOSED_REASON, cause="closure"))


def record_organisations(model, info: WeekInfo) -> None:
    """Snapshot each organisation at a month's end; refresh the money on the graph."""
    balances = model.ledger.balances()
    year_start = model.ledger.balances(info.year * WEEKS_PER_YEAR - 1)
    surplus = {org.org_id: balances[org.org_id] - year_start[org.org_id]
               for org in model.organisations}
    update_money(model.graph, model.contracts.contracts, balances, surplus)
    model.recorder.extend(OrganisationMonth(
        week=info.week, year=info.year, month=info.month, organisation=org.org_id,
        kind=org.kind.value, reserves_pence=balances[org.org_id],
        capacity={kind.value: units for kind, units in org.capacity_units().items()},
        levers=org.lever_values()) for org in model.organisations)


def outcome_score(model, year: int) -> float:
    """The year's outcome score in [0, 1]: the share of acute bed days that were not delayed.

    One system-wide measure (flow out of hospital) stands in for the outcome frameworks of
    outcome-linked contracts; it rewards what every partner can influence.
    """
    weeks = model.history[year * 52:(year + 1) * 52]
    bed_days = sum(f.acute_bed_days for f in weeks)
    delayed = sum(f.dtoc_bed_days for f in weeks)
    if bed_days <= 0:
        return 1.0
    return max(0.0, min(1.0, 1.0 - delayed / bed_days))


def out_of_area_charge_pence(bed_days: float, cost_per_day_gbp: float) -> int:
    """Whole pence for ``bed_days`` of out-of-area acute care at ``cost_per_day_gbp``."""
    return round(bed_days * gbp_to_pence(cost_per_day_gbp))


def charge_out_of_area(model, week: int) -> None:
    """The health commissioner pays for the month's out-of-area bed days (whole place).

    The money leaves the place (to suppliers: another place's hospital is outside it), so
    it is part of the system's cost. With no health commissioner the first one pays.
    """
    days, model.out_of_area_days_unbilled = model.out_of_area_days_unbilled, 0.0
    cost = model.population.params.hospital.out_of_area_bed_day_cost_gbp
    pence = out_of_area_charge_pence(days, cost)
    if pence <= 0 or not model.commissioners:
        return
    health = [c for c in model.commissioners if c.commissioner_type == CommissionerType.HEALTH]
    payer = (health or model.commissioners)[0]
    model.ledger.post(week, payer.org_id, SUPPLIERS, pence, Reason.OUT_OF_AREA_CARE,
                      f"{days:.1f} out-of-area bed days")


def refusal_sanction_pence(refusals: float, sanction_gbp: float) -> int:
    """Whole pence due for ``refusals`` emergencies refused at ``sanction_gbp`` each."""
    return round(refusals * gbp_to_pence(sanction_gbp))


def charge_refusal_sanctions(model, week: int) -> None:
    """The trusts holding acute beds pay the month's refusal sanction to the commissioner.

    A refused emergency is a breach of the contract's quality requirements (a long trolley
    wait, a delayed ambulance handover). The sanction is a transfer within the place, not
    a cost of care: it moves money from the trust to the health commissioner (the first
    commissioner without one) and leaves the system's cost alone. With several trusts
    holding acute beds the sanction is split by their staffed beds, to the penny.
    """
    refusals, model.refusals_unbilled = model.refusals_unbilled, 0.0
    sanction = model.population.params.hospital.refused_admission_sanction_gbp
    pence = refusal_sanction_pence(refusals, sanction)
    trusts = {p.org_id: p.capacity.get(CapacityKind.ACUTE_BEDS, 0) for p in model.providers
              if p.holds_acute_beds and p.is_open}
    if pence <= 0 or not model.commissioners or not any(trusts.values()):
        return
    health = [c for c in model.commissioners if c.commissioner_type == CommissionerType.HEALTH]
    payee = (health or model.commissioners)[0]
    for trust, share in sorted(apportion_pence(pence, trusts).items()):
        if share > 0:
            model.ledger.post(week, trust, payee.org_id, share, Reason.REFUSAL_SANCTION,
                              f"{refusals:.1f} emergencies refused")


def charge_spot_purchases(model, week: int) -> None:
    """Commissioners pay the spot premium on the month's places bought above their own.

    D2A and community beds are the health commissioner's, reablement and care homes the
    council's: the council of the area whose people needed them (the first of each type;
    with none of a type, the first commissioner). The premium leaves the place, to the
    suppliers of the spot market.
    """
    unbilled, model.spot_days_unbilled = model.spot_days_unbilled, {}
    premium = model.population.params.hospital.spot_premium_gbp_per_day
    for (kind, area), days in sorted(unbilled.items()):
        pence = out_of_area_charge_pence(days, premium)
        if pence <= 0 or not model.commissioners:
            continue
        mine = [c for c in model.commissioners if c.commissioner_type == kind]
        if kind == CommissionerType.LOCAL_AUTHORITY:
            mine = [council_of_area(model.commissioners, model.place, area)] if mine else []
        payer = (mine or model.commissioners)[0]
        model.ledger.post(week, payer.org_id, SUPPLIERS, pence, Reason.SPOT_PURCHASE,
                          f"{days:.1f} spot-purchased place days")
