"""What a provider family may hold and move: its capacities and its other levers.

A capacity is staffed units that change in steps after notice (:class:`CapacitySpec`);
the other levers are each family's own (DESIGN §5). Service lines of an integrated
provider hold and move those of their family.
"""

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sim.core.kinds import CapacityKind, OrganisationKind
from sim.core.limits import MAX_UNITS, NonNegativeGbp

_FROZEN = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
Units = Annotated[int, Field(ge=0, le=MAX_UNITS)]


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


LEVERS_BY_KIND: dict[OrganisationKind, type[BaseModel]] = {
    OrganisationKind.ACUTE: AcuteLevers,
    OrganisationKind.COMMUNITY: CommunityLevers,
    OrganisationKind.SOCIAL_CARE: SocialCareLevers,
    OrganisationKind.VOLUNTARY: VoluntaryLevers,
}


def lever_names(kind: OrganisationKind) -> frozenset[str]:
    """Every lever a provider family (or service line) may move: capacities and the rest."""
    return (frozenset(c.value for c in CAPACITIES_BY_KIND[kind])
            | frozenset(LEVERS_BY_KIND[kind].model_fields))
