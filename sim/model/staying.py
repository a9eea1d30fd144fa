"""What a party sees of staying in an agreement, from the settlements it has seen."""

from agents.withdrawal import StayView


def stay_view(model, state, party: str) -> StayView:
    """What a party weighs about staying in an agreement, in pounds, from what it has seen."""
    book, behaviour = model.agreement_book, model.by_id[party].behaviour
    seen = tuple(p / 100 for p in book.settlements_seen.get((state.name, party), ()))
    return StayView(
        settlements_seen=seen, trust=book.trust_in(model.trust, state.name, party, state.members),
        uninfluenceable_loss_share=book.uninfluenceable_share(state.name, party),
        reserves_gbp=model.ledger.balance(party) / 100,
        exit_cost_gbp=behaviour.exit_cost_gbp,
        prior_spread_gbp=behaviour.stay_prior_spread_share * abs(seen[0]) if seen else 0.0,
        downside_sds=behaviour.stay_downside_sds)
