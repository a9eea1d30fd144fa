import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from sim.population.queues import fifo_service_days, slot_days


def test_free_places_come_first_then_departures_in_time_order():
    slots = slot_days(2, np.array([5.0, 3.0]))
    # 2 free now but both came from this round's departures (days 3 and 5): no extra -inf.
    assert slots.tolist() == [3.0, 5.0]
    slots = slot_days(3, np.array([5.0, 3.0]))
    assert slots.tolist() == [-np.inf, 3.0, 5.0]


def test_over_capacity_departures_first_reduce_the_overload():
    # Capacity cut to 1 below occupancy; three leave on days 1, 2, 4: net free now is 2, so
    # the first departure only removes the overload and places free on days 2 and 4.
    assert slot_days(2, np.array([4.0, 1.0, 2.0])).tolist() == [2.0, 4.0]
    assert slot_days(0, np.array([1.0])).size == 0
    assert slot_days(-3, np.array([1.0])).size == 0


def test_fifo_hand_computed():
    requests = np.array([0.5, 1.0, 2.0, 6.0])
    slots = np.array([-np.inf, 3.0, 4.5])
    served = fifo_service_days(requests, slots)
    # first takes the free place at once (0.5); second waits for day 3; third for day 4.5;
    # the fourth finds no place this week.
    assert served.tolist() == [0.5, 3.0, 4.5, np.inf]


sorted_days = st.lists(st.floats(0, 7, allow_nan=False), max_size=30).map(sorted)


@given(
    requests=sorted_days,
    departures=st.lists(st.floats(0, 7), max_size=30),
    free=st.integers(-5, 30),
)
def test_fifo_properties(requests, departures, free):
    requests = np.array(requests, dtype=float)
    slots = slot_days(free, np.array(departures, dtype=float))
    served = fifo_service_days(requests, slots)
    done = np.isfinite(served)
    # never served before asking; first come first served (served days non-decreasing and
    # nobody served after someone behind them is left waiting)
    assert np.all(served[done] >= requests[done])
    assert np.all(np.diff(served[done]) >= 0)
    assert not np.any(~done[:-1] & done[1:])
    # exactly as many served as there are places (or requests)
    assert done.sum() == min(requests.size, slots.size)
    # at no time are more people served than places that have become available
    for day in served[done]:
        assert (served <= day).sum() <= (slots <= day).sum()


@given(
    base=st.floats(0, 1),
    other=st.floats(0, 1),
    multiplier=st.floats(0, 10),
)
def test_residential_share_keeps_long_term_care_total(base, other, multiplier):
    from sim.population.home import residential_share

    adjusted = residential_share(base, other, multiplier)
    # never negative, never more than all long-term care, and exact when unconstrained
    assert 0 <= adjusted <= base + other + 1e-12
    if base * multiplier <= base + other:
        assert adjusted == base * multiplier


@given(alive=st.integers(1, 2_000_000), deaths=st.integers(0, 5_000), seed=st.integers(0, 99))
def test_births_replace_deaths_and_add_growth(alive, deaths, seed):
    import math

    from sim.population.lifecycle import births_this_week

    rng = np.random.default_rng(seed)
    growth = alive * (1.005 ** (7 / 365.25) - 1)
    births = births_this_week(alive, deaths, 0.005, rng.random())
    # deaths replaced exactly; the growth part is its floor or ceiling
    assert births - deaths in (math.floor(growth), math.floor(growth) + 1)
