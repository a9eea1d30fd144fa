import pytest

from sim.core.activity import ActivityUnit
from sim.population import CareCapacity, CareModifiers, default_capacity_for
from sim.population.capacity import DEFAULT_CAPACITY_PER_1000
from tests.population.helpers import run


def test_default_capacity_arithmetic():
    cap = default_capacity_for(300_000)
    # 2.8 beds per 1,000 * 300 = 840; 0.68 * 300 = 204 D2A places; 1.10 * 300 = 330
    assert cap.acute_beds == 840
    assert cap.d2a_places == round(DEFAULT_CAPACITY_PER_1000["d2a_places"] * 300) == 204
    assert cap.reablement_places == 330
    with pytest.raises(ValueError, match="size"):
        default_capacity_for(0)


def test_capacity_rejects_bad_values():
    fields = dict(default_capacity_for(1000).__dict__)
    with pytest.raises(ValueError, match=r"CareCapacity.d2a_places.*>= 0.*-1"):
        CareCapacity(**{**fields, "d2a_places": -1})
    with pytest.raises(ValueError, match=r"CareCapacity.acute_beds.*whole number"):
        CareCapacity(**{**fields, "acute_beds": 2.5})


def test_modifiers_reject_bad_values():
    with pytest.raises(ValueError, match="discretionary_admit_share.*between 0 and 1"):
        CareModifiers(discretionary_admit_share=1.5)
    with pytest.raises(ValueError, match="los_multiplier"):
        CareModifiers(los_multiplier=-0.1)


def test_activity_maps_every_unit_to_its_field():
    _, flows = run(5_000, seed=1, weeks=2)
    week = flows[-1]
    assert week.activity(ActivityUnit.NEL_ADMISSION) == week.admissions
    assert week.activity(ActivityUnit.ACUTE_BED_DAY) == week.acute_bed_days
    assert week.activity(ActivityUnit.HOME_CARE_HOUR) == week.home_care_hours
    assert week.activity(ActivityUnit.CARE_HOME_WEEK) == week.care_home_resident_weeks
    for unit in ActivityUnit:
        assert week.activity(unit) >= 0
    assert week.activity(ActivityUnit.ACUTE_BED_DAY) > 0
