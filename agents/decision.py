"""How a provider chooses: score each candidate, then a logit choice (bounded rationality).

score = (1 − o) × [PV(own) − risk aversion × PV(downside)] + o × PV(system)
        + mission × PV(outcomes)

with o the organisation's system orientation (moved by trust). Own and system positions are
weighed against each other, so that at o = 1 an organisation is a whole-system planner: it no
longer counts income that is only a transfer from a commissioner as a gain.

where PV discounts over the planning horizon (the first year shortened by any notice
period) and the downside is the loss to its own position if only a pessimistic share of the
benefit elsewhere materialises: ``pessimistic_benefit_share`` (by default half) raised to
the lever's posterior s.d. over its prior s.d. — half while it knows no more than its prior,
closer to all of it as evidence shrinks its uncertainty. The temperature is the
organisation's ``temperature_share_of_turnover`` of its turnover (plus ``temperature_gbp``),
so a charity is as deliberate about its sums as a trust about its own. With temperature 0
the choice is a best response.
"""

import math

import numpy as np

from agents.options import Option
from agents.projection import present_value_factor, value


def logit_choice(scores: list[float], temperature: float, rng: np.random.Generator) -> int:
    """Index chosen among options with these scores.

    Args:
        scores: One score per option (the first is "keep things as they are").
        temperature: In pounds; 0 picks the best (ties keep the earliest option).
        rng: The behaviour random stream.
    """
    if temperature <= 0:
        return int(np.argmax(scores))
    best = max(scores)
    weights = [math.exp((s - best) / temperature) for s in scores]
    total = sum(weights)
    return int(rng.choice(len(scores), p=[w / total for w in weights]))


def score(provider, option: Option) -> float:
    """The provider's score for an option, in pounds of present value."""
    behaviour = provider.behaviour
    effect = option.effect
    pv = present_value_factor(behaviour.horizon_years, behaviour.discount_rate_per_year,
                              effect.notice_weeks)
    central = value(provider, effect)
    share = behaviour.pessimistic_benefit_share ** provider.beliefs.relative_uncertainty(
        f"{provider.org_id}.{option.lever}")
    pessimistic = value(provider, effect.scaled_elsewhere(share))
    downside = max(0.0, -pessimistic.own_gbp)
    orientation = provider.effective_orientation()
    return pv * ((1.0 - orientation) * (central.own_gbp - behaviour.risk_aversion * downside)
                 + orientation * central.system_gbp
                 + behaviour.mission_weight * central.outcome_gbp)


def choose_and_apply(provider, candidates: list[list[Option]], rng,
                     adapts: bool = True) -> list[Option]:
    """For each lever, choose among keeping it and its candidate moves; apply the choice.

    Args:
        provider: The deciding provider.
        candidates: Per lever, the candidate moves (keeping the lever is always an option).
        rng: The behaviour random stream.
        adapts: If False the choice is drawn but not taken: the levers stay where they
            are while the random stream advances as it would (common random numbers for
            paired runs that hold one party's levers).

    Returns:
        The options taken (moves only).
    """
    taken = []
    temperature = provider.temperature_gbp()
    for moves in candidates:
        if not moves:
            continue
        scores = [0.0] + [score(provider, option) for option in moves]
        pick = logit_choice(scores, temperature, rng)
        if pick > 0 and adapts:
            option = moves[pick - 1]
            option.apply()
            taken.append(option)
    return taken
