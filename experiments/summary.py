"""Short headline tables of a run, for the terminal and for comparisons."""

import pandas as pd

from sim.outputs import RunResults


def headline(results: RunResults) -> dict[str, float]:
    """Headline figures of one run (whole horizon, or the final year where stated)."""
    weekly = results.system_weekly
    finance = results.finance_annual
    final_year = int(weekly["year"].max())
    last = weekly[weekly["year"] == final_year]
    providers = finance[finance["kind"] != "commissioner"]
    alive = float(last["alive"].mean())
    shares = results.care_shares_annual
    final_shares = shares[shares["year"] == final_year].set_index("setting")["share"]
    row = {
        "nel_admissions_per_1000_final_year": float(last["admissions"].sum()) * 1000 / alive,
        "mean_los_days": float(weekly["acute_bed_days"].sum() / max(1.0, weekly["admissions"]
                                                                     .sum())),
        "dtoc_bed_days_final_year": float(last["dtoc_bed_days"].sum()),
        "system_cost_gbp": float(providers["cost_pence"].sum()) / 100,
        "cost_per_head_per_year_gbp": float(providers["cost_pence"].sum()) / 100
        / alive / (final_year + 1),
    }
    for setting, share in final_shares.items():
        row[f"share_{setting}_final_year"] = float(share)
    for org, frame in finance.groupby("organisation"):
        row[f"surplus_{org}_gbp"] = float(frame["surplus_pence"].sum()) / 100
    return row


def headline_table(runs: dict[str, RunResults]) -> pd.DataFrame:
    """Side-by-side headline figures, one column per design."""
    return pd.DataFrame({name: headline(r) for name, r in runs.items()})
