"""Pure functions turning organisations' lever positions into changes in care.

This is the simulator's ground truth. Agents never call it to plan: they hold their own
beliefs about what their levers do (see ``agents/beliefs.py``).
"""

import math
from collections.abc import Iterable

from sim.core.calendar import WEEKS_PER_YEAR
from sim.population import CareModifiers
from sim.scenario.effects import DemandParams, LeverEffects


def saturating(spend_gbp: float, max_effect: float, scale_gbp: float) -> float:
    """Effect of spending: ``max_effect × (1 − exp(−spend / scale))``.

    Args:
        spend_gbp: Annual spend.
        max_effect: The effect that unlimited spend approaches.
        scale_gbp: Spend at which 63% of the maximum is reached.
    """
    if spend_gbp <= 0:
        return 0.0
    return max_effect * (1.0 - math.exp(-spend_gbp / scale_gbp))


def weighted_mean(pairs: Iterable[tuple[float, float]], default: float) -> float:
    """Mean of values weighted by weights, or ``default`` when the weights sum to zero."""
    pairs = list(pairs)
    total = sum(w for _, w in pairs)
    if total <= 0:
        return default
    return sum(v * w for v, w in pairs) / total


def demand_multiplier(demand: DemandParams, week: int) -> float:
    """NEL demand relative to the population's own rates, in a given week.

    Extra demand growth compounds weekly; a prevention scheme cuts demand from its start
    week by its intended effect times the share of the benefit realised.
    """
    growth = (1.0 + demand.nel_demand_growth_per_year) ** (week / WEEKS_PER_YEAR)
    scheme = 0.0
    if demand.prevention_scheme_effect and week >= demand.prevention_scheme_start_week:
        scheme = demand.prevention_scheme_effect * demand.scheme_benefit_realised
    return growth * max(0.0, 1.0 - scheme)


def care_modifiers(
    acute: list[tuple[float, float, float, float]],
    proactive_spend_gbp: float,
    placement: list[tuple[float, float]],
    effects: LeverEffects,
    demand: float,
) -> CareModifiers:
    """Combine the levers of every provider into the population engine's modifiers.

    Args:
        acute: Per acute trust: (beds, discretionary admit share, discharge effort,
            avoidance investment £/yr). Shares are weighted by beds.
        proactive_spend_gbp: Community proactive-care investment, £/yr, summed.
        placement: Per social care provider: (residential placement bias, care-home places).
        effects: Parameters of the lever-effect functions.
        demand: The week's demand multiplier.
    """
    admit_share = weighted_mean(((a[1], a[0]) for a in acute), 1.0)
    effort = weighted_mean(((a[2], a[0]) for a in acute), 0.0)
    avoidance = saturating(sum(a[3] for a in acute), effects.avoidance_max_hazard_reduction,
                           float(effects.avoidance_scale_gbp))
    proactive_reach = saturating(proactive_spend_gbp, 1.0, float(effects.proactive_scale_gbp))
    return CareModifiers(
        discretionary_admit_share=admit_share,
        los_multiplier=1.0 - effects.discharge_effort_max_los_reduction * effort,
        admission_hazard_multiplier=1.0 - avoidance,
        frail_admission_hazard_multiplier=(
            1.0 - effects.proactive_max_frail_hazard_reduction * proactive_reach),
        residential_share_multiplier=weighted_mean(((b, w) for b, w in placement), 1.0),
        demand_multiplier=demand,
        proactive_contacts_per_frail_person_week=(
            effects.proactive_contacts_per_frail_person_week_at_scale * proactive_reach),
    )
