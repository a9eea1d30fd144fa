"""A synthetic place as a stand-in simulation, with a deal worked out by hand.

Two parties: the acute trust can invest £2m in a scheme that saves the system £10m
(£5m when only half the benefit comes, as the half_benefit case halves the lever effects),
plus a little seed noise. It invests only when an agreement leaves it at least 30% of the
saving. Under the status quo (no agreement) nothing happens and both surpluses are 0.
Under a deal with acute share s: acute gets s × saving − £2m, the ICB (1 − s) × saving.
By hand: every party gains when 0.3 <= s and s × 10 − 2 > 0 and (1 − s) × 10 > 0, i.e.
0.3 <= s < 1; acute stays within a £1m loss limit at half benefit when 5s − 2 >= −1,
i.e. s >= 0.2. So deals with 0.3 <= s < 1 satisfy everything.

With ``zero_sum`` nothing can be saved: the agreement only moves money, so no deal
gives both parties a gain.
"""

import pandas as pd

SAVING_GBP = 10_000_000.0
INVESTMENT_GBP = 2_000_000.0
INVEST_FROM_SHARE = 0.3
DEFAULT_LOS_EFFECT = 0.15


def acute_share(raw: dict, design: str) -> float | None:
    """The acute trust's gain share in the design's agreement (None without one)."""
    agreements = raw["designs"][design].get("agreements", [])
    if not agreements:
        return None
    return float(agreements[0]["gains"]["rule"]["shares"]["acute"])


def synthetic_place(spec, zero_sum: bool = False):
    """Outcomes of the synthetic place for one run spec (signature of ``simulate``)."""
    raw = spec.scenario_raw
    effect = raw.get("effects", {}).get("discharge_effort_max_los_reduction",
                                        DEFAULT_LOS_EFFECT)
    benefit = effect / DEFAULT_LOS_EFFECT
    noise = ((spec.seed * 7919) % 11 - 5) * 10_000.0  # ±£50k, fixed by the seed
    share = acute_share(raw, spec.design)
    surplus = {"icb": 0.0, "acute": 0.0}
    cost = 100_000_000.0
    if share is not None:
        if zero_sum:
            pool = 1_000_000.0  # an out-turn under baseline that nobody caused
            surplus = {"acute": share * pool - pool / 2, "icb": (1 - share) * pool - pool / 2}
        elif share >= INVEST_FROM_SHARE:
            saving = SAVING_GBP * benefit + noise
            cost -= saving - INVESTMENT_GBP
            surplus = {"acute": share * saving - INVESTMENT_GBP, "icb": (1 - share) * saving}
    outcomes = {"system_cost_gbp": cost, **{f"surplus_{p}_gbp": v for p, v in surplus.items()}}
    for other in ("council", "community", "social_care", "age_well", "home_from_hospital"):
        outcomes[f"surplus_{other}_gbp"] = 0.0
    return outcomes, {"settlements": pd.DataFrame()}


def zero_sum_place(spec):
    """The synthetic place where nothing can be saved."""
    return synthetic_place(spec, zero_sum=True)
