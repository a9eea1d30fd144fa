"""Commissioners: an allocation, contracts to pay, and a contingency reserve."""

from agents.base import Organisation
from sim.ledger import EXCHEQUER, Reason
from sim.money import gbp_to_pence
from sim.scenario.organisations import OrganisationKind


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
        self.agreements_left: dict[str, int] = {}

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
