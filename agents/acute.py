"""Acute trusts: beds, admission threshold, discharge effort, admission avoidance."""

from decimal import Decimal

from agents.options import Option, escalation_change, saturating_gain
from agents.projection import ESCALATION, Effect
from agents.provider import Provider
from agents.refusals import sanction_change_gbp
from sim.core.activity import ActivityUnit
from sim.core.kinds import CapacityKind, OrganisationKind

AVOIDANCE = "avoidance_investment_gbp_per_year"


class AcuteProvider(Provider):
    """An acute trust. Its levers: bed capacity (a capacity), and the fields of ``AcuteLevers``."""

    kind = OrganisationKind.ACUTE

    def lever_cost_gbp_per_year(self) -> Decimal:
        """Discharge effort (teams, weekend discharge) plus admission-avoidance investment.

        What effort costs is what its teams are paid (the model's running cost of the lever,
        as invoiced), not a belief.
        """
        return (self.model.running_cost_gbp_per_year("discharge_effort",
                                                     self.levers.discharge_effort)
                + self.levers.avoidance_investment_gbp_per_year)

    def candidate_options(self, week: int) -> list[list[Option]]:
        """Beds, the discretionary admission threshold, discharge effort, avoidance."""
        steps = self.behaviour
        return [
            self.capacity_moves(CapacityKind.ACUTE_BEDS, week, self._beds_effect),
            self.lever_moves("discretionary_admit_share", steps.admit_share_step, 0.0, 1.0,
                             self._admit_share_effect),
            self.lever_moves("discharge_effort", steps.discharge_effort_step, 0.0, 1.0,
                             self._discharge_effort_effect),
            self.lever_moves("avoidance_investment_gbp_per_year",
                             steps.avoidance_step_gbp_per_year, 0.0,
                             steps.investment_ceiling_gbp_per_year, self._avoidance_effect),
        ]

    def _beds(self) -> float:
        return float(self.capacity[CapacityKind.ACUTE_BEDS])

    def _beds_effect(self, change: int) -> Effect:
        return Effect(elsewhere={ESCALATION: escalation_change(
                          self.view, self._beds(), 0.0, change,
                          shared=self.model.place.behaviour)},
                      own_fixed_gbp=(change * self.capacity_cost_gbp(CapacityKind.ACUTE_BEDS)
                                     + self._sanction_change_gbp(change)),
                      notice_weeks=self.spec.capacities[CapacityKind.ACUTE_BEDS].notice_weeks,
                      acute_beds_change=change)

    def _sanction_change_gbp(self, change: int) -> float:
        # The bed cap and the sanction are the place's published rules, not the engine's.
        hospital = self.model.place.population.hospital
        return sanction_change_gbp(self.view, self._beds(), change, hospital.escalation_share,
                                   self.model.place.behaviour.occupancy_spread,
                                   hospital.refused_admission_sanction_gbp)

    def _own_admissions(self, admissions: float, bed_days: float, fixed_gbp: float = 0.0,
                        contacts_elsewhere: float = 0.0, watch: str = "admissions") -> Effect:
        return Effect(
            own_activity={ActivityUnit.NEL_ADMISSION: admissions,
                          ActivityUnit.ACUTE_BED_DAY: bed_days},
            elsewhere={ESCALATION: escalation_change(self.view, self._beds(), bed_days,
                                                     shared=self.model.place.behaviour),
                       ActivityUnit.COMMUNITY_CONTACT: contacts_elsewhere},
            own_fixed_gbp=fixed_gbp, days_at_home=-bed_days, watch=(watch, admissions))

    def _admit_share_effect(self, change: float) -> Effect:
        cases = self.view.get("discretionary_admissions") + self.view.get("discretionary_diverted")
        admitted = change * cases * self.belief("discretionary_admit_share")
        short_stay_days = self.model.place.behaviour.short_stay_los_days
        return self._own_admissions(admitted, admitted * short_stay_days,
                                    contacts_elsewhere=-admitted)

    def _discharge_effort_effect(self, change: float) -> Effect:
        mine = self.behaviour
        timely = self.view.get("acute_bed_days") - self.view.get("dtoc_bed_days")
        bed_days = (-mine.prior_discharge_los_reduction * change * timely
                    * self.belief("discharge_effort"))
        effect = self._own_admissions(0.0, bed_days,
                                      change * mine.prior_discharge_effort_cost_gbp_per_year)
        return Effect(effect.own_activity, effect.elsewhere, effect.own_fixed_gbp,
                      effect.days_at_home, watch=("acute_bed_days", bed_days))

    def _avoidance_effect(self, change: float) -> Effect:
        mine = self.behaviour
        spend = float(self.levers.avoidance_investment_gbp_per_year)
        reduction = saturating_gain(spend, spend + change,
                                    mine.prior_avoidance_max_admission_reduction,
                                    mine.prior_avoidance_scale_gbp)
        admissions = -reduction * self.view.get("admissions") * self.belief(
            AVOIDANCE)
        mean_los = self.view.get("acute_bed_days") / max(1.0, self.view.get("admissions"))
        return self._own_admissions(admissions, admissions * mean_los, change)
