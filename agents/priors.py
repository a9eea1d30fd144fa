"""What an organisation's priors say any provider's lever positions do to the system figures.

An organisation learns from everything it sees move: its own levers and the published
positions of the others' (capacities, investment programmes, admission policy are in board
papers). For each it holds a prior of the lever's effect — its own ``[organisations.
behaviour]`` priors and the place's ``[behaviour]`` ones — which these functions turn into
the believed change of each figure against the lever's starting position. Learning then
estimates one multiplier per lever on these changes (``agents.beliefs``).

Every function returns ``(lever, figure, change a year)`` triples; ``ref`` is the first view
the organisation had, from which it takes the sizes its priors scale with.
"""

import math

from sim.core.kinds import CapacityKind, OrganisationKind
from sim.scenario.levers import lever_names

AVOIDANCE = "avoidance_investment_gbp_per_year"
PROACTIVE = "proactive_care_investment_gbp_per_year"
ADMIT_SHARE = "discretionary_admit_share"
EFFORT = "discharge_effort"
STEP_DOWN = {
    CapacityKind.D2A_PLACES.value: "dtoc_d2a_bed_days",
    CapacityKind.COMMUNITY_BEDS.value: "dtoc_community_bed_bed_days",
    CapacityKind.REABLEMENT_PLACES.value: "dtoc_reablement_bed_days",
    CapacityKind.CARE_HOME_PLACES.value: "dtoc_care_home_bed_days",
}
DAYS_PER_YEAR = 365.0


def saturating(spend: float, max_effect: float, scale: float) -> float:
    """Believed effect of a spend: max × (1 − exp(−spend/scale))."""
    return max_effect * (1.0 - math.exp(-max(0.0, spend) / scale))


def _admissions(lever: str, change: float, ref: dict) -> list[tuple[str, str, float]]:
    """Admissions avoided or added, with the bed days they carry at the mean stay."""
    los = ref.get("acute_bed_days", 0.0) / max(1.0, ref.get("admissions", 0.0))
    return [(lever, "admissions", change), (lever, "acute_bed_days", change * los)]


def _acute(mine, shared, ref, now, start) -> list:
    cases = ref.get("discretionary_admissions", 0.0) + ref.get("discretionary_diverted", 0.0)
    admitted = (now[ADMIT_SHARE] - start[ADMIT_SHARE]) * cases
    avoided = (saturating(now[AVOIDANCE], mine.prior_avoidance_max_admission_reduction,
                          mine.prior_avoidance_scale_gbp)
               - saturating(start[AVOIDANCE], mine.prior_avoidance_max_admission_reduction,
                            mine.prior_avoidance_scale_gbp)) * ref.get("admissions", 0.0)
    timely = ref.get("acute_bed_days", 0.0) - ref.get("dtoc_bed_days", 0.0)
    return [(ADMIT_SHARE, "admissions", admitted),
            (ADMIT_SHARE, "acute_bed_days", admitted * shared.short_stay_los_days),
            *_admissions(AVOIDANCE, -avoided, ref),
            (EFFORT, "acute_bed_days",
             -mine.prior_discharge_los_reduction * (now[EFFORT] - start[EFFORT]) * timely)]


def _step_down(now, start) -> list:
    out = []
    for lever, delayed in STEP_DOWN.items():
        if lever in now:
            freed = -(now[lever] - start[lever]) * DAYS_PER_YEAR
            out += [(lever, delayed, freed), (lever, "dtoc_bed_days", freed),
                    (lever, "acute_bed_days", freed)]
    return out


def _community(mine, shared, ref, now, start) -> list:
    reach = (saturating(now[PROACTIVE], 1.0, mine.prior_proactive_scale_gbp)
             - saturating(start[PROACTIVE], 1.0, mine.prior_proactive_scale_gbp))
    avoided = (mine.prior_proactive_max_frail_reduction * shared.prior_frail_share_of_admissions
               * reach * ref.get("admissions", 0.0))
    return _step_down(now, start) + _admissions(PROACTIVE, -avoided, ref)


def _social_care(mine, shared, ref, now, start) -> list:
    out = _step_down(now, start)
    packages = CapacityKind.HOME_CARE_PACKAGES.value
    if packages in now:
        out += _admissions(packages, -(now[packages] - start[packages])
                           * shared.prior_admissions_avoided_per_package_year, ref)
    return out


def _voluntary(mine, shared, ref, now, start) -> list:
    places = CapacityKind.PREVENTION_PLACES.value
    return _admissions(places, -(now[places] - start[places])
                       * shared.prior_admissions_avoided_per_prevention_place_year, ref)


FAMILY_RULES = {OrganisationKind.ACUTE: _acute, OrganisationKind.COMMUNITY: _community,
                OrganisationKind.SOCIAL_CARE: _social_care,
                OrganisationKind.VOLUNTARY: _voluntary}


def _integrated(mine, shared, ref, now, start) -> list:
    # Each line's levers do what its family's do: apply each family's rule to the
    # positions of that family's levers only (step-down capacities must not count twice).
    out = []
    for family, rule in FAMILY_RULES.items():
        names = lever_names(family)
        if names & now.keys():
            out += rule(mine, shared, ref, {k: v for k, v in now.items() if k in names},
                        {k: v for k, v in start.items() if k in names})
    return out


BELIEVED = {**FAMILY_RULES, OrganisationKind.INTEGRATED: _integrated}


def believed_effects(kind: OrganisationKind, mine, shared, ref: dict, now: dict,
                     start: dict) -> list[tuple[str, str, float]]:
    """The believed change in each figure from one provider's levers (see module docstring).

    Args:
        kind: The kind of provider whose levers these are.
        mine: The believing organisation's behaviour parameters (its priors).
        shared: The place's ``[behaviour]`` (shared priors).
        ref: The believer's first view of the system figures.
        now: The provider's lever positions.
        start: The provider's starting positions.
    """
    rule = BELIEVED.get(kind)
    return rule(mine, shared, ref, now, start) if rule else []
