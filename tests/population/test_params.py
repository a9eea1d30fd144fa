import pydantic
import pytest

from sim.population import PopulationParams
from sim.population.bands import AgeBand
from sim.population.params import HospitalParams, StepDownParams


def test_defaults_are_valid_and_frozen():
    params = PopulationParams()
    assert params.n_bands == 4
    with pytest.raises(pydantic.ValidationError):
        params.growth_per_year = 0.1  # frozen


def test_default_all_age_nel_rate_is_in_reference_range():
    params = PopulationParams()
    # 0.81*70 + 0.10*150 + 0.065*280 + 0.025*500 = 56.7 + 15 + 18.2 + 12.5 = 102.4
    rate = sum(b.population_share * b.nel_admissions_per_1000_per_year for b in params.age_bands)
    assert rate == pytest.approx(102.4)
    assert 100 <= rate <= 110


def test_unknown_field_is_named():
    with pytest.raises(pydantic.ValidationError, match="growth_per_yr"):
        PopulationParams(growth_per_yr=0.01)


def test_pathway_shares_error_names_field_and_gap():
    bad = ((0.5, 0.4, 0.0, 0.0),) * 4
    with pytest.raises(pydantic.ValidationError) as info:
        HospitalParams(pathway_shares_by_frailty=bad)
    message = str(info.value)
    assert "hospital.pathway_shares_by_frailty[0]" in message
    assert "off by -0.1" in message


def test_outcome_shares_error_names_field():
    with pytest.raises(pydantic.ValidationError, match=r"step_down.d2a_outcome_shares.*\+0.1"):
        StepDownParams(d2a_outcome_shares=(0.8, 0.2, 0.1))


def test_population_shares_must_sum_to_one():
    bands = list(PopulationParams().age_bands)
    bands[0] = bands[0].model_copy(update={"population_share": 0.80})
    with pytest.raises(pydantic.ValidationError, match=r"population_share.*off by -0.01"):
        PopulationParams(age_bands=tuple(bands))


def test_frailty_mix_error_names_band():
    band = PopulationParams().age_bands[1].model_dump()
    band["frailty_mix"] = (0.5, 0.3, 0.1, 0.05)
    with pytest.raises(pydantic.ValidationError, match=r"age_bands\[65-74\].frailty_mix"):
        AgeBand(**band)


def test_oldest_band_cannot_age_out():
    bands = list(PopulationParams().age_bands)
    bands[-1] = bands[-1].model_copy(update={"ageing_out_per_year": 0.1})
    with pytest.raises(pydantic.ValidationError, match="oldest band"):
        PopulationParams(age_bands=tuple(bands))


def test_negative_rate_rejected():
    with pytest.raises(pydantic.ValidationError, match="growth_per_year"):
        PopulationParams(growth_per_year=-0.9)


def test_the_los_scale_shortens_every_bands_stay_together():
    """Halving los_scale halves the mean stay of the non-discretionary spells (within 8%
    over three seeds of 20,000 people and 20 weeks with unlimited places: no delays)."""
    import numpy as np

    from sim.population import CareModifiers, PopulationEngine, unlimited_capacity

    def mean_stay(scale: float, seed: int) -> float:
        params = PopulationParams()
        params = params.model_copy(update={"hospital": params.hospital.model_copy(
            update={"los_scale": scale, "discretionary_share_of_nel": 0.0})})
        capacity = unlimited_capacity(20_000)
        engine = PopulationEngine(params, 20_000, np.random.SeedSequence(seed),
                                  warmup_capacity=capacity)
        weeks = [engine.step_week(w, capacity, CareModifiers()) for w in range(20)]
        return sum(f.spell_days_total for f in weeks) / sum(f.spells_ended for f in weeks)

    for seed in (1, 2, 3):
        ratio = mean_stay(0.5, seed) / mean_stay(1.0, seed)
        assert abs(ratio - 0.5) < 0.04, (seed, ratio)


def test_the_bed_based_pathway_scale_moves_discharges_to_community_beds():
    """Scale 3 triples each frailty level's bed-based share; the other three pathways keep
    their proportions and every row still sums to 1 (hand arithmetic on the severe row)."""
    hospital = PopulationParams().hospital.model_copy(update={"bed_based_pathway_scale": 3.0})
    home, support, bed, care_home = PopulationParams().hospital.pathway_shares_by_frailty[3]
    scaled = hospital.pathway_shares()[3]
    assert scaled[2] == pytest.approx(3 * bed)
    rest = (1 - 3 * bed) / (home + support + care_home)
    assert scaled[0] == pytest.approx(home * rest)
    assert scaled[3] == pytest.approx(care_home * rest)
    for row in hospital.pathway_shares():
        assert sum(row) == pytest.approx(1.0)
    assert PopulationParams().hospital.pathway_shares() == (
        PopulationParams().hospital.pathway_shares_by_frailty)


def test_a_bed_based_share_above_one_is_refused_with_the_field_named():
    # The severe row's bed-based share is 0.11: 20 times it is above 1.
    with pytest.raises(ValueError, match="bed_based_pathway_scale: 20.0 makes frailty level"):
        HospitalParams(bed_based_pathway_scale=20.0)
