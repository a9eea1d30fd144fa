"""Organisations in a scenario file: commissioners and providers with their cost structures."""

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sim.core.activity import ActivityUnit
from sim.core.kinds import CapacityKind, OrganisationKind
from sim.core.limits import MAX_UNITS, MAX_WEEKS, Gbp, NonNegativeGbp
from sim.scenario.behaviour import BehaviourParams
from sim.scenario.efficiency import EfficiencyProgramme
from sim.scenario.growth import CostLineInflation

_FROZEN = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
Units = Annotated[int, Field(ge=0, le=MAX_UNITS)]


class CommissionerType(StrEnum):
    """Health (ICB) or local authority (adult social care) commissioner."""

    HEALTH = "health"
    LOCAL_AUTHORITY = "local_authority"


# Which capacities each provider family may hold.
CAPACITIES_BY_KIND: dict[OrganisationKind, frozenset[CapacityKind]] = {
    OrganisationKind.ACUTE: frozenset({CapacityKind.ACUTE_BEDS}),
    OrganisationKind.COMMUNITY: frozenset({CapacityKind.D2A_PLACES, CapacityKind.COMMUNITY_BEDS}),
    OrganisationKind.SOCIAL_CARE: frozenset(
        {CapacityKind.REABLEMENT_PLACES, CapacityKind.CARE_HOME_PLACES,
         CapacityKind.HOME_CARE_PACKAGES}
    ),
    OrganisationKind.VOLUNTARY: frozenset({CapacityKind.PREVENTION_PLACES}),
}


class CapacitySpec(BaseModel):
    """Semi-fixed capacity: staffed units that change in steps, after notice."""

    model_config = _FROZEN

    units: Units
    cost_gbp_per_unit_year: NonNegativeGbp
    notice_weeks: int = Field(26, ge=0, le=104)
    step_units: int = Field(1, ge=1, le=MAX_UNITS)
    min_units: Units = 0
    max_units: Units | None = None

    @model_validator(mode="after")
    def _bounds_hold(self) -> "CapacitySpec":
        if self.max_units is not None and not self.min_units <= self.units <= self.max_units:
            raise ValueError(
                f"units must lie in [min_units, max_units] = [{self.min_units}, {self.max_units}],"
                f" got {self.units}"
            )
        return self


class AcuteLevers(BaseModel):
    """Acute levers besides bed capacity (DESIGN §5)."""

    model_config = _FROZEN

    discretionary_admit_share: float = Field(0.85, ge=0.0, le=1.0)
    discharge_effort: float = Field(0.0, ge=0.0, le=1.0)
    avoidance_investment_gbp_per_year: NonNegativeGbp = Decimal(0)


class CommunityLevers(BaseModel):
    """Community levers besides D2A / intermediate-care capacity."""

    model_config = _FROZEN

    proactive_care_investment_gbp_per_year: NonNegativeGbp = Decimal(0)


class SocialCareLevers(BaseModel):
    """Social care levers besides home-care, reablement and care-home capacity."""

    model_config = _FROZEN

    residential_placement_bias: float = Field(1.0, ge=0.2, le=3.0)


class VoluntaryLevers(BaseModel):
    """Voluntary organisations' only lever is prevention capacity (held as a capacity)."""

    model_config = _FROZEN


class _ProviderBase(BaseModel):
    model_config = _FROZEN

    id: str = Field(min_length=1)
    name: str = ""
    fixed_cost_gbp_per_year: NonNegativeGbp
    capacities: dict[CapacityKind, CapacitySpec]
    variable_cost_gbp: dict[ActivityUnit, NonNegativeGbp] = Field(default_factory=dict)
    escalation_premium: float = Field(0.5, ge=0.0, le=5.0)
    reserves_gbp: Gbp
    distress_weeks: int = Field(26, ge=1, le=MAX_WEEKS)
    behaviour: BehaviourParams = BehaviourParams()
    # False holds its levers at their status-quo (scenario) positions: influence is
    # measured by paired runs with and without this.
    adapts: bool = True
    # The most it would tolerate losing under a deal in the worst stress case (£ over the
    # run); None: no stated limit. Read by the agreement designer.
    max_loss_gbp: NonNegativeGbp | None = None
    cost_inflation: CostLineInflation = CostLineInflation()
    efficiency: EfficiencyProgramme | None = None

    @model_validator(mode="after")
    def _capacities_fit_kind(self) -> "_ProviderBase":
        allowed = CAPACITIES_BY_KIND[OrganisationKind(self.kind)]  # type: ignore[attr-defined]
        wrong = sorted(set(self.capacities) - allowed)
        if wrong:
            raise ValueError(
                f"a {self.kind} provider cannot hold capacity {', '.join(wrong)};"  # type: ignore[attr-defined]
                f" expected some of {', '.join(sorted(allowed))}"
            )
        return self


class AcuteSpec(_ProviderBase):
    """An acute trust."""

    kind: Literal["acute"]
    levers: AcuteLevers = AcuteLevers()


class CommunitySpec(_ProviderBase):
    """A community provider (D2A, intermediate-care beds, community nursing)."""

    kind: Literal["community"]
    levers: CommunityLevers = CommunityLevers()


class SocialCareSpec(_ProviderBase):
    """The social care market taken together (home care, reablement, care homes)."""

    kind: Literal["social_care"]
    levers: SocialCareLevers = SocialCareLevers()


class VoluntarySpec(_ProviderBase):
    """A voluntary-sector organisation offering prevention / social prescribing."""

    kind: Literal["voluntary"]
    levers: VoluntaryLevers = VoluntaryLevers()


ProviderSpec = Annotated[
    AcuteSpec | CommunitySpec | SocialCareSpec | VoluntarySpec, Field(discriminator="kind")
]


class CommissionerSpec(BaseModel):
    """An ICB or a local authority: holds an allocation and places contracts."""

    model_config = _FROZEN

    id: str = Field(min_length=1)
    name: str = ""
    kind: Literal["commissioner"]
    commissioner_type: CommissionerType
    allocation_gbp_per_year: NonNegativeGbp
    allocation_growth_per_year: float = Field(0.0, ge=-0.2, le=0.3)
    reserves_gbp: Gbp = Decimal(0)
    contingency_share: float = Field(0.005, ge=0.0, le=0.2)
    behaviour: BehaviourParams = BehaviourParams()
    # False holds its levers at their status-quo (scenario) positions: influence is
    # measured by paired runs with and without this.
    adapts: bool = True
    # The most it would tolerate losing under a deal in the worst stress case (£ over the
    # run); None: no stated limit. Read by the agreement designer.
    max_loss_gbp: NonNegativeGbp | None = None


OrganisationSpec = Annotated[
    CommissionerSpec | AcuteSpec | CommunitySpec | SocialCareSpec | VoluntarySpec,
    Field(discriminator="kind"),
]
