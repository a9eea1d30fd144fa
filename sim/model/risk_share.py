"""Risk-share agreements in the model: baseline vs out-turn at each annual round.

For an agreement over a **pooled budget**, the pool is the fund's year-end balance
(contributions − spend) and the settlement pays it out of (or calls it into) the fund.

For an agreement over **organisations or contracts**, the out-turn is the in-scope
providers' cost of care and the baseline is what commissioners paid for it in the first
year (then as the agreement's baseline spec says). Each party already *holds* part of the
pool — a provider its surplus on in-scope business, the residual party the difference
between baseline and what was paid — so settlement moves ``target − held`` to each party;
these transfers sum to zero and every penny is a ledger entry.

A **service-level** agreement over a contract that names an integrated provider's
service line settles on that line alone: the out-turn is the line's own costs (its
``line:<family>`` ledger entries), and the provider holds the in-scope contracts' income
less them. The organisation's other lines, its savings and what it pays others stay
outside, so the line settles exactly as a provider of its family running it alone would.

A party that has left an agreement is no longer exposed: its lines go to the residual
party, and its own surplus is no longer pooled.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from agents.integrated import line_reference
from sim.core.calendar import WEEKS_PER_YEAR, WeekInfo
from sim.core.ledger import Reason, net_cost_pence
from sim.core.money import gbp_to_pence, pence_to_gbp
from sim.sharing import (
    CONTINGENCY_RESERVE_PARTY,
    REINVESTMENT_PARTY,
    AgreementError,
    Level,
    PartyFigures,
    RiskShareAgreement,
    Settlement,
    SettlementLine,
    YearFigures,
    members_baseline_for_year,
    settle_risk_share,
)
from sim.sharing.apportion import apportion_pence, round_fraction
from sim.sharing.baseline import external_base
from sim.sharing.settle import planned_surplus_pence


@dataclass
class AgreementState:
    """An agreement in force: who is still in, and its history."""

    spec: RiskShareAgreement
    members: set[str]
    base_baseline_pence: int | None = None
    outturns_pence: list[int] = field(default_factory=list)
    base_population: int | None = None
    base_paid: dict[tuple[str, str], int] = field(default_factory=dict)
    outturns_by_provider: list[dict[str, int]] = field(default_factory=list)
    ended_week: int | None = None

    @property
    def name(self) -> str:
        """The agreement's name."""
        return self.spec.name

    def account(self, pseudo_party: str) -> str:
        """Ledger account of a pseudo-party of this agreement."""
        return f"{self.name}:{pseudo_party}"

    @property
    def clearing_account(self) -> str:
        """Account through which settlement transfers pass (ends every year at zero)."""
        return f"{self.name}:clearing"

    def fix_base_year(self, paid: dict[tuple[str, str], int], providers: set[str],
                      population: int) -> None:
        """At the first settlement, keep what was paid into the scope and the population.

        Every payment into the scope is kept, internal ones included, so that when a
        provider leaves, its payments to a provider still in become external.
        """
        if self.base_baseline_pence is None:
            self.base_paid = dict(paid)
            self.base_baseline_pence = external_base(paid, providers)
            self.base_population = population

    def baseline_pence(self, population: int, providers: set[str]) -> int:
        """This year's baseline of the providers still in.

        It comes from the base year's payments into them, their out-turns so far, and growth.
        """
        year = len(self.outturns_pence) + 1
        growth = Decimal(population) / Decimal(self.base_population or 1)
        baseline = members_baseline_for_year(self.spec.baseline, year, self.base_paid,
                                             self.outturns_by_provider, providers, growth)
        share = self.spec.planned_surplus_share
        fixed = self.spec.baseline.fixed_years
        if share and fixed is not None and year > fixed:
            # A rolled baseline is past out-turns, a cost plan: grossed up to the payments
            # that would leave the providers their planned surplus, as in the fixed years.
            baseline = round_fraction(Fraction(baseline) / (1 - Fraction(share)))
        return baseline

    def planned_surplus_by_provider(self, baseline: int, providers: set[str]) -> dict[str, int]:
        """Each provider's part of the planned surplus of ``baseline`` (pence).

        Split by what each was paid from outside the providers in the base year (equally
        if nothing was).
        """
        surplus = planned_surplus_pence(self.spec.planned_surplus_share, max(0, baseline))
        if not surplus or not providers:
            return {}
        weights = {p: sum(v for (payer, payee), v in self.base_paid.items()
                          if payee == p and payer not in providers) for p in sorted(providers)}
        if not any(weights.values()):
            weights = dict.fromkeys(weights, 1)
        return apportion_pence(surplus, weights)


def open_agreement(spec: RiskShareAgreement, ledger) -> AgreementState:
    """Put one agreement into force and open its ledger accounts."""
    state = AgreementState(spec=spec, members=set(spec.parties))
    for pseudo in (CONTINGENCY_RESERVE_PARTY, REINVESTMENT_PARTY):
        ledger.add_account(state.account(pseudo))
    ledger.add_account(state.clearing_account)
    return state


def settle(model, state: AgreementState,
           info: WeekInfo) -> tuple[Settlement, list[SettlementLine], dict[str, int]]:
    """Settle one agreement for the year just ended and post its transfers.

    Returns:
        The settlement, its lines (departed parties' shares redirected) and what each
        party already held of the pool.
    """
    pools = {p.id for p in model.contracts.pools} & set(state.spec.scope)
    if pools:
        held, outturn, baseline = _pooled_budget_position(model, state, pools, info)
    else:
        held, outturn, baseline = _close_organisation_year(model, state, info)
    figures = _year_figures(model, state, info, baseline, outturn)
    settlement = settle_risk_share(state.spec, figures)
    lines = _redirect_departed(state, settlement.lines)
    _post_transfers(model, state, info, lines, held)
    return settlement, lines, held


def _pooled_budget_position(model, state, pools, info):
    ledger = model.ledger
    balance = sum(ledger.balance(p) for p in pools)
    contributed = sum(
        gbp_to_pence(v) for pool in model.contracts.pools if pool.id in pools
        for v in pool.contributions_gbp_per_year.values())
    # The fund itself holds the pool: settlement empties it.
    held = {pool_id: ledger.balance(pool_id) for pool_id in pools}
    return held, contributed - balance, contributed


def _close_organisation_year(model, state, info):
    """Fix the base year (first settlement only), add the out-turn, and say who holds what."""
    held, costs, paid, providers = _organisation_position(model, state, info)
    state.fix_base_year(paid, providers, model.population.alive_count)
    baseline = state.baseline_pence(model.population.alive_count, providers)
    cost = sum(costs.values())
    state.outturns_pence.append(cost)
    state.outturns_by_provider.append(costs)
    paid_by: dict[str, int] = {}
    for (payer, _), amount in paid.items():
        if payer not in providers:
            paid_by[payer] = paid_by.get(payer, 0) + amount
    parts = baseline_parts(state, baseline, providers, set(paid_by))
    for payer, part in parts.items():
        # Each payer holds its own under- or overspend against its part of the baseline;
        # a payer outside the agreement has the residual party stand behind it.
        holder = payer if payer in state.members else state.spec.residual_party
        held[holder] = held.get(holder, 0) + part - paid_by.get(payer, 0)
    residual = state.spec.residual_party
    held[residual] = held.get(residual, 0) + baseline - sum(parts.values())
    # A planned surplus is the providers' own, outside the pool: only their variance from
    # the plan is held in it.
    for provider, surplus in state.planned_surplus_by_provider(baseline, providers).items():
        held[provider] = held.get(provider, 0) - surplus
    return held, cost, baseline


def _organisation_position(model, state, info):
    """In-scope providers' surplus held and cost, what was paid into them, and who they are.

    Returns:
        Surplus held per provider, cost per provider, pence paid per ``(payer, payee)``
        into the providers still in, and those providers.
    """
    scope = set(state.spec.scope) or set(state.spec.parties)
    in_scope = [c for c in model.contracts.contracts
                if c.spec.payee in scope or c.spec.id in scope]
    providers = {c.spec.payee for c in in_scope} & state.members
    start, end = info.year * WEEKS_PER_YEAR, info.week
    held: dict[str, int] = {}
    costs: dict[str, int] = {}
    lines = _settled_lines(state, in_scope)
    for provider_id in sorted(providers & set(lines)):
        costs[provider_id] = sum(
            net_cost_pence(model.ledger.flows(provider_id, start, end, line_reference(line)))
            for line in sorted(lines[provider_id]))
        income = sum(c.paid_ytd_pence for c in in_scope if c.spec.payee == provider_id)
        held[provider_id] = income - costs[provider_id]
    for provider_id in sorted(providers - set(lines)):
        flows = model.ledger.flows(provider_id, start, end)
        costs[provider_id] = net_cost_pence(flows)
        income = flows.get(("in", Reason.CONTRACT_PAYMENT), 0)
        paid_out = flows.get(("out", Reason.CONTRACT_PAYMENT), 0)
        held[provider_id] = income - paid_out - costs[provider_id]
    # What member providers pay to payees outside the pooled set (a subcontractor that has
    # left) is part of the scope's cost of care: their held positions have already paid it,
    # so an out-turn without it would settle money that no longer exists.
    for contract in model.contracts.contracts:
        if (contract.spec.payer in providers - set(lines)
                and contract.spec.payee not in providers):
            costs[contract.spec.payer] += contract.paid_ytd_pence
    paid: dict[tuple[str, str], int] = {}
    for contract in in_scope:
        if contract.spec.payee in providers:
            key = (contract.spec.payer, contract.spec.payee)
            paid[key] = paid.get(key, 0) + contract.paid_ytd_pence
    return held, costs, paid, providers


def _settled_lines(state: AgreementState, in_scope: list) -> dict[str, set[str]]:
    """Payee → the service lines a service-level agreement settles it on (by its contracts)."""
    if state.spec.level is not Level.SERVICE:
        return {}
    lines: dict[str, set[str]] = {}
    for contract in in_scope:
        if contract.spec.service_line is not None and contract.spec.id in state.spec.scope:
            lines.setdefault(contract.spec.payee, set()).add(contract.spec.service_line)
    return lines


def baseline_parts(state: AgreementState, baseline: int, providers: set[str],
                   payers: set[str]) -> dict[str, int]:
    """Each payer's part of the baseline, floored to whole pence.

    Parts are in proportion to what each payer paid the providers still in during the
    base year; the residual party takes the odd pence.
    """
    total = external_base(state.base_paid, providers)
    everyone = payers | {payer for payer, _ in state.base_paid if payer not in providers}
    if not total:
        return dict.fromkeys(sorted(everyone), 0)
    return {payer: baseline * external_base(state.base_paid, providers, payer) // total
            for payer in sorted(everyone)}


def _year_figures(model, state, info, baseline: int, outturn: int) -> YearFigures:
    start, end = info.year * WEEKS_PER_YEAR, info.week
    parties = {}
    previous_income = model.agreement_book.previous_income
    score = Decimal(repr(round(model.outcome_score(info.year), 6)))
    for party in state.spec.parties:
        flows = model.ledger.flows(party, start, end)
        income = sum(v for (d, _), v in flows.items() if d == "in")
        contributed = flows.get(("out", Reason.POOL_CONTRIBUTION), 0)
        commissioned = flows.get(("out", Reason.CONTRACT_PAYMENT), 0)
        reserves = model.ledger.balance(party)
        parties[party] = PartyFigures(
            contribution_gbp=pence_to_gbp(contributed),
            activity_gbp=pence_to_gbp(commissioned or income),
            budget_gbp=pence_to_gbp(income),
            budget_previous_gbp=pence_to_gbp(previous_income.get(party, income)),
            equity_shares=Decimal(1),
            performance_score=score,
            reserves_gbp=pence_to_gbp(reserves),
            revenue_gbp=pence_to_gbp(income),
            needs_investment=reserves < 0,
        )
    reserve = model.ledger.balance(state.account(CONTINGENCY_RESERVE_PARTY))
    return YearFigures(year=info.year + 1, baseline_gbp=pence_to_gbp(max(0, baseline)),
                       outturn_gbp=pence_to_gbp(max(0, outturn)),
                       contingency_reserve_gbp=pence_to_gbp(max(0, reserve)), parties=parties)


def _redirect_departed(state, lines) -> list[SettlementLine]:
    out = []
    for line in lines:
        if line.party in state.spec.parties and line.party not in state.members:
            out.append(SettlementLine(state.spec.residual_party, line.amount_pence, line.rule,
                                      f"{line.party} has left: its share falls to "
                                      f"{state.spec.residual_party}"))
        else:
            out.append(line)
    return out


def _post_transfers(model, state, info, lines, held: dict[str, int]) -> None:
    targets: dict[str, int] = {}
    for line in lines:
        account = (state.account(line.party) if line.party in (CONTINGENCY_RESERVE_PARTY,
                   REINVESTMENT_PARTY) else line.party)
        targets[account] = targets.get(account, 0) + line.amount_pence
    clearing = state.clearing_account
    for account in sorted(set(targets) | set(held)):
        transfer = targets.get(account, 0) - held.get(account, 0)
        reason = (Reason.CONTINGENCY_RESERVE if account.endswith(CONTINGENCY_RESERVE_PARTY)
                  else Reason.REINVESTMENT if account.endswith(REINVESTMENT_PARTY)
                  else Reason.RISK_SHARE_SETTLEMENT)
        model.ledger.post(info.week, clearing, account, transfer, reason, state.name)




def expected_share(model, state: AgreementState, party: str, gain: bool) -> float:
    """The share of a typical gain (or loss) a party expects to keep, from the agreement's rules.

    A hypothetical pool (the place's ``behaviour.hypothetical_pool_share`` of the baseline,
    3% by default; before the first baseline, of ``hypothetical_baseline_gbp``) is settled
    with this year's figures so far; caps, corridors and thresholds all show through.
    The caller keeps parties that have left out, and caches the answer
    (``AgreementBook.expected_share``).
    """
    shared = model.place.behaviour
    baseline = state.base_baseline_pence or gbp_to_pence(shared.hypothetical_baseline_gbp)
    pool = int(baseline * shared.hypothetical_pool_share) * (1 if gain else -1)
    info = WeekInfo(model.week, model.week // WEEKS_PER_YEAR, model.week % WEEKS_PER_YEAR, 0,
                    False, False, False)
    try:
        figures = _year_figures(model, state, info, baseline, baseline - pool)
        lines = _redirect_departed(state, settle_risk_share(state.spec, figures).lines)
        share = sum(line.amount_pence for line in lines if line.party == party) / pool
    except (AgreementError, ValueError):
        share = 1.0 / len(state.members)  # figures too thin this early in the year
    return share


def forecast_figures(model, state: AgreementState) -> YearFigures:
    """A party's forecast of this year's figures, from the agreement's terms and publications.

    The baseline is the agreement's own rule (``forecast_baseline_pence``); the out-turn the
    members' forecast from the settled out-turns and their record of past forecasts
    (``agents.settlement_forecast.forecast_outturn_pence``). Before the first settlement
    both are the place's ``behaviour.hypothetical_baseline_gbp``: no gain and no loss
    expected. Party figures are this year's accounts so far. Nothing here is a true lever
    effect.
    """
    outturn = model.agreement_book.forecast_outturn(state.name)
    if outturn is None:
        baseline = gbp_to_pence(model.place.behaviour.hypothetical_baseline_gbp)
        outturn = baseline
    else:
        baseline = forecast_baseline_pence(model, state)
    info = WeekInfo(model.week, model.week // WEEKS_PER_YEAR, model.week % WEEKS_PER_YEAR, 0,
                    False, False, False)
    return _year_figures(model, state, info, baseline, outturn)


def forecast_baseline_pence(model, state: AgreementState) -> int:
    """This year's baseline by the agreement's own terms, from what has been published.

    A pooled budget's baseline is its contributions; an agreement over organisations or
    contracts takes its base year, the out-turns settled so far and the place's population
    now (a published count) through its baseline rule, as its settlement will.
    """
    pools = {p.id for p in model.contracts.pools} & set(state.spec.scope)
    if pools:
        return sum(gbp_to_pence(v) for pool in model.contracts.pools if pool.id in pools
                   for v in pool.contributions_gbp_per_year.values())
    scope = set(state.spec.scope) or set(state.spec.parties)
    providers = {c.spec.payee for c in model.contracts.contracts
                 if c.spec.payee in scope or c.spec.id in scope} & state.members
    return state.baseline_pence(model.population.alive_count, providers)
