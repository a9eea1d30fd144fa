import numpy as np
import pytest

from sim.population.ledger import WeekLedger
from sim.population.settings import N_CHANNELS, Channel


def counts(**by_channel):
    c = np.zeros(N_CHANNELS, dtype=np.int64)
    for name, value in by_channel.items():
        c[Channel[name]] = value
    return c


def test_channel_days_hand_computed():
    ledger = WeekLedger(14.0, counts(ACUTE=10))
    # one admitted on day 15 (6 days left in week), one discharged on day 17.5 (3.5 days
    # would have remained), one admitted and discharged inside the week (16 -> 19: 3 days)
    ledger.log(np.array([Channel.ACUTE]), np.array([15.0]), np.array([1]))
    ledger.log(np.array([Channel.ACUTE]), np.array([17.5]), np.array([-1]))
    ledger.log(np.array([Channel.ACUTE, Channel.ACUTE]), np.array([16.0, 19.0]), np.array([1, -1]))
    days = ledger.channel_days()
    # 10*7 + 6 - 3.5 + (21-16) - (21-19) = 70 + 6 - 3.5 + 5 - 2 = 75.5
    assert days[Channel.ACUTE] == pytest.approx(75.5)
    assert days[Channel.D2A] == 0


def test_escalation_days_hand_computed():
    ledger = WeekLedger(0.0, counts(ACUTE=10))
    ledger.log(np.array([Channel.ACUTE] * 3), np.array([1.0, 2.0, 3.0]), np.array([1, 1, 1]))
    ledger.log(np.array([Channel.ACUTE]), np.array([5.0]), np.array([-1]))
    # limit 11: occupancy 10 on [0,1), 11 on [1,2), 12 on [2,3), 13 on [3,5), 12 on [5,7)
    # excess = 0 + 0 + 1*1 + 2*2 + 1*2 = 7
    assert ledger.days_above(Channel.ACUTE, 11) == pytest.approx(7.0)
    assert ledger.days_above(Channel.ACUTE, 20) == 0.0


def test_times_outside_week_are_clipped():
    ledger = WeekLedger(7.0, counts())
    ledger.log(np.array([Channel.D2A]), np.array([3.0]), np.array([1]))
    # an entry recorded before the week began counts the whole week
    assert ledger.channel_days()[Channel.D2A] == pytest.approx(7.0)
