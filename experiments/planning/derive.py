"""What a plan derives, from what, and the derivation over seeds (docs/places.md).

A place's plan is its block contract values and its commissioners' allocations. Each
block is set to the mean cost of what it buys over seeds, plus a margin; each
commissioner's allocation to what it then plans to pay, plus the same margin. The rules:

* A block naming a service line of an integrated provider buys that line: its cost is the
  line's (``service_lines_annual``), when no other contract in the design names the same
  line of the same provider.
* A block naming no line buys its provider: its cost is the provider's
  (``finance_annual``), when it is the only contract that provider holds in the design.
  Several contracts to one provider without lines cannot be told apart in its accounts:
  those blocks are kept, and the report says so (the rule service-level agreements follow,
  ``sim/scenario/references.py``).
* A block with an uplift (``uplift_per_year`` not 0) is kept unless asked for
  (``derive_uplifted``): its value follows an agreed path from year 2, and re-basing a
  negotiated deal on modelled cost is a choice to make knowingly. Asked for, its year-1
  value is derived and its uplift kept (over several years, so that its mean year meets
  the mean year's cost). A block with a volume corridor is kept (it already pays for
  activity off plan), and so is a block paid from a pooled budget (the pool's
  contributions would have to move with it).
* Contracts of other mechanisms (activity-based, capitation, blended, global budget) are
  not derived: they pay as the activity falls.

A commissioner's planned spending is its derived blocks at their new values, plus the mean
over seeds of everything else it pays that it plans for: its other contracts as paid, the
out-of-area and spot-purchase charges it pays, and its contributions to pooled budgets.
Risk-share settlements (the variance an agreement shares), deficit support and returns of
allocation are not planned spending. A commissioner that pays nothing under the design is
kept. Allocations are the place's, so every design of the scenario sees them. Over several
years each figure is the mean year's, and the year-1 allocation is set so that, grown at
its ``allocation_growth_per_year``, its mean year meets the mean year's spending.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd

from experiments.planning.arithmetic import (
    Spread,
    allocation_value,
    block_value,
    exact,
    growth_factor,
    mean_pence,
)
from sim.core.calendar import WEEKS_PER_YEAR
from sim.core.ledger import Reason
from sim.outputs import RunResults
from sim.payments.terms import BlockTerms
from sim.scenario import Scenario

# What a commissioner pays besides its contracts that it plans for.
CHARGE_REASONS = (Reason.OUT_OF_AREA_CARE, Reason.SPOT_PURCHASE, Reason.POOL_CONTRIBUTION)
CHARGE_NAMES = {Reason.OUT_OF_AREA_CARE: "out-of-area", Reason.SPOT_PURCHASE: "spot purchases",
                Reason.POOL_CONTRIBUTION: "pool contributions"}


@dataclass(frozen=True)
class PlanSettings:
    """How a plan is derived.

    Attributes:
        design: The design run (its blocks are derived).
        seeds: The seeds run, one run each.
        people: Simulated sample of each run (money is reported for the whole place).
        years: Years run; the cost and payments are each year's mean over them.
        margin: Planned surplus on cost, and headroom on a commissioner's spending, as a
            share (``Decimal``: written as given).
        round_to: Rounding step in pounds (halves up).
        derive_uplifted: Also derive blocks with an uplift (their uplift kept).
    """

    design: str
    seeds: tuple[int, ...]
    people: int
    years: int = 1
    margin: Decimal = Decimal("0.01")
    round_to: int = 10_000
    derive_uplifted: bool = False


@dataclass(frozen=True)
class ContractRule:
    """One contract of the design: what its value is derived from, or why it is kept.

    Attributes:
        contract: The contract's id.
        payer: Who pays it.
        payee: Who is paid.
        mechanism: Its payment mechanism.
        service_line: The line it buys (None: its provider as a whole).
        current_gbp: Its year-1 value in the scenario (blocks only).
        uplift: Its uplift a year from year 2 (blocks only; 0 otherwise).
        cost: The cost it is derived from: ``("line", payee, line)`` or
            ``("organisation", payee)``; None when it is not derived.
        kept: Why a block is not derived (empty when it is, or is not a block).
    """

    contract: str
    payer: str
    payee: str
    mechanism: str
    service_line: str | None
    current_gbp: Decimal | None
    cost: tuple[str, ...] | None
    kept: str = ""
    uplift: float = 0.0

    @property
    def derived(self) -> bool:
        """Whether the block's value is derived from a cost."""
        return self.cost is not None


def contract_rules(scenario: Scenario, design: str,
                   derive_uplifted: bool = False) -> list[ContractRule]:
    """Each contract of ``design``: derived from which cost, or kept and why (see above)."""
    spec = scenario.design(design)
    pools = {pool.id for pool in spec.pooled_budgets}
    kinds = {org.id: org.kind for org in scenario.organisations}
    ids = [c.id for c in spec.contracts]
    by_payee: dict[str, int] = {}
    by_line: dict[tuple[str, str], int] = {}
    for contract in spec.contracts:
        by_payee[contract.payee] = by_payee.get(contract.payee, 0) + 1
        if contract.service_line is not None:
            key = (contract.payee, contract.service_line)
            by_line[key] = by_line.get(key, 0) + 1
    rules = []
    for contract in spec.contracts:
        terms = contract.terms
        mechanism = str(terms.mechanism.value)
        base = {"contract": contract.id, "payer": contract.payer, "payee": contract.payee,
                "mechanism": mechanism, "service_line": contract.service_line}
        if not isinstance(terms, BlockTerms):
            rules.append(ContractRule(**base, current_gbp=None, cost=None))
            continue
        kept = _why_kept(contract, terms, pools, kinds, ids, by_payee, by_line,
                         derive_uplifted)
        cost = None
        if not kept:
            cost = (("line", contract.payee, contract.service_line)
                    if contract.service_line is not None else ("organisation", contract.payee))
        rules.append(ContractRule(**base, current_gbp=Decimal(terms.annual_value_gbp),
                                  cost=cost, kept=kept, uplift=terms.uplift_per_year))
    return rules


def _why_kept(contract, terms: BlockTerms, pools: set[str], kinds: dict, ids: list[str],
              by_payee: dict[str, int], by_line: dict[tuple[str, str], int],
              derive_uplifted: bool) -> str:
    if ids.count(contract.id) > 1:
        return f"its id is used by {ids.count(contract.id)} contracts of the design"
    if terms.uplift_per_year and not derive_uplifted:
        return (f"has an uplift of {terms.uplift_per_year:+.2%} a year from year 2 (an agreed "
                "path; --derive-uplifted derives it)")
    if terms.has_corridor:
        return "has a volume corridor (it already pays for activity off plan)"
    if contract.payer in pools:
        return f"paid from pooled budget {contract.payer!r} (its contributions would move)"
    if kinds.get(contract.payee) == "commissioner":
        return "paid to a commissioner (no cost of its own)"
    if contract.service_line is not None:
        others = by_line[(contract.payee, contract.service_line)] - 1
        if others:
            return (f"{others} other contract(s) buy {contract.payee}'s "
                    f"{contract.service_line} line: its cost cannot be split between them")
        return ""
    others = by_payee[contract.payee] - 1
    if others:
        return (f"{contract.payee} holds {others} other contract(s) in the design: its cost "
                "cannot be attributed to this one")
    return ""


@dataclass(frozen=True)
class SeedFigures:
    """What one run says, each a year's mean over the years run, in pence.

    Attributes:
        seed: The run's seed.
        costs: Each derivable cost, by its key (``ContractRule.cost``).
        paid: What each contract's payer paid on it, net of refunds, by contract id.
        charges: Per commissioner, what it paid for each reason in ``CHARGE_REASONS``.
    """

    seed: int
    costs: dict[tuple[str, ...], Fraction] = field(default_factory=dict)
    paid: dict[str, Fraction] = field(default_factory=dict)
    charges: dict[str, dict[str, Fraction]] = field(default_factory=dict)


def seed_figures(results: RunResults, rules: Sequence[ContractRule], commissioners: Sequence[str],
                 years: int, seed: int) -> SeedFigures:
    """Read one run's costs, contract payments and charges (years ``0 .. years-1``)."""
    in_years = _in_years(results.ledger, years)
    costs: dict[tuple[str, ...], Fraction] = {}
    for rule in rules:
        if rule.cost is None:
            continue
        if rule.cost[0] == "line":
            table = results.service_lines_annual
            rows = table[(table["organisation"] == rule.cost[1])
                         & (table["service_line"] == rule.cost[2])]
        else:
            table = results.finance_annual
            rows = table[table["organisation"] == rule.cost[1]]
        rows = rows[rows["year"] < years]
        costs[rule.cost] = Fraction(int(rows["cost_pence"].sum()), years)
    payments = in_years[in_years["reason"] == Reason.CONTRACT_PAYMENT.value]
    paid = {}
    for rule in rules:
        mine = payments[payments["reference"] == rule.contract]
        net = (int(mine.loc[mine["payer"] == rule.payer, "amount_pence"].sum())
               - int(mine.loc[mine["payee"] == rule.payer, "amount_pence"].sum()))
        paid[rule.contract] = Fraction(net, years)
    charges = {}
    for org in commissioners:
        out = in_years[in_years["payer"] == org]
        charges[org] = {reason.value: Fraction(int(out.loc[out["reason"] == reason.value,
                                                           "amount_pence"].sum()), years)
                        for reason in CHARGE_REASONS}
    return SeedFigures(seed, costs, paid, charges)


def _in_years(ledger: pd.DataFrame, years: int) -> pd.DataFrame:
    return ledger[ledger["week"] // WEEKS_PER_YEAR < years]


def measure(scenario: Scenario | str | Path, settings: PlanSettings, seed: int,
            on_progress: Callable[[int], None] | None = None) -> SeedFigures:
    """Run the design on one seed and read its figures (a module function, for processes)."""
    from experiments.runs import prepare, run

    place = prepare(scenario)
    done = run(place, design=settings.design, seed=seed, people=settings.people,
               years=settings.years, on_progress=on_progress)
    return seed_figures(done.results,
                        contract_rules(place, settings.design, settings.derive_uplifted),
                        [c.id for c in place.commissioners()], settings.years, seed)


@dataclass(frozen=True)
class PlanItem:
    """One line of the plan: a contract or an allocation, its value now and as derived.

    Attributes:
        kind: ``"block"``, ``"contract"`` (another mechanism) or ``"allocation"``.
        name: The contract's id or the commissioner's.
        path: Where the value sits in the scenario (an override path); None when there is
            no single value to set.
        current_gbp: The scenario's value (None for contracts with no fixed value).
        derived_gbp: The derived value (None: kept, or not derived).
        basis: What it was derived from, or what it counts for.
        spread: The derived-from figure over seeds, in pounds (None: not derived).
        note: Why it is kept (empty when derived).
    """

    kind: str
    name: str
    path: str | None
    current_gbp: Decimal | None
    derived_gbp: int | None
    basis: str
    spread: Spread | None = None
    note: str = ""

    @property
    def change(self) -> float | None:
        """Derived against current, as a share (None when either is missing or 0)."""
        if self.derived_gbp is None or not self.current_gbp:
            return None
        return float(exact(self.derived_gbp) / exact(self.current_gbp) - 1)


@dataclass(frozen=True)
class Plan:
    """A derived plan: its settings, its items in order (contracts, then allocations)."""

    settings: PlanSettings
    items: list[PlanItem]

    @property
    def overrides(self) -> dict[str, int]:
        """The derived values, by override path."""
        return {i.path: i.derived_gbp for i in self.items
                if i.path is not None and i.derived_gbp is not None}


def derive_plan(scenario: Scenario, settings: PlanSettings,
                figures: Sequence[SeedFigures]) -> Plan:
    """The plan from the runs' figures: pure arithmetic, no runs (see the module's rules).

    Raises:
        ValueError: Without figures, or with figures for seeds other than the settings'.
    """
    if sorted(f.seed for f in figures) != sorted(settings.seeds):
        raise ValueError(f"figures for seeds {[f.seed for f in figures]}, expected "
                         f"{list(settings.seeds)}")
    rules = contract_rules(scenario, settings.design, settings.derive_uplifted)
    margin, step, years = settings.margin, settings.round_to, settings.years
    commissioners = {org.id for org in scenario.commissioners()}
    items, planned = [], {}
    for rule in rules:
        path = f"designs.{settings.design}.contracts.{rule.contract}.terms.annual_value_gbp"
        who = f"{rule.payer} → {rule.payee}" + (f", {rule.service_line} line"
                                                 if rule.service_line else "")
        if rule.cost is not None:
            costs = [f.costs[rule.cost] for f in figures]
            value = block_value(costs, margin, step, rule.uplift, years)
            # What it pays in the mean year of those run (its value, for one year).
            planned[rule.contract] = value * growth_factor(rule.uplift, years)
            what = (f"{rule.payee}'s {rule.service_line} line cost" if rule.cost[0] == "line"
                    else f"{rule.payee}'s cost")
            uplifted = (f", uplift {rule.uplift:+.2%} a year kept" if rule.uplift else "")
            items.append(PlanItem("block", rule.contract, path, rule.current_gbp, value,
                                  f"{who}: {what}{uplifted}", Spread.of_pence(costs)))
        elif rule.mechanism == "block":
            items.append(PlanItem("block", rule.contract, None, rule.current_gbp, None,
                                  who, note=f"kept: {rule.kept}"))
        else:
            paid = Spread.of_pence([f.paid[rule.contract] for f in figures])
            counts = (f"counts towards {rule.payer}'s allocation as paid"
                      if rule.payer in commissioners else "paid by a non-commissioner")
            items.append(PlanItem("contract", rule.contract, None, None, None,
                                  f"{who}: {rule.mechanism}", paid,
                                  note=f"not derived ({counts})"))
    for org in scenario.commissioners():
        items.append(_allocation(org, rules, planned, figures, margin, step, years))
    return Plan(settings, items)


def _allocation(org, rules: Sequence[ContractRule], planned: dict[str, Fraction],
                figures: Sequence[SeedFigures], margin: Decimal, step: int,
                years: int) -> PlanItem:
    path = f"organisations.{org.id}.allocation_gbp_per_year"
    current = Decimal(org.allocation_gbp_per_year)
    mine = [r for r in rules if r.payer == org.id]
    fixed = [planned[r.contract] for r in mine if r.contract in planned]
    others = [r.contract for r in mine if r.contract not in planned]
    per_seed = [sum((f.paid[c] for c in others), Fraction(0))
                + sum(f.charges[org.id].values(), Fraction(0)) for f in figures]
    if not fixed and not any(per_seed):
        return PlanItem("allocation", org.id, path, current, None, org.id,
                        note="kept: it pays nothing under this design")
    value = allocation_value(fixed, per_seed, margin, step, org.allocation_growth_per_year,
                             years)
    spending = [100 * sum(fixed) + other for other in per_seed]  # pence, per seed
    parts = [f"derived blocks £{float(sum(fixed)):,.0f}"] if fixed else []
    if others:
        paid = mean_pence([sum((f.paid[c] for c in others), Fraction(0)) for f in figures])
        parts.append(f"other contracts as paid £{float(paid) / 100:,.0f}")
    for reason in CHARGE_REASONS:
        charge = mean_pence([f.charges[org.id][reason.value] for f in figures])
        if charge:
            parts.append(f"{CHARGE_NAMES[reason]} £{float(charge) / 100:,.0f}")
    grown = (f"; year 1 of {org.allocation_growth_per_year:+.2%} a year"
             if years > 1 and org.allocation_growth_per_year else "")
    return PlanItem("allocation", org.id, path, current, value,
                    f"{org.id}: " + " + ".join(parts) + grown, Spread.of_pence(spending))


def run_seeds(scenario: Scenario, settings: PlanSettings, workers: int = 1,
              on_progress: Callable[[int], None] | None = None) -> list[SeedFigures]:
    """Every seed's figures, in seed order: the same whatever the number of workers.

    Args:
        scenario: The validated scenario.
        settings: The plan's settings.
        workers: Processes running seeds side by side (1: one after another, here).
        on_progress: Called with the weeks simulated so far, over all seeds.
    """
    weeks = settings.years * WEEKS_PER_YEAR
    if workers <= 1 or len(settings.seeds) == 1:
        figures = []
        for i, seed in enumerate(settings.seeds):
            report = None if on_progress is None else (
                lambda week, done=i * weeks: on_progress(done + week))
            figures.append(measure(scenario, settings, seed, report))
        return figures
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=min(workers, len(settings.seeds))) as pool:
        futures = {pool.submit(measure, scenario, settings, seed): seed
                   for seed in settings.seeds}
        by_seed = {}
        for done, future in enumerate(as_completed(futures), start=1):
            by_seed[futures[future]] = future.result()
            if on_progress is not None:
                on_progress(done * weeks)
    return [by_seed[seed] for seed in settings.seeds]
