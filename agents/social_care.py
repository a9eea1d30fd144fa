"""The social care market: home care, reablement and care-home places."""

from dataclasses import replace

from agents.options import Option, admissions_effect, pressure, step_down_capacity_effect
from agents.projection import Effect
from agents.provider import Provider
from sim.core.activity import ActivityUnit
from sim.core.kinds import CapacityKind, OrganisationKind


class SocialCareProvider(Provider):
    """The independent-sector social care market taken together.

    Levers: home-care packages, reablement places, care-home places (capacities) and the
    bias towards residential rather than home placements — unless the council that buys
    its care sets that bias by its eligibility policy (a responsive commissioner).
    """

    kind = OrganisationKind.SOCIAL_CARE

    def candidate_options(self, week: int) -> list[list[Option]]:
        """Reablement places, care-home places, home-care packages, placement bias."""
        moves = []
        for kind, effect in ((CapacityKind.REABLEMENT_PLACES, self._reablement_effect),
                             (CapacityKind.CARE_HOME_PLACES, self._care_home_effect),
                             (CapacityKind.HOME_CARE_PACKAGES, self._packages_effect)):
            if kind in self.capacity:
                moves.append(self.capacity_moves(kind, week, effect))
        if not self.model.placement_set_by_council(self.org_id):  # else eligibility sets it
            moves.append(self.lever_moves("residential_placement_bias",
                                          self.behaviour.placement_bias_step, 0.2, 3.0,
                                          self._placement_effect))
        return moves

    def _capacity_effect(self, kind, change, queue, used, delayed, unit, bed_based,
                         used_per_year=365.0) -> Effect:
        effect = step_down_capacity_effect(
            self.view, self.model.acute_beds(), self.capacity[kind], change, queue, used,
            delayed, unit, self.belief(kind.value),
            self.spec.capacities[kind].notice_weeks, self.capacity_cost_gbp(kind), bed_based,
            shared=self.model.place.behaviour)
        scale = used_per_year / 365.0
        return replace(effect, own_activity={u: v * scale for u, v in effect.own_activity.items()})

    def _reablement_effect(self, change: int) -> Effect:
        return self._capacity_effect(CapacityKind.REABLEMENT_PLACES, change, "queue_reablement",
                                     "reablement_place_days", "dtoc_reablement_bed_days",
                                     ActivityUnit.REABLEMENT_PLACE_DAY, False)

    def _care_home_effect(self, change: int) -> Effect:
        # A place is a resident-week unit: 52 weeks a year, not 365 days.
        return self._capacity_effect(CapacityKind.CARE_HOME_PLACES, change, "queue_care_home",
                                     "care_home_days_equivalent", "dtoc_care_home_bed_days",
                                     ActivityUnit.CARE_HOME_WEEK, True, used_per_year=52.0)

    def _packages_effect(self, change: int) -> Effect:
        hours = self.model.place.population.social_care.home_care_hours_per_package_week
        shared = self.model.place.behaviour
        kind = CapacityKind.HOME_CARE_PACKAGES
        push = pressure(self.view.get("queue_package"), self.view.get("home_care_hours") / hours
                        * 7, self.capacity[kind], shared=shared)
        used = change * push if change > 0 else change
        avoided = (used * shared.prior_admissions_avoided_per_package_year
                   * self.belief(kind.value))
        effect = admissions_effect(
            self.view, self.model.acute_beds(), -avoided, ActivityUnit.HOME_CARE_HOUR,
            used * hours * 52, change * self.capacity_cost_gbp(kind), shared=shared)
        return Effect(effect.own_activity, effect.elsewhere, effect.own_fixed_gbp,
                      effect.days_at_home, self.spec.capacities[kind].notice_weeks, effect.watch)

    def _placement_effect(self, change: float) -> Effect:
        hours = self.model.place.population.social_care.home_care_hours_per_package_week
        full = self.view.get("queue_care_home") >= 0.5
        weeks = 0.0 if full and change > 0 else (
            change * self.view.get("care_home_placements")
            * self.model.place.behaviour.weeks_in_first_year_of_a_placement)
        return Effect(own_activity={ActivityUnit.CARE_HOME_WEEK: weeks,
                                    ActivityUnit.HOME_CARE_HOUR: -weeks * hours},
                      days_at_home=-7.0 * weeks,
                      watch=("care_home_resident_weeks", weeks))
