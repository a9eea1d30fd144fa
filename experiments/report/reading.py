"""A plain-English paragraph per design, generated from the summary numbers.

The first design is the reference: its paragraph describes who gains and loses within
it; every other design is read against it using the paired (same-seed) differences.
"""

import pandas as pd

MAX_NAMED = 2
NEGLIGIBLE_CHANGE = 0.005  # under half a percent reads as no change


def _gbp_m(value: float) -> str:
    return f"£{abs(value) / 1e6:,.1f}m"


def _signed_m(value: float) -> str:
    return ("+" if value >= 0 else "−") + _gbp_m(value)


def _value(summary: pd.DataFrame, design: str, outcome: str) -> float | None:
    row = summary[(summary["design"] == design) & (summary["outcome"] == outcome)]
    return None if row.empty else float(row["mean"].iloc[0])


def _organisation_values(frame: pd.DataFrame, design: str, column: str) -> pd.Series:
    part = frame[(frame["design"] == design) & frame["outcome"].str.startswith("surplus_")]
    names = part["outcome"].str.removeprefix("surplus_").str.removesuffix("_gbp")
    return pd.Series(part[column].to_numpy(), index=names).sort_values(ascending=False)


def _names(values: pd.Series) -> str:
    parts = [f"{org} ({_signed_m(v)})" for org, v in values.items()]
    return " and ".join(parts) if len(parts) < 3 else ", ".join(parts)


def _pool_sentence(summary: pd.DataFrame, design: str) -> str:
    pool = _value(summary, design, "pool_gbp")
    if pool is None or pool == 0:
        return "No gain/loss pool arises."
    part = summary[(summary["design"] == design) & summary["outcome"].str.startswith("pool_to_")]
    kind = "gain" if pool > 0 else "loss"
    if part.empty:
        return f"The {kind} pool comes to {_gbp_m(pool)}."
    top = part.loc[part["mean"].abs().idxmax()]
    party = top["outcome"].removeprefix("pool_to_").removesuffix("_gbp")
    verb = "receives" if top["mean"] >= 0 else "bears"
    return (f"The {kind} pool comes to {_gbp_m(pool)} over the run; {party} {verb} the "
            f"largest part ({_gbp_m(top['mean'])}).")


def _exit_sentence(summary: pd.DataFrame, design: str) -> str:
    part = summary[(summary["design"] == design) & summary["outcome"].str.startswith("left_")
                   & (summary["mean"] > 0)]
    if part.empty:
        return ""
    named = [f"{o.removeprefix('left_')} in {m:.0%} of runs" for o, m in
             zip(part["outcome"], part["mean"], strict=True)]
    return f" Leaving the agreement or closing: {', '.join(named)}."


def reference_reading(summary: pd.DataFrame, design: str, years: float) -> str:
    """The reference design: its cost, and who ends in surplus or deficit."""
    cost = _value(summary, design, "system_cost_gbp") or 0.0
    per_head = _value(summary, design, "cost_per_head_per_year_gbp") or 0.0
    surplus = _organisation_values(summary, design, "mean")
    gainers, losers = surplus[surplus > 0].head(MAX_NAMED), surplus[surplus < 0].tail(MAX_NAMED)
    text = (f"Under {design} (the reference design) the system spends {_gbp_m(cost)} over "
            f"{years:g} years, about £{per_head:,.0f} per head a year.")
    if not gainers.empty:
        text += f" Ending in surplus: {_names(gainers)}."
    if not losers.empty:
        text += f" Ending in deficit: {_names(losers[::-1])}."
    return f"{text} {_pool_sentence(summary, design)}{_exit_sentence(summary, design)}"


def _direction(mean: float, more: str, less: str) -> str:
    return more if mean > 0 else less


def comparison_reading(summary: pd.DataFrame, paired: pd.DataFrame, design: str,
                       reference: str) -> str:
    """Another design against the reference, from same-seed differences."""
    diffs = paired[paired["design"] == design].set_index("outcome")
    text = f"Under {design} compared with {reference}"
    if "system_cost_gbp" in diffs.index:
        d = diffs.loc["system_cost_gbp"]
        direction = _direction(d["mean_difference"], "more", "less")
        text += (f", the system spends {_gbp_m(d['mean_difference'])} {direction} "
                 f"(95% interval {_signed_m(d['low'])} to {_signed_m(d['high'])})")
        if d["low"] <= 0 <= d["high"]:
            text += ", a difference the replications cannot tell from none"
    text += "."
    text += _winners_losers(paired, design, reference)
    text += _activity_sentence(summary, design, reference)
    return f"{text} {_pool_sentence(summary, design)}{_exit_sentence(summary, design)}"


def _winners_losers(paired: pd.DataFrame, design: str, reference: str) -> str:
    change = _organisation_values(paired, design, "mean_difference")
    winners = change[change > 0].head(MAX_NAMED)
    losers = change[change < 0].tail(MAX_NAMED)[::-1]
    text = ""
    if not winners.empty:
        text += f" Winners against {reference}: {_names(winners)}."
    if not losers.empty:
        text += f" Losers: {_names(losers)}."
    return text or " No organisation's surplus changes."


def _activity_sentence(summary: pd.DataFrame, design: str, reference: str) -> str:
    parts = []
    for outcome, words in (("dtoc_bed_days_final_year", "final-year DTOC bed days"),
                           ("nel_admissions_per_1000_final_year",
                            "NEL admissions per 1,000")):
        new, old = _value(summary, design, outcome), _value(summary, reference, outcome)
        if new is None or old is None or old == 0:
            continue
        change = (new - old) / old
        if abs(change) < NEGLIGIBLE_CHANGE:
            parts.append(f"{words} barely change ({old:,.0f} → {new:,.0f})")
            continue
        parts.append(f"{words} {'rise' if change > 0 else 'fall'} by {abs(change):.0%}"
                     f" ({old:,.0f} → {new:,.0f})")
    if not parts:
        return ""
    sentence = "; ".join(parts)
    return f" {sentence[0].upper()}{sentence[1:]}."


def readings(summary: pd.DataFrame, paired: pd.DataFrame, designs: list[str],
             years: float) -> dict[str, str]:
    """One paragraph per design, keyed by design."""
    out = {designs[0]: reference_reading(summary, designs[0], years)}
    for design in designs[1:]:
        out[design] = comparison_reading(summary, paired, design, designs[0])
    return out
