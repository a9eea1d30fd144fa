"""How outcomes are named and shown: a label, a unit scale and a number format."""

from dataclasses import dataclass

from experiments.names import line_label, named


@dataclass(frozen=True)
class Display:
    """How to show one outcome."""

    label: str
    scale: float = 1.0
    unit: str = ""
    decimals: int = 1

    def format(self, value: float) -> str:
        """The value scaled and formatted with thousands separators."""
        if value != value:  # NaN
            return "–"
        return f"{value * self.scale:,.{self.decimals}f}"


_FIXED = {
    "system_cost_gbp": Display("System cost over the run", 1e-6, "£m", 2),
    "cost_per_head_per_year_gbp": Display("Cost per head per year", 1, "£", 0),
    "nel_admissions_per_1000_final_year": Display("NEL admissions per 1,000 (final year)", 1,
                                                  "", 1),
    "dtoc_bed_days_final_year": Display("DTOC bed days (final year)", 1, "days", 0),
    "dtoc_bed_days_total": Display("DTOC bed days (whole run)", 1, "days", 0),
    "pool_gbp": Display("Gain (+) / loss (−) pool over the run", 1e-6, "£m", 2),
    "pool_retained_gbp": Display("Pool held in reserve or reinvested", 1e-6, "£m", 2),
    "silo_index": Display("Silo index (system cost above the whole-system planner's)", 100,
                          "%", 1),
    "stranded_capacity_cost_gbp": Display("Stranded capacity cost over the run", 1e-6, "£m",
                                          2),
    "organisations_left": Display("Organisations that left or closed (per run)", 1, "", 2),
}

# (prefix, suffix, label template, scale, unit, decimals) for per-organisation outcomes.
_PATTERNS = (
    ("share_", "_final_year", "Share of care days: {} (final year)", 100, "%", 1),
    ("surplus_", "_gbp", "Cumulative surplus: {}", 1e-6, "£m", 2),
    ("min_reserves_", "_gbp", "Lowest reserves: {}", 1e-6, "£m", 2),
    ("pool_to_", "_gbp", "Pool received by {}", 1e-6, "£m", 2),
    ("fixed_cost_exposure_", "_gbp", "Fixed-cost exposure: {} (final year)", 1e-6, "£m", 2),
    ("left_", "", "Left the agreement or closed: {} (share of runs)", 100, "%", 0),
    ("line_cost_", "_gbp", "Service line cost over the run: {}", 1e-6, "£m", 2),
    ("line_income_", "_gbp", "Service line contract income over the run: {}", 1e-6, "£m",
     2),
)
LINE_PREFIXES = ("line_cost_", "line_income_")

SETTINGS = {"acute": "acute hospital", "community": "community (D2A, beds)",
            "social_care": "social care", "voluntary": "voluntary (prevention)"}

# The order outcomes appear in tables: headline figures first, then per organisation.
ORDER = ("system_cost_gbp", "cost_per_head_per_year_gbp", "nel_admissions_per_1000_final_year",
         "dtoc_bed_days_final_year", "share_", "surplus_", "min_reserves_", "pool_gbp",
         "pool_to_", "pool_retained_gbp", "fixed_cost_exposure_",
         "stranded_capacity_cost_gbp", "line_cost_", "line_income_", "silo_index",
         "organisations_left", "left_")


def display(outcome: str, names: dict[str, str] | None = None) -> Display:
    """How to show an outcome (unknown names are shown as they are).

    Args:
        outcome: The outcome's key.
        names: Display names of organisations (id → name); ids are title-cased without.
    """
    if outcome in _FIXED:
        return _FIXED[outcome]
    for prefix, suffix, template, scale, unit, decimals in _PATTERNS:
        if outcome.startswith(prefix) and outcome.endswith(suffix):
            middle = outcome[len(prefix):len(outcome) - len(suffix) if suffix else None]
            if prefix == "share_":
                shown = SETTINGS.get(middle, middle)
            elif prefix in LINE_PREFIXES:
                shown = line_label(middle, names)
            else:
                shown = named(middle, names or {})
            return Display(template.format(shown), scale, unit, decimals)
    return Display(outcome)


def report_order(outcomes: list[str]) -> list[str]:
    """Outcomes shown in the report, in reading order (others left out)."""
    chosen = []
    for key in ORDER:
        matches = sorted(o for o in outcomes if o == key or (key.endswith("_")
                                                             and o.startswith(key)))
        chosen.extend(m for m in matches if m not in chosen)
    return chosen
