"""The report's pool chart: shares add to the pool; net transfers are shares less held."""

import pandas as pd
import pytest

from experiments.report import plots


def _line(design, seed, party, amount, held, pool):
    return {"design": design, "seed": seed, "agreement": "pool", "year": 1, "party": party,
            "amount_pence": amount, "held_pence": held, "pool_pence": pool}


# Two seeds of one design: pools of £0.1m and £0.3m, split 60/40 and 2:1.
SETTLEMENTS = pd.DataFrame([
    _line("shared", 1, "a", 6_000_000, 8_000_000, 10_000_000),
    _line("shared", 1, "b", 4_000_000, 2_000_000, 10_000_000),
    _line("shared", 2, "a", 20_000_000, 5_000_000, 30_000_000),
    _line("shared", 2, "b", 10_000_000, 25_000_000, 30_000_000),
    _line("other", 1, "a", 1_000_000, 0, 1_000_000),
])


def test_shares_add_to_the_pool():
    pool_m, shares, _ = plots.pool_parts(SETTLEMENTS, "shared", replications=2)
    # Mean pool (0.1 + 0.3) / 2 = £0.2m; a's share (0.06 + 0.20) / 2 = £0.13m, b's £0.07m.
    assert pool_m == pytest.approx(0.2)
    assert shares["a"] == pytest.approx(0.13)
    assert shares["b"] == pytest.approx(0.07)
    assert shares.sum() == pytest.approx(pool_m)


def test_net_transfers_are_shares_less_what_was_held():
    _, _, transfers = plots.pool_parts(SETTLEMENTS, "shared", replications=2)
    # a: (0.06 − 0.08 + 0.20 − 0.05) / 2 = +£0.065m; b: (0.04 − 0.02 + 0.10 − 0.25) / 2.
    assert transfers["a"] == pytest.approx(0.065)
    assert transfers["b"] == pytest.approx(-0.065)


def test_chart_draws_both_panels_for_each_design():
    png = plots.pool_waterfall(SETTLEMENTS, ["shared", "other"], replications=2,
                               names={"a": "Alpha Trust"})
    assert png.startswith(b"\x89PNG")
