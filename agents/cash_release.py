"""How much of a quoted saving is cash: a belief per cost line, learned from published accounts.

Plans value a change of activity elsewhere at the quoted average unit cost (£407 a bed
day), but a provider that treats fewer patients saves only what varies with them until it
closes beds or wards: "a lot of the time the savings are not actually savings". Each
organisation therefore holds, for each cost line (activity unit) ``u``, a belief
``θ_u`` — the share of the quoted cost that a change in that activity releases — and
values a change ``Δa_u`` elsewhere at ``θ_u · quoted_u · Δa_u``.

Once a year it reads every provider's published accounts (operating cost before lever
programmes and efficiency savings, and activity by unit, from
``CareSystemModel.published_accounts``) and fits, across providers, the regression

    (C_t − C_{t−1}) / C_{t−1} = g + Σ_u θ_u · quoted_u · (a_{u,t} − a_{u,t−1}) / C_{t−1} + ε

where ``g`` is the year's common cost growth (pay and price inflation, estimated beside the
shares so that inflation is not read as activity) and ε ~ N(0, cash_release_noise_share²).
The prior is θ_u ~ N(cash_release_prior_share, cash_release_prior_sd²) for each line,
independent, and g ~ N(0, belief_trend_sd_per_year²) each year. The posterior is the
conjugate normal one, kept as sufficient statistics of the shares (each year's growth is
integrated out of that year's rows), so evidence accumulates over years and a line whose
activity never changes keeps its prior. Nothing here reads the engine: only accounts as
published.
"""

from dataclasses import dataclass, field

import numpy as np

from sim.core.activity import ActivityUnit

LINES = tuple(ActivityUnit)
SHARE_BOUNDS = (0.0, 2.0)  # a saving can be learned to release nothing, never to cost money


@dataclass
class CashReleaseBelief:
    """Posterior over the cash-releasing share of each cost line's quoted average cost."""

    behaviour: object
    precision: np.ndarray = field(init=False)
    shift: np.ndarray = field(init=False)  # precision @ mean
    last_accounts: dict | None = None

    def __post_init__(self) -> None:
        sd = self.behaviour.cash_release_prior_sd
        self.precision = np.eye(len(LINES)) / sd ** 2
        self.shift = np.full(len(LINES), self.behaviour.cash_release_prior_share) / sd ** 2

    def means(self) -> np.ndarray:
        """Posterior mean share of each line, in ``LINES`` order."""
        return np.linalg.solve(self.precision, self.shift)

    def share(self, unit) -> float:
        """Believed cash-releasing share of the quoted cost of ``unit`` (1 for other lines)."""
        if unit not in LINES:
            return 1.0  # escalation days are agency premium: cash by nature
        low, high = SHARE_BOUNDS
        return float(min(high, max(low, self.means()[LINES.index(unit)])))

    def shares(self) -> dict[str, float]:
        """Every line's believed share, by unit name (for the record)."""
        return {unit.value: self.share(unit) for unit in LINES}

    def learn(self, accounts: dict, quoted) -> None:
        """Update on one year's published accounts against the year before.

        Args:
            accounts: ``{provider: (cost_gbp, {unit: annual activity})}`` for the year just
                closed (providers open all year).
            quoted: The place's quoted unit costs (``cost_gbp(unit)``).
        """
        before, self.last_accounts = self.last_accounts, accounts
        if before is None:
            return
        rows, ys = [], []
        for org in sorted(set(accounts) & set(before)):
            cost, activity = accounts[org]
            cost_before, activity_before = before[org]
            if cost_before <= 0:
                continue
            rows.append([quoted.cost_gbp(u) * (activity.get(u, 0.0) - activity_before.get(u, 0.0))
                         / cost_before for u in LINES])
            ys.append((cost - cost_before) / cost_before)
        if not rows:
            return
        x, y = np.array(rows), np.array(ys)
        # y = g·1 + xθ + ε with g ~ N(0, τ²): integrating g out gives y ~ N(xθ, σ²I + τ²11ᵀ).
        sigma2 = self.behaviour.cash_release_noise_share ** 2
        tau2 = self.behaviour.belief_trend_sd_per_year ** 2
        noise = sigma2 * np.eye(len(ys)) + tau2 * np.ones((len(ys), len(ys)))
        weight = np.linalg.inv(noise)
        self.precision = self.precision + x.T @ weight @ x
        self.shift = self.shift + x.T @ weight @ y
