"""Organisations' own, simple models of the system: quoted unit costs, learned elasticities.

Never the simulator's ground truth, so organisations can be wrong and be surprised.
"""

from dataclasses import dataclass, field

from sim.core.activity import ActivityUnit

# Average costs per unit as commonly quoted in the NHS and councils (2023/24 prices; see
# docs/reference.md, Unit costs). Organisations value changes elsewhere in the system at
# these averages although only the variable part is saved at first: the seeds' "savings
# are not actually savings".
QUOTED_UNIT_COST_GBP: dict[str, float] = {
    ActivityUnit.NEL_ADMISSION: 2_067.0,  # NEL episode £1,590 (2016/17) x 1.30
    ActivityUnit.ACUTE_BED_DAY: 407.0,  # excess bed day £313 (2016/17) x 1.30
    ActivityUnit.COMMUNITY_CONTACT: 54.0,  # ~£47 (2019/20) x 1.15
    ActivityUnit.D2A_PLACE_DAY: 64.0,  # reablement episode £2,250 / 35 days
    ActivityUnit.COMMUNITY_BED_DAY: 200.0,  # bed-based intermediate care
    ActivityUnit.REABLEMENT_PLACE_DAY: 64.0,
    ActivityUnit.HOME_CARE_HOUR: 25.95,  # minimum sustainable price 2023/24
    ActivityUnit.CARE_HOME_WEEK: 916.0,  # council-funded residential 2023/24
    ActivityUnit.PREVENTION_PERSON_WEEK: 21.0,  # ~£254 a person a year, 12 weeks
    "escalation_bed_day": 220.0,  # estimate: agency premium on an opened bed
}

# Priors on how strongly levers act elsewhere (multipliers start at 1 and are learned).
PRIOR_FRAIL_SHARE_OF_ADMISSIONS = 0.45  # estimate: moderate/severe frail share of NEL
PRIOR_ADMISSIONS_AVOIDED_PER_PREVENTION_PLACE_YEAR = 0.4  # estimate


@dataclass
class Beliefs:
    """Learned multipliers on the believed effect of each lever elsewhere in the system."""

    multipliers: dict[str, float] = field(default_factory=dict)
    pending: dict[str, tuple[str, float, float]] = field(default_factory=dict)

    def multiplier(self, lever: str) -> float:
        """Current belief multiplier for a lever (1 = the prior)."""
        return self.multipliers.get(lever, 1.0)

    def expect(self, lever: str, figure: str, predicted_change: float, before: float) -> None:
        """Remember a prediction to check against what is observed next."""
        if abs(predicted_change) > 1e-9:
            self.pending[lever] = (figure, predicted_change, before)

    def learn(self, view_figures: dict[str, float], rate: float) -> None:
        """Move each multiplier toward observed change / predicted change, within [0.2, 3]."""
        for lever, (figure, predicted, before) in list(self.pending.items()):
            observed = view_figures.get(figure, before) - before
            ratio = max(0.0, min(3.0, observed / predicted))
            current = self.multiplier(lever)
            self.multipliers[lever] = max(0.2, min(3.0, current + rate * (ratio - current)))
            del self.pending[lever]
