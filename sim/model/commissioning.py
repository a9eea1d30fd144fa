"""A responsive commissioner's contract round: its view built from the books, its plan applied.

The choice itself is the pure rule of ``agents.commissioning``; this module reads what the
commissioner can see (its allocation, its spending in the ledger, the contracts it pays,
its pool contributions, the settlements it has seen) and puts what it chose in force for
the coming year, recording each choice with its reason.
"""

from agents.commissioning import (
    AgreementLine,
    Choice,
    CommissionPlan,
    CommissionView,
    ContractLine,
    InYearView,
    PlacementPolicy,
)
from sim.core.calendar import WeekInfo
from sim.core.kinds import OrganisationKind
from sim.core.money import gbp_to_pence, pence_to_gbp
from sim.core.records import CommissionerDecision
from sim.model.staying import stay_view

# Terms a commissioner sets locally: fixed values, and the planned volumes they buy.
CONTROLLED_FIELDS = ("annual_value_gbp", "per_head_gbp", "planned_volume")


def controls(terms) -> bool:
    """Whether a contract has a value or volume its payer sets (not a national unit price)."""
    return any(hasattr(terms, name) for name in CONTROLLED_FIELDS)


def social_care_bought_by(model, commissioner) -> list:
    """The social care providers a local authority pays directly (its placements).

    An integrated provider's social care line counts as one when the council pays it.
    """
    if commissioner.commissioner_type != "local_authority":
        return []
    payees = {c.spec.payee for c in model.contracts.contracts
              if c.spec.payer == commissioner.org_id}
    return [p for p in model.service_units()
            if p.kind is OrganisationKind.SOCIAL_CARE and p.org_id in payees]


def placement_set_by_council(model, provider_id: str) -> bool:
    """Whether a responsive council's eligibility policy, not the market, sets its placements."""
    return any(c.responsive and any(p.org_id == provider_id
                                    for p in social_care_bought_by(model, c))
               for c in model.commissioners)


def placement_policy(model, commissioner) -> PlacementPolicy | None:
    """A council's eligibility policy for residential care, if it buys social care."""
    markets = social_care_bought_by(model, commissioner)
    if not markets:
        return None
    quoted = model.place.behaviour.quoted_unit_cost_gbp
    hours = model.place.population.social_care.home_care_hours_per_package_week
    return PlacementPolicy(
        bias=float(markets[0].levers.residential_placement_bias),
        starting_bias=float(markets[0].spec.levers.residential_placement_bias),
        residential_week_gbp=quoted.care_home_week,
        home_week_gbp=hours * quoted.home_care_hour,
        step=commissioner.behaviour.placement_bias_step)


def commission_view(model, commissioner, info: WeekInfo) -> CommissionView:
    """What a commissioner sees at the year's end, in pounds."""
    org_id = commissioner.org_id
    contracts = tuple(
        ContractLine(c.spec.id, c.paid_by_year_pence[-1] / 100,
                     grant=model.by_id[c.spec.payee].kind is OrganisationKind.VOLUNTARY)
        for c in model.contracts.contracts
        if c.spec.payer == org_id and controls(c.terms) and c.paid_by_year_pence
        and c.paid_by_year_pence[-1] > 0)
    pools = tuple((pool.id, float(pool.contributions_gbp_per_year[org_id]))
                  for pool in model.contracts.pools
                  if pool.contributions_gbp_per_year.get(org_id, 0) > 0)
    pool_ids = {pool.id for pool in model.contracts.pools}
    agreements = tuple(
        AgreementLine(state.name, stay_view(model, state, org_id),
                      tuple(p for p in state.spec.scope if p in pool_ids))
        for state in model.agreement_book.agreements_of(org_id))
    return CommissionView(
        allocation_gbp=commissioner.allocation_pence_for_year(info.year + 1) / 100,
        contingency_gbp=commissioner.contingency_pence_for_year(info.year + 1) / 100,
        spent_gbp=commissioner.spent_this_year_pence(info) / 100,
        contracts=contracts, pool_contributions_gbp=pools, agreements=agreements,
        placement=placement_policy(model, commissioner))


def in_year_view(model, commissioner, info: WeekInfo) -> InYearView:
    """What a commissioner sees at a quarter's end: this year's budget and spend to date."""
    return InYearView(
        allocation_gbp=commissioner.allocation_pence_for_year(info.year) / 100,
        contingency_gbp=commissioner.contingency_pence_for_year(info.year) / 100,
        spent_to_date_gbp=commissioner.spent_this_year_pence(info) / 100,
        months_elapsed=info.month + 1,
        placement=placement_policy(model, commissioner))


def apply_in_year(model, commissioner, choices: tuple[Choice, ...], info: WeekInfo) -> list:
    """Put in-year choices in force at once; their records (for the year under way)."""
    records = []
    for choice in choices:
        if choice.kind == "placement_policy":
            for market in social_care_bought_by(model, commissioner):
                market.set_lever("residential_placement_bias", choice.new_value)
        records.append(CommissionerDecision(
            year=info.year, week=info.week, organisation=commissioner.org_id,
            kind=choice.kind, target=choice.target, old_value=choice.old_value,
            new_value=choice.new_value, reason=choice.reason))
    return records


def apply_plan(model, commissioner, plan: CommissionPlan, view: CommissionView,
               info: WeekInfo) -> list:
    """Put the plan in force for next year; its records (choices, and exits on notice)."""
    org_id = commissioner.org_id
    records = []
    for choice in plan.choices:
        if choice.kind in ("contract_value", "grant"):
            model.contracts.scale_contract(choice.target, choice.new_value / choice.old_value)
        elif choice.kind == "placement_policy":
            for market in social_care_bought_by(model, commissioner):
                market.set_lever("residential_placement_bias", choice.new_value)
        elif choice.kind == "pool_contribution":
            model.contracts.set_contribution(choice.target, org_id,
                                             pence_to_gbp(gbp_to_pence(round(choice.new_value, 2))))
        records.append(CommissionerDecision(
            year=info.year + 1, week=info.week, organisation=org_id, kind=choice.kind,
            target=choice.target,
            old_value=choice.old_value, new_value=choice.new_value, reason=choice.reason))
    stays = {a.name: a.stay for a in view.agreements}
    for name, decision in plan.stays:
        if decision.leave:
            records += model.agreement_book.leave(
                name, org_id, info.week,
                f"{decision.reason.value}: staying worth £{decision.value_gbp:,.0f}",
                cause=decision.reason.name.lower(), stay_value_gbp=decision.value_gbp,
                trust=stays[name].trust,
                uninfluenceable_loss_share=stays[name].uninfluenceable_loss_share)
    return records
