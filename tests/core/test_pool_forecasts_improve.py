"""Pool forecasts improve: a party's forecast settlement errs less in year 4 than in year 1.

Each member forecasts its settlement from the agreement's baseline rule, the settled
out-turns' trend and its record of past forecasts (before the first settlement it expects
neither gain nor loss) and this year's accounts, settled by the agreement's own function
(``settlement_forecasts`` table). Over 10 seeds of the capitation gain/loss design (5,000
people, 4 years), the mean absolute error of the forecasts in year 4 must be below that in
year 1. Exits are held off (reserves and trust floors out of reach) so that every seed's
agreement is still in force in year 4: this measures forecasting, not withdrawal (with
exits on, the ICB's reserves breach ends the agreement after year 1 in 8 of 10 seeds).

Measured: mean absolute error £1.04m in year 1, £1.53m in year 2, £0.72m in year 3 and
£0.70m in year 4, falling from year 1 to year 4 in 6 of the 10 seeds; last year's
out-turn and baseline as the forecast gave £1.04m, £1.78m, £1.98m and £1.35m.
"""

import pytest

from sim.core.records import ForecastSettlementRecord
from sim.model import CareSystemModel
from tests.core.helpers import scenario_with

SEEDS = range(1, 11)
MEMBERS = ("icb", "council", "acute", "community", "social_care")
NO_EXITS = tuple(override for org in MEMBERS for override in (
    (("organisations", org, "behaviour", "reserves_exit_threshold_gbp"), -1e12),
    (("organisations", org, "behaviour", "trust_exit_threshold"), 0.0)))


def _mean_abs_error_by_year(seed: int) -> dict[int, float]:
    model = CareSystemModel(scenario_with(NO_EXITS), "capitation_gain_loss", rng=seed,
                            people=5_000, years=4)
    model.run()
    table = model.recorder.frame(ForecastSettlementRecord)
    return table.assign(error=table["error_pence"].abs()).groupby("year")["error"].mean().to_dict()


@pytest.mark.slow
def test_forecast_settlement_error_falls_from_year_one_to_year_four():
    errors = [_mean_abs_error_by_year(seed) for seed in SEEDS]
    lasting = [e for e in errors if 3 in e]
    assert len(lasting) == len(SEEDS), errors  # with exits held off every agreement lasts
    first = sum(e[0] for e in lasting) / len(lasting)
    fourth = sum(e[3] for e in lasting) / len(lasting)
    assert fourth < first, (first, fourth, errors)


def test_forecasts_are_recorded_next_to_actuals():
    model = CareSystemModel(scenario_with(), "capitation_gain_loss", rng=1, people=5_000,
                            years=1)
    model.run()
    table = model.recorder.frame(ForecastSettlementRecord)
    assert not table.empty
    assert (table["error_pence"] == table["forecast_pence"] - table["actual_pence"]).all()
    # Before the first settlement a party expects neither gain nor loss from the pool.
    assert (table["forecast_pence"] == 0).all(), table
