"""What the user has chosen on the page, as one frozen value.

A run is a pure function of a scenario and a ``RunSettings``: two settings that compare
equal give the same run, so the page can tell at a glance whether the charts on show
still belong to the controls (a changed control means stale results).
"""

import os
from dataclasses import dataclass, field, replace
from enum import StrEnum

# Small by default so a five-year run finishes while a meeting watches; the model scales
# money and activity back up to the whole place.
DEFAULT_PEOPLE = 50_000
# Three seeds by default: the least that gives an interval, and quick enough for a meeting.
DEFAULT_REPLICATIONS = 3
PEOPLE_ENV = "PLACESIM_APP_PEOPLE"
YEARS_ENV = "PLACESIM_APP_YEARS"
DEFAULT_SCENARIO = "scenarios/default.toml"


class SchemeBenefit(StrEnum):
    """How much of a prevention or D2A scheme's intended benefit is realised."""

    FULL = "full"
    HALF = "half"
    NONE = "none"

    @property
    def fraction(self) -> float:
        """The realised fraction of the intended benefit."""
        return {SchemeBenefit.FULL: 1.0, SchemeBenefit.HALF: 0.5, SchemeBenefit.NONE: 0.0}[self]


@dataclass(frozen=True)
class SharingSettings:
    """Changes to the first risk-share agreement of the design in force.

    ``None`` keeps the scenario's value; a number of 0 removes that modifier.

    Attributes:
        rule_kind: Distribution rule for both sides (gains-only rules apply to gains).
        proportions: Party id → share, for the fixed-proportions rule.
        threshold_gbp: First £ retained by the threshold party (0 removes the threshold).
        corridor_rate: Minimum savings/loss rate as a fraction of baseline (0 removes it).
        cap_fraction: Each party's share capped at this fraction of baseline (0 removes it).
    """

    rule_kind: str | None = None
    proportions: tuple[tuple[str, float], ...] | None = None
    threshold_gbp: float | None = None
    corridor_rate: float | None = None
    cap_fraction: float | None = None


@dataclass(frozen=True)
class RunSettings:
    """Every control on the page.

    Attributes:
        design: Name of the design in force.
        seed: First seed (the same seed gives two designs the same population draws).
        people: Simulated population (a sample, scaled up to the whole place).
        years: Years to run.
        demand_growth_per_year: NEL demand growth (``None``: the scenario's).
        scheme_effect: Prevention / D2A scheme's intended effect (``None``: the scenario's).
        scheme_benefit: How much of the scheme's intended benefit is realised.
        orientation: Organisation id → system orientation (0-1), for changed ones only.
        trust: Organisation id → initial trust (0-1), for changed ones only.
        transparency_weeks: Weeks between system-data releases to every organisation.
        sharing: Changes to the risk-share agreement.
        replications: Runs per press of Run, on consecutive seeds from ``seed``.
    """

    design: str
    seed: int
    people: int = DEFAULT_PEOPLE
    years: int = 5
    demand_growth_per_year: float | None = None
    scheme_effect: float | None = None
    scheme_benefit: SchemeBenefit | None = None
    orientation: tuple[tuple[str, float], ...] = ()
    trust: tuple[tuple[str, float], ...] = ()
    transparency_weeks: int | None = None
    sharing: SharingSettings = field(default_factory=SharingSettings)
    replications: int = DEFAULT_REPLICATIONS

    def with_org_value(self, name: str, org_id: str, value: float) -> "RunSettings":
        """A copy with one organisation's orientation or trust changed.

        Args:
            name: ``"orientation"`` or ``"trust"``.
            org_id: The organisation.
            value: The new value.
        """
        values = dict(getattr(self, name))
        values[org_id] = value
        return replace(self, **{name: tuple(sorted(values.items()))})

    def with_sharing(self, **changes) -> "RunSettings":
        """A copy with some sharing settings changed."""
        return replace(self, sharing=replace(self.sharing, **changes))


def env_int(name: str, default: int) -> int:
    """An integer from the environment, or ``default`` when unset.

    Raises:
        ValueError: Naming the variable when it is set but not a positive whole number.
    """
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or int(raw) <= 0:
        raise ValueError(f"environment variable {name}: expected a positive whole number,"
                         f" got {raw!r}")
    return int(raw)
