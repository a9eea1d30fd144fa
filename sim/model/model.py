"""The care-system model: a place, its people and organisations, under one design."""

from pathlib import Path

import mesa
import numpy as np

from agents.acute import AcuteProvider
from agents.commissioner import Commissioner
from agents.community import CommunityProvider
from agents.provider import Provider
from agents.social_care import SocialCareProvider
from agents.trust import TrustNetwork
from agents.view import observed_figures
from agents.voluntary import VoluntaryProvider
from sim.core.calendar import WEEKS_PER_YEAR, week_info
from sim.core.kinds import CapacityKind, OrganisationKind
from sim.core.ledger import Ledger
from sim.model import network
from sim.model.annual import close_year
from sim.model.attribution import split_activity
from sim.model.contracts import ContractBook
from sim.model.effects import care_modifiers, demand_multiplier
from sim.model.finance import open_accounts, outcome_score, post_month
from sim.model.risk_share import expected_share, open_agreements
from sim.outputs import metrics
from sim.population import CareCapacity, Frailty, PopulationEngine, WeekFlows
from sim.scenario import Scenario, load_scenario

AGENT_CLASS = {
    OrganisationKind.COMMISSIONER: Commissioner,
    OrganisationKind.ACUTE: AcuteProvider,
    OrganisationKind.COMMUNITY: CommunityProvider,
    OrganisationKind.SOCIAL_CARE: SocialCareProvider,
    OrganisationKind.VOLUNTARY: VoluntaryProvider,
}


class CareSystemModel(mesa.Model):
    """A local health and social care system stepped weekly under one incentive design.

    Phases of each weekly step, in order (``PHASES``; a test holds this order):

    1. **demand** — frailty progression, deaths, births, urgent need and NEL admissions;
    2. **deliver** — stays, D2A, reablement, community beds, care homes, home care and
       prevention run within capacity;
    3. **discharge** — medically fit patients leave by their pathway, or wait (DTOC);
       phases 1–3 are one vectorised call to the population engine;
    4. **account** — activity is attributed to providers, costs accrue, contracts count;
    5. **pay** — at a month's end: allocations, pool contributions, contract payments,
       and accrued costs are posted to the ledger;
    6. **review** — at a quarter's end, organisations see the system's figures;
    7. **decide** — at a quarter's end, organisations choose lever changes;
    8. **annual** — at a year's end: fixed-cost exposure recorded, risk-share
       settlements, trust and withdrawals, pool balances cleared, the contract round;
    9. **record** — the week's figures are collected.

    Capacity changes come into force at the start of the week their notice runs out.

    Args:
        scenario: A validated ``Scenario`` or the path of a scenario TOML file.
            ``people`` below the scenario's size simulates a representative sample:
            capacities shrink with it and activity is scaled back up, so money and
            reported activity are always those of the whole place.
        design: Name of the design in force (default: the file's first design).
        rng: Seed (int or ``SeedSequence``). Runs with the same seed share the population's
            random draws whatever the design (common random numbers).
        people: Population size (default: the scenario's).
        years: Horizon used by ``run()`` (default: the scenario's).
        planner: Every organisation decides with full system orientation (the
            whole-system planner the silo index compares against).
        behaviour: If False, organisations never move their levers (they stay at the
            scenario's values): for calibration and for isolating mechanical effects.
    """

    PHASES = ("demand", "deliver", "discharge", "account", "pay", "review", "decide",
              "annual", "record")

    def __init__(self, scenario: Scenario | str | Path, design: str | None = None, *,
                 rng: int | np.random.SeedSequence | None = None, people: int | None = None,
                 years: int | None = None, planner: bool = False,
                 behaviour: bool = True) -> None:
        """Build the place under the chosen design."""
        if not isinstance(scenario, Scenario):
            scenario = load_scenario(scenario)
        seed = scenario.meta.seed if rng is None else rng
        seed_seq = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(
            int(seed))
        population_seq, behaviour_seq = seed_seq.spawn(2)
        super().__init__(rng=np.random.default_rng(behaviour_seq))
        self.place = scenario
        self.design_name = design or next(iter(scenario.designs))
        self.design = scenario.design(self.design_name)
        self.years = years or scenario.meta.years
        self.week = 0
        self.seed_label = int(seed) if not isinstance(seed, np.random.SeedSequence) else str(
            seed.entropy)
        self.org_records: list[dict] = []
        self.settlement_records: list[dict] = []
        self.population = PopulationEngine(scenario.population, people or
                                           scenario.population.size, population_seq)
        self.size_scale = (people or scenario.population.size) / scenario.population.size
        self.organisations = [AGENT_CLASS[OrganisationKind(spec.kind)](self, spec)
                              for spec in scenario.organisations]
        self.providers = [o for o in self.organisations if isinstance(o, Provider)]
        self.commissioners = [o for o in self.organisations if isinstance(o, Commissioner)]
        self.by_id = {o.org_id: o for o in self.organisations}
        self.ledger = Ledger([o.org_id for o in self.organisations])
        self.contracts = ContractBook(self.design.contracts, self.design.pooled_budgets)
        open_accounts(self)
        self.planner = planner
        self.behaviour_on = behaviour
        self.agreements = open_agreements(self)
        self.trust = TrustNetwork({o.org_id: o.behaviour.trust_initial
                                   for o in self.organisations})
        for state in self.agreements:
            self.trust.join(state.spec.parties)
        self.share_cache: dict = {}
        self.fairness_records: list[dict] = []
        self.exposure_records: list[dict] = []
        self._observed: tuple[int, dict] | None = None
        self.exit_records: list[dict] = []
        self.last_settlements: dict = {}
        self.previous_income: dict[str, int] = {}
        self.last_flows: WeekFlows | None = None
        self.history: list[WeekFlows] = []
        self.graph = network.build_graph(self.organisations, self.contracts.contracts)
        self._patient_flow_totals: dict = {}
        self.datacollector = mesa.DataCollector(model_reporters=metrics.SYSTEM_REPORTERS)
        self._start_year()

    # --- the weekly step ------------------------------------------------------------
    def step(self) -> None:
        """Advance one week through the phases in ``PHASES``."""
        info = week_info(self.week)
        for provider in self.providers:
            provider.apply_due_capacity_changes(self.week)
        capacity = self.care_capacity()
        flows = self.population.step_week(self.week, capacity,
                                          self.current_modifiers())  # demand/deliver/discharge
        self._account(flows, capacity.acute_beds)
        if info.ends_month:
            post_month(self, info)
        if info.ends_quarter:
            self.review(info)
            self.decide(info)
        if info.ends_year:
            close_year(self, info)
            self._start_year()
        self.datacollector.collect(self)
        self.week += 1

    def run(self, years: int | None = None, progress=None) -> None:
        """Run for a number of years (default: the model's horizon).

        Args:
            years: Years to run.
            progress: Optional callable taking the number of weeks just completed.
        """
        for _ in range((years or self.years) * WEEKS_PER_YEAR):
            self.step()
            if progress is not None:
                progress(1)

    def _account(self, flows: WeekFlows, acute_beds: int) -> None:
        self.last_flows = flows
        self.history.append(flows)
        activity = split_activity(metrics.activity_totals(flows, self.size_scale),
                                  [p.capacity for p in self.providers],
                                  [getattr(p, "is_open", True) for p in self.providers])
        for provider, own in zip(self.providers, activity, strict=True):
            provider.accrue_week(own, self._escalation_share(provider, flows, acute_beds))
        self.contracts.record_week({p.org_id: a for p, a in
                                    zip(self.providers, activity, strict=True)})
        network.add_patient_flows(self.graph, flows,
                                  {o.org_id: o.kind.value for o in self.organisations},
                                  self._patient_flow_totals, self.size_scale)

    def _escalation_share(self, provider: Provider, flows: WeekFlows, total: int) -> float:
        beds = provider.capacity.get(CapacityKind.ACUTE_BEDS)
        if beds is None:
            return 0.0
        share = beds * self.size_scale / total if total else 1.0
        return flows.escalation_bed_days / self.size_scale * share

    # --- hooks for behaviour ------------------------------------------------------
    def review(self, info) -> None:
        """Quarterly review: organisations observe what transparency lets them see."""
        for org in self.organisations:
            observe = getattr(org, "observe", None)
            if observe is not None:
                observe(info)

    def decide(self, info) -> None:
        """Quarterly decisions, in random order (drawn from the model's own stream)."""
        if not self.behaviour_on:
            return
        deciders = [o for o in self.organisations if hasattr(o, "decide")]
        order = self.rng.permutation(len(deciders))
        for i in order:
            deciders[i].decide(info)

    # --- state the population engine needs -----------------------------------------
    def care_capacity(self) -> CareCapacity:
        """Total staffed capacity of each setting across open providers."""
        totals = {kind.value: 0 for kind in CapacityKind}
        for provider in self.providers:
            if getattr(provider, "is_open", True):
                for kind, units in provider.capacity.items():
                    totals[kind.value] += int(round(units * self.size_scale))
        return CareCapacity(**totals)

    def current_modifiers(self):
        """The population engine's modifiers from every provider's levers this week."""
        acute = [(p.capacity.get(CapacityKind.ACUTE_BEDS, 0), p.levers.discretionary_admit_share,
                  p.levers.discharge_effort,
                  float(p.levers.avoidance_investment_gbp_per_year))
                 for p in self.providers if isinstance(p, AcuteProvider)]
        proactive = sum(float(p.levers.proactive_care_investment_gbp_per_year)
                        for p in self.providers if isinstance(p, CommunityProvider))
        placement = [(p.levers.residential_placement_bias,
                      max(1, p.capacity.get(CapacityKind.CARE_HOME_PLACES, 0)))
                     for p in self.providers if isinstance(p, SocialCareProvider)]
        return care_modifiers(acute, proactive, placement, self.place.effects,
                              demand_multiplier(self.place.demand, self.week))

    def observed_figures(self) -> dict[str, float]:
        """True system figures of the last quarter (organisations see them through a view)."""
        if self._observed is None or self._observed[0] != self.week:
            figures = observed_figures(self.history, self.size_scale,
                                       self.place.behaviour.lookback_weeks)
            figures["care_home_days_equivalent"] = figures.get("care_home_resident_weeks", 0) * 7
            self._observed = (self.week, figures)
        return self._observed[1]

    def acute_beds(self) -> float:
        """Staffed acute beds in the place (public knowledge)."""
        return float(sum(p.capacity.get(CapacityKind.ACUTE_BEDS, 0) for p in self.providers))

    def frail_people_at_home(self) -> float:
        """Moderately and severely frail people (public population health data, whole place)."""
        counts = self.population.cell_counts()
        return float(counts[:, int(Frailty.MODERATE):].sum()) / self.size_scale

    def share_of_setting_in(self, kind: CapacityKind, scope: set[str]) -> float:
        """Share of a setting's capacity held by organisations in a scope."""
        total = sum(p.capacity.get(kind, 0) for p in self.providers)
        inside = sum(p.capacity.get(kind, 0) for p in self.providers if p.org_id in scope)
        return inside / total if total else 0.0

    def expected_share(self, state, party: str, gain: bool) -> float:
        """Share of a typical pool a party expects under an agreement's rules."""
        return expected_share(self, state, party, gain)

    def _start_year(self) -> None:
        self.contracts.set_weighted_heads(self.population_weighted_heads)

    def population_weighted_heads(self, terms) -> float:
        """Risk-weighted head count for a capitation contract, scaled to the full place."""
        from sim.payments import weighted_head_count

        return weighted_head_count(terms, self.heads_by_cell()) / self.size_scale

    def heads_by_cell(self) -> dict[str, float]:
        """People alive by cell label ``"<age band>/<frailty>"`` (e.g. ``"85+/severe"``)."""
        counts = self.population.cell_counts()
        bands = [band.name for band in self.place.population.age_bands]
        return {f"{bands[b]}/{Frailty(f).name.lower()}": float(counts[b, f])
                for b in range(counts.shape[0]) for f in range(counts.shape[1])}

    def outcome_score(self, year: int) -> float:
        """The year's outcome score in [0, 1] (see ``sim.model.finance.outcome_score``)."""
        return outcome_score(self, year)

    # --- outputs ------------------------------------------------------------------
    def results(self):
        """All outputs of the run so far as tidy DataFrames (see ``sim.outputs``)."""
        from sim.outputs import collect_results

        return collect_results(self)
