"""What a party expects an agreement to pay it, through the agreement's own settlement.

A party forecasts the year's baseline of each agreement it is in by the agreement's own
baseline rule (its terms: a fixed base year, rolled published out-turns, population
growth; ``sim.model.risk_share.forecast_figures``), and its out-turn from what is
published (the settled out-turns, year by year) and its own record of how its past
forecasts of the out-turn compared with the actual:

    out-turn_f = O_last · r_O · exp(b)

where r_O is the geometric-mean year-on-year ratio of the settled out-turns (1 until two
years are settled; held in ``TREND_BOUNDS``), and b the party's
belief about its own bias: the mean log ratio of actual to forecast out-turn over the
years it has forecast, shrunk towards no bias as if one more year had come out exactly
(``b = Σ log(actual/forecast) / (n + 1)``, forecasts by the trend alone, so the
belief does not chase its own corrections). It then settles that forecast with the
agreement's real, pure settlement function. An option that moves in-scope cost moves the
forecast out-turn; the option's worth to the party is the change in its settled lines.
Corridors, caps, thresholds and tiers therefore bite as they will, which a share of a
hypothetical pool applied linearly cannot show (inside a corridor the residual party
keeps every penny of a small change; past a cap nothing more comes back).
"""

import math
from collections.abc import Sequence

from sim.core.money import gbp_to_pence, pence_to_gbp
from sim.sharing import RiskShareAgreement, YearFigures, settle_risk_share

# A place's spend on the agreement's scope does not grow or shrink by more than a quarter a
# year from trend (estimate: NHS and council budgets move by a few per cent a year; the
# bounds only keep a freak year, or a scope that lost a member, from being extrapolated).
TREND_BOUNDS = (0.8, 1.25)


def trend_ratio(values: Sequence[int]) -> float:
    """Geometric-mean year-on-year ratio of a published series (1 with fewer than two years)."""
    usable = [v for v in values if v > 0]
    if len(usable) < 2:
        return 1.0
    ratio = (usable[-1] / usable[0]) ** (1.0 / (len(usable) - 1))
    low, high = TREND_BOUNDS
    return min(high, max(low, ratio))


def bias_belief(record: Sequence[tuple[int, int]]) -> float:
    """b: mean log(actual / forecast) of its out-turn forecasts, shrunk by one unbiased year.

    Args:
        record: ``(trend forecast, actual)`` out-turns in pence, one per year it forecast.
    """
    logs = [math.log(actual / forecast) for forecast, actual in record
            if forecast > 0 and actual > 0]
    return sum(logs) / (len(logs) + 1)


def trend_outturn_pence(outturns: Sequence[int]) -> int | None:
    """``O_last · r_O`` in pence: the out-turn the trend alone forecasts (None before any).

    Args:
        outturns: The out-turn of each settled year, oldest first (pence).
    """
    if not outturns:
        return None
    return round(outturns[-1] * trend_ratio(outturns))


def forecast_outturn_pence(outturns: Sequence[int],
                           record: Sequence[tuple[int, int]]) -> int | None:
    """This year's forecast out-turn, ``O_last · r_O · exp(b)`` (None before any settlement).

    Args:
        outturns: The out-turn of each settled year, oldest first (pence).
        record: ``(trend forecast, actual)`` out-turns of the years it forecast.
    """
    trend = trend_outturn_pence(outturns)
    return None if trend is None else round(trend * math.exp(bias_belief(record)))


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
