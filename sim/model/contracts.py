"""Contracts in force: year-to-date activity, and monthly payments through the ledger.

Each month the payer pays ``cumulative_due(this month) − cumulative_due(last month)``,
so payments follow the pure pricing functions of ``sim.payments`` exactly.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from sim.core.activity import ActivityUnit
from sim.core.ledger import Ledger, Reason
from sim.core.money import gbp_to_pence
from sim.payments import ContractTerms, YearToDate, cumulative_due_pence
from sim.scenario.schema import ContractSpec, PooledBudgetSpec

# Contract fields a commissioner sets locally (unit prices are national tariffs).
FIXED_VALUE_FIELDS = ("annual_value_gbp", "per_head_gbp")


@dataclass
class ContractState:
    """A contract in force and its year to date."""

    spec: ContractSpec
    terms: ContractTerms
    contract_year: int = 1
    volume_ytd: float = 0.0
    market_volume_ytd: float = 0.0
    weighted_heads: float = 0.0
    paid_ytd_pence: int = 0
    paid_by_year_pence: list[int] = field(default_factory=list)

    @property
    def unit(self) -> ActivityUnit | None:
        """The unit of activity the contract counts, if any."""
        return getattr(self.terms, "unit", None)


class ContractBook:
    """Every contract and pooled budget of the design in force."""

    def __init__(self, contracts: list[ContractSpec], pools: list[PooledBudgetSpec],
                 uplift_for=None) -> None:
        """Put the design's contracts into force at their first contract year.

        Args:
            contracts: The design's contracts.
            pools: The design's pooled budgets.
            uplift_for: Callable giving the place's price uplift for a contract whose
                terms leave ``price_uplift_per_year`` unset (``None``: no uplift).
        """
        self.contracts = [ContractState(spec=c, terms=_with_uplift(c, uplift_for))
                          for c in contracts]
        self.pools = list(pools)

    def record_week(self, activity_by_org: dict[str, dict[ActivityUnit, float]]) -> None:
        """Add a week's activity to each contract: the payee's own, and the whole place's.

        The place's volume of a contract's unit is what a global budget's market shift is
        measured against.
        """
        for contract in self.contracts:
            unit = contract.unit
            if unit is not None:
                contract.volume_ytd += activity_by_org.get(contract.spec.payee, {}).get(unit, 0.0)
                contract.market_volume_ytd += sum(own.get(unit, 0.0)
                                                  for own in activity_by_org.values())

    def set_weighted_heads(self, weighted_heads_for) -> None:
        """Fix each capitation contract's weighted list for the year (at the year start).

        Args:
            weighted_heads_for: Callable taking the terms and returning the weighted heads.
        """
        for contract in self.contracts:
            if hasattr(contract.terms, "per_head_gbp"):
                contract.weighted_heads = weighted_heads_for(contract.terms)

    def pay_month(
        self, ledger: Ledger, week: int, month: int, outcome_score_for,
    ) -> None:
        """Pay every contract's amount due for the month (a refund if it is negative).

        Args:
            ledger: The model's ledger.
            week: The week the month ends in.
            month: Month of the year, 0–11.
            outcome_score_for: Callable giving a payee's outcome score in [0, 1] for the year.
        """
        for contract in self.contracts:
            score = outcome_score_for(contract.spec.payee) if month == 11 else None
            ytd = YearToDate(
                months_elapsed=month + 1,
                volume=contract.volume_ytd,
                weighted_heads=contract.weighted_heads,
                outcome_score=score,
                cquin_achievement=score,
                market_volume=contract.market_volume_ytd,
            )
            due = cumulative_due_pence(contract.terms, ytd, contract.contract_year)
            ledger.post(week, contract.spec.payer, contract.spec.payee,
                        due - contract.paid_ytd_pence, Reason.CONTRACT_PAYMENT, contract.spec.id)
            contract.paid_ytd_pence = due

    def replace_terms(self, contract: ContractState, spec: ContractSpec, scenario) -> None:
        """Put a contract's new terms in force (a dated change, at a contract year's start)."""
        contract.spec = spec
        contract.terms = _with_uplift(spec, lambda c: place_uplift(scenario, c))

    def contribute_to_pools(self, ledger: Ledger, week: int, month: int) -> None:
        """Each commissioner pays a twelfth of its annual contribution into each pool."""
        for pool in self.pools:
            for contributor, annual_gbp in pool.contributions_gbp_per_year.items():
                annual = gbp_to_pence(annual_gbp)
                amount = annual * (month + 1) // 12 - annual * month // 12
                ledger.post(week, contributor, pool.id, amount, Reason.POOL_CONTRIBUTION, pool.id)

    def close_year(self) -> None:
        """Start a new contract year: reset year-to-date figures."""
        for contract in self.contracts:
            contract.paid_by_year_pence.append(contract.paid_ytd_pence)
            contract.contract_year += 1
            contract.volume_ytd = 0.0
            contract.market_volume_ytd = 0.0
            contract.paid_ytd_pence = 0

    def scale_fixed_values(self, payer: str, factor: float) -> None:
        """Scale the fixed values (block annual value, per-head rate) of a payer's contracts."""
        for contract in self.contracts:
            if contract.spec.payer != payer:
                continue
            updates = {name: getattr(contract.terms, name) * Decimal(repr(round(factor, 6)))
                       for name in FIXED_VALUE_FIELDS if hasattr(contract.terms, name)}
            if updates:
                contract.terms = contract.terms.model_copy(update=updates)


    def scale_contract(self, contract_id: str, factor: float) -> None:
        """Scale one contract's locally set values and planned volume (a commissioner's choice).

        Fixed values (block annual value, per-head rate) are exact pounds; a planned volume
        (of a blended contract or a block's corridor) is units a year.
        """
        exact = Decimal(repr(round(factor, 6)))
        for contract in self.contracts:
            if contract.spec.id != contract_id:
                continue
            terms = contract.terms
            updates = {name: getattr(terms, name) * exact
                       for name in FIXED_VALUE_FIELDS if hasattr(terms, name)}
            if getattr(terms, "planned_volume", None) is not None:
                updates["planned_volume"] = terms.planned_volume * float(exact)
            contract.terms = terms.model_copy(update=updates)

    def set_contribution(self, pool_id: str, contributor: str, annual_gbp: Decimal) -> None:
        """Set one contributor's annual contribution to a pool from the next month on."""
        self.pools = [pool.model_copy(update={"contributions_gbp_per_year": {
            **pool.contributions_gbp_per_year, contributor: annual_gbp}})
            if pool.id == pool_id else pool for pool in self.pools]


def _with_uplift(contract: ContractSpec, uplift_for) -> ContractTerms:
    """The contract's terms with the place's price uplift filled in where they leave it."""
    terms = contract.terms
    if uplift_for is None or getattr(terms, "price_uplift_per_year", 0.0) is not None:
        return terms
    uplift = uplift_for(contract)
    if not uplift:
        return terms
    return terms.model_copy(update={"price_uplift_per_year": float(uplift)})


def place_uplift(scenario, contract: ContractSpec) -> Decimal:
    """The place's price uplift for a contract whose terms leave it unset.

    Care-market fee uplift for a local authority's contracts (or a pool it hosts), the
    tariff uplift for everything else.
    """
    from sim.scenario.organisations import CommissionerType

    growth = scenario.growth
    payer = contract.payer
    hosts = {pool.host for design in scenario.designs.values()
             for pool in design.pooled_budgets if pool.id == payer}
    payer = next(iter(hosts), payer)
    spec = next((o for o in scenario.organisations if o.id == payer), None)
    if getattr(spec, "commissioner_type", None) == CommissionerType.LOCAL_AUTHORITY:
        return growth.care_fee_uplift
    return growth.tariff_uplift
