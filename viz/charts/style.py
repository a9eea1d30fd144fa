"""Shared colours and number formats for the charts."""

from matplotlib.figure import Figure

# One colour per care setting / organisation family, used in every chart.
KIND_COLOURS = {
    "commissioner": "#4c72b0",
    "acute": "#c44e52",
    "community": "#55a868",
    "social_care": "#8172b2",
    "voluntary": "#ccb974",
}
SETTING_LABELS = {
    "acute": "Acute hospital",
    "community": "Community (D2A, beds)",
    "social_care": "Social care",
    "voluntary": "Voluntary (prevention)",
}
PENCE_PER_MILLION_GBP = 100 * 1_000_000


def millions(pence: float) -> float:
    """Pence as £ millions (for axes only; captions format exactly from pence)."""
    return pence / PENCE_PER_MILLION_GBP


def fmt_gbp(pence: float) -> str:
    """A short signed £ amount for captions: £1.2m, -£350k, £900."""
    gbp = pence / 100
    sign = "-" if gbp < 0 else ""
    gbp = abs(gbp)
    if gbp >= 1_000_000:
        return f"{sign}£{gbp / 1_000_000:,.1f}m"
    if gbp >= 1_000:
        return f"{sign}£{gbp / 1_000:,.0f}k"
    return f"{sign}£{gbp:,.0f}"


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
