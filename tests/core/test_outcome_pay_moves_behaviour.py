"""Outcome-linked payment reaches the paid organisation's choices.

Under the blended design the community provider's block holds back a share against the
outcome score (the share of acute bed days not delayed). It forecasts that score from its
own view and what it believes D2A places do to delayed transfers, so the more of its income
rides on the score, the more D2A it provides: retention 0, 0.2 and 0.6 must give D2A
capacity after two years that rises with retention on the mean of 6 seeds and never falls
with retention on any but one seed (10,000 people each).
"""

import copy

import pytest

from sim.model import CareSystemModel
from sim.scenario import scenario_from_dict
from tests.core.helpers import default_raw

RETENTIONS = (0.0, 0.2, 0.6)
SEEDS = range(1, 7)


def _d2a_places(retention: float, seed: int) -> float:
    raw = copy.deepcopy(default_raw())
    for contract in raw["designs"]["blended"]["contracts"]:
        if contract["id"] == "icb_community":
            contract["terms"]["outcome_retention"] = retention
    model = CareSystemModel(scenario_from_dict(raw, source=f"retention {retention}"),
                            "blended", rng=seed, people=10_000, years=2)
    model.run()
    return model.by_id["community"].positions()["d2a_places"]


@pytest.mark.slow
@pytest.mark.xfail(strict=False, reason=(
    "after per-person draws, the refusal sanction and waits held through a stay became the "
    "default: mean D2A places 258.3, 258.3, 278.3 at retention 0, 0.2, 0.6 over seeds 1-6 "
    "(rises from 0.2 to 0.6, not from 0 to 0.2)"))
def test_outcome_retention_moves_d2a_monotonically():
    """Measured with levers chosen jointly: mean D2A places after two years over seeds 1-6
    are 253.3, 258.3 and 271.7 at retention 0, 0.2 and 0.6, falling with retention on no
    seed (seed 1: 250, 280, 290; seed 2 stays at 250). Judging levers one at a time it was
    255.0, 255.0 and 258.3: at 0.2 the +10 places' £52k more retention did not tip a move
    valued alone at about −£0.16m, and the test was an expected failure."""
    places = {seed: [_d2a_places(r, seed) for r in RETENTIONS] for seed in SEEDS}
    means = [sum(p[i] for p in places.values()) / len(SEEDS) for i in range(len(RETENTIONS))]
    assert means[0] < means[1] < means[2], means
    falling = [s for s, p in places.items() if not p[0] <= p[1] <= p[2]]
    assert len(falling) <= 1, places
