"""Behavioural parameters: per organisation, and the beliefs and conventions a place shares.

``BehaviourParams`` is an organisation's ``[organisations.behaviour]`` table: traits of that
organisation (how it weighs options, how far it moves a lever at a review, how it trusts).
``PlaceBehaviour`` is the scenario's ``[behaviour]`` table: what every organisation in the
place believes or goes by (the unit costs it quotes, its priors on what a lever does
elsewhere, the window its reports cover). docs/behaviour.md lists each with its unit,
default, range and source; almost none has a published value ("estimate: why").
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sim.core.activity import ActivityUnit
from sim.core.limits import MAX_GBP

_FROZEN = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
_MAX_STEP_GBP = 10_000_000.0  # a lever step beyond £10m a year is not a step


class BehaviourParams(BaseModel):
    """How an organisation weighs its options and how it trusts its partners.

    Defaults are judged values (no published figures exist): see docs/behaviour.md.
    """

    model_config = _FROZEN

    system_orientation: float = Field(0.1, ge=0.0, le=1.0, description=(
        "Weight on the whole system's position against its own (score = (1 - o) x own + o x"
        " system). estimate: organisations mostly guard their own budgets."))
    mission_weight: float = Field(0.1, ge=0.0, le=5.0, description=(
        "Weight on outcomes for people, valued as days at home at"
        " behaviour.value_of_a_day_at_home_gbp. estimate."))
    risk_aversion: float = Field(0.5, ge=0.0, le=5.0, description=(
        "Penalty (weight) on the loss to its own position if only"
        " pessimistic_benefit_share of the benefit elsewhere materialises. estimate."))
    temperature_gbp: float = Field(0.0, ge=0.0, le=float(MAX_GBP), description=(
        "Logit temperature in pounds of present value added to its share of turnover;"
        " both 0 is a best response. estimate: the turnover share carries the default."))
    horizon_years: float = Field(2.0, gt=0.0, le=10.0, description=(
        "Planning horizon in years: NHS and council plans cover one to two years."))
    discount_rate_per_year: float = Field(0.035, ge=0.0, le=0.5, description=(
        "Discount rate per year: HM Treasury Green Book."))
    transparency_weeks: int = Field(13, ge=1, le=104, description=(
        "Weeks between refreshes of its view of the system figures. DESIGN: at least a"
        " quarterly review."))
    transparency_noise: float = Field(0.1, ge=0.0, le=1.0, description=(
        "Relative standard deviation of error in the figures it sees. estimate."))
    transparency_lag_weeks: int = Field(4, ge=0, le=52, description=(
        "Weeks between the end of the period system figures cover and when they reach it."
        " estimate: NHS monthly activity returns are published four to six weeks late."))
    belief_prior_sd: float = Field(0.5, gt=0.0, le=10.0, description=(
        "Prior standard deviation of its multiplier on each believed lever effect (the"
        " prior mean is 1: its own prior). estimate: effects are known to about ±50%."))
    belief_trend_sd_per_year: float = Field(0.05, gt=0.0, le=1.0, description=(
        "Prior standard deviation of a figure's trend, as a share of its level a year."
        " estimate: demand grows by a few per cent a year."))
    belief_figure_sd: float = Field(0.03, gt=0.0, le=1.0, description=(
        "Relative standard deviation of a figure's quarter-to-quarter variation beyond its"
        " reporting noise. estimate: random variation in admissions of a place."))
    temperature_share_of_turnover: float = Field(0.0005, ge=0.0, le=0.1, description=(
        "Logit temperature as a share of its annual turnover (added to temperature_gbp)."
        " estimate: a choice worth 0.05% of turnover is noticed by a trust and a charity"
        " alike."))
    prior_discharge_los_reduction: float = Field(0.10, ge=0.0, le=0.9, description=(
        "Acute: believed share of the time to medically fit that full discharge effort"
        " removes. estimate: discharge programmes report 5-20%."))
    prior_discharge_effort_cost_gbp_per_year: float = Field(
        2_000_000.0, ge=0.0, le=1_000_000_000.0, description=(
            "Acute: believed annual cost of full discharge effort, £. estimate: a few"
            " discharge teams with weekend working."))
    prior_avoidance_max_admission_reduction: float = Field(0.05, ge=0.0, le=0.9, description=(
        "Acute: believed share of NEL admissions unlimited avoidance spend would avoid."
        " estimate: evaluations of admission-avoidance schemes find small effects."))
    prior_avoidance_scale_gbp: float = Field(2_000_000.0, gt=0.0, le=1_000_000_000.0,
                                             description=(
        "Acute: avoidance spend (£ a year) believed to reach 63% of that effect. estimate."))
    prior_proactive_max_frail_reduction: float = Field(0.10, ge=0.0, le=0.9, description=(
        "Community: believed share of frail people's NEL admissions that unlimited proactive"
        " care would avoid. estimate: case-management trials find 0-15%."))
    prior_proactive_scale_gbp: float = Field(1_500_000.0, gt=0.0, le=1_000_000_000.0,
                                             description=(
        "Community: proactive-care spend (£ a year) believed to reach 63% of frail people."
        " estimate."))
    prior_proactive_contacts_per_frail_person_week: float = Field(0.25, ge=0.0, le=10.0,
                                                                  description=(
        "Community: contacts a week per frail person its proactive care reaches, at scale."
        " estimate: its own service model."))
    trust_initial: float = Field(0.6, ge=0.0, le=1.0, description=(
        "Trust (0-1) in each partner at the start of an agreement. estimate."))
    trust_learning_rate: float = Field(0.3, ge=0.0, le=1.0, description=(
        "Share of the gap between trust and a settlement's fairness closed per settlement."
        " estimate."))
    withdrawal_rule: Literal["thresholds", "weighed"] = Field("thresholds", description=(
        "How it decides to leave an agreement: 'thresholds' (trust below"
        " trust_exit_threshold or reserves below reserves_exit_threshold_gbp) or 'weighed'"
        " (agents.withdrawal: trust, losses it could not influence and its finances against"
        " exit_cost_gbp). estimate: 'weighed' at its estimated defaults makes most parties"
        " leave the default place's agreement after one loss year (docs/behaviour.md), so"
        " it is opt-in until its costs of leaving and minimum terms are grounded."))
    trust_exit_threshold: float = Field(0.25, ge=0.0, le=1.0, description=(
        "Trust (0-1) in its partners below which it leaves an agreement, under the"
        " 'thresholds' withdrawal rule. estimate."))
    reserves_exit_threshold_gbp: float = Field(-1_000_000.0, ge=-float(MAX_GBP),
                                               le=float(MAX_GBP), description=(
        "Reserves in pounds below which it leaves an agreement. estimate."))
    stay_downside_sds: float = Field(1.0, ge=0.0, le=5.0, description=(
        "Standard deviations of downside (k) it guards against when it prices staying in"
        " an agreement on the settlements it has seen. estimate: a one-in-six bad year."))
    stay_prior_spread_share: float = Field(0.5, ge=0.0, le=10.0, description=(
        "Spread it assumes of next year's settlement, as a share of the one settlement it"
        " has seen, until it has seen two. estimate: a pool is known to about ±50% a year"
        " ahead."))
    exit_cost_gbp: float = Field(500_000.0, ge=0.0, le=float(MAX_GBP), description=(
        "What leaving an agreement costs it, £: renegotiated contracts, management time and"
        " standing with partners and regulators. estimate: about a senior team's year."))
    trust_orientation_gain: float = Field(0.5, ge=0.0, le=2.0, description=(
        "System orientation gained per unit of trust above its initial trust. estimate."))
    admit_share_step: float = Field(0.05, gt=0.0, le=1.0, description=(
        "Acute: one step of the discretionary admission share (share of cases) considered"
        " at a review. estimate: a quarter's move a trust could reverse."))
    discharge_effort_step: float = Field(0.1, gt=0.0, le=1.0, description=(
        "Acute: one step of discharge effort (0-1 scale) considered at a review. estimate:"
        " ten steps from none to full effort."))
    avoidance_step_gbp_per_year: float = Field(250_000.0, gt=0.0, le=_MAX_STEP_GBP,
                                               description=(
        "Acute: one step of admission-avoidance investment, £ a year. estimate: about one"
        " multidisciplinary team."))
    proactive_step_gbp_per_year: float = Field(250_000.0, gt=0.0, le=_MAX_STEP_GBP,
                                               description=(
        "Community: one step of proactive-care investment, £ a year. estimate: about one"
        " case-management team."))
    placement_bias_step: float = Field(0.1, gt=0.0, le=2.8, description=(
        "Social care: one step of the residential placement bias (a multiplier) considered"
        " at a review. estimate."))
    investment_ceiling_gbp_per_year: float = Field(20_000_000.0, ge=0.0, le=1_000_000_000.0,
                                                   description=(
        "Acute and community: the most it would spend on avoidance or proactive care, £ a"
        " year. estimate: ten times the lever effects' saturation scale, past which more"
        " money buys nothing."))
    max_fixed_value_cut_per_year: float = Field(0.03, ge=0.0, le=1.0, description=(
        "Commissioner: the largest share of its fixed contract values (block values, per-head"
        " rates) it can cut in one contract round. estimate: at most 3% a year."))
    commissioner_rule: Literal["fixed", "responsive"] = Field("fixed", description=(
        "Commissioner: how it acts at the contract round: 'fixed' (cut fixed values by up to"
        " max_fixed_value_cut_per_year after an overspend, nothing else) or 'responsive'"
        " (agents.commissioning: values, planned volumes, grants, pool contributions,"
        " notice on agreements and a council's placement policy, weighed each year)."
        " estimate: opt-in, so that results of"
        " files without it are unchanged."))
    max_fixed_value_rise_per_year: float = Field(0.02, ge=0.0, le=1.0, description=(
        "Commissioner, responsive rule: the largest rise of the values it controls in one"
        " contract round when it has headroom. estimate: about a year's allocation growth."))
    grant_budget_weight: float = Field(2.0, ge=0.0, le=10.0, description=(
        "Commissioner, responsive rule: how many times the budget's change a grant to a"
        " voluntary organisation takes. estimate: prevention grants are discretionary and"
        " are cut first when budgets tighten."))
    max_pool_contribution_cut_per_year: float = Field(0.1, ge=0.0, le=1.0, description=(
        "Commissioner, responsive rule: the largest share of a pooled-budget contribution it"
        " withdraws in one year over losses it cannot influence. estimate: s75 agreements"
        " are reviewed each year and partners move a small part of their contribution."))
    pessimistic_benefit_share: float = Field(0.5, ge=0.0, le=1.0, description=(
        "Share of the benefit elsewhere assumed in its downside test. DESIGN: 'what if you"
        " only achieve half the intended benefits?'."))
    belief_multiplier_min: float = Field(0.0, ge=0.0, le=1.0, description=(
        "Lowest multiplier on the prior effect of a lever it can come to believe. estimate:"
        " a lever can be learned to do nothing, never to do harm."))
    belief_multiplier_max: float = Field(5.0, ge=1.0, le=20.0, description=(
        "Highest multiplier on the prior effect of a lever it can come to believe. estimate:"
        " a prior can be five times too modest."))
    cash_release_prior_share: float = Field(1.0, ge=0.0, le=2.0, description=(
        "Prior share of a quoted average unit cost that a change in that activity elsewhere"
        " releases in cash. estimate: plans quote savings at average cost, so 1 (the seeds'"
        " 'a lot of the time the savings are not actually savings')."))
    cash_release_prior_sd: float = Field(0.5, gt=0.0, le=5.0, description=(
        "Prior standard deviation of that share. estimate: finance directors doubt quoted"
        " savings by about half."))
    cash_release_noise_share: float = Field(0.01, gt=0.0, le=0.5, description=(
        "Standard deviation of a provider's year-on-year cost change beyond its activity and"
        " common growth, as a share of its cost: the error its learning assumes. estimate:"
        " about 1% of a trust's costs moves with one-off items each year."))
    trust_recovery_share: float = Field(0.25, ge=0.0, le=1.0, description=(
        "Share of trust_learning_rate at which trust in partners who did not gain at its"
        " expense recovers. estimate: trust is lost faster than it is rebuilt."))
    fairness_scale_floor_gbp: float = Field(100_000.0, ge=1.0, le=1_000_000_000.0,
                                            description=(
        "Pounds added to the sums at stake when it judges a settlement's fairness, so small"
        " sums do not swing trust much. estimate."))


def _unit_cost(default: float, source: str) -> float:
    return Field(default, ge=0.0, le=100_000.0, description=f"£ per unit. {source}")


class QuotedUnitCosts(BaseModel):
    """Average unit costs as quoted in the NHS and councils (2023/24 prices).

    Organisations value changes elsewhere in the system at these averages although only the
    variable part is saved at first: the seeds' "savings are not actually savings". Sources
    in docs/reference.md, Unit costs.
    """

    model_config = _FROZEN

    nel_admission: float = _unit_cost(2_067.0, "NEL episode £1,590 (2016/17) x 1.30.")
    acute_bed_day: float = _unit_cost(407.0, "Excess bed day £313 (2016/17) x 1.30.")
    community_contact: float = _unit_cost(54.0, "About £47 (2019/20) x 1.15.")
    d2a_place_day: float = _unit_cost(64.0, "Reablement episode £2,250 / 35 days.")
    community_bed_day: float = _unit_cost(200.0, "Bed-based intermediate care (estimate:"
                                                 " £150-£250 a bed day).")
    reablement_place_day: float = _unit_cost(64.0, "Reablement episode £2,250 / 35 days.")
    home_care_hour: float = _unit_cost(25.95, "Minimum sustainable price 2023/24.")
    care_home_week: float = _unit_cost(916.0, "Council-funded residential care 2023/24.")
    prevention_person_week: float = _unit_cost(21.0, "About £254 a person a year, 12 weeks.")
    escalation_bed_day: float = _unit_cost(220.0, "estimate: agency premium on an opened"
                                                  " bed.")

    def cost_gbp(self, unit: ActivityUnit | str) -> float:
        """The quoted cost of one unit (an activity unit or ``escalation_bed_day``)."""
        return getattr(self, unit)


class PlaceBehaviour(BaseModel):
    """Beliefs and conventions shared by every organisation of the place (``[behaviour]``).

    Defaults are today's judged values: see docs/behaviour.md for units, ranges and sources.
    """

    model_config = _FROZEN

    quoted_unit_cost_gbp: QuotedUnitCosts = Field(QuotedUnitCosts(), description=(
        "Unit costs (£) at which organisations value activity changes elsewhere."))
    value_of_a_day_at_home_gbp: float = Field(150.0, ge=0.0, le=10_000.0, description=(
        "£ value of a day a person spends at home rather than in a hospital, community or"
        " care-home bed, or at home without the care they need; what mission_weight"
        " multiplies and what the silo index adds to spending. estimate."))
    prior_frail_share_of_admissions: float = Field(0.45, ge=0.0, le=1.0, description=(
        "Believed share of NEL admissions that are of moderately or severely frail people."
        " estimate."))
    prior_admissions_avoided_per_prevention_place_year: float = Field(
        0.4, ge=0.0, le=10.0, description=(
            "Believed NEL admissions avoided per prevention place a year. estimate."))
    prior_admissions_avoided_per_package_year: float = Field(0.3, ge=0.0, le=10.0, description=(
        "Believed NEL admissions avoided per home-care package a year (people waiting for a"
        " package are at higher risk). estimate."))
    short_stay_los_days: float = Field(1.0, ge=0.0, le=30.0, description=(
        "Believed length of stay in days of a discretionary admission. estimate:"
        " discretionary cases stay 0-2 days."))
    weeks_in_first_year_of_a_placement: float = Field(26.0, ge=0.0, le=52.0, description=(
        "Resident weeks in its first year of one more care-home placement. estimate:"
        " placements start evenly through the year."))
    occupancy_spread: float = Field(0.05, ge=0.0, le=1.0, description=(
        "Believed week-to-week spread of bed occupancy (standard deviation / mean), which"
        " sets the escalation beds expected near capacity. estimate."))
    full_use_utilisation_band: float = Field(0.15, gt=0.0, le=1.0, description=(
        "With no queue, an extra place is believed used at once in proportion to how far"
        " utilisation is into this top band (share of capacity): (u - (1 - band)) / band."
        " estimate: services run full above 85%."))
    lookback_weeks: int = Field(13, ge=1, le=104, description=(
        "Weeks that system figures and an organisation's own annualised activity average"
        " over. DESIGN: quarterly reporting."))
    lever_choice: Literal["joint", "separate"] = Field("joint", description=(
        "How a provider chooses its lever moves at a review: 'joint' (combinations of"
        " moves, one or none per lever, scored on their combined believed effect, chosen by"
        " rounds of logit best response across levers: agents.decision) or 'separate' (each"
        " lever judged alone against the same view, the earlier rule). DESIGN: levers chosen"
        " jointly, so that two levers claiming the same saving do not both count it."))
    hypothetical_pool_share: float = Field(0.03, gt=0.0, le=1.0, description=(
        "Size of the typical pool, as a share of the baseline, settled to find the share of a"
        " gain or loss a party expects to keep. estimate: beyond most corridors."))
    hypothetical_baseline_gbp: float = Field(100_000_000.0, gt=0.0, le=100_000_000_000.0,
                                             description=(
        "Baseline in £ assumed for that typical pool before an agreement's first baseline is"
        " known. estimate: the in-scope spend of a place of about 300,000 people."))
