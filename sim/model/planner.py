"""The whole-system planner: true effects as priors, full orientation, no organisation lost.

The planner is the benchmark the silo index measures designs against, so it is given what
no real organisation has. This module is the one place the model hands the ground truth
of ``[effects]`` to organisations, and only in planner mode: each organisation's priors of
what its levers do are set to the true effect parameters, held with a tiny uncertainty so
learning does not talk it out of them. Orientation is 1 (``Provider.effective_orientation``)
and the solvency guard (``sim.model.finance.track_distress``) keeps every organisation open.

Priors with no single true counterpart (admissions avoided per prevention place or per
home-care package, the frail share of admissions: these emerge from the population engine)
stay the scenario's.
"""

from sim.scenario.behaviour import BehaviourParams
from sim.scenario.effects import LeverEffects

# Prior SD of the multiplier on each believed effect: near certainty that the prior is right.
PLANNER_PRIOR_SD = 0.01


def planner_behaviour(behaviour: BehaviourParams, effects: LeverEffects) -> BehaviourParams:
    """An organisation's behaviour with its lever-effect priors set to the true effects."""
    return behaviour.model_copy(update={
        "belief_prior_sd": PLANNER_PRIOR_SD,
        "prior_discharge_los_reduction": effects.discharge_effort_max_los_reduction,
        "prior_discharge_effort_cost_gbp_per_year":
            float(effects.discharge_effort_cost_gbp_per_year),
        "prior_avoidance_max_admission_reduction": effects.avoidance_max_hazard_reduction,
        "prior_avoidance_scale_gbp": float(effects.avoidance_scale_gbp),
        "prior_proactive_max_frail_reduction": effects.proactive_max_frail_hazard_reduction,
        "prior_proactive_scale_gbp": float(effects.proactive_scale_gbp),
        "prior_proactive_contacts_per_frail_person_week":
            effects.proactive_contacts_per_frail_person_week_at_scale,
    })
