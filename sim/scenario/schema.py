"""The root of a scenario file: a place and the designs that could govern it."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from sim.core.kinds import CapacityKind
from sim.core.limits import MAX_PLACE_SIZE, MIN_PLACE_SIZE, NonNegativeGbp
from sim.payments import ContractTerms
from sim.population import PopulationParams
from sim.scenario.behaviour import PlaceBehaviour
from sim.scenario.calibration import CalibrationRecord
from sim.scenario.effects import DemandParams, LeverEffects
from sim.scenario.growth import PlaceGrowth
from sim.scenario.organisations import CommissionerSpec, OrganisationSpec
from sim.scenario.regimes import RegimeParams
from sim.scenario.timeline import TimelineEntry
from sim.sharing import RiskShareAgreement

_FROZEN = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Meta(BaseModel):
    """What the scenario is and how long it runs by default."""

    model_config = _FROZEN

    name: str
    description: str = ""
    price_year: str = "2023/24"
    years: int = Field(5, ge=1, le=30)
    seed: int = Field(1, ge=0)


class PopulationSpec(PopulationParams):
    """The population: its size plus the engine's parameters."""

    size: int = Field(ge=MIN_PLACE_SIZE, le=MAX_PLACE_SIZE)


class ContractSpec(BaseModel):
    """A contract: ``payer`` (commissioner, pooled budget or lead provider) pays ``payee``."""

    model_config = _FROZEN

    id: str = Field(min_length=1)
    payer: str
    payee: str
    terms: ContractTerms
    # For an integrated payee: the service line the contract buys, so that its income
    # shows in that line's accounts (None: the organisation's as a whole).
    service_line: Literal["acute", "community", "social_care", "voluntary"] | None = None

    @model_validator(mode="after")
    def _two_parties(self) -> "ContractSpec":
        if self.payer == self.payee:
            raise ValueError(f"payer and payee are both {self.payer!r}; a contract needs two"
                             " different organisations")
        return self


class PooledBudgetSpec(BaseModel):
    """A pooled fund (s75 / BCF): commissioners contribute; contracts may be paid from it."""

    model_config = _FROZEN

    id: str = Field(min_length=1)
    host: str
    contributions_gbp_per_year: dict[str, NonNegativeGbp]


class DesignSpec(BaseModel):
    """One incentive design: the contracts, pooled budgets and agreements in force."""

    model_config = _FROZEN

    name: str = ""  # shown to people; empty: the design's key, title-cased
    description: str = ""
    contracts: list[ContractSpec] = Field(min_length=1)
    pooled_budgets: list[PooledBudgetSpec] = Field(default_factory=list)
    agreements: list[RiskShareAgreement] = Field(default_factory=list)


class Scenario(BaseModel):
    """A place: population, organisations, lever effects, demand, shared behaviour, designs."""

    model_config = _FROZEN

    meta: Meta
    population: PopulationSpec
    organisations: list[OrganisationSpec] = Field(min_length=2)
    effects: LeverEffects = LeverEffects()
    demand: DemandParams = DemandParams()
    behaviour: PlaceBehaviour = PlaceBehaviour()
    growth: PlaceGrowth = PlaceGrowth()
    regimes: RegimeParams = RegimeParams()
    designs: dict[str, DesignSpec] = Field(min_length=1)
    timeline: tuple[TimelineEntry, ...] = ()
    # Display names of service lines (capacity settings) shown in charts, tables and
    # exports; an unlisted line keeps its default name (experiments/names.py).
    service_lines: dict[CapacityKind, str] = Field(default_factory=dict)
    _scheduled: list = PrivateAttr(default_factory=list)
    calibration: CalibrationRecord | None = None  # set by ``placesim calibrate``

    @model_validator(mode="after")
    def _references_resolve(self) -> "Scenario":
        from sim.scenario.references import reference_problems

        problems = reference_problems(self.model_dump())
        if problems:
            raise ValueError("\n".join(problems))
        return self

    @property
    def organisation_ids(self) -> list[str]:
        """Ids of all organisations, in file order."""
        return [org.id for org in self.organisations]

    def organisation(self, org_id: str) -> Any:
        """The spec of one organisation by id."""
        for org in self.organisations:
            if org.id == org_id:
                return org
        raise KeyError(f"no organisation {org_id!r}; known: {', '.join(self.organisation_ids)}")

    @property
    def scheduled(self) -> list:
        """The scenario after each timeline week: ``(week, entry indices, Scenario)``."""
        return self._scheduled

    def commissioners(self) -> list[CommissionerSpec]:
        """The commissioners, in file order."""
        return [o for o in self.organisations if isinstance(o, CommissionerSpec)]

    def design(self, name: str) -> DesignSpec:
        """One design by name, with an error listing the known names."""
        if name not in self.designs:
            raise KeyError(f"no design {name!r}; known designs: {', '.join(self.designs)}")
        return self.designs[name]
