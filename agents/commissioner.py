"""Commissioners: an allocation, contracts to pay, and a contingency reserve."""

from agents.base import Organisation
from agents.commissioning import CommissionParams, decide_commissioning, review_in_year
from sim.core.calendar import WEEKS_PER_YEAR
from sim.core.kinds import OrganisationKind
from sim.core.ledger import EXCHEQUER, Reason
from sim.core.money import gbp_to_pence
from sim.core.records import ContractCut


class Commissioner(Organisation):
    """An ICB or local authority commissioner.

    It receives its allocation monthly from the exchequer, pays its contracts and pooled
    budget contributions, and holds a contingency (a share of allocation it plans not to
    spend) against overspends.
    """

    kind = OrganisationKind.COMMISSIONER

    def __init__(self, model, spec) -> None:
        """Create the commissioner with its allocation at the scenario value."""
        super().__init__(model, spec)
        self.commissioner_type = spec.commissioner_type

    def allocation_pence_for_year(self, year: int) -> int:
        """The allocation in a given model year (0-based), grown at the scenario rate."""
        growth = (1 + self.spec.allocation_growth_per_year) ** year
        return int(gbp_to_pence(self.spec.allocation_gbp_per_year) * growth)

    def contingency_pence_for_year(self, year: int) -> int:
        """The part of the allocation held back as contingency."""
        return int(self.allocation_pence_for_year(year) * self.spec.contingency_share)

    def receive_allocation(self, week: int, year: int, month: int) -> None:
        """Receive this month's twelfth of the year's allocation (the remainder in month 12)."""
        annual = self.allocation_pence_for_year(year)
        paid_before = annual * month // 12
        paid_after = annual * (month + 1) // 12
        self.model.ledger.post(week, EXCHEQUER, self.org_id, paid_after - paid_before,
                               Reason.ALLOCATION, f"year {year}")

    @property
    def responsive(self) -> bool:
        """Whether it weighs its choices each year (``agents.commissioning``)."""
        return self.behaviour.commissioner_rule == "responsive"

    @property
    def weighs_notice_at_contract_round(self) -> bool:
        """A responsive commissioner decides to stay in agreements with its other choices."""
        return self.responsive

    def close_year(self, info) -> list:
        """Year end: the contract round for the coming year (fixed or responsive)."""
        if not self.responsive:
            return self.contract_round(info)
        view = self.model.commission_view(self, info)
        plan = decide_commissioning(view, self.commission_params())
        return self.model.apply_commission_plan(self, plan, view, info)

    def review_quarter(self, info) -> list:
        """A quarter's end but the last: a responsive commissioner's in-year review."""
        if not self.responsive or info.ends_year:
            return []
        choices = review_in_year(self.model.in_year_view(self, info))
        return self.model.apply_in_year(self, choices, info)

    def commission_params(self) -> CommissionParams:
        """Its traits the responsive rule uses."""
        b = self.behaviour
        return CommissionParams(max_cut=b.max_fixed_value_cut_per_year,
                                max_rise=b.max_fixed_value_rise_per_year,
                                grant_weight=b.grant_budget_weight,
                                max_pool_cut=b.max_pool_contribution_cut_per_year)

    def spent_this_year_pence(self, info) -> int:
        """All it has paid out from the year's first week to ``info.week`` (pence)."""
        flows = self.model.ledger.flows(self.org_id, info.year * WEEKS_PER_YEAR, info.week)
        return sum(v for (direction, _), v in flows.items() if direction == "out")

    def contract_round(self, info) -> list[ContractCut]:
        """Set next year's contract values within the allocation, keeping the contingency.

        If last year's spend ran over the allocation less the contingency, the fixed values
        it controls (annual block values, per-head rates) are cut in proportion, by at most
        its ``behaviour.max_fixed_value_cut_per_year``: prices per unit of activity are
        national, not local.
        """
        spent = self.spent_this_year_pence(info)
        affordable = (self.allocation_pence_for_year(info.year + 1)
                      - self.contingency_pence_for_year(info.year + 1))
        if spent <= affordable or spent == 0:
            return []
        factor = max(1.0 - self.behaviour.max_fixed_value_cut_per_year, affordable / spent)
        self.model.contracts.scale_fixed_values(self.org_id, factor)
        return [ContractCut(year=info.year + 1, organisation=self.org_id, factor=factor)]
