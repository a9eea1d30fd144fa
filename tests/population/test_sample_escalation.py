"""A sample's escalation beds are scaled for its larger relative swing in occupancy.

By hand: the share for a sample of fraction f is the place's share x sqrt(1/f); a
full-size or larger run keeps it. In the engine: a 20,000-person sample of a
300,000-person place with 56 staffed beds has a cap of 56 + round(56 x 0.05 x sqrt(15))
= 67 beds (59 unscaled), and on each of three seeds it refuses fewer emergencies.
"""

from functools import cache

import numpy as np
import pytest

from sim.population import CareModifiers, PopulationEngine, PopulationParams, default_capacity_for
from sim.population.overflow import sample_escalation_share

PEOPLE = 20_000
FRACTION = PEOPLE / 300_000


def test_share_by_hand():
    # sqrt(15) = 3.8730: 0.05 x 3.8730 = 0.19365.
    assert sample_escalation_share(0.05, FRACTION) == pytest.approx(0.193649, abs=1e-6)
    assert sample_escalation_share(0.05, 0.25) == pytest.approx(0.10)
    assert sample_escalation_share(0.05, 1.0) == 0.05
    assert sample_escalation_share(0.05, 4.0) == 0.05  # upsampled: as given
    with pytest.raises(ValueError, match="sample_fraction"):
        sample_escalation_share(0.05, 0.0)


@cache
def year(seed: int, fraction: float):
    engine = PopulationEngine(PopulationParams(), PEOPLE, np.random.SeedSequence(seed),
                              sample_fraction=fraction)
    capacity = default_capacity_for(PEOPLE)
    return capacity, [engine.step_week(w, capacity, CareModifiers()) for w in range(52)]


def test_the_sample_cap_by_hand():
    capacity, flows = year(1, FRACTION)
    assert capacity.acute_beds == 56
    assert {f.acute_bed_cap for f in flows} == {56 + round(56 * 0.05 * 15 ** 0.5)} == {67}
    _, unscaled = year(1, 1.0)
    assert {f.acute_bed_cap for f in unscaled} == {59}


@pytest.mark.parametrize("seed", (1, 2, 3))
def test_a_scaled_sample_refuses_fewer_emergencies(seed):
    refused = [sum(f.admissions_refused for f in year(seed, fraction)[1])
               for fraction in (FRACTION, 1.0)]
    assert refused[0] < refused[1]
