"""Candidate lever changes and their believed effects, shared by the provider families.

Each family says which levers it has (``Lever``); this module turns a lever move into an
:class:`~agents.projection.Effect` from the organisation's view and beliefs.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from agents.projection import BEDS_ADDED, ESCALATION, Effect
from sim.core.activity import ActivityUnit
from sim.scenario.behaviour import PlaceBehaviour

DAYS_PER_YEAR = 365.0


@dataclass(frozen=True)
class Option:
    """One candidate: move ``lever`` to ``new_value``, believed to have ``effect``.

    ``remake`` works the effect out again from the organisation's view as it then stands:
    a joint choice calls it with the view as other moves would leave it (``agents.decision``).
    Without it the effect is taken as it is.
    """

    lever: str
    new_value: float
    effect: Effect
    apply: Callable[[], None]
    remake: Callable[[], Effect] | None = None


def expected_overflow_days(occupied: float, beds: float, spread: float) -> float:
    """Expected bed days a year above ``beds`` when occupancy is Normal(μ, σ = spread × μ).

    E[max(0, O − beds)] = σ φ(z) + (μ − beds)(1 − Φ(z)), z = (beds − μ)/σ, with μ the
    occupied beds and ``spread`` the place's believed ``occupancy_spread`` (σ at least 1).
    """
    sigma = max(1.0, spread * occupied)
    z = (beds - occupied) / sigma
    pdf = math.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)
    tail = 0.5 * math.erfc(z / math.sqrt(2))
    return max(0.0, sigma * pdf + (occupied - beds) * tail) * DAYS_PER_YEAR


def escalation_change(view, beds: float, bed_days_change: float, beds_change: float = 0, *,
                      shared: PlaceBehaviour) -> float:
    """Change in escalation bed days a year when bed days or beds change.

    Beds that moves already chosen at the review add (``BEDS_ADDED`` in the view as it would
    be after them) count among the beds.
    """
    occupied = view.get("acute_bed_days") / DAYS_PER_YEAR
    beds += view.get(BEDS_ADDED)
    spread = shared.occupancy_spread
    before = expected_overflow_days(occupied, beds, spread)
    after = expected_overflow_days(occupied + bed_days_change / DAYS_PER_YEAR,
                                   beds + beds_change, spread)
    return after - before


def pressure(queue: float, used_days: float, places: float, *, shared: PlaceBehaviour) -> float:
    """How far extra places would be used at once: 1 with a queue, else by utilisation.

    Without a queue: (utilisation − (1 − band)) / band within [0, 1], ``band`` being the
    place's ``full_use_utilisation_band``.
    """
    if queue >= 0.5:
        return 1.0
    if places <= 0:
        return 0.0
    utilisation = used_days / (places * DAYS_PER_YEAR)
    band = shared.full_use_utilisation_band
    return min(1.0, max(0.0, (utilisation - (1.0 - band)) / band))


def step_down_capacity_effect(view, acute_beds: float, places: float, change: int,
                              queue: str, used: str, delayed: str, unit: ActivityUnit,
                              multiplier: float, notice_weeks: int, place_cost_gbp: float,
                              bed_based: bool = False, *, shared: PlaceBehaviour) -> Effect:
    """Effect of more or fewer places in a service people are discharged into.

    More places, when people queue for them, are used at once and free the acute bed days
    those people spend waiting (DTOC); fewer places, when the service is full, make them wait.
    """
    push = pressure(view.get(queue), view.get(used), places, shared=shared)
    if change > 0:
        used_change = change * DAYS_PER_YEAR * push
        dtoc_change = -min(view.get(delayed), used_change * multiplier)
    else:
        utilisation = min(1.0, view.get(used) / max(1.0, places * DAYS_PER_YEAR))
        used_change = change * DAYS_PER_YEAR * utilisation
        dtoc_change = -change * DAYS_PER_YEAR * push * multiplier
    elsewhere = {ActivityUnit.ACUTE_BED_DAY: dtoc_change,
                 ESCALATION: escalation_change(view, acute_beds, dtoc_change, shared=shared)}
    at_home = -dtoc_change - (used_change if bed_based else 0.0)
    return Effect(own_activity={unit: used_change}, elsewhere=elsewhere,
                  own_fixed_gbp=change * place_cost_gbp, days_at_home=at_home,
                  notice_weeks=notice_weeks, watch=(delayed, dtoc_change),
                  dtoc_days=dtoc_change, dtoc_figure=delayed)


def admissions_effect(view, acute_beds: float, admissions_change: float,
                      own_unit: ActivityUnit | None = None, own_change: float = 0.0,
                      own_fixed_gbp: float = 0.0, watch: str = "admissions", *,
                      shared: PlaceBehaviour) -> Effect:
    """Effect of admissions avoided (negative) or added elsewhere, with their bed days."""
    admissions = max(1.0, view.get("admissions"))
    mean_los = view.get("acute_bed_days") / admissions
    bed_days = admissions_change * mean_los
    elsewhere = {ActivityUnit.NEL_ADMISSION: admissions_change,
                 ActivityUnit.ACUTE_BED_DAY: bed_days,
                 ESCALATION: escalation_change(view, acute_beds, bed_days, shared=shared)}
    own = {own_unit: own_change} if own_unit is not None else {}
    return Effect(own_activity=own, elsewhere=elsewhere, own_fixed_gbp=own_fixed_gbp,
                  days_at_home=-bed_days, watch=(watch, admissions_change))


def saturating_gain(spend_before: float, spend_after: float, max_effect: float,
                    scale_gbp: float) -> float:
    """Change in a saturating effect max × (1 − exp(−spend/scale)) between two spends."""
    def effect(spend: float) -> float:
        return max_effect * (1.0 - math.exp(-max(0.0, spend) / scale_gbp))

    return effect(spend_after) - effect(spend_before)
