"""What a party expects an agreement to pay it, through the agreement's own settlement.

A party forecasts the year's baseline and out-turn of each agreement it is in (from what
is published: the agreement's last settled figures) and settles that forecast with the
agreement's real, pure settlement function. An option that moves in-scope cost moves the
forecast out-turn; the option's worth to the party is the change in its settled lines.
Corridors, caps, thresholds and tiers therefore bite as they will, which a share of a
hypothetical pool applied linearly cannot show (inside a corridor the residual party
keeps every penny of a small change; past a cap nothing more comes back).
"""

from sim.core.money import gbp_to_pence, pence_to_gbp
from sim.sharing import RiskShareAgreement, YearFigures, settle_risk_share


def party_settlement_pence(agreement: RiskShareAgreement, figures: YearFigures,
                           party: str) -> int:
    """The party's net lines when ``figures`` are settled under ``agreement``."""
    return settle_risk_share(agreement, figures).totals_by_party().get(party, 0)


def settlement_change_pence(agreement: RiskShareAgreement, figures: YearFigures, party: str,
                            cost_change_pence: int, before_pence: int | None = None) -> int:
    """Change in the party's settlement when in-scope cost moves by ``cost_change_pence``.

    The forecast out-turn moves by the cost change (the pool by minus it); an out-turn
    cannot fall below zero. ``before_pence`` is the party's settlement of ``figures``
    unchanged, when the caller already has it (it is the same for every option weighed).
    """
    if cost_change_pence == 0:
        return 0
    before = (party_settlement_pence(agreement, figures, party) if before_pence is None
              else before_pence)
    outturn = max(0, gbp_to_pence(figures.outturn_gbp) + cost_change_pence)
    moved = figures.model_copy(update={"outturn_gbp": pence_to_gbp(outturn)})
    return party_settlement_pence(agreement, moved, party) - before
