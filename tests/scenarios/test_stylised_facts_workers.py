"""The stylised-facts generator gives the same measures whatever its number of processes."""

import pytest

from experiments import stylised_facts as sf

FACT = ("1 fixed-cost exposure",)  # one-year runs: the cheapest fact


def test_two_workers_measure_what_one_does():
    # Seeds are independent and every run is seeded, so splitting seeds over processes
    # cannot change a figure; a worker that re-seeded, or a seed lost in the split, would.
    alone = sf.measures_over([1, 2], workers=1, names=FACT)
    shared = sf.measures_over([1, 2], workers=2, names=FACT)
    assert shared == alone
    assert set(shared[FACT[0]]) == {1, 2}
    assert shared[FACT[0]][1] != shared[FACT[0]][2]  # two seeds, two different places


def test_workers_below_one_refused(capsys):
    with pytest.raises(SystemExit):
        sf.main(["--seeds", "2", "--workers", "0"])
    assert "--workers: expected at least 1, got 0" in capsys.readouterr().err
