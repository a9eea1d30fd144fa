"""An organisation's own model of what levers do: a joint Bayesian linear model of figures.

For each system figure the levers it sees act on (admissions, acute bed days, delayed
transfers), the organisation believes

    y_t / s = a + b·t + c·sin(2πw/52) + d·cos(2πw/52) + Σ_l θ_l · g_l(t) / s + ε_t

where ``g_l(t)`` is the change its *prior* says lever ``l`` made to the figure over the
weeks the observation covers (against the lever's starting position), ``s`` the figure's
first observed level, and ε_t ~ N(0, σ²) with σ² = transparency_noise² + belief_figure_sd².
``θ_l`` — the multiplier on its prior — starts at N(1, belief_prior_sd²); the intercept,
trend (N(0, belief_trend_sd_per_year²)) and season are estimated with it, so a figure's
drift is not credited to a lever, and every lever it sees — its own and the published
positions of the others' (``agents.priors``) — is fitted jointly across all figures, one
multiplier per lever (no double counting). The posterior is the conjugate normal one
(known σ, growing with the figure's level), kept as sufficient statistics, so each view
costs a few small matrix operations.

Nothing here reads the simulator's true effects: ``g_l`` comes from the organisation's own
priors (``[organisations.behaviour]``) and figures from its view.
"""

import math
from dataclasses import dataclass, field

import numpy as np

_BASE_TERMS = 4  # per figure: intercept, trend, sine and cosine of the season


@dataclass
class JointModel:
    """Sufficient statistics of the joint regression of every watched figure.

    Coefficients: ``_BASE_TERMS`` per figure, then one multiplier per lever shared by all
    figures the lever acts on (so evidence from admissions and from bed days adds up).
    """

    figures: list[str]
    levers: list[str]
    scales: dict[str, float]
    prior_mean: np.ndarray
    prior_precision: np.ndarray
    xtx: np.ndarray
    xty: np.ndarray

    @classmethod
    def start(cls, first: dict[str, float], levers: list[str], behaviour) -> "JointModel":
        """A model at its prior, each figure scaled by its first observed level."""
        figures = sorted(first)
        scales = {f: max(abs(first[f]), 365.0) for f in figures}  # at least one bed-year
        means, sds = [], []
        for f in figures:
            level = first[f] / scales[f]
            means += [level, 0.0, 0.0, 0.0]
            sds += [max(0.5 * abs(level), 0.1),
                    behaviour.belief_trend_sd_per_year * max(abs(level), 0.1), 0.05, 0.05]
        means += [1.0] * len(levers)
        sds += [behaviour.belief_prior_sd] * len(levers)
        size = len(sds)
        return cls(figures, list(levers), scales, np.array(means),
                   np.diag(1.0 / np.square(sds)), np.zeros((size, size)), np.zeros(size))

    def add(self, week: int, observed: dict[str, float],
            effects: dict[str, dict[str, float]], noise_var: float) -> None:
        """Add one view: a row per figure, with each lever's prior-believed effect on it."""
        angle = 2.0 * math.pi * week / 52.0
        season = [1.0, week / 52.0, math.sin(angle), math.cos(angle)]
        lever_index = {lever: i for i, lever in enumerate(self.levers)}
        base = _BASE_TERMS * len(self.figures)
        for i, figure in enumerate(self.figures):
            if figure not in observed:
                continue
            row = np.zeros(len(self.prior_mean))
            row[_BASE_TERMS * i:_BASE_TERMS * (i + 1)] = season
            for lever, change in effects.get(figure, {}).items():
                if lever in lever_index:
                    row[base + lever_index[lever]] = change / self.scales[figure]
            value = observed[figure] / self.scales[figure]
            # Reporting error is multiplicative: its variance grows with the figure's level.
            variance = noise_var * max(1.0, abs(value)) ** 2
            self.xtx += np.outer(row, row) / variance
            self.xty += row * value / variance

    def posterior(self) -> tuple[np.ndarray, np.ndarray]:
        """Posterior means and standard deviations of the lever multipliers."""
        precision = self.prior_precision + self.xtx
        covariance = np.linalg.inv(precision)
        mean = covariance @ (self.prior_precision @ self.prior_mean + self.xty)
        base = _BASE_TERMS * len(self.figures)
        return mean[base:], np.sqrt(np.clip(np.diag(covariance)[base:], 0.0, None))


@dataclass
class Beliefs:
    """Posterior multipliers on the prior effect of each lever, with their uncertainty."""

    behaviour: object
    model: JointModel | None = None
    means: dict[str, float] = field(default_factory=dict)
    sds: dict[str, float] = field(default_factory=dict)

    def multiplier(self, lever: str) -> float:
        """Current believed multiplier on the prior effect of a lever (1 = the prior)."""
        low, high = self.behaviour.belief_multiplier_min, self.behaviour.belief_multiplier_max
        return min(high, max(low, self.means.get(lever, 1.0)))

    def uncertainty(self, lever: str) -> float:
        """Posterior standard deviation of that multiplier."""
        return self.sds.get(lever, self.behaviour.belief_prior_sd)

    def relative_uncertainty(self, lever: str | None) -> float:
        """Posterior s.d. as a share of the prior s.d. (1 before any evidence)."""
        if lever is None:
            return 1.0
        return min(1.0, self.uncertainty(lever) / self.behaviour.belief_prior_sd)

    def learn(self, week: int, observed: dict[str, float],
              effects: dict[str, dict[str, float]]) -> None:
        """Update on one view.

        Args:
            week: The middle week of the period the figures cover.
            observed: The figures as seen.
            effects: Per figure, each lever's prior-believed effect on it over that period
                (figure units, against the lever's starting position).
        """
        noise_var = self.behaviour.transparency_noise ** 2 + self.behaviour.belief_figure_sd ** 2
        if self.model is None:
            levers = sorted({lever for cell in effects.values() for lever in cell})
            first = {f: observed[f] for f in effects if f in observed}
            self.model = JointModel.start(first, levers, self.behaviour)
        self.model.add(week, observed, effects, noise_var)
        means, sds = self.model.posterior()
        for lever, mean, sd in zip(self.model.levers, means, sds, strict=True):
            self.means[lever] = float(mean)
            self.sds[lever] = float(sd)
