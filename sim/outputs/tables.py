"""A run's outputs as tidy DataFrames, all derived from what the model recorded."""

from dataclasses import dataclass, field

import pandas as pd

from sim.core.calendar import WEEKS_PER_YEAR, week_info
from sim.core.ledger import COST_REASONS, COST_SAVING_REASONS, Reason
from sim.core.records import (
    CommissionerDecision,
    ContractCut,
    DecisionRecord,
    EfficiencyRecord,
    ExitRecord,
    ExposureRecord,
    FairnessRecord,
    ForecastSettlementRecord,
    LineExposureRecord,
    OrganisationMonth,
    RegimeEvent,
    SettlementRecord,
)
from sim.outputs.metrics import care_days_by_setting

INCOME_REASONS = (Reason.CONTRACT_PAYMENT, Reason.ALLOCATION, Reason.POOL_CONTRIBUTION)


@dataclass
class RunResults:
    """Every output table of one run (one design, one seed)."""

    system_weekly: pd.DataFrame
    organisations_monthly: pd.DataFrame
    finance_annual: pd.DataFrame
    care_shares_annual: pd.DataFrame
    settlements: pd.DataFrame
    ledger: pd.DataFrame
    exposure_annual: pd.DataFrame = field(default_factory=pd.DataFrame)
    fairness: pd.DataFrame = field(default_factory=pd.DataFrame)
    exits: pd.DataFrame = field(default_factory=pd.DataFrame)
    decisions: pd.DataFrame = field(default_factory=pd.DataFrame)
    contract_cuts: pd.DataFrame = field(default_factory=pd.DataFrame)
    commissioner_decisions: pd.DataFrame = field(default_factory=pd.DataFrame)
    efficiency: pd.DataFrame = field(default_factory=pd.DataFrame)
    settlement_forecasts: pd.DataFrame = field(default_factory=pd.DataFrame)
    regimes: pd.DataFrame = field(default_factory=pd.DataFrame)
    service_lines_annual: pd.DataFrame = field(default_factory=pd.DataFrame)
    meta: dict = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name (for writing Parquet files)."""
        return {
            "system_weekly": self.system_weekly,
            "organisations_monthly": self.organisations_monthly,
            "finance_annual": self.finance_annual,
            "care_shares_annual": self.care_shares_annual,
            "settlements": self.settlements,
            "ledger": self.ledger,
            "exposure_annual": self.exposure_annual,
            "fairness": self.fairness,
            "exits": self.exits,
            "decisions": self.decisions,
            "contract_cuts": self.contract_cuts,
            "commissioner_decisions": self.commissioner_decisions,
            "efficiency": self.efficiency,
            "settlement_forecasts": self.settlement_forecasts,
            "regimes": self.regimes,
            # Only places with an integrated provider have service lines to report.
            **({"service_lines_annual": self.service_lines_annual}
               if not self.service_lines_annual.empty else {}),
        }


def collect_results(model) -> RunResults:
    """Build every output table from the model's collector, ledger and recorder."""
    tag = {"design": model.design_name, "seed": model.seed_label}
    system = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    ledger = model.ledger.to_frame()
    recorded = model.recorder.frame
    return RunResults(
        system_weekly=_tagged(system, tag),
        organisations_monthly=_tagged(recorded(OrganisationMonth), tag),
        finance_annual=_tagged(finance_annual(ledger, model), tag),
        care_shares_annual=_tagged(care_shares_annual(model), tag),
        settlements=_tagged(recorded(SettlementRecord), tag),
        ledger=_tagged(ledger, tag),
        exposure_annual=_tagged(recorded(ExposureRecord), tag),
        fairness=_tagged(recorded(FairnessRecord), tag),
        exits=_tagged(recorded(ExitRecord), tag),
        decisions=_tagged(recorded(DecisionRecord), tag),
        contract_cuts=_tagged(recorded(ContractCut), tag),
        commissioner_decisions=_tagged(recorded(CommissionerDecision), tag),
        efficiency=_tagged(recorded(EfficiencyRecord), tag),
        settlement_forecasts=_tagged(recorded(ForecastSettlementRecord), tag),
        regimes=_tagged(recorded(RegimeEvent), tag),
        service_lines_annual=_tagged(service_lines_annual(ledger, model,
                                                          recorded(LineExposureRecord)), tag),
        meta={**tag, "people": model.population.start_size, "years_run":
              model.week / WEEKS_PER_YEAR,
              "value_of_a_day_at_home_gbp": model.place.behaviour.value_of_a_day_at_home_gbp,
              "regimes_enabled": model.place.regimes.enabled,
              **money_basis(model.place)},
    )


def _tagged(frame: pd.DataFrame, tag: dict) -> pd.DataFrame:
    frame = frame.copy()
    for key, value in tag.items():
        frame[key] = value
    return frame


def finance_annual(ledger: pd.DataFrame, model) -> pd.DataFrame:
    """Per organisation and year: income, costs by type, settlements, surplus, reserves.

    Surplus is the year's out-turn: all money in minus all money out in the year, opening
    reserves (positive or a deficit) left out, and reserves returned above the allocation
    cap left out too (a transfer of reserves to the funder, not spending: a commissioner's
    underspend is its surplus whether or not it may keep it); with no settlements it is
    income minus cost. Reserves are the closing balance, opening reserves included and any
    return taken off.
    """
    rows = []
    if ledger.empty:
        return pd.DataFrame()
    ledger = ledger.assign(year=ledger["week"] // WEEKS_PER_YEAR)
    years = range(int(ledger["year"].max()) + 1)
    # One pass over the ledger; the loops below only look totals up.
    inflows = _totals(ledger, "payee")
    outflows = _totals(ledger, "payer")
    net_in, net_out = (_totals(ledger, side, by_reason=False) for side in ("payee", "payer"))
    for org in model.organisations:
        closing = 0
        for year in years:
            row = {"organisation": org.org_id, "kind": org.kind.value, "year": year}
            for reason in Reason:
                row[f"{reason.value}_in_pence"] = inflows.get((org.org_id, year, reason.value), 0)
                row[f"{reason.value}_out_pence"] = outflows.get((org.org_id, year, reason.value),
                                                                0)
            # An opening deficit is posted as a transfer out to opening equity (the ledger
            # keeps amounts positive), so the opening position is money in less money out.
            opening = (row.pop(f"{Reason.OPENING_RESERVES.value}_in_pence")
                       - row.pop(f"{Reason.OPENING_RESERVES.value}_out_pence"))
            row["income_pence"] = sum(row[f"{r.value}_in_pence"] for r in INCOME_REASONS)
            row["cost_pence"] = (sum(row[f"{r.value}_out_pence"] for r in COST_REASONS)
                                 - sum(row[f"{r.value}_in_pence"] for r in COST_SAVING_REASONS))
            net = (net_in.get((org.org_id, year), 0) - net_out.get((org.org_id, year), 0))
            row["surplus_pence"] = (net - opening
                                    + row[f"{Reason.ALLOCATION_CLAWBACK.value}_out_pence"])
            closing += net
            row["reserves_pence"] = closing
            rows.append(row)
    return pd.DataFrame(rows)


def _totals(ledger: pd.DataFrame, side: str, by_reason: bool = True) -> dict[tuple, int]:
    """Pence per (organisation on ``side``, year[, reason]), as Python integers."""
    keys = [side, "year", "reason"] if by_reason else [side, "year"]
    sums = ledger.groupby(keys, observed=True)["amount_pence"].sum()
    return {tuple(str(k) if i != 1 else int(k) for i, k in enumerate(key)): int(v)
            for key, v in sums.items()}


def service_lines_annual(ledger: pd.DataFrame, model,
                         exposure: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per integrated provider, service line and year: its costs and its contract income.

    A line's costs are the organisation's cost entries that name the line in their
    reference (``line:<family>``); its contract income is what contracts naming it as
    ``service_line`` paid, net of refunds. Everything else in the organisation's accounts —
    allocations, contracts naming no line, settlements, efficiency savings — is the
    organisation's as a whole (its ``finance_annual`` row). The line's fixed-cost exposure
    and stranded capacity cost (``exposure``, recorded at each year's end) join by year.
    Empty without such a provider.
    """
    integrated = [org for org in model.organisations if hasattr(org, "lines")]
    if not integrated or ledger.empty:
        return pd.DataFrame()
    ledger = ledger.assign(year=ledger["week"] // WEEKS_PER_YEAR)
    years = range(int(ledger["year"].max()) + 1)
    contracts_of = {}
    for contract in model.design.contracts:
        if contract.service_line is not None:
            contracts_of.setdefault((contract.payee, contract.service_line), set()).add(
                contract.id)
    rows = []
    for org in integrated:
        for line in org.lines:
            paid = contracts_of.get((org.org_id, line.kind.value), set())
            costs = ledger[(ledger["payer"] == org.org_id)
                           & (ledger["reference"] == line.ledger_reference)]
            payments = ledger[(ledger["reason"] == Reason.CONTRACT_PAYMENT.value)
                              & ledger["reference"].isin(paid)]
            for year in years:
                row = {"organisation": org.org_id, "service_line": line.kind.value,
                       "year": year}
                cost = costs[costs["year"] == year]
                for reason in COST_REASONS:
                    row[f"{reason.value}_out_pence"] = int(
                        cost.loc[cost["reason"] == reason.value, "amount_pence"].sum())
                row["cost_pence"] = sum(row[f"{r.value}_out_pence"] for r in COST_REASONS)
                now = payments[payments["year"] == year]
                row["contract_income_pence"] = int(
                    now.loc[now["payee"] == org.org_id, "amount_pence"].sum()
                    - now.loc[now["payer"] == org.org_id, "amount_pence"].sum())
                for unit, volume in sorted(line.activity_by_year.get(year, {}).items()):
                    row[f"activity_{unit.value}"] = volume
                rows.append(row)
    frame = pd.DataFrame(rows).fillna(0.0)
    if exposure is not None and not exposure.empty:
        frame = frame.merge(exposure, on=["organisation", "service_line", "year"], how="left")
    return frame


def provider_cost_by_family(finance: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Providers' cost per year and family (``kind``): an integrated provider by its lines.

    An integrated provider's lines carry its costs; what is left of its cost (its
    efficiency savings, which are the organisation's) is left out of the split.
    """
    providers = finance[finance["kind"] != "commissioner"]
    single = providers[providers["kind"] != "integrated"][["year", "kind", "cost_pence"]]
    if lines.empty:
        return single.reset_index(drop=True)
    split = lines[["year", "service_line", "cost_pence"]].rename(columns={"service_line": "kind"})
    return pd.concat([single, split], ignore_index=True)


def care_shares_annual(model) -> pd.DataFrame:
    """Per year: days of care in each setting and their shares of all care days."""
    rows = []
    hours = model.place.population.social_care.home_care_hours_per_package_week
    for week, flows in enumerate(model.history):
        year = week_info(week).year
        for setting, days in care_days_by_setting(flows, hours).items():
            rows.append({"year": year, "setting": setting, "care_days": days / model.size_scale})
    if not rows:
        return pd.DataFrame(columns=["year", "setting", "care_days", "share"])
    frame = pd.DataFrame(rows).groupby(["year", "setting"], as_index=False)["care_days"].sum()
    frame["share"] = frame["care_days"] / frame.groupby("year")["care_days"].transform("sum")
    return frame


def money_basis(scenario) -> dict[str, str]:
    """Whether the run's money is nominal or real, and the price year it starts from."""
    lines = [getattr(o, "cost_inflation", None) for o in scenario.organisations]
    nominal = scenario.growth.is_nominal([line for line in lines if line is not None])
    return {"money_basis": "nominal" if nominal else "real",
            "price_year": scenario.meta.price_year}
