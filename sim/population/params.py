"""Population and care-pathway parameters: one frozen, validated object with sourced defaults.

Every default cites a row of the project's reference figures (the "REFERENCE" table named in
the comment) or says ``estimate:`` with the reasoning. Rates are per year unless the name
says otherwise; durations are in days.
"""

from typing import Annotated, Literal

from pydantic import Field, model_validator

from sim.population.bands import DEFAULT_AGE_BANDS, AgeBand, band_key
from sim.population.param_types import (
    SHARE_TOLERANCE,
    Contacts,
    Days,
    EventsPerPersonYear,
    Frozen,
    OnceTuple,
    RelativeRisk,
    RiskTuple,
    Share,
    ShareTuple3,
    ShareTuple4,
    Spread,
    check_sums_to_one,
)
from sim.population.settings import N_FRAILTY

# Warm-up: three years is longer than any episode but a care-home stay, and as long again
# as a typical run; a longer warm-up costs more than it could settle.
MAX_WARMUP_WEEKS = 156


# REFERENCE "Discharge pathways (people 65+)": about 50% / 45% / <=4% / <=1%. Split by frailty
# (estimate) so that the admission-weighted over-65 mix gives ~54/41/4/1.
DEFAULT_PATHWAY_SHARES = (
    (0.95, 0.05, 0.0, 0.0),  # FIT
    (0.52, 0.45, 0.025, 0.005),  # MILD
    (0.30, 0.62, 0.06, 0.02),  # MODERATE
    (0.15, 0.70, 0.11, 0.04),  # SEVERE
)


class HospitalParams(Frozen):
    """Emergency admissions: discretionary cases, length of stay, deaths and discharge."""

    # estimate: ambulatory-care-sensitive conditions are about 1 in 6 emergency admissions
    # (NHS Outcomes Framework 2.3.i); "short-stay" ones are the discretionary part.
    discretionary_share_of_nel: Share = 0.15
    # DESIGN: discretionary cases are short stays of 0-2 days (uniform, mean 1 day).
    discretionary_los_max_days: Days = 2.0
    # estimate: emergency LOS is right-skewed with SD about equal to the mean (gamma, CV 1).
    los_cv: Spread = 1.0
    # Every band's time to medically fit is its los_to_fit_mean_days times this: a place
    # whose hospital keeps people for shorter (or longer) than the England-typical bands
    # scales them together, keeping their ratios (a place's fit; 1 in the default place).
    los_scale: Annotated[float, Field(gt=0.0, le=5.0)] = 1.0
    # estimate: ~45% of deaths in England occur in hospital (ONS place of death); a death
    # at home becomes a terminal emergency admission with this probability.
    death_in_hospital_share: Share = 0.5
    # REFERENCE "Discharge pathways (people 65+)", split by frailty (estimate; see above).
    pathway_shares_by_frailty: tuple[ShareTuple4, ShareTuple4, ShareTuple4, ShareTuple4] = (
        DEFAULT_PATHWAY_SHARES
    )
    # estimate: a medically fit person needing support waits at least this long in the
    # bed for assessment and arrangements even when a place is free (REFERENCE "Waits for
    # intermediate care" are 3-8.7 days, much of it at home); it keeps delayed transfers at
    # about 3% of bed days when capacity has headroom.
    discharge_assessment_days: Annotated[float, Field(ge=0.0, le=90.0)] = 1.0
    # estimate: pathway 1 is split evenly between community D2A and council reablement.
    pathway1_d2a_share: Share = 0.5
    # The bed-based pathway's share of every frailty level's discharges is multiplied by
    # this, the other pathways sharing what is left in their own proportions (a place whose
    # hospital sends more people to community beds; a place's fit, 1 by default).
    bed_based_pathway_scale: Annotated[float, Field(ge=0.0, le=20.0)] = 1.0
    # Escalation capacity, as a share of staffed acute beds: occupancy can never exceed
    # staffed beds x (1 + this share), rounded to whole beds. NHS England winter situation
    # reports: about 4,200-4,700 escalation beds open a day at the peak of recent winters
    # against about 100,000 core general and acute beds, i.e. 4-5% (Nuffield Trust 2016;
    # NHS Providers Winter Watch 2018); 5% is that peak.
    escalation_share: Share = 0.05
    # estimate: of the emergencies a full hospital (core and escalation beds) cannot take,
    # half are taken by another place's hospital (ambulance diverts, transfers); the rest
    # wait at home. No published figure for general acute care; out-of-area placement
    # figures are published for mental health only.
    out_of_area_share: Share = 0.5
    # estimate: extra risk of death of an emergency turned away to wait at home, once per
    # refusal. The Royal College of Emergency Medicine estimates one excess death for
    # every 72 patients who wait 8-12 hours in an emergency department (1.4%); waiting at
    # home without a bed is taken to be at least as risky.
    refused_admission_death_risk: Share = 0.014
    # Out-of-area acute bed day, in £, charged to the health commissioner: REFERENCE
    # "Excess bed day £313 (2016/17) x 1.30" = £407 plus a 25% non-contract premium
    # (estimate: non-contract activity is paid at tariff with a market forces uplift).
    out_of_area_bed_day_cost_gbp: Annotated[float, Field(ge=0.0, le=10_000.0)] = 509.0
    # Contract sanction, in £ per emergency the full hospital refused, paid by the trust
    # holding the acute beds to the health commissioner (0 switches it off). The NHS
    # Standard Contract 2017-19 (Service Conditions, Schedule 4 national quality
    # requirements) charged £1,000 per ambulance handover over 60 minutes (£200 for 30-60
    # minutes) and £1,000 per 12-hour trolley wait in A&E: the two breaches a patient who
    # needs a bed and finds none causes. Applied e.g. by Wolverhampton CCG to the Royal
    # Wolverhampton NHS Trust through 2017/18. The A&E sanctions were suspended from April
    # 2016 for trusts that took Sustainability and Transformation Funding (Parliamentary
    # written answer 130060, 6 March 2018), and national sanctions were later dropped from
    # the contract; the figure stands for what a refusal costs a trust when the contract
    # bites (docs/behaviour.md, "A full hospital costs the trust").
    refused_admission_sanction_gbp: Annotated[float, Field(ge=0.0, le=100_000.0)] = 1_000.0
    # Whether delays in an acute bed end by spot purchase (off: a delay lasts until a
    # commissioned place frees).
    spot_purchase: bool = True
    # Days (after the discharge assessment) a person may wait in an acute bed for a
    # step-down or care-home place before one is bought on the spot market above the
    # commissioned places.
    # estimate: 21 days is NHS England's "super-stranded" mark (a stay of 21 days or
    # more), at which discharge teams escalate delays; councils and ICBs then spot-purchase
    # places outside their block contracts.
    spot_purchase_after_days: Annotated[float, Field(gt=0.0, le=365.0)] = 21.0
    # Premium over the ordinary cost of a place, in £ a place-day, for a spot-purchased
    # place (the ordinary cost is the provider's, as for any place). estimate: a quarter of
    # a council-funded residential care-home week of £916 (REFERENCE "Care home,
    # council-funded 65+") is £229, £33 a day; spot rates above usual contract rates of
    # 20-30% are commonly reported by councils.
    spot_premium_gbp_per_day: Annotated[float, Field(ge=0.0, le=10_000.0)] = 33.0

    @model_validator(mode="after")
    def _pathways_sum_to_one(self) -> "HospitalParams":
        for level, shares in enumerate(self.pathway_shares_by_frailty):
            check_sums_to_one(f"hospital.pathway_shares_by_frailty[{level}]", shares)
            scaled = shares[2] * self.bed_based_pathway_scale
            if scaled > 1.0 + SHARE_TOLERANCE:
                raise ValueError(
                    f"bed_based_pathway_scale: {self.bed_based_pathway_scale} makes frailty "
                    f"level {level}'s bed-based share {scaled:.3g}; expected at most "
                    f"{1.0 / shares[2]:.3g} (a share of at most 1)")
        return self

    def pathway_shares(self) -> tuple[tuple[float, ...], ...]:
        """Discharge pathway shares by frailty with ``bed_based_pathway_scale`` applied.

        The bed-based share is scaled; home, support at home and care home keep their
        proportions of the rest, so each row still sums to 1.
        """
        if self.bed_based_pathway_scale == 1.0:
            return self.pathway_shares_by_frailty
        rows = []
        for home, support, bed, care_home in self.pathway_shares_by_frailty:
            new_bed = min(1.0, bed * self.bed_based_pathway_scale)
            rest = home + support + care_home
            factor = (1.0 - new_bed) / rest if rest > 0 else 0.0
            rows.append((home * factor, support * factor, new_bed, care_home * factor))
        return tuple(rows)


class StepDownParams(Frozen):
    """D2A, reablement and community-bed episodes and where people go after them."""

    # estimate: home-based D2A assessment and support for about 3 weeks.
    d2a_episode_mean_days: Days = 21.0
    # REFERENCE "Reablement episode (estimate) ... up to 6 weeks": mean 5 weeks.
    reablement_episode_mean_days: Days = 35.0
    # REFERENCE "Bed-based intermediate care (estimate) ... 21-28 days": 25 days.
    community_bed_episode_mean_days: Days = 25.0
    # estimate: episode lengths vary moderately around the planned length (gamma, CV 0.5).
    episode_cv: Spread = 0.5
    # Outcome shares (home, home with long-term package, care home). estimate, set so that
    # with later readmissions and deaths about 82% are at home 91 days after reablement
    # (REFERENCE "Still at home 91 days after reablement").
    d2a_outcome_shares: ShareTuple3 = (0.85, 0.12, 0.03)
    reablement_outcome_shares: ShareTuple3 = (0.84, 0.13, 0.03)
    # estimate: bed-based rehabilitation takes frailer people; more go on to long-term care.
    community_bed_outcome_shares: ShareTuple3 = (0.60, 0.25, 0.15)

    @model_validator(mode="after")
    def _outcomes_sum_to_one(self) -> "StepDownParams":
        for name in ("d2a", "reablement", "community_bed"):
            field = f"{name}_outcome_shares"
            check_sums_to_one(f"step_down.{field}", getattr(self, field))
        return self


class SocialCareParams(Frozen):
    """Long-term care: home-care packages and care homes."""

    # estimate: a council-funded home-care package averages about 12 hours a week.
    home_care_hours_per_package_week: Annotated[float, Field(ge=0.0, le=168.0)] = 12.0
    # REFERENCE "Care home residents 65+: 0.70 emergency admissions per resident per year".
    care_home_admissions_per_resident_year: EventsPerPersonYear = 0.70
    # estimate: about 30% of care-home residents die each year (median stay ~2-3 years).
    care_home_deaths_per_resident_year: Annotated[float, Field(ge=0.0, le=2.0)] = 0.30
    # estimate: new long-term care needs arising at home, per 1,000 people per year by frailty.
    care_need_per_1000_per_year_by_frailty: OnceTuple = (0.0, 2.0, 10.0, 30.0)
    # estimate: packages also end for reasons other than death or a care-home move
    # (needs resolve, moving away, becoming self-funding); ~25% a year keeps the number of
    # packages near ~0.9% of the population.
    package_end_per_year: EventsPerPersonYear = 0.25
    # estimate: 1 in 10 new community-onset needs is met in a care home.
    care_need_care_home_share: Share = 0.10
    # estimate: people waiting at home for care are 30% more likely to be admitted.
    waiting_admission_hazard_multiplier: Annotated[float, Field(gt=0.0, le=20.0)] = 1.3
    # estimate: relative weights by frailty for who starts in a care home or with a package.
    placement_frailty_weights: tuple[RelativeRisk, RelativeRisk, RelativeRisk, RelativeRisk] = (
        0.0, 0.5, 2.0, 6.0)


class PreventionParams(Frozen):
    """Voluntary-sector prevention and social-prescribing support."""

    # REFERENCE "Voluntary home support after discharge" (British Red Cross Support at Home):
    # estimate: support lasts about 12 weeks.
    support_weeks: Annotated[int, Field(ge=1, le=520)] = 12
    # estimate: support slows frailty progression by a quarter while it lasts.
    progression_reduction: Share = 0.25
    # REFERENCE "Voluntary home support ... no fall in hospital use over 6 months": a small
    # effect (estimate 5%) is kept so that the lever is not inert.
    admission_reduction: Share = 0.05


class CommunityParams(Frozen):
    """Community health contacts."""

    # estimate: REFERENCE "Community nursing contact" 42.4m contacts a year in England is
    # ~4,400 a week for 300,000 people; spread over ~34k mild, ~11k moderate and ~3.7k severe
    # people at home: 34k*0.02 + 11k*0.15 + 3.7k*0.6 = 4,550 a week.
    contacts_per_person_week_by_frailty: tuple[Contacts, Contacts, Contacts, Contacts] = (
        0.0, 0.02, 0.10, 0.30)
    # estimate: a diverted discretionary case takes an urgent response visit and a follow-up.
    contacts_per_diverted_case: Annotated[float, Field(ge=0.0, le=50.0)] = 2.0


class Area(Frozen):
    """A district of the place with its own council and its own social care market.

    People live in one area for life (a newborn's area is drawn by the shares): the area
    decides which reablement, care-home and home-care places they can have and which
    council buys them. Hospital, community and prevention services serve every area.
    Areas share the place's age structure and rates (one set of bands for all), but for
    each area's own emergency admission scale.
    """

    name: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
    population_share: Annotated[float, Field(gt=0.0, le=1.0)]
    # The area's people start in care homes and with packages at the age bands'
    # initial shares times these (councils' stocks differ: each area's own returns).
    initial_care_home_scale: Annotated[float, Field(ge=0.0, le=10.0)] = 1.0
    initial_package_scale: Annotated[float, Field(ge=0.0, le=10.0)] = 1.0
    # The share of new long-term placements (a package or a care home, from home, after a
    # step-down episode or straight from hospital) the area's council funds; the rest are
    # self-funded, outside the model's care (docs/areas.md): a council that funds fewer
    # people per head than the place's rates produce.
    council_funded_share: Share = 1.0
    # The area's people's emergency admission hazards (at home and in care homes) times
    # this: a district admitted more or less often than the place's rates give (its own
    # HES rate per head against the place's; a place's fit, 1 by default).
    admission_rate_scale: Annotated[float, Field(gt=0.0, le=5.0)] = 1.0


#: The area of a place that is not divided: everybody lives in it.
WHOLE_PLACE = "place"


class PopulationParams(Frozen):
    """All parameters of the population engine; ``PopulationParams()`` is the default place."""

    age_bands: tuple[AgeBand, ...] = DEFAULT_AGE_BANDS
    # Districts with their own councils and care markets (docs/areas.md); one by default.
    areas: tuple[Area, ...] = (Area(name=WHOLE_PLACE, population_share=1.0),)
    # estimate: Clegg et al. 2016 (eFI validation) hazard ratios for hospitalisation and
    # mortality by frailty category (fit = 1); not in REFERENCE.
    frailty_admission_rr: RiskTuple = (1.0, 1.93, 3.04, 4.73)
    frailty_death_rr: RiskTuple = (1.0, 1.92, 3.10, 4.52)
    # REFERENCE "Emergency (NEL) admissions, England": population +0.8%/yr; estimate 0.5%/yr
    # for a typical place (ONS projections 2020s).
    growth_per_year: Annotated[float, Field(ge=-0.5, le=0.5)] = 0.005
    # estimate: at least 12 weeks fills hospitals and step-down services from an empty start;
    # the warm-up then runs on until steady (docs/ODD.md, "Initialisation").
    warmup_weeks: Annotated[int, Field(ge=0, le=MAX_WARMUP_WEEKS)] = 12
    # Where the population's random numbers come from (docs/ODD.md, "Stochasticity"):
    # streams keyed "per_person" and event (the default), which keep common random numbers
    # between designs for the whole run, or "shared" streams, one per kind of draw (the
    # streams of results published before per-person draws became the default).
    random_streams: Literal["shared", "per_person"] = "per_person"
    hospital: HospitalParams = HospitalParams()
    step_down: StepDownParams = StepDownParams()
    social_care: SocialCareParams = SocialCareParams()
    prevention: PreventionParams = PreventionParams()
    community: CommunityParams = CommunityParams()

    @model_validator(mode="after")
    def _bands_consistent(self) -> "PopulationParams":
        if not self.age_bands:
            raise ValueError("age_bands must list at least one band")
        shares = tuple(band.population_share for band in self.age_bands)
        check_sums_to_one("age_bands[*].population_share", shares)
        last = self.age_bands[-1]
        if last.ageing_out_per_year != 0.0:
            raise ValueError(
                f"age_bands[{last.name}].ageing_out_per_year must be 0 for the oldest band, "
                f"got {last.ageing_out_per_year}"
            )
        if len(self.frailty_admission_rr) != N_FRAILTY:
            raise ValueError(f"frailty_admission_rr needs {N_FRAILTY} values")
        keys = [band_key(band.name) for band in self.age_bands]
        if len(set(keys)) != len(keys):
            raise ValueError(
                "age_bands[*].name must give distinct column names (+ reads as 'plus', "
                f"other signs as '_'), got {', '.join(keys)}"
            )
        if not self.areas:
            raise ValueError("areas must list at least one area")
        names = [area.name for area in self.areas]
        if len(set(names)) != len(names):
            raise ValueError(f"areas[*].name must be distinct, got {', '.join(names)}")
        check_sums_to_one("areas[*].population_share",
                          tuple(area.population_share for area in self.areas))
        return self

    @property
    def n_areas(self) -> int:
        """Number of areas (1 when the place is not divided)."""
        return len(self.areas)

    @property
    def area_names(self) -> tuple[str, ...]:
        """The areas' names, in file order (an area's index is its place here)."""
        return tuple(area.name for area in self.areas)

    @property
    def n_bands(self) -> int:
        """Number of age bands."""
        return len(self.age_bands)

    @property
    def band_keys(self) -> tuple[str, ...]:
        """Each band's name as used in column and outcome names (:func:`band_key`)."""
        return tuple(band_key(band.name) for band in self.age_bands)
