"""The annual round: risk-share settlements, pooled budgets, and the contract round."""

from sim.calendar import WeekInfo
from sim.ledger import Reason


def close_year(model, info: WeekInfo) -> None:
    """Close a model year, in order: settle agreements, clear pools, renew contracts."""
    from sim.risk_share import settle_agreements

    settle_agreements(model, info)
    return_unshared_pool_balances(model, info)
    remember_income(model, info)
    model.contracts.close_year()
    for commissioner in model.commissioners:
        contract_round = getattr(commissioner, "contract_round", None)
        if contract_round is not None:
            contract_round(info)


def return_unshared_pool_balances(model, info: WeekInfo) -> None:
    """Give back (or call in) a pool's balance pro rata to contributions.

    Pools covered by an agreement were already settled by it; this clears the rest so
    that no money is left in a pool between years.
    """
    for pool in model.contracts.pools:
        balance = model.ledger.balance(pool.id)
        if balance == 0:
            continue
        shares = pool.contributions_gbp_per_year
        total = sum(shares.values())
        ids = sorted(shares)
        amounts = [int(balance * shares[c] / total) if total else 0 for c in ids]
        amounts[-1] += balance - sum(amounts)  # the last contributor takes the odd pence
        for contributor, amount in zip(ids, amounts, strict=True):
            model.ledger.post(info.week, pool.id, contributor, amount,
                              Reason.RISK_SHARE_SETTLEMENT, f"{pool.id}: year-end balance")


def remember_income(model, info: WeekInfo) -> None:
    """Keep each organisation's income for the year (next year's "budget fell" test)."""
    start = info.year * 52
    for org in model.organisations:
        flows = model.ledger.flows(org.org_id, start, info.week)
        model.previous_income[org.org_id] = sum(v for (d, _), v in flows.items() if d == "in")
