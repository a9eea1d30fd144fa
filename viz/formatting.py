"""How headline figures are written on the page (shared with the tests that read it)."""

LABELS = {
    "nel_admissions_per_1000_final_year": "NEL admissions per 1,000 (final year)",
    "mean_los_days": "Mean length of stay (days)",
    "dtoc_bed_days_final_year": "Delayed-transfer bed days (final year)",
    "system_cost_gbp": "System cost, all years (£)",
    "cost_per_head_per_year_gbp": "Cost per head per year (£)",
}


def label(name: str) -> str:
    """A readable label for a headline figure's key."""
    if name in LABELS:
        return LABELS[name]
    if name.startswith("share_") and name.endswith("_final_year"):
        return f"Share of care days, {name[6:-11].replace('_', ' ')} (final year)"
    if name.startswith("surplus_") and name.endswith("_gbp"):
        return f"Surplus, {name[8:-4]}, all years (£)"
    return name.replace("_", " ")


def format_value(name: str, value: float) -> str:
    """A figure as shown: shares as %, money to the pound, rates to one decimal."""
    if value != value:  # NaN: the figure is missing for this run
        return "—"
    if name.startswith("share_"):
        return f"{value:.1%}"
    if name.endswith("_gbp"):
        return f"£{value:,.0f}" if value >= 0 else f"-£{-value:,.0f}"
    return f"{value:,.1f}"
