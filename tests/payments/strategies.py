"""Hypothesis strategies for contract terms and a year of monthly activity."""

from hypothesis import strategies as st

from sim.core.activity import ActivityUnit
from sim.payments import (
    ActivityBasedTerms,
    BlendedTerms,
    BlockTerms,
    CapitationTerms,
    YearToDate,
)

prices_gbp = st.decimals(min_value=0, max_value=5000, places=2)
rates = st.floats(min_value=0.0, max_value=1.0)
annual_volumes = st.floats(min_value=0.0, max_value=50_000.0)
units = st.sampled_from(list(ActivityUnit))


@st.composite
def activity_based_terms(draw) -> ActivityBasedTerms:
    baseline = draw(st.none() | annual_volumes)
    return ActivityBasedTerms(
        unit=draw(units),
        price_gbp=draw(prices_gbp),
        baseline_volume=baseline,
        marginal_rate_above=None if baseline is None else draw(rates),
        marginal_rate_below=None if baseline is None else draw(st.none() | rates),
    )


@st.composite
def block_terms(draw, with_corridor: bool | None = None) -> BlockTerms:
    corridor = draw(st.booleans()) if with_corridor is None else with_corridor
    extra = {}
    if corridor:
        extra = {
            "unit": draw(units),
            "planned_volume": draw(annual_volumes),
            "corridor_fraction": draw(rates),
            "corridor_price_gbp": draw(prices_gbp),
        }
    return BlockTerms(
        annual_value_gbp=draw(st.decimals(min_value=0, max_value=50_000_000, places=2)),
        uplift_per_year=draw(st.floats(min_value=-0.1, max_value=0.1)),
        **extra,
    )


@st.composite
def capitation_terms(draw) -> CapitationTerms:
    return CapitationTerms(per_head_gbp=draw(prices_gbp))


@st.composite
def blended_terms(draw) -> BlendedTerms:
    return BlendedTerms(
        unit=draw(units),
        price_gbp=draw(prices_gbp),
        planned_volume=draw(annual_volumes),
        variable_rate=draw(rates),
        outcome_retention=draw(rates),
        cquin_rate=draw(st.floats(min_value=0.0, max_value=0.05)),
    )


any_terms = activity_based_terms() | block_terms() | capitation_terms() | blended_terms()


@st.composite
def year_of_months(draw) -> list[YearToDate]:
    """Twelve cumulative year-to-date figures built from monthly activity."""
    monthly_volumes = draw(st.lists(st.floats(0.0, 5000.0), min_size=12, max_size=12))
    monthly_heads = draw(st.lists(st.floats(0.0, 400_000.0), min_size=12, max_size=12))
    outcome, cquin = draw(rates), draw(rates)
    months, volume_to_date, head_months = [], 0.0, 0.0
    for month, (volume, heads) in enumerate(
        zip(monthly_volumes, monthly_heads, strict=True), start=1
    ):
        volume_to_date += volume
        head_months += heads
        months.append(
            YearToDate(
                months_elapsed=month,
                volume=volume_to_date,
                weighted_heads=head_months / month,
                outcome_score=outcome if month == 12 else None,
                cquin_achievement=cquin if month == 12 else None,
            )
        )
    return months
