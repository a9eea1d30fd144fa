"""The annual round: risk-share settlements, pooled budgets, and the contract round."""

from agents.withdrawal import decide_stay
from sim.core.calendar import WeekInfo
from sim.core.ledger import Reason
from sim.core.records import FairnessRecord
from sim.model.blame import blamed_positions
from sim.model.regimes import apply_regimes
from sim.model.staying import stay_view
from sim.outputs.indicators import exposure_rows


def close_year(model, info: WeekInfo) -> None:
    """Close a model year, in order: settle agreements, clear pools, renew contracts, regimes."""
    book, recorder = model.agreement_book, model.recorder
    recorder.extend(exposure_rows(model, info.year))
    recorder.extend(book.settle_year(model, info))
    update_trust_and_membership(model, info)
    return_unshared_pool_balances(model, info)
    remember_income(model, info)
    model.contracts.close_year()
    apply_regimes(model, info)
    if not model.behaviour_on:
        return
    for org in model.organisations:
        recorder.extend(org.close_year(info))


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
        model.agreement_book.previous_income[org.org_id] = sum(
            v for (d, _), v in flows.items() if d == "in")


def update_trust_and_membership(model, info: WeekInfo) -> None:
    """After settlements: each party judges fairness, trust moves, and some parties leave.

    A party leaves an agreement when staying is worth less than leaving costs it
    (``agents.withdrawal``: trust, losses it could not influence, its finances), or at once
    when its reserves breach its floor ("as finances get tighter people withdraw").
    """
    book = model.agreement_book
    for state in book.in_force():
        if state.name not in book.last_settlements:
            continue
        _, lines, held = book.last_settlements[state.name]
        received = dict.fromkeys(sorted(state.members), 0)  # a set: order it (determinism)
        for line in lines:
            if line.party in received:
                received[line.party] += line.amount_pence
        caused = blamed_positions(model, state, held, info)
        book.remember(state.name, received, caused)
        behaviour = {p: model.by_id[p].behaviour for p in received}
        # A partner under notice to leave has not kept its commitment to the agreement's term.
        kept = [p for p in received if (state.name, p) not in book.leaving]
        judged = model.trust.update(received, caused, behaviour, kept)
        model.recorder.extend(FairnessRecord(
            year=info.year, agreement=state.name, organisation=party, fairness=fair,
            received_pence=received[party], caused_pence=caused[party],
            trust=book.trust_in(model.trust, state.name, party, state.members))
            for party, fair in judged.items())
        if model.behaviour_on:
            _withdraw(model, state, info)


def _withdraw(model, state, info: WeekInfo) -> None:
    """Each member that breaches its reserves floor, or values staying below leaving, leaves."""
    for party in sorted(state.members):
        behaviour = model.by_id[party].behaviour
        reserves_gbp = model.ledger.balance(party) / 100
        trust = model.agreement_book.trust_in(model.trust, state.name, party, state.members)
        if reserves_gbp < behaviour.reserves_exit_threshold_gbp:
            exits = model.agreement_book.leave(
                state.name, party, info.week, f"reserves £{reserves_gbp:,.0f} below its floor",
                cause="reserves_breach")
        elif model.by_id[party].weighs_notice_at_contract_round:
            continue  # it weighs staying with its other choices (agents.commissioning)
        elif behaviour.withdrawal_rule == "thresholds":
            if trust >= behaviour.trust_exit_threshold:
                continue
            exits = model.agreement_book.leave(
                state.name, party, info.week, f"trust {trust:.2f} below threshold",
                cause="trust_threshold", trust=trust)
        else:
            view = stay_view(model, state, party)
            decision = decide_stay(view)
            if not decision.leave:
                continue
            exits = model.agreement_book.leave(
                state.name, party, info.week,
                f"{decision.reason.value}: staying worth £{decision.value_gbp:,.0f}",
                cause=decision.reason.name.lower(), stay_value_gbp=decision.value_gbp,
                trust=view.trust, uninfluenceable_loss_share=view.uninfluenceable_loss_share)
        model.recorder.extend(exits)
