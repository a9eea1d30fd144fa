"""Shared colours and number formats for the charts."""

from matplotlib.figure import Figure

from viz.formatting import gbp

# One colour per care setting / organisation family, used in every chart.
KIND_COLOURS = {
    "commissioner": "#4c72b0",
    "acute": "#c44e52",
    "community": "#55a868",
    "social_care": "#8172b2",
    "voluntary": "#ccb974",
    "integrated": "#937860",  # an organisation running several of the families above
}
SETTING_LABELS = {
    "acute": "Acute hospital",
    "community": "Community (D2A, beds)",
    "social_care": "Social care",
    "voluntary": "Voluntary (prevention)",
}
SHORT_TERM_COLOURS = {
    "acute_bed_days": "#c44e52",
    "d2a_place_days": "#55a868",
    "community_bed_days": "#8fd19e",
    "reablement_place_days": "#8172b2",
    "care_home_resident_weeks": "#8172b2",
    "home_care_hours": "#b9a9e0",
}
PENCE_PER_MILLION_GBP = 100 * 1_000_000


PARTY_PALETTE = ("#4c72b0", "#dd8452", "#c44e52", "#55a868", "#8172b2", "#937860",
                 "#da8bc3", "#8c8c8c", "#ccb974", "#64b5cd")


def party_colours(parties: list[str]) -> dict[str, str]:
    """One colour per party, the same in every panel of a chart (sorted, so stable)."""
    ordered = sorted(dict.fromkeys(parties))
    return {p: PARTY_PALETTE[i % len(PARTY_PALETTE)] for i, p in enumerate(ordered)}


def millions(pence: float) -> float:
    """Pence as £ millions (for axes only; captions format exactly from pence)."""
    return pence / PENCE_PER_MILLION_GBP


def fmt_gbp(pence: float) -> str:
    """A short signed £ amount for captions, from pence (the one pound format: ``gbp``)."""
    return gbp(pence / 100)


def new_figure(width_in: float = 7.0, height_in: float = 3.6) -> Figure:
    """A figure with the layout engine the app uses everywhere."""
    return Figure(figsize=(width_in, height_in), layout="constrained")


def empty_figure(message: str) -> Figure:
    """A figure that says why there is nothing to draw yet."""
    fig = new_figure(7.0, 1.2)
    ax = fig.subplots()
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center")
    return fig
