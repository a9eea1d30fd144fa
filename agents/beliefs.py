"""Organisations' own, simple models of the system: learned elasticities on shared priors.

Never the simulator's ground truth, so organisations can be wrong and be surprised. The
priors and the unit costs organisations quote are the place's ``[behaviour]`` table
(``sim.scenario.behaviour.PlaceBehaviour``); the multipliers here start at 1 and are learned.
"""

from dataclasses import dataclass, field


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

    def learn(self, view_figures: dict[str, float], behaviour) -> None:
        """Move each multiplier toward observed change / predicted change.

        The step is ``behaviour.learning_rate`` of the gap, the ratio is capped at
        ``belief_multiplier_max`` and the multiplier kept within
        [``belief_multiplier_min``, ``belief_multiplier_max``].
        """
        rate = behaviour.learning_rate
        lowest, highest = behaviour.belief_multiplier_min, behaviour.belief_multiplier_max
        for lever, (figure, predicted, before) in list(self.pending.items()):
            observed = view_figures.get(figure, before) - before
            ratio = max(0.0, min(highest, observed / predicted))
            current = self.multiplier(lever)
            self.multipliers[lever] = max(lowest, min(highest, current + rate * (ratio - current)))
            del self.pending[lever]
