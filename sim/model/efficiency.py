"""Efficiency programmes in the model: a plan each year, delivery drawn, savings posted monthly.

At each year's start a provider with a programme plans a saving (see
``sim.scenario.efficiency``) and draws its achievement from the run's own efficiency
stream, so runs without programmes draw nothing and are unchanged. The delivered saving
is posted in twelfths as ``efficiency_saving`` entries (suppliers pay the provider back
what it no longer spends); the shortfall against the plan is recorded, and shows in the
provider's cost and in any agreement's out-turn exactly.
"""

from sim.core.ledger import SUPPLIERS, Reason
from sim.core.records import EfficiencyRecord
from sim.scenario.efficiency import Delivery


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
        model.efficiency_plans[provider.org_id] = delivered
        model.recorder.add(EfficiencyRecord(
            year=year, organisation=provider.org_id, planned_pence=planned,
            achievement=achievement, delivered_pence=delivered,
            shortfall_pence=planned - delivered))


def post_efficiency_month(model, week: int, month: int) -> None:
    """Post a twelfth of each delivered saving (the twelve telescope to the year's)."""
    for org_id, delivered in sorted(model.efficiency_plans.items()):
        amount = delivered * (month + 1) // 12 - delivered * month // 12
        model.ledger.post(week, SUPPLIERS, org_id, amount, Reason.EFFICIENCY_SAVING,
                          "efficiency programme")
