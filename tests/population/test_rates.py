import numpy as np
import pytest

from sim.population import CareModifiers, PopulationParams
from sim.population.rates import DAYS_PER_YEAR, band_rates_per_day, build_tables, hazard_code
from sim.population.settings import HomeEvent
from sim.population.state import HAS_PACKAGE, SUPPORTED, WAITING


def test_band_average_matches_published_rate():
    params = PopulationParams()
    death, admit = band_rates_per_day(params)
    mix = np.array([b.frailty_mix for b in params.age_bands])
    nel = np.array([b.nel_admissions_per_1000_per_year for b in params.age_bands])
    assert np.allclose((mix * admit).sum(axis=1) * DAYS_PER_YEAR * 1000, nel)
    # within a band, severe / fit = relative risk 4.73
    assert admit[2, 3] / admit[2, 0] == pytest.approx(4.73)


def code(place, band, frailty, flags):
    return hazard_code(
        np.array([place]),
        np.array([band]),
        np.array([frailty]),
        np.array([flags], dtype=np.uint8),
        4,
    )[0]


def test_modifiers_and_flags_scale_admission_hazard():
    params = PopulationParams()
    base = build_tables(params, CareModifiers())
    mods = CareModifiers(
        admission_hazard_multiplier=0.9,
        demand_multiplier=0.8,
        frail_admission_hazard_multiplier=0.5,
    )
    scaled = build_tables(params, mods)
    nel = HomeEvent.NEL
    fit, severe = code(0, 3, 0, 0), code(0, 3, 3, 0)
    # fit: 0.9 * 0.8 = 0.72; severe also gets the frail multiplier: 0.72 * 0.5 = 0.36
    assert scaled.components[nel, fit] / base.components[nel, fit] == pytest.approx(0.72)
    assert scaled.components[nel, severe] / base.components[nel, severe] == pytest.approx(0.36)
    waiting, supported = code(0, 3, 3, WAITING), code(0, 3, 3, SUPPORTED)
    assert base.components[nel, waiting] / base.components[nel, severe] == pytest.approx(1.3)
    assert base.components[nel, supported] / base.components[nel, severe] == pytest.approx(0.95)
    # care-home residents: 0.70 a year, scaled by the system-wide multipliers only (0.72)
    resident = code(1, 3, 3, 0)
    assert scaled.components[nel, resident] * DAYS_PER_YEAR == pytest.approx(0.70 * 0.72)


def test_care_need_and_package_end_depend_on_package():
    tables = build_tables(PopulationParams(), CareModifiers())
    without, holder = code(0, 2, 2, 0), code(0, 2, 2, HAS_PACKAGE)
    assert tables.components[HomeEvent.CARE_NEED, without] * DAYS_PER_YEAR == pytest.approx(0.010)
    assert tables.components[HomeEvent.CARE_NEED, holder] == 0
    assert tables.components[HomeEvent.PACKAGE_END, holder] * DAYS_PER_YEAR == pytest.approx(0.25)
    assert tables.components[HomeEvent.PROGRESSION, code(0, 2, 3, 0)] == 0  # severe is the top
    assert np.allclose(tables.total, tables.components.sum(axis=0))
