"""Money is conserved after every weekly step, for every design, on several seeds.

Beyond "balances sum to zero" (which the ledger's double entry makes true by construction),
each organisation's balance is re-derived by hand from the ledger's rows, contract payments
are recomputed independently from the week-by-week activity, risk-share clearing accounts
end every year at zero and pooled budgets end every year empty.
"""

from decimal import Decimal

import pandas as pd
import pytest

from sim.core.calendar import WEEKS_PER_YEAR, week_info
from sim.core.ledger import COST_REASONS, EXCHEQUER, OPENING_EQUITY, SUPPLIERS, Reason
from sim.core.money import gbp_to_pence
from sim.model import CareSystemModel
from sim.outputs.indicators import system_cost_pence
from sim.payments import YearToDate, cumulative_due_pence
from tests.core.helpers import DESIGNS, scenario_with

SEEDS = (3, 11, 29)
PEOPLE = 5_000
YEARS = 2
ALL_DESIGNS = (*DESIGNS, "pooled")
# The acute trust's main contract in each design (recomputed independently below).
ACUTE_CONTRACT = {"activity_based": "icb_acute", "block": "icb_acute",
                  "capitation_gain_loss": "icb_lead_provider", "blended": "icb_acute",
                  "pooled": "icb_acute"}


def hand_tally(ledger: pd.DataFrame, accounts: list[str]) -> dict[str, int]:
    """Each account's balance as opening reserves + money in − money out, reason by reason."""
    money_in = ledger.groupby(["payee", "reason"])["amount_pence"].sum().to_dict()
    money_out = ledger.groupby(["payer", "reason"])["amount_pence"].sum().to_dict()
    tally = {}
    for account in accounts:
        opening = money_in.get((account, Reason.OPENING_RESERVES.value), 0)
        other_in = sum(money_in.get((account, r.value), 0) for r in Reason
                       if r is not Reason.OPENING_RESERVES)
        out = sum(money_out.get((account, r.value), 0) for r in Reason)
        tally[account] = int(opening + other_in - out)
    return tally


class ContractShadow:
    """Re-computes one contract's monthly payments from week-by-week activity."""

    def __init__(self, model: CareSystemModel, contract_id: str) -> None:
        self.model = model
        self.state = next(c for c in model.contracts.contracts if c.spec.id == contract_id)
        self.volume = 0.0
        self.paid_before = 0
        self.new_year()

    def _weighted_heads(self) -> float:
        terms = self.terms
        if not hasattr(terms, "per_head_gbp"):
            return 0.0
        return self.model.population_weighted_heads(terms)

    def after_step(self, week: int, frame_of) -> tuple[int, int] | None:
        """(expected, posted) payment if a month just ended, else None."""
        info = week_info(week)
        unit = self.state.unit
        if unit is not None:
            # One acute trust holds every acute bed, so it delivers all the place's activity.
            self.volume += self.model.last_flows.activity(unit) / self.model.size_scale
        if not info.ends_month:
            return None
        score = self.model.outcome_score(info.year) if info.month == 11 else None
        ytd = YearToDate(months_elapsed=info.month + 1, volume=self.volume,
                         weighted_heads=self.heads, outcome_score=score,
                         cquin_achievement=score)
        due = cumulative_due_pence(self.terms, ytd, info.year + 1)
        expected = due - self.paid_before
        self.paid_before = due
        frame = frame_of()
        rows = frame[(frame["week"] == week) & (frame["reference"] == self.state.spec.id)
                     & (frame["reason"] == Reason.CONTRACT_PAYMENT.value)]
        signed = (rows["amount_pence"].where(rows["payer"] == self.state.spec.payer,
                                             -rows["amount_pence"])).sum()
        if info.ends_year:
            self.volume, self.paid_before = 0.0, 0
        return expected, int(signed)

    def new_year(self) -> None:
        """Terms and capitation lists are fixed for the year at its start.

        (The contract round at a year's end may re-price fixed values for the next year.)
        """
        self.terms = self.state.terms
        self.heads = self._weighted_heads()


def check_entries_well_formed(ledger: pd.DataFrame, org_ids: set[str]) -> None:
    assert (ledger["amount_pence"] > 0).all()
    assert (ledger["payer"] != ledger["payee"]).all()
    costs = ledger[ledger["reason"].isin([r.value for r in COST_REASONS])]
    assert (costs["payee"] == SUPPLIERS).all() and costs["payer"].isin(org_ids).all()
    allocations = ledger[ledger["reason"] == Reason.ALLOCATION.value]
    assert (allocations["payer"] == EXCHEQUER).all()
    opening = ledger[ledger["reason"] == Reason.OPENING_RESERVES.value]
    assert (opening["payer"] == OPENING_EQUITY).all() and (opening["week"] == 0).all()


@pytest.mark.parametrize("design", ALL_DESIGNS)
@pytest.mark.parametrize("seed", SEEDS)
def test_money_is_conserved_after_every_step(design, seed):
    scenario = scenario_with((), design == "pooled")
    model = CareSystemModel(scenario, design, rng=seed, people=PEOPLE, years=YEARS,
                            behaviour=False)
    org_ids = {o.org_id for o in model.organisations}
    opening = {o.org_id: gbp_to_pence(Decimal(str(o.spec.reserves_gbp)))
               for o in model.organisations}
    shadow = ContractShadow(model, ACUTE_CONTRACT[design])
    pools = [p.id for p in model.contracts.pools]
    clearing = [s.clearing_account for s in model.agreement_book.states]
    payments_checked = 0
    for _ in range(YEARS * WEEKS_PER_YEAR):
        model.step()
        week = model.week - 1
        balances = model.ledger.balances()
        assert sum(balances.values()) == 0, f"money created or destroyed in week {week}"
        frame = None

        def frame_of():
            nonlocal frame
            frame = model.ledger.to_frame() if frame is None else frame
            return frame

        checked = shadow.after_step(week, frame_of)
        if checked is not None:
            expected, posted = checked
            assert posted == expected, f"week {week}: paid {posted}, due {expected}"
            payments_checked += 1
            assert hand_tally(frame_of(), sorted(org_ids)) == {k: balances[k] for k in
                                                          sorted(org_ids)}
        if week_info(week).ends_year:
            shadow.new_year()
            for account in pools + clearing:
                assert balances[account] == 0, f"{account} not cleared at week {week}"
    assert payments_checked == 12 * YEARS
    frame = model.ledger.to_frame()
    check_entries_well_formed(frame, org_ids)
    # Opening reserves are posted once, at the scenario's values (£ -> pence exactly).
    posted_opening = frame[frame["reason"] == Reason.OPENING_RESERVES.value]
    assert dict(zip(posted_opening["payee"], posted_opening["amount_pence"], strict=True)) == {
        k: v for k, v in opening.items() if v}
    # The finance table's closing reserves are the ledger balances.
    finance = model.results().finance_annual
    last = finance[finance["year"] == YEARS - 1].set_index("organisation")["reserves_pence"]
    assert {k: int(v) for k, v in last.items()} == {k: balances[k] for k in sorted(org_ids)}


def test_pooled_design_moves_money_through_its_pools_and_settles_the_agreement():
    """The pooled design really uses its pools, so the "ends empty" checks above bite."""
    model = CareSystemModel(scenario_with((), True), "pooled", rng=5, people=PEOPLE, years=1,
                            behaviour=False)
    model.run(1)
    frame = model.ledger.to_frame()
    into_bcf = frame[(frame["payee"] == "bcf")
                     & (frame["reason"] == Reason.POOL_CONTRIBUTION.value)]
    # 12 monthly twelfths of £12m + £6m = £18,000,000 = 1,800,000,000 pence.
    assert int(into_bcf["amount_pence"].sum()) == 1_800_000_000
    paid = frame[(frame["payer"] == "bcf") & (frame["reason"] == Reason.CONTRACT_PAYMENT.value)]
    assert int(paid["amount_pence"].sum()) > 0
    # The carers fund pays a block of £85,000 out of £150,000: £65,000 goes back 2:1.
    returned = frame[(frame["payer"] == "carers_fund")
                     & (frame["reason"] == Reason.RISK_SHARE_SETTLEMENT.value)]
    back = dict(zip(returned["payee"], returned["amount_pence"], strict=True))
    # Pro rata, contributors in id order, the last taking the odd pence:
    # council int(6,500,000 x 50,000 / 150,000) = 2,166,666; icb 6,500,000 - 2,166,666.
    assert back == {"council": 2_166_666, "icb": 4_333_334}
    settled = model.results().settlements
    assert set(settled["agreement"]) == {"bcf_pool"}


def test_surpluses_add_up_to_allocations_less_the_system_cost():
    """Money in the place comes only as allocations and leaves only to suppliers (and the
    exchequer, for reserves returned above a cap, which a surplus counts as its own), so
    the organisations' surpluses over a run add up to the allocations less the system
    cost, to the penny — with care bought outside the place (spot-purchase premiums,
    out-of-area beds) part of that cost. Activity-based payment, behaviour on, 10,000
    people, 2 years, seed 1: the council and ICB do spot-purchase (checked, so the sum
    bites), and the system cost is exactly what the suppliers' account received."""
    model = CareSystemModel(scenario_with((), False), "activity_based", rng=1, people=10_000,
                            years=2)
    model.run()
    finance = model.results().finance_annual
    assert finance["spot_purchase_out_pence"].sum() > 0
    cost = system_cost_pence(finance)
    assert cost == model.ledger.balances()[SUPPLIERS]
    assert int(finance["surplus_pence"].sum()) == int(finance["allocation_in_pence"].sum()) - cost
