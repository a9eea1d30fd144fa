"""The care-system model: a place, its people and organisations, under one design."""

from pathlib import Path

import mesa
import numpy as np

from agents.acute import AcuteProvider
from agents.commissioner import Commissioner
from agents.community import CommunityProvider
from agents.integrated import IntegratedProvider
from agents.provider import Provider
from agents.social_care import SocialCareProvider
from agents.trust import TrustNetwork
from agents.voluntary import VoluntaryProvider
from sim.core.calendar import WEEKS_PER_YEAR, WeekInfo, week_info
from sim.core.kinds import CapacityKind, OrganisationKind
from sim.core.ledger import Ledger
from sim.model import commissioning, network
from sim.model.agreements import AgreementBook
from sim.model.annual import close_year
from sim.model.areas import area_activity, area_capacity, area_index
from sim.model.attribution import split_activity
from sim.model.contracts import ContractBook, place_uplift
from sim.model.effects import care_modifiers, demand_multiplier
from sim.model.efficiency import plan_efficiency_year
from sim.model.finance import money_to_date, open_accounts, outcome_score, post_month
from sim.model.history import WeekHistory
from sim.model.planner import planner_behaviour
from sim.model.public import PublicSurface
from sim.model.recorder import Recorder
from sim.model.timeline import apply_timeline
from sim.outputs import metrics
from sim.population import CareCapacity, PopulationEngine, WeekFlows
from sim.scenario import Scenario, load_scenario
from sim.scenario.organisations import CommissionerType

AGENT_CLASS = {
    OrganisationKind.COMMISSIONER: Commissioner,
    OrganisationKind.ACUTE: AcuteProvider,
    OrganisationKind.COMMUNITY: CommunityProvider,
    OrganisationKind.SOCIAL_CARE: SocialCareProvider,
    OrganisationKind.VOLUNTARY: VoluntaryProvider,
    OrganisationKind.INTEGRATED: IntegratedProvider,
}


class CareSystemModel(PublicSurface, mesa.Model):
    """A local health and social care system stepped weekly under one incentive design.

    Phases of each weekly step, in order (``PHASES``; ``step()`` runs them from that list,
    each ``phase_<name>`` method knowing whether it runs this week; a test holds this):

    1. **capacity** — capacity changes whose notice has run out come into force;
    2. **population** — one vectorised call of the population engine: *demand* (frailty
       progression, deaths, births, urgent need and NEL admissions), *deliver* (stays,
       D2A, reablement, community beds, care homes, home care and prevention within
       capacity) and *discharge* (medically fit patients leave by their pathway, or
       wait: DTOC);
    3. **account** — activity is attributed to providers, costs accrue, contracts count;
    4. **pay** — at a month's end: allocations, pool contributions, contract payments,
       and accrued costs are posted to the ledger; distress; organisations recorded;
    5. **review** — every week, organisations whose transparency cadence has come round see
       the system's published figures (lagged) and learn from them;
    6. **decide** — at a quarter's end, providers choose lever changes, in random order;
    7. **annual** — at a year's end: fixed-cost exposure recorded, risk-share
       settlements, trust and withdrawals, pool balances cleared, the contract round;
    8. **record** — the week's figures are collected; at the horizon ``running`` turns
       False (so ``mesa.batch_run`` stops there).

    Per-run records go through ``recorder`` (typed rows); the weekly system series
    (activity and money) through ``datacollector``; agreements in force through
    ``agreement_book``. The model pickles at any week, and carries on identically.

    Args:
        scenario: A validated ``Scenario`` or the path of a scenario TOML file.
            ``people`` below the scenario's size simulates a representative sample:
            capacities shrink with it and activity is scaled back up, so money and
            reported activity are always those of the whole place.
        design: Name of the design in force (default: the file's first design).
        rng: Seed (int or ``SeedSequence``). Runs with the same seed share the population's
            random draws whatever the design (common random numbers). ``None`` draws a
            fresh seed, as Mesa does (so ``mesa.batch_run(..., iterations=k)`` gives k
            different runs); ``seed_label`` records it. The file's own seed is
            ``scenario.meta.seed``.
        people: Population size (default: the scenario's).
        years: Horizon in years (default: the scenario's).
        planner: The whole-system planner the silo index compares against: every
            organisation decides with full system orientation on priors equal to the true
            effects (``sim.model.planner``), and none closes (the solvency guard).
        solvency_guard: No organisation closes however long its reserves stay negative:
            the commissioners stand behind its deficit (on for the planner; also used to
            replay a design under the planner's guard for the silo index).
        behaviour: If False, organisations never move their levers (they stay at the
            scenario's values): for calibration and for isolating mechanical effects.
    """

    PHASES = ("capacity", "population", "account", "pay", "review", "decide", "annual",
              "record")

    def __init__(self, scenario: Scenario | str | Path, design: str | None = None, *,
                 rng: int | np.random.SeedSequence | None = None, people: int | None = None,
                 years: int | None = None, planner: bool = False,
                 solvency_guard: bool = False, behaviour: bool = True) -> None:
        """Build the place under the chosen design."""
        if not isinstance(scenario, Scenario):
            scenario = load_scenario(scenario)
        seed_seq = rng if isinstance(rng, np.random.SeedSequence) else np.random.SeedSequence(
            None if rng is None else int(rng))
        # A third stream for efficiency delivery: the first two are what they always were.
        population_seq, behaviour_seq, efficiency_seq = seed_seq.spawn(3)
        self.efficiency_rng = np.random.default_rng(efficiency_seq)
        self.efficiency_plans: dict = {}  # org id → its year's plan (sim.model.efficiency)
        self.mandated_efficiency: dict[str, float] = {}  # share of cost base, set by recovery
        super().__init__(rng=np.random.default_rng(behaviour_seq))
        self.seed_label = int(rng) if isinstance(rng, int | np.integer) else str(
            seed_seq.entropy)
        self.place = scenario
        self.timeline_schedule = scenario.scheduled  # the place after each dated change
        self.timeline_entries = scenario.timeline
        self.design_name = design or next(iter(scenario.designs))
        self.design = scenario.design(self.design_name)
        self.years = years or scenario.meta.years
        self.planner = planner
        self.solvency_guard = planner or solvency_guard
        self.behaviour_on = behaviour
        self.week = 0
        self.size_scale = (people or scenario.population.size) / scenario.population.size
        self._build_organisations(scenario)
        # The warm-up runs at the place's own staffed capacity, not the engine's default.
        self.population = PopulationEngine(scenario.population, people or
                                           scenario.population.size, population_seq,
                                           warmup_capacity=self.care_capacity(),
                                           sample_fraction=self.size_scale)
        self.recorder = Recorder()
        self.history = WeekHistory()
        # Out-of-area bed days (whole place) not yet charged; charged at each month's end.
        self.out_of_area_days_unbilled = 0.0
        # Emergencies refused for want of a bed (whole place) whose sanction is not yet paid.
        self.refusals_unbilled = 0.0
        # Spot-purchased place days (whole place) by paying commissioner type and area (0
        # when undivided, and for health), not yet charged.
        self.spot_days_unbilled: dict[tuple[str, int], float] = {}
        # Reserves each commissioner returned above its cap so far (its surplus adds them).
        self.returned_pence: dict[str, int] = {}
        self.money = money_to_date(self)  # as of the last month's end; reporters read it
        self.datacollector = mesa.DataCollector(
            model_reporters=metrics.system_reporters([o.org_id for o in self.organisations],
                                                     list(scenario.population.band_keys),
                                                     list(scenario.population.area_names)))
        self._start_year()

    def _build_organisations(self, scenario: Scenario) -> None:
        """The organisations, their accounts, contracts, agreements, trust and graph."""
        specs = scenario.organisations
        if self.planner:  # the planner knows the true effects (the only place they reach)
            specs = [spec.model_copy(update={"behaviour": planner_behaviour(
                spec.behaviour, scenario.effects)}) for spec in specs]
        self.organisations = [AGENT_CLASS[OrganisationKind(spec.kind)](self, spec)
                              for spec in specs]
        self.providers = [o for o in self.organisations if isinstance(o, Provider)]
        self.provider_areas = [area_index(scenario, p.spec) for p in self.providers]
        self.commissioners = [o for o in self.organisations if isinstance(o, Commissioner)]
        self.by_id = {o.org_id: o for o in self.organisations}
        self.ledger = Ledger([o.org_id for o in self.organisations])
        self.contracts = ContractBook(self.design.contracts, self.design.pooled_budgets,
                                      lambda contract: place_uplift(scenario, contract))
        open_accounts(self)
        self.agreement_book = AgreementBook(self.design.agreements, self.ledger)
        self.trust = TrustNetwork({o.org_id: o.behaviour.trust_initial
                                   for o in self.organisations})
        for state in self.agreement_book.states:
            self.trust.join(state.spec.parties)
        self._positions: tuple[int, dict] | None = None
        self.graph = network.build_graph(self.organisations, self.contracts.contracts)

    @property
    def horizon_weeks(self) -> int:
        """Weeks in the model's horizon."""
        return self.years * WEEKS_PER_YEAR

    @property
    def last_flows(self) -> WeekFlows | None:
        """The population's flows in the week just completed (None before the first)."""
        return self.history.last

    # --- the weekly step ------------------------------------------------------------
    def step(self) -> None:
        """Advance one week through the phases in ``PHASES``, in that order."""
        info = week_info(self.week)
        for name in self.PHASES:
            getattr(self, f"phase_{name}")(info)
        self.week += 1
        if self.week >= self.horizon_weeks:
            self.running = False

    def run(self, years: int | None = None, progress=None) -> None:
        """Run for a number of years (default: on to the model's horizon).

        Args:
            years: Years to run from here (default: whatever is left of the horizon).
            progress: Optional callable taking the number of weeks just completed.
        """
        weeks = (years * WEEKS_PER_YEAR if years is not None
                 else max(0, self.horizon_weeks - self.week))
        for _ in range(weeks):
            self.step()
            if progress is not None:
                progress(1)

    def phase_capacity(self, info: WeekInfo) -> None:
        """Every week: the timeline's changes dated now, then capacity changes due."""
        apply_timeline(self, info.week)
        for provider in self.providers:
            provider.apply_due_capacity_changes(info.week)

    def phase_population(self, info: WeekInfo) -> None:
        """Every week: demand, delivery and discharge in the population engine."""
        capacity = self.care_capacity()
        flows = self.population.step_week(info.week, capacity, self.current_modifiers())
        self.history.add(flows, capacity)

    def phase_account(self, info: WeekInfo) -> None:
        """Every week: attribute activity to providers; costs accrue; contracts count."""
        flows, acute_beds = self.history.last, self.history.last_capacity.acute_beds
        self.out_of_area_days_unbilled += flows.out_of_area_bed_days / self.size_scale
        self.refusals_unbilled += flows.admissions_refused / self.size_scale
        council_days = ([a.spot_place_days_council for a in flows.by_area]
                        or [flows.spot_place_days_council])
        spot = [((CommissionerType.HEALTH, 0), flows.spot_place_days_health)] + [
            ((CommissionerType.LOCAL_AUTHORITY, area), days)
            for area, days in enumerate(council_days)]
        for key, days in spot:
            if days > 0:
                self.spot_days_unbilled[key] = (self.spot_days_unbilled.get(key, 0.0)
                                                + days / self.size_scale)
        activity = split_activity(metrics.activity_totals(flows, self.size_scale),
                                  [p.capacity for p in self.providers],
                                  [p.is_open for p in self.providers],
                                  self.provider_areas,
                                  area_activity(flows, self.size_scale))
        for provider, own in zip(self.providers, activity, strict=True):
            provider.accrue_week(own, self._escalation_share(provider, flows, acute_beds))
        self.contracts.record_week({p.org_id: a for p, a in
                                    zip(self.providers, activity, strict=True)})
        network.add_patient_flows(self.graph, flows,
                                  network.organisation_families(self.organisations),
                                  self.size_scale)

    def phase_pay(self, info: WeekInfo) -> None:
        """At a month's end: everything that is paid (``sim.model.finance.post_month``)."""
        if info.ends_month:
            post_month(self, info)

    def phase_review(self, info: WeekInfo) -> None:
        """Every week: organisations observe what their transparency cadence lets them see."""
        for org in self.organisations:
            org.observe(info)

    def phase_decide(self, info: WeekInfo) -> None:
        """At a quarter's end: providers decide, in random order (the model's own stream).

        Then each responsive commissioner reviews its year so far, in file order (not at
        the year's end: that is the contract round, ``annual``).
        """
        if not info.ends_quarter or not self.behaviour_on:
            return
        order = self.rng.permutation(len(self.providers))
        for i in order:
            self.recorder.extend(self.providers[i].decide(info))
        for commissioner in self.commissioners:
            self.recorder.extend(commissioner.review_quarter(info))

    def phase_annual(self, info: WeekInfo) -> None:
        """At a year's end: the annual round, then the new year's head counts."""
        if info.ends_year:
            close_year(self, info)
            self._start_year()

    def phase_record(self, info: WeekInfo) -> None:
        """Every week: the week's figures; money is re-read when the ledger moved."""
        if info.ends_month:  # the ledger moves only at month ends
            self.money = money_to_date(self)
        self.datacollector.collect(self)

    def _escalation_share(self, provider: Provider, flows: WeekFlows, total: int) -> float:
        beds = provider.capacity.get(CapacityKind.ACUTE_BEDS)
        if beds is None:
            return 0.0
        share = beds * self.size_scale / total if total else 1.0
        return flows.escalation_bed_days / self.size_scale * share

    # --- state the population engine needs -----------------------------------------
    def care_capacity(self) -> CareCapacity:
        """Total staffed capacity of each setting across open providers (and by area)."""
        totals = {kind.value: 0 for kind in CapacityKind}
        for provider in self.providers:
            if provider.is_open:
                for kind, units in provider.capacity.items():
                    totals[kind.value] += int(round(units * self.size_scale))
        return CareCapacity(**totals, by_area=area_capacity(self.place, self.providers,
                                                            self.size_scale))

    def service_units(self) -> list[Provider]:
        """Every provider of one family, and every line of an integrated one, in file order."""
        return [unit for p in self.providers
                for unit in (p.lines if isinstance(p, IntegratedProvider) else [p])]

    def current_modifiers(self):
        """The population engine's modifiers from every provider's levers this week."""
        units = self.service_units()
        acute = [(p.capacity.get(CapacityKind.ACUTE_BEDS, 0), p.levers.discretionary_admit_share,
                  p.levers.discharge_effort,
                  float(p.levers.avoidance_investment_gbp_per_year))
                 for p in units if isinstance(p, AcuteProvider)]
        proactive = sum(float(p.levers.proactive_care_investment_gbp_per_year)
                        for p in units if isinstance(p, CommunityProvider))
        placement = [(p.levers.residential_placement_bias,
                      max(1, p.capacity.get(CapacityKind.CARE_HOME_PLACES, 0)))
                     for p in units if isinstance(p, SocialCareProvider)]
        return care_modifiers(acute, proactive, placement, self.place.effects,
                              demand_multiplier(self.place.demand, self.week))

    def _start_year(self) -> None:
        self.contracts.set_weighted_heads(self.population_weighted_heads)
        year = (self.week + 1) // WEEKS_PER_YEAR
        self.agreement_book.start_year(year)
        if year < self.years:  # no plan for the year after the horizon
            plan_efficiency_year(self, year)

    def in_year_view(self, commissioner, info: WeekInfo):
        """What a responsive commissioner sees at an in-year review."""
        return commissioning.in_year_view(self, commissioner, info)

    def apply_in_year(self, commissioner, choices, info: WeekInfo) -> list:
        """Put a commissioner's in-year choices in force; their records."""
        return commissioning.apply_in_year(self, commissioner, choices, info)

    def commission_view(self, commissioner, info: WeekInfo):
        """What a responsive commissioner sees at its contract round."""
        return commissioning.commission_view(self, commissioner, info)

    def apply_commission_plan(self, commissioner, plan, view, info: WeekInfo) -> list:
        """Put a commissioner's choices in force for next year; the records of them."""
        return commissioning.apply_plan(self, commissioner, plan, view, info)

    def placement_set_by_council(self, provider_id: str) -> bool:
        """Whether a council's eligibility policy sets a social care market's placement mix."""
        return commissioning.placement_set_by_council(self, provider_id)

    def outcome_score(self, year: int) -> float:
        """The year's outcome score in [0, 1] (see ``sim.model.finance.outcome_score``)."""
        return outcome_score(self, year)

    # --- outputs ------------------------------------------------------------------
    def results(self):
        """All outputs of the run so far as tidy DataFrames (see ``sim.outputs``)."""
        from sim.outputs import collect_results

        return collect_results(self)
