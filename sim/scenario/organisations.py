"""Organisations in a scenario file: commissioners and providers with their cost structures."""

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sim.core.activity import ActivityUnit
from sim.core.kinds import SETTING_OF_UNIT, CapacityKind, OrganisationKind
from sim.core.limits import MAX_WEEKS, Gbp, NonNegativeGbp
from sim.scenario.behaviour import BehaviourParams
from sim.scenario.efficiency import EfficiencyProgramme
from sim.scenario.growth import CostLineInflation
from sim.scenario.levers import (
    CAPACITIES_BY_KIND,
    AcuteLevers,
    CapacitySpec,
    CommunityLevers,
    SocialCareLevers,
    VoluntaryLevers,
    lever_names,
)

_FROZEN = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class CommissionerType(StrEnum):
    """Health (ICB) or local authority (adult social care) commissioner."""

    HEALTH = "health"
    LOCAL_AUTHORITY = "local_authority"


def _check_capacities(kind: str, capacities, what: str) -> None:
    allowed = CAPACITIES_BY_KIND[OrganisationKind(kind)]
    wrong = sorted(set(capacities) - allowed)
    if wrong:
        raise ValueError(
            f"{what} cannot hold capacity {', '.join(wrong)};"
            f" expected some of {', '.join(sorted(allowed))}"
        )


def _check_efficiency_lever(efficiency: EfficiencyProgramme | None,
                            allowed: frozenset[str], what: str) -> None:
    if efficiency is None or efficiency.depends_on is None:
        return
    lever = efficiency.depends_on.lever
    if lever not in allowed:
        raise ValueError(f"efficiency.depends_on.lever: {what} has no lever '{lever}';"
                         f" expected one of {', '.join(sorted(allowed))}")


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
    # The area (population.areas) whose people its reablement, care-home and home-care
    # places serve; needed when the place is divided into areas (docs/areas.md).
    area: str | None = None

    @model_validator(mode="after")
    def _capacities_fit_kind(self) -> "_ProviderBase":
        _check_capacities(self.kind, self.capacities,  # type: ignore[attr-defined]
                          f"a {self.kind} provider")  # type: ignore[attr-defined]
        kind = OrganisationKind(self.kind)  # type: ignore[attr-defined]
        _check_efficiency_lever(self.efficiency, lever_names(kind), f"the {kind.value} provider")
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


class _LineBase(BaseModel):
    """One service line of an integrated provider: its own cost structure and levers."""

    model_config = _FROZEN

    fixed_cost_gbp_per_year: NonNegativeGbp
    capacities: dict[CapacityKind, CapacitySpec] = Field(default_factory=dict)
    variable_cost_gbp: dict[ActivityUnit, NonNegativeGbp] = Field(default_factory=dict)
    escalation_premium: float = Field(0.5, ge=0.0, le=5.0)
    family: ClassVar[OrganisationKind]

    @field_validator("capacities")
    @classmethod
    def _capacities_fit_family(cls, capacities: dict) -> dict:
        _check_capacities(cls.family, capacities, _a_line(cls.family))
        return capacities

    @field_validator("variable_cost_gbp")
    @classmethod
    def _units_fit_family(cls, costs: dict) -> dict:
        allowed = CAPACITIES_BY_KIND[cls.family]
        elsewhere = sorted(u.value for u in costs if SETTING_OF_UNIT[u] not in allowed)
        if elsewhere:
            units = sorted(u.value for u, k in SETTING_OF_UNIT.items() if k in allowed)
            raise ValueError(f"{_a_line(cls.family)} does not deliver {', '.join(elsewhere)};"
                             f" expected some of {', '.join(units)}")
        return costs


def _a_line(kind: OrganisationKind) -> str:
    return f"{'an' if kind.value[0] in 'aeiou' else 'a'} {kind.value} line"


class AcuteLine(_LineBase):
    """The acute line of an integrated provider (beds and the acute levers)."""

    family: ClassVar[OrganisationKind] = OrganisationKind.ACUTE
    levers: AcuteLevers = AcuteLevers()


class CommunityLine(_LineBase):
    """The community line of an integrated provider (D2A, community beds, proactive care)."""

    family: ClassVar[OrganisationKind] = OrganisationKind.COMMUNITY
    levers: CommunityLevers = CommunityLevers()


class SocialCareLine(_LineBase):
    """The adult social care line of an integrated provider (packages, reablement, homes)."""

    family: ClassVar[OrganisationKind] = OrganisationKind.SOCIAL_CARE
    levers: SocialCareLevers = SocialCareLevers()


class VoluntaryLine(_LineBase):
    """A prevention line of an integrated provider."""

    family: ClassVar[OrganisationKind] = OrganisationKind.VOLUNTARY
    levers: VoluntaryLevers = VoluntaryLevers()


LINE_SPEC_BY_KIND: dict[OrganisationKind, type[_LineBase]] = {
    OrganisationKind.ACUTE: AcuteLine,
    OrganisationKind.COMMUNITY: CommunityLine,
    OrganisationKind.SOCIAL_CARE: SocialCareLine,
    OrganisationKind.VOLUNTARY: VoluntaryLine,
}


class ServiceLines(BaseModel):
    """An integrated provider's service lines, each at most once, keyed by its family."""

    model_config = _FROZEN

    acute: AcuteLine | None = None
    community: CommunityLine | None = None
    social_care: SocialCareLine | None = None
    voluntary: VoluntaryLine | None = None

    @model_validator(mode="before")
    @classmethod
    def _known_lines(cls, data):
        if isinstance(data, dict):
            known = [k.value for k in LINE_SPEC_BY_KIND]
            unknown = sorted(str(k) for k in data if k not in known)
            if unknown:
                raise ValueError(f"unknown service line {', '.join(unknown)};"
                                 f" expected some of {', '.join(known)}")
        return data

    def items(self) -> list[tuple[OrganisationKind, _LineBase]]:
        """The lines present, in the fixed family order (acute, community, social care, ...)."""
        return [(kind, line) for kind in LINE_SPEC_BY_KIND
                if (line := getattr(self, kind.value)) is not None]


class IntegratedSpec(BaseModel):
    """One organisation running several service lines under one set of accounts.

    Each line has its own cost structure, capacities and levers (checked against its
    family's); the organisation has one account, one behaviour and one efficiency
    programme, and chooses all its lines' levers together.
    """

    model_config = _FROZEN

    id: str = Field(min_length=1)
    name: str = ""
    kind: Literal["integrated"]
    lines: ServiceLines
    reserves_gbp: Gbp
    distress_weeks: int = Field(26, ge=1, le=MAX_WEEKS)
    behaviour: BehaviourParams = BehaviourParams()
    adapts: bool = True
    max_loss_gbp: NonNegativeGbp | None = None
    cost_inflation: CostLineInflation = CostLineInflation()
    efficiency: EfficiencyProgramme | None = None
    # The area (population.areas) whose people its reablement, care-home and home-care
    # places serve; needed when the place is divided into areas (docs/areas.md).
    area: str | None = None

    @model_validator(mode="after")
    def _has_a_line(self) -> "IntegratedSpec":
        if not self.lines.items():
            raise ValueError("an integrated provider needs at least one service line;"
                             f" expected some of {', '.join(k.value for k in LINE_SPEC_BY_KIND)}")
        levers = frozenset().union(*(lever_names(kind) for kind in self.line_families))
        _check_efficiency_lever(self.efficiency, levers, "the integrated provider's lines")
        return self

    # What readers of any provider's spec ask, answered for the organisation as a whole.
    @property
    def line_families(self) -> list[OrganisationKind]:
        """The families of its lines, in the fixed family order."""
        return [kind for kind, _ in self.lines.items()]

    @property
    def capacities(self) -> dict[CapacityKind, CapacitySpec]:
        """Every line's capacities (each kind belongs to one family, so to one line)."""
        return {k: c for _, line in self.lines.items() for k, c in line.capacities.items()}

    @property
    def variable_cost_gbp(self) -> dict[ActivityUnit, Decimal]:
        """Cost per unit of activity, from the line whose setting delivers the unit."""
        out: dict[ActivityUnit, Decimal] = {}
        for kind, line in self.lines.items():
            settings = CAPACITIES_BY_KIND[kind]
            out.update({u: c for u, c in line.variable_cost_gbp.items()
                        if SETTING_OF_UNIT[u] in settings})
        return out

    @property
    def fixed_cost_gbp_per_year(self) -> Decimal:
        """The lines' fixed costs together."""
        return sum((line.fixed_cost_gbp_per_year for _, line in self.lines.items()), Decimal(0))

    def line_spec(self, kind: OrganisationKind):
        """One line written as a provider of its family would be.

        The line's costs, capacities and levers with the organisation's id, behaviour and
        cost inflation. No reserves and no efficiency programme: those are the
        organisation's, held once.
        """
        line = getattr(self.lines, OrganisationKind(kind).value)
        return PROVIDER_SPEC_BY_KIND[OrganisationKind(kind)](
            id=self.id, name=f"{self.name or self.id}: {kind.value} line", kind=kind.value,
            reserves_gbp=Decimal(0), distress_weeks=self.distress_weeks,
            behaviour=self.behaviour, adapts=self.adapts, cost_inflation=self.cost_inflation,
            area=self.area, **line.model_dump(exclude_unset=False, round_trip=True))


ProviderSpec = Annotated[
    AcuteSpec | CommunitySpec | SocialCareSpec | VoluntarySpec | IntegratedSpec,
    Field(discriminator="kind"),
]


PROVIDER_SPEC_BY_KIND: dict[OrganisationKind, type[_ProviderBase]] = {
    OrganisationKind.ACUTE: AcuteSpec,
    OrganisationKind.COMMUNITY: CommunitySpec,
    OrganisationKind.SOCIAL_CARE: SocialCareSpec,
    OrganisationKind.VOLUNTARY: VoluntarySpec,
}


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
    # The allocation rule: reserves above this share of the year's allocation at a year's
    # end go back to the funder (the exchequer), so unspent allocation cannot pile up. An
    # ICB's underspend is not its to spend (its cumulative surplus is held by NHS England);
    # a council's adult social care underspend returns to its general fund, outside the
    # place. estimate: 5% of net budget, the order of the unearmarked reserves councils
    # hold; set it high (up to 100 times the allocation) to switch the rule off.
    reserves_cap_share: float = Field(0.05, ge=0.0, le=100.0, allow_inf_nan=False)
    behaviour: BehaviourParams = BehaviourParams()
    # False holds its levers at their status-quo (scenario) positions: influence is
    # measured by paired runs with and without this.
    adapts: bool = True
    # The most it would tolerate losing under a deal in the worst stress case (£ over the
    # run); None: no stated limit. Read by the agreement designer.
    max_loss_gbp: NonNegativeGbp | None = None
    # A council's area (population.areas): it buys the spot places its area's people need.
    # Every area of a divided place has one council (docs/areas.md).
    area: str | None = None


OrganisationSpec = Annotated[
    CommissionerSpec | AcuteSpec | CommunitySpec | SocialCareSpec | VoluntarySpec
    | IntegratedSpec,
    Field(discriminator="kind"),
]
