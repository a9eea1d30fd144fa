"""How a provider chooses: score combinations of lever moves, then a logit choice.

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

**Levers chosen together** (``[behaviour] lever_choice = "joint"``, the default). Two levers
can claim the same saving: more D2A places and faster discharge both empty the beds that
would otherwise run as escalation, two step-down services the same delayed days. Scored
alone against the same view, each counts the whole saving and both are taken. Here a
review scores *combinations* of moves, one move (or none) per lever:

- A combination's believed effect is built move by move, each move's effect worked out
  again (``Option.remake``) from the view as the moves before it would leave it
  (``agents.projection.figures_after``: activity, delayed days by destination, beds), and
  the effects added (``agents.projection.combined``). Delayed days the first frees are gone
  from the view the second caps its own by; escalation, convex in occupancy, is reckoned
  for each at the occupancy and beds the ones before leave, so the escalation of the
  whole is the change from the view to the view after every move. Nothing is counted twice,
  and the valuation (contract income on the outcome score, what it keeps of a pool as it
  will settle) is of the whole combined change.
- Moves come into force after their own notice. Taken in order of notice, the set in
  force grows through the first year, so the combination's present value is the sum over
  its moves of PV(that move's notice) × (annual score of the moves in force once it is −
  annual score before it): exactly the PV of the year segment by segment, and a single
  move's score is what it was when levers were judged alone. The downside test scales each
  move's benefit elsewhere by its own lever's pessimistic share.
- The combination is chosen by rounds of logit best response across levers: starting
  from keeping everything, each round weighs standing still against every combination
  that changes one lever (to keeping it or to another of its moves), scored as a whole,
  and takes the one its logit at the organisation's temperature draws; it stops when it
  draws standing still, at most ``ROUNDS`` rounds. At temperature 0 this is steepest
  ascent: the most valuable move first, then the best change given it, and so on, to a
  combination no change of one lever improves. (Taking the levers in turn instead, a
  first lever's move can shut out a better one of a later lever that claims the same
  delays: over random sets of three such services the turn-by-turn rounds missed the best
  combination in 121 of 300, these in 4, each within 1.1% of it.)

Why not score every combination: an acute trust has four levers of up to five options each
(625 combinations) and an integrated provider a dozen (millions), each combination a
valuation through the payment and settlement functions every quarter. The rounds value
the single moves (as judging the levers one at a time did) and then only the changes
around the moves they take, about twice as many valuations in the default place; each
combination's valuation is kept for the review.

**Random numbers.** A review draws ``ROUNDS`` uniforms, whatever it chooses and whatever
the temperature, so a provider whose levers are held (``adapts = false``) advances
the behaviour stream exactly as it would if it adapted: paired runs keep common random
numbers. ``lever_choice = "separate"`` keeps the earlier rule, each lever judged alone
against the view (one draw per lever with moves), for comparison.
"""

import math
from contextlib import contextmanager

import numpy as np

from agents.options import Option
from agents.projection import Effect, Valuer, combined, figures_after, present_value_factor

# Most rounds (changes of one lever) at one review. estimate: a quarter's plan changes a
# few levers; in the default place a review takes at most four moves, and a round that
# draws standing still ends the review.
ROUNDS = 8


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


def logit_pick(scores: list[float], temperature: float, uniform: float) -> int:
    """Index chosen among options with these scores, by one uniform draw in [0, 1).

    The logit's cumulative probabilities are searched for the draw (as ``Generator.choice``
    does); temperature 0 picks the best, ties keeping the earliest option.
    """
    if temperature <= 0:
        return int(np.argmax(scores))
    best = max(scores)
    weights = [math.exp((s - best) / temperature) for s in scores]
    threshold, cumulative = uniform * sum(weights), 0.0
    for index, weight in enumerate(weights):
        cumulative += weight
        if threshold < cumulative:
            return index
    return len(weights) - 1


def pessimistic_share(provider, lever: str) -> float:
    """Share of a lever's benefit elsewhere assumed in the downside test."""
    return provider.behaviour.pessimistic_benefit_share ** provider.beliefs.relative_uncertainty(
        f"{provider.org_id}.{lever}")


def annual_score(provider, central, pessimistic, orientation: float) -> float:
    """Score per year once in force, from the central and pessimistic valuations."""
    behaviour = provider.behaviour
    downside = max(0.0, -pessimistic.own_gbp)
    return ((1.0 - orientation) * (central.own_gbp - behaviour.risk_aversion * downside)
            + orientation * central.system_gbp
            + behaviour.mission_weight * central.outcome_gbp)


def score(provider, option: Option, valuer: Valuer | None = None) -> float:
    """The provider's score for one option judged alone, in pounds of present value."""
    behaviour = provider.behaviour
    valuer = valuer or Valuer(provider)
    effect = option.effect
    pv = present_value_factor(behaviour.horizon_years, behaviour.discount_rate_per_year,
                              effect.notice_weeks)
    central = valuer.value(effect)
    pessimistic = valuer.value(effect.scaled_elsewhere(pessimistic_share(provider, option.lever)))
    return pv * annual_score(provider, central, pessimistic, provider.effective_orientation())


class JointScores:
    """Scores of combinations of one review's candidate moves (one or none per lever).

    A combination is a tuple with one entry per lever: 0 keeps it, k takes its k-th move.
    Everything worked out for a combination (its moves' effects, valuations) is kept for
    the review, so the rounds value each combination once.
    """

    def __init__(self, provider, candidates: list[list[Option]]) -> None:
        """Score combinations of ``candidates`` for ``provider`` against its view now."""
        self.provider = provider
        self.candidates = candidates
        self.valuer = Valuer(provider)
        self.orientation = provider.effective_orientation()
        self._pv: dict[int, float] = {}
        self._shares: dict[str, float] = {}
        self._built: dict[tuple, tuple[dict, Effect, Effect]] = {}
        self._annual: dict[tuple, float] = {}

    def score(self, picks: tuple[int, ...]) -> float:
        """Present value score of a combination (0 for keeping every lever)."""
        moves = sorted((self.candidates[i][k - 1].effect.notice_weeks, i, k)
                       for i, k in enumerate(picks) if k)
        total, before, key = 0.0, 0.0, ()
        for n, (notice, i, k) in enumerate(moves):
            key += ((i, k),)
            if n + 1 < len(moves) and moves[n + 1][0] == notice:
                continue  # moves of one notice come into force together: value them so
            now = self._annual_score(key)
            total += self._pv_factor(notice) * (now - before)
            before = now
        return total

    def effect(self, picks: tuple[int, ...]) -> Effect:
        """The believed effect of a combination as a whole (its moves in order of notice)."""
        moves = sorted((self.candidates[i][k - 1].effect.notice_weeks, i, k)
                       for i, k in enumerate(picks) if k)
        if not moves:
            return Effect()
        return self._build(tuple((i, k) for _, i, k in moves))[1]

    def _annual_score(self, key: tuple) -> float:
        if key not in self._annual:
            _, central, pessimistic = self._build(key)
            self._annual[key] = annual_score(self.provider, self.valuer.value(central),
                                             self.valuer.value(pessimistic), self.orientation)
        return self._annual[key]

    def _build(self, key: tuple) -> tuple[dict, Effect, Effect]:
        """View figures after the moves of ``key``, their combined and pessimistic effects."""
        if key in self._built:
            return self._built[key]
        i, k = key[-1]
        option = self.candidates[i][k - 1]
        if len(key) == 1:
            figures, marginal = self.provider.view.figures, option.effect
            central, pessimistic = marginal, marginal.scaled_elsewhere(self._share(option.lever))
        else:
            figures, central, pessimistic = self._build(key[:-1])
            marginal = self._remade(option, figures)
            central = combined(central, marginal)
            pessimistic = combined(pessimistic,
                                   marginal.scaled_elsewhere(self._share(option.lever)))
        built = (figures_after(figures, marginal), central, pessimistic)
        self._built[key] = built
        return built

    def _remade(self, option: Option, figures: dict) -> Effect:
        if option.remake is None:
            return option.effect
        with _seeing(self.provider.view, figures):
            return option.remake()

    def _share(self, lever: str) -> float:
        if lever not in self._shares:
            self._shares[lever] = pessimistic_share(self.provider, lever)
        return self._shares[lever]

    def _pv_factor(self, notice_weeks: int) -> float:
        if notice_weeks not in self._pv:
            behaviour = self.provider.behaviour
            self._pv[notice_weeks] = present_value_factor(
                behaviour.horizon_years, behaviour.discount_rate_per_year, notice_weeks)
        return self._pv[notice_weeks]


@contextmanager
def _seeing(view, figures: dict):
    # The provider's view (shared by an integrated provider's lines) shows the figures as
    # other moves would leave them while one move's effect is worked out again.
    seen = view.figures
    view.figures = figures
    try:
        yield
    finally:
        view.figures = seen


def choose_jointly(joint: JointScores, temperature: float,
                   uniforms: np.ndarray) -> tuple[int, ...]:
    """Rounds of logit best response over single-lever changes; the combination chosen.

    Each round weighs standing where it is against every combination that changes one
    lever (to keeping it or to another of its moves), by the logit of their scores, and
    takes the one drawn; it stops when it draws standing still, or after ``len(uniforms)``
    rounds.

    Args:
        joint: Scores of the review's combinations.
        temperature: The logit temperature in pounds (0: best response).
        uniforms: One uniform draw per round.
    """
    picks = (0,) * len(joint.candidates)
    for uniform in uniforms:
        options = [picks] + [(*picks[:i], k, *picks[i + 1:])
                             for i, moves in enumerate(joint.candidates)
                             for k in range(len(moves) + 1) if k != picks[i]]
        chosen = options[logit_pick([joint.score(o) for o in options], temperature,
                                    float(uniform))]
        if chosen == picks:
            break
        picks = chosen
    return picks


def choose_and_apply(provider, candidates: list[list[Option]], rng,
                     adapts: bool = True) -> list[Option]:
    """Choose among keeping each lever and its candidate moves; apply the choice.

    Args:
        provider: The deciding provider.
        candidates: Per lever, the candidate moves (keeping the lever is always an option).
        rng: The behaviour random stream.
        adapts: If False the choice is drawn but not taken: the levers stay where they
            are while the random stream advances as it would (common random numbers for
            paired runs that hold one party's levers).

    Returns:
        The options taken (moves only), in the order of the levers.
    """
    if provider.model.place.behaviour.lever_choice == "separate":
        return choose_separately(provider, candidates, rng, adapts)
    uniforms = rng.random(ROUNDS)
    if not any(candidates):
        return []
    picks = choose_jointly(JointScores(provider, candidates), provider.temperature_gbp(),
                           uniforms)
    taken = [candidates[i][k - 1] for i, k in enumerate(picks) if k]
    if not adapts:
        return []
    for option in taken:
        option.apply()
    return taken


def choose_separately(provider, candidates: list[list[Option]], rng,
                      adapts: bool = True) -> list[Option]:
    """For each lever alone, choose among keeping it and its moves (``lever_choice = "separate"``).

    Every option is scored against the same view, whatever the other levers do.
    """
    taken = []
    temperature = provider.temperature_gbp()
    valuer = Valuer(provider)
    for moves in candidates:
        if not moves:
            continue
        scores = [0.0] + [score(provider, option, valuer) for option in moves]
        pick = logit_choice(scores, temperature, rng)
        if pick > 0 and adapts:
            option = moves[pick - 1]
            option.apply()
            taken.append(option)
    return taken
