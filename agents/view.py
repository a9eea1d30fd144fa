"""What an organisation can see of the system, and how fresh and accurate it is.

Its own activity it always knows. System figures reach it every ``transparency_weeks``
(any number of weeks: it looks every week), ``transparency_lag_weeks`` after the period they
cover ends, each with multiplicative noise of ``transparency_noise`` (the seeds ask for at
least quarterly reviews of baseline and performance: slower, later or noisier sharing is
worse). The figures are the model's public surface (``CareSystemModel.published_figures``):
activity returns and population health data, never the population engine itself.
"""

from dataclasses import dataclass, field

import numpy as np

from sim.core.calendar import WEEKS_PER_YEAR

# Weekly flows an organisation may be shown, as full-place annual rates (stocks as means).
RATE_FIELDS = (
    "admissions", "discretionary_admissions", "discretionary_diverted", "acute_bed_days",
    "escalation_bed_days", "dtoc_bed_days", "dtoc_d2a_bed_days", "dtoc_reablement_bed_days",
    "dtoc_community_bed_bed_days", "dtoc_care_home_bed_days", "community_contacts",
    "d2a_place_days", "community_bed_days", "reablement_place_days", "home_care_hours",
    "care_home_resident_weeks", "prevention_person_weeks", "care_home_placements",
    "package_starts", "admissions_refused",
)
STOCK_FIELDS = ("queue_d2a", "queue_reablement", "queue_community_bed", "queue_care_home",
                "queue_package", "waiting_for_package")
# Published population health data (whole place), beside the activity returns.
POPULATION_FIELDS = ("frail_people_at_home",)


@dataclass
class SystemView:
    """An organisation's latest picture of the system (annual rates, whole place)."""

    refreshed_week: int = -10**6
    covers_week: int = 0
    figures: dict[str, float] = field(default_factory=dict)

    def get(self, name: str) -> float:
        """A figure, or 0 before the first refresh."""
        return self.figures.get(name, 0.0)


# Figures a divided place publishes by area too (the care its councils buy): an
# organisation of one area sees its own area's (sim.population.flows.AreaFlows).
AREA_FIELDS = frozenset({
    "reablement_place_days", "care_home_resident_weeks", "home_care_hours",
    "dtoc_reablement_bed_days", "dtoc_care_home_bed_days", "waiting_for_package",
    "queue_reablement", "queue_care_home", "queue_package",
})


def observed_figures(history: list, size_scale: float, lookback_weeks: int,
                     lag_weeks: int = 0, area: int | None = None) -> dict[str, float]:
    """True annualised system figures over ``lookback_weeks`` weeks ending ``lag_weeks`` ago.

    With ``area`` (a divided place), the figures in ``AREA_FIELDS`` are that area's.
    """
    end = len(history) - lag_weeks
    recent = history[max(0, end - lookback_weeks):max(0, end)]
    if not recent:
        return {}
    weeks = len(recent)

    def total(name: str) -> float:
        if area is not None and name in AREA_FIELDS and recent[0].by_area:
            return sum(getattr(f.by_area[area], name) for f in recent)
        return sum(getattr(f, name) for f in recent)

    figures = {name: total(name) * WEEKS_PER_YEAR / weeks / size_scale for name in RATE_FIELDS}
    figures.update({name: total(name) / weeks / size_scale for name in STOCK_FIELDS})
    return figures


def refresh_view(view: SystemView, truth: dict[str, float], week: int, every_weeks: int,
                 noise: float, rng: np.random.Generator, covers_week: int = 0) -> bool:
    """Update the view if the transparency cadence allows; return whether it did.

    Args:
        view: The organisation's view (updated in place).
        truth: The true published figures (already lagged).
        week: The current week.
        every_weeks: Transparency cadence in weeks.
        noise: Relative standard deviation of reporting error.
        rng: The model's behaviour random stream.
        covers_week: The middle week of the period the figures cover.
    """
    if week - view.refreshed_week < every_weeks:
        return False
    names = sorted(truth)
    errors = rng.normal(1.0, noise, size=len(names)) if noise > 0 else np.ones(len(names))
    view.figures = {n: truth[n] * max(0.0, float(e)) for n, e in zip(names, errors, strict=True)}
    view.refreshed_week = week
    view.covers_week = covers_week
    return True
