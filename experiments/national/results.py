"""National results: per-ICB rows, England totals and paired differences between designs.

Per-ICB rows come from each run's outcomes (computed in the worker); England totals are
summed in integer pence from the stored finance tables, so the two routes check each
other: per-ICB rows sum to England exactly.
"""

from pathlib import Path

import pandas as pd

from experiments.sweep.store import load_runs, load_table
from sim.core.calendar import WEEKS_PER_YEAR
from sim.outputs.indicators import system_cost_pence

PENCE_PER_POUND = 100
KEYS = ["icb_code", "design", "replication"]
FOOTPRINT_COLUMNS = ["icb_code", "icb_name", "region", "population", "need_index"]
# Every organisation family (sim.core.kinds.OrganisationKind): an integrated provider's
# surplus is its own, counted once under "integrated", not split to its lines.
KINDS = ("commissioner", "acute", "community", "social_care", "voluntary", "integrated")
RATE_COLUMNS = ["cost_per_head_per_year_gbp", "nel_admissions_per_1000_final_year",
                "mean_los_days"]
# Published figures to set England totals against (docs/reference.md rows).
PUBLISHED = {
    "nel_admissions_per_year": (6_020_000, "Emergency (NEL) admissions, England: 6.02m in "
                                "2017/18 (Health Foundation)"),
}


def _pence(pounds: pd.Series) -> pd.Series:
    return (pounds * PENCE_PER_POUND).round().astype("int64")


def organisation_kinds(finance: pd.DataFrame) -> dict[str, str]:
    """Organisation id → kind, from the finance tables."""
    pairs = finance.drop_duplicates("organisation")[["organisation", "kind"]]
    return dict(zip(pairs["organisation"], pairs["kind"], strict=True))


def _by_kind(runs: pd.DataFrame, kinds: dict[str, str], prefix: str) -> pd.DataFrame:
    # Sum the per-organisation pound columns into one integer-pence column per kind.
    out = pd.DataFrame(index=runs.index)
    for kind in KINDS:
        columns = [f"{prefix}_{org}_gbp" for org, k in kinds.items() if k == kind
                   and f"{prefix}_{org}_gbp" in runs]
        if columns:
            out[f"{prefix}_{kind}_pence"] = sum(_pence(runs[c].fillna(0.0)) for c in columns)
    return out


def check_kinds(kinds: dict[str, str], where: str | Path) -> None:
    """Refuse an organisation kind the national tables have no column for.

    Raises:
        ValueError: Naming the store and the kinds expected.
    """
    unknown = sorted(set(kinds.values()) - set(KINDS))
    if unknown:  # a family added without a national column would drop out of England
        raise ValueError(f"{where}: organisation kind {', '.join(unknown)} has no national "
                         f"column; expected some of {', '.join(KINDS)}")


def icb_rows(runs: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    """One row per footprint × design × replication: money in integer pence, rates as run."""
    out = runs[FOOTPRINT_COLUMNS + ["design", "replication"]].copy()
    out["system_cost_pence"] = _pence(runs["system_cost_gbp"])
    for column in RATE_COLUMNS:
        out[column] = runs[column]
    out["dtoc_bed_days"] = runs["dtoc_bed_days_total"]
    out["people_final_year"] = runs["people_final_year"]
    shares = [c for c in runs if c.startswith("share_") and c.endswith("_final_year")]
    out[shares] = runs[shares]
    out["pool_pence"] = _pence(runs.get("pool_gbp", pd.Series(0.0, index=runs.index)))
    parts = [_by_kind(runs, kinds, p) for p in ("surplus", "fixed_cost_exposure", "pool_to")]
    return pd.concat([out, *parts], axis=1).sort_values(KEYS, ignore_index=True)


def _only(frame: pd.DataFrame, run_ids: set[str] | None) -> pd.DataFrame:
    if run_ids is None or frame.empty:
        return frame
    return frame[frame["run_id"].isin(run_ids)]


def england_totals(root: str | Path, run_ids: set[str] | None = None) -> pd.DataFrame:
    """England per design × replication from the stored tables, money in integer pence."""
    runs = _only(load_runs(root), run_ids)[["run_id", *KEYS]]
    finance = _only(load_table(root, "finance_annual"), run_ids).drop(
        columns=["replication", "design"], errors="ignore")
    weekly = _only(load_table(root, "system_weekly"), run_ids).drop(
        columns=["replication", "design"], errors="ignore")
    cost = finance.groupby("run_id").apply(system_cost_pence, include_groups=False).rename(
        "system_cost_pence")
    surplus = (finance.pivot_table(index="run_id", columns="kind", values="surplus_pence",
                                   aggfunc="sum").add_prefix("surplus_").add_suffix("_pence"))
    final = weekly[weekly["year"] == weekly.groupby("run_id")["year"].transform("max")]
    activity = pd.DataFrame({
        "nel_admissions_final_year": final.groupby("run_id")["admissions"].sum(),
        "people_final_year": final.groupby("run_id")["alive"].mean(),
        "person_years": weekly.groupby("run_id")["alive"].sum() / WEEKS_PER_YEAR,
        "dtoc_bed_days": weekly.groupby("run_id")["dtoc_bed_days"].sum()})
    per_run = runs.set_index("run_id").join([cost, surplus, activity])
    totals = per_run.groupby(["design", "replication"]).sum(numeric_only=True)
    totals["cost_per_head_per_year_gbp"] = (totals["system_cost_pence"] / PENCE_PER_POUND
                                            / totals["person_years"])
    totals["nel_admissions_per_1000_final_year"] = (totals["nel_admissions_final_year"] * 1000
                                                    / totals["people_final_year"])
    return totals.reset_index()


def icb_summary(rows: pd.DataFrame) -> pd.DataFrame:
    """Per footprint × design: the mean over replications (money back in pounds)."""
    numeric = rows.drop(columns=["replication"]).groupby(FOOTPRINT_COLUMNS + ["design"])
    summary = numeric.mean(numeric_only=True).reset_index()
    for column in [c for c in summary if c.endswith("_pence")]:
        summary[column.removesuffix("_pence") + "_gbp"] = summary.pop(column) / PENCE_PER_POUND
    return summary


def paired_differences(rows: pd.DataFrame, baseline: str) -> pd.DataFrame:
    """Per footprint and design: design minus ``baseline`` on the same seeds, averaged.

    Common random numbers make the pairs: replication r of every design shares its seed.
    """
    values = [c for c in rows if c not in FOOTPRINT_COLUMNS + ["design", "replication"]]
    base = rows[rows["design"] == baseline].set_index(["icb_code", "replication"])[values]
    frames = []
    for design, part in rows[rows["design"] != baseline].groupby("design"):
        diff = part.set_index(["icb_code", "replication"])[values] - base
        frames.append(diff.groupby("icb_code").mean().assign(design=design,
                                                             baseline=baseline))
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames).reset_index()
    for column in [c for c in out if c.endswith("_pence")]:
        out[column.removesuffix("_pence") + "_gbp"] = out.pop(column) / PENCE_PER_POUND
    return out


def national_tables(root: str | Path, run_ids: set[str] | None = None,
                    baseline: str | None = None) -> dict[str, pd.DataFrame]:
    """Every national table of a store (only ``run_ids`` when given).

    Paired differences are against ``baseline`` (default: the first design by name).

    Raises:
        ValueError: When the store holds no finished task of the run.
    """
    runs = _only(load_runs(root), run_ids)
    if runs.empty:
        raise ValueError(f"{root}: no finished national tasks to tabulate")
    kinds = organisation_kinds(_only(load_table(root, "finance_annual"), run_ids))
    check_kinds(kinds, root)
    rows = icb_rows(runs, kinds)
    baseline = baseline or sorted(rows["design"].unique())[0]
    return {"icb_runs": rows, "icb_summary": icb_summary(rows),
            "england": england_totals(root, run_ids),
            "paired_differences": paired_differences(rows, baseline)}
