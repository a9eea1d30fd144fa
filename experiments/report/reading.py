"""A plain-English paragraph per design, generated from the summary numbers.

The first design is the reference: its paragraph describes who gains and loses within
it; every other design is read against it using the paired (same-seed) differences.
"""

import pandas as pd

from experiments.names import named

MAX_NAMED = 2
NO_DIFFERENCE = "can't be told from none"
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


def _names(values: pd.Series, names: dict[str, str], paired: pd.DataFrame | None = None,
           design: str = "") -> str:
    parts = [f"{named(org, names)} ({_signed_m(v)}{_zero_note(paired, design, org)})"
             for org, v in values.items()]
    return " and ".join(parts) if len(parts) < 3 else ", ".join(parts)


def _zero_note(paired: pd.DataFrame | None, design: str, org: str) -> str:
    """", can't be told from none" when the organisation's paired interval includes zero."""
    if paired is None:
        return ""
    row = paired[(paired["design"] == design) & (paired["outcome"] == f"surplus_{org}_gbp")]
    if row.empty or not row["low"].iloc[0] <= 0 <= row["high"].iloc[0]:
        return ""
    return f", {NO_DIFFERENCE}"


def _pool_sentence(summary: pd.DataFrame, design: str, names: dict[str, str]) -> str:
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
    return (f"The {kind} pool comes to {_gbp_m(pool)} over the run; {named(party, names)}"
            f" {verb} the largest share of it ({_gbp_m(top['mean'])}; its net settlement"
            " transfer differs by what it already held).")


def _exit_sentence(summary: pd.DataFrame, design: str, names: dict[str, str]) -> str:
    part = summary[(summary["design"] == design) & summary["outcome"].str.startswith("left_")
                   & (summary["mean"] > 0)]
    if part.empty:
        return ""
    said = [f"{named(o.removeprefix('left_'), names)} in {m:.0%} of runs"
            f" (95% interval {lo:.0%} to {hi:.0%})" for o, m, lo, hi in
            zip(part["outcome"], part["mean"], part["low"], part["high"], strict=True)]
    return f" Leaving the agreement or closing: {', '.join(said)}."


REGIME_NAMES = {"regimes_recovery": "NHS provider recovery",
                "regimes_s114": "council s114 notice",
                "regimes_allocation_clawback": "allocation returned above the cap"}


def _regime_sentence(summary: pd.DataFrame, design: str) -> str:
    """One line listing each financial regime applied, with its count per run."""
    part = summary[(summary["design"] == design) & summary["outcome"].isin(REGIME_NAMES)
                   & (summary["mean"] > 0)]
    if part.empty:
        return ""
    said = [f"{REGIME_NAMES[o]} {m:.1f} times a run (95% interval {lo:.1f} to {hi:.1f})"
            for o, m, lo, hi in
            zip(part["outcome"], part["mean"], part["low"], part["high"], strict=True)]
    return f" Financial regimes: {', '.join(said)}."


def reference_reading(summary: pd.DataFrame, design: str, years: float,
                      names: dict[str, str] | None = None) -> str:
    """The reference design: its cost, and who ends in surplus or deficit."""
    cost = _value(summary, design, "system_cost_gbp") or 0.0
    per_head = _value(summary, design, "cost_per_head_per_year_gbp") or 0.0
    names = names or {}
    surplus = _organisation_values(summary, design, "mean")
    gainers, losers = surplus[surplus > 0].head(MAX_NAMED), surplus[surplus < 0].tail(MAX_NAMED)
    text = (f"Under {named(design, names)} (the reference design) the system spends"
            f" {_gbp_m(cost)} over {years:g} years, about £{per_head:,.0f} per head a year.")
    if not gainers.empty:
        text += f" Ending in surplus: {_names(gainers, names)}."
    if not losers.empty:
        text += f" Ending in deficit: {_names(losers[::-1], names)}."
    return (f"{text} {_pool_sentence(summary, design, names)}"
            f"{_exit_sentence(summary, design, names)}{_regime_sentence(summary, design)}")


def _direction(mean: float, more: str, less: str) -> str:
    return more if mean > 0 else less


def comparison_reading(summary: pd.DataFrame, paired: pd.DataFrame, design: str,
                       reference: str, names: dict[str, str] | None = None) -> str:
    """Another design against the reference, from same-seed differences."""
    names = names or {}
    diffs = paired[paired["design"] == design].set_index("outcome")
    text = f"Under {named(design, names)} compared with {named(reference, names)}"
    if "system_cost_gbp" in diffs.index:
        d = diffs.loc["system_cost_gbp"]
        direction = _direction(d["mean_difference"], "more", "less")
        text += (f", the system spends {_gbp_m(d['mean_difference'])} {direction} "
                 f"(95% interval {_signed_m(d['low'])} to {_signed_m(d['high'])})")
        if d["low"] <= 0 <= d["high"]:
            text += ", a difference the replications cannot tell from none"
    text += "."
    text += _winners_losers(paired, design, reference, names)
    text += _activity_sentence(summary, paired, design, reference)
    return (f"{text} {_pool_sentence(summary, design, names)}"
            f"{_exit_sentence(summary, design, names)}{_regime_sentence(summary, design)}")


def _winners_losers(paired: pd.DataFrame, design: str, reference: str,
                    names: dict[str, str]) -> str:
    change = _organisation_values(paired, design, "mean_difference")
    winners = change[change > 0].head(MAX_NAMED)
    losers = change[change < 0].tail(MAX_NAMED)[::-1]
    text = ""
    if not winners.empty:
        text += (f" Winners against {named(reference, names)}:"
                 f" {_names(winners, names, paired, design)}.")
    if not losers.empty:
        text += f" Losers: {_names(losers, names, paired, design)}."
    return text or " No organisation's surplus changes."


def _activity_sentence(summary: pd.DataFrame, paired: pd.DataFrame, design: str,
                       reference: str) -> str:
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
                     f" ({old:,.0f} → {new:,.0f}{_interval_note(paired, design, outcome)})")
    if not parts:
        return ""
    sentence = "; ".join(parts)
    return f" {sentence[0].upper()}{sentence[1:]}."


def _interval_note(paired: pd.DataFrame, design: str, outcome: str) -> str:
    """The paired difference's interval, and whether it includes zero."""
    row = paired[(paired["design"] == design) & (paired["outcome"] == outcome)]
    if row.empty:
        return ""
    low, high = float(row["low"].iloc[0]), float(row["high"].iloc[0])
    verdict = f": {NO_DIFFERENCE}" if low <= 0 <= high else ""
    return f"; 95% interval of the difference {low:+,.0f} to {high:+,.0f}{verdict}"


def readings(summary: pd.DataFrame, paired: pd.DataFrame, designs: list[str],
             years: float, names: dict[str, str] | None = None) -> dict[str, str]:
    """One paragraph per design, keyed by design."""
    out = {designs[0]: reference_reading(summary, designs[0], years, names)}
    for design in designs[1:]:
        out[design] = comparison_reading(summary, paired, design, designs[0], names)
    return out
