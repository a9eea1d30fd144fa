"""Financial regimes: the consequences institutions impose when reserves pass a threshold.

Three rules, all off unless ``[regimes] enabled = true`` (so results without the table are
unchanged), each checked at a model year's end:

* **Recovery** (NHS providers: acute and community trusts). A trust whose reserves are
  below ``recovery_reserves_floor_gbp`` enters recovery, as in NHS England's Recovery
  Support Programme for trusts in segment 4 of the NHS Oversight Framework: its health
  commissioners pay deficit support bringing it back to the floor (shared in proportion
  to their allocations, recorded as ``deficit_support``), and it must run a cost
  improvement plan of ``recovery_efficiency_share`` of its cost base the next year.
  With ``deficit_support_from = "exchequer"`` the support comes from NHS England instead
  (exchequer-funded: an income from outside the place), and a health commissioner whose
  own reserves are below the same floor is brought back to it the same way (regime
  ``commissioner_support``), so no NHS body's reserves stay below the floor unrecorded.
* **Section 114 notice** (local-authority commissioners). A council whose reserves are
  below ``s114_reserves_floor_gbp`` cannot set a balanced budget (Local Government
  Finance Act 1988 s114(3)); its chief finance officer's notice stops new discretionary
  spending. Modelled as a cut of ``s114_spending_cut_share`` in the fixed contract values
  it controls for the coming year, on top of its own contract round.
* **Allocation rule** (every commissioner). Reserves above ``allocation_reserve_cap_share``
  of the year's allocation are returned to the exchequer (``allocation_clawback``), so a
  commissioner cannot accumulate unspent allocation year after year.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sim.core.limits import MAX_GBP

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class RegimeParams(BaseModel):
    """Thresholds of the financial regimes (see the module docstring and docs/finance.md)."""

    model_config = _FROZEN

    enabled: bool = Field(False, description=(
        "Apply the regimes. Off by default so that runs without the table are unchanged."))
    recovery_reserves_floor_gbp: float = Field(
        -5_000_000.0, ge=-float(MAX_GBP), le=0.0, allow_inf_nan=False, description=(
            "£. An NHS provider with reserves below this at a year's end enters recovery. "
            "Estimate: about two weeks of a mid-sized acute trust's cost, the scale of "
            "deficit at which trusts are placed in segment 4."))
    recovery_efficiency_share: float = Field(
        0.03, ge=0.0, le=0.1, allow_inf_nan=False, description=(
            "Share of cost base. The mandated cost improvement plan in the year after "
            "entering recovery. Estimate: trusts in recovery plan 3–5% savings, above the "
            "national 2% efficiency assumption."))
    deficit_support_from: Literal["commissioners", "exchequer"] = Field(
        "commissioners", description=(
            "Who pays recovery deficit support: the place's health commissioners (shared by "
            "allocation), or NHS England from the exchequer, which then also supports a "
            "health commissioner below the floor. NHS England's deficit support to trusts "
            "and its system financial recovery support to ICBs are exchequer-funded."))
    s114_reserves_floor_gbp: float = Field(
        0.0, ge=-float(MAX_GBP), le=float(MAX_GBP), allow_inf_nan=False, description=(
            "£. A council with reserves below this at a year's end issues a s114 notice. "
            "Default 0: a council may not plan to spend more than its resources (LGFA 1988 "
            "s114(3))."))
    s114_spending_cut_share: float = Field(
        0.05, ge=0.0, le=0.5, allow_inf_nan=False, description=(
            "Share. Cut in the council's fixed contract values for the coming year under a "
            "notice. Estimate: councils under s114 have cut discretionary spend by a few "
            "per cent of net budget."))
    allocation_reserve_cap_share: float = Field(
        0.05, ge=0.0, le=1.0, allow_inf_nan=False, description=(
            "Share of the year's allocation. A commissioner's reserves above it are returned "
            "to the exchequer at the year's end. Estimate: ICBs must break even each year; "
            "5% leaves room for the contingency."))
