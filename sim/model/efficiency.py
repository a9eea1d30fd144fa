"""Efficiency programmes in the model: a plan each year, delivery drawn, savings posted monthly.

At each year's start a provider with a programme plans a saving (see
``sim.scenario.efficiency``) and draws its achievement from the run's own efficiency
stream, so runs without programmes draw nothing and are unchanged. The delivered saving
is posted in twelfths as ``efficiency_saving`` entries (suppliers pay the provider back
what it no longer spends). A part that counts on a lever move (``depends_on``) is posted
each month only as far as the lever has moved that month, read from the provider's
positions (a capacity's units in force). The year's record — planned, delivered, the
shortfall and the part of it due to the lever — is made after the twelfth posting, so
the shortfall shows in the provider's cost and in any agreement's out-turn exactly.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from sim.core.ledger import SUPPLIERS, Reason
from sim.core.records import EfficiencyRecord
from sim.scenario.efficiency import Delivery, LeverDependency

LAST_MONTH = 11


@dataclass
class PlannedYear:
    """One provider's programme for the year being posted."""

    year: int
    planned_pence: int
    achievement: float
    free_pence: int  # delivered whatever the levers do
    on_lever_pence: int  # delivered only as far as the lever has moved
    depends_on: LeverDependency | None
    posted_pence: int = 0
    lever_shortfall_pence: int = 0


def plan_efficiency_year(model, year: int) -> None:
    """Plan each programme's saving for model year ``year`` and draw its delivery.

    A provider in recovery (``model.mandated_efficiency``) plans at least the mandated share
    of its cost base, delivered as its own programme's (or the default) delivery.
    """
    model.efficiency_plans = {}
    mandated = model.mandated_efficiency
    for provider in model.providers:
        programme = provider.spec.efficiency
        share = mandated.get(provider.org_id)
        if programme is None and share is None:
            continue
        cost_base = provider.cost_base_pence(year)
        planned = programme.planned_pence(year, cost_base) if programme else 0
        if share is not None:
            planned = max(planned, round(share * cost_base))
        delivery = programme.delivery if programme else Delivery()
        achievement = delivery.draw(model.efficiency_rng)
        delivered = round(planned * achievement)
        depends_on = programme.depends_on if programme else None
        on_lever = (int((Decimal(delivered) * Decimal(repr(depends_on.share_of_plan)))
                        .to_integral_value(ROUND_HALF_EVEN)) if depends_on else 0)
        model.efficiency_plans[provider.org_id] = PlannedYear(
            year=year, planned_pence=planned, achievement=achievement,
            free_pence=delivered - on_lever, on_lever_pence=on_lever, depends_on=depends_on)


def _twelfth(total: int, month: int) -> int:
    # The twelve telescope to the year's total exactly.
    return total * (month + 1) // 12 - total * month // 12


def post_efficiency_month(model, week: int, month: int) -> None:
    """Post a month's saving; after the twelfth month record the year's programme."""
    by_id = {provider.org_id: provider for provider in model.providers}
    for org_id, plan in sorted(model.efficiency_plans.items()):
        amount = _twelfth(plan.free_pence, month)
        if plan.on_lever_pence:
            due = _twelfth(plan.on_lever_pence, month)
            moved = plan.depends_on.completion(by_id[org_id].positions()[plan.depends_on.lever])
            delivered = int((due * moved).to_integral_value(ROUND_HALF_EVEN))
            plan.lever_shortfall_pence += due - delivered
            amount += delivered
        plan.posted_pence += amount
        model.ledger.post(week, SUPPLIERS, org_id, amount, Reason.EFFICIENCY_SAVING,
                          "efficiency programme")
    if month == LAST_MONTH:
        for org_id, plan in model.efficiency_plans.items():  # the providers' order
            model.recorder.add(EfficiencyRecord(
                year=plan.year, organisation=org_id, planned_pence=plan.planned_pence,
                achievement=plan.achievement, delivered_pence=plan.posted_pence,
                shortfall_pence=plan.planned_pence - plan.posted_pence,
                lever_shortfall_pence=plan.lever_shortfall_pence))
