"""Admissions by age band: they add up to the all-age figures and follow their band's rate."""

from pathlib import Path

import numpy as np
import pytest

from experiments.runs import run as run_place
from sim.population import PopulationParams, band_key
from tests.population.helpers import DEFAULT_PARAMS as CAPPED_PARAMS
from tests.population.helpers import run

# Room for every emergency (escalation up to twice the staffed beds): doubling one band's
# rate would otherwise fill the hospital and turn some of that band away
# (tests/population/test_overflow.py), which is the cap's effect, not the rate's.
DEFAULT_PARAMS = CAPPED_PARAMS.model_copy(update={
    "hospital": CAPPED_PARAMS.hospital.model_copy(update={"escalation_share": 1.0})})

PLACE = Path(__file__).resolve().parents[2] / "scenarios" / "default.toml"


def test_band_keys_are_identifier_parts():
    assert [band_key(b.name) for b in DEFAULT_PARAMS.age_bands] == [
        "0_64", "65_74", "75_84", "85plus"]


def test_weekly_bands_add_up_to_all_ages_exactly():
    _, flows = run(4000, 3, 12)
    assert sum(f.admissions for f in flows) > 0
    for f in flows:
        assert len(f.admissions_by_band) == DEFAULT_PARAMS.n_bands
        assert sum(f.admissions_by_band) == f.admissions
        assert sum(f.alive_by_band) == f.alive


def test_band_outcomes_weighted_by_band_people_give_the_all_age_rate():
    done = run_place(PLACE, people=3000, years=1, seed=1)
    outcomes = done.outcomes()
    weekly = done.results.system_weekly
    keys = DEFAULT_PARAMS.band_keys
    bands = sum(weekly[f"band_admissions_{k}"] for k in keys)
    assert bands.to_numpy() == pytest.approx(weekly["admissions"].to_numpy(), rel=1e-12)
    people = {k: float(weekly[f"band_alive_{k}"].mean()) for k in keys}
    weighted = sum(outcomes[f"nel_admissions_per_1000_{k}_final_year"] * people[k]
                   for k in keys) / sum(people.values())
    assert weighted == pytest.approx(outcomes["nel_admissions_per_1000_final_year"], rel=1e-9)


def _with_band_rate(band: int, rate: float) -> PopulationParams:
    bands = list(DEFAULT_PARAMS.age_bands)
    bands[band] = bands[band].model_copy(update={"nel_admissions_per_1000_per_year": rate})
    return DEFAULT_PARAMS.model_copy(update={"age_bands": tuple(bands)})


def _band_counts(params: PopulationParams, seeds: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Admissions and person-weeks by band, summed over seeds (20,000 people, 52 weeks)."""
    admissions = np.zeros(params.n_bands)
    person_weeks = np.zeros(params.n_bands)
    for seed in seeds:
        _, flows = run(20_000, seed, 52, params=params)
        admissions += np.sum([f.admissions_by_band for f in flows], axis=0)
        person_weeks += np.sum([f.alive_by_band for f in flows], axis=0)
    return admissions, person_weeks


def test_raising_one_bands_rate_moves_that_band_only():
    # Doubling the 85+ rate (500 → 1,000 per 1,000 a year) should roughly double that band's
    # admission rate; other bands' rates may differ only by noise: within 4 standard errors
    # of the difference of two Poisson rates, se² = r0²/a0 + r1²/a1 (a = admissions).
    seeds = (1, 2)
    base_a, base_w = _band_counts(DEFAULT_PARAMS, seeds)
    high_a, high_w = _band_counts(_with_band_rate(3, 1000.0), seeds)
    base, high = base_a / base_w, high_a / high_w
    assert high[3] / base[3] > 1.6
    for band in range(3):
        se = np.sqrt(base[band] ** 2 / base_a[band] + high[band] ** 2 / high_a[band])
        assert abs(high[band] - base[band]) <= 4 * se, band
