"""Controls a meeting can read and set: a labelled slider with its value and a number box.

The label and current value sit above the track (so the track has the card's full width,
not what is left beside a label), and a number box beside the track takes a typed value.
Values are shown in the unit people use (0.5%, 26 weeks); a typed value outside the
control's range, or not a number, is refused with a reason under the box.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import reacton.ipyvuetify as v
import solara


@dataclass(frozen=True)
class Unit:
    """How a value is shown: multiplied by ``scale``, with ``decimals`` and a ``suffix``."""

    scale: float = 1.0
    suffix: str = ""
    decimals: int = 2

    def show(self, value: float) -> str:
        """The value as a person reads it (``0.005`` → ``0.5%`` for a percentage)."""
        return f"{value * self.scale:,.{self.decimals}f}{self.suffix}".replace("-", "−")

    def to_display(self, value: float) -> float:
        """The model's value in display units."""
        return round(value * self.scale, self.decimals + 3)

    def from_display(self, shown: float) -> float:
        """A display value back in the model's units (rounded to clear float noise)."""
        return round(shown / self.scale, self.decimals + 6)


PERCENT = Unit(100.0, "%", 1)
INDEX = Unit(1.0, "", 2)
WEEKS = Unit(1.0, " weeks", 0)
YEARS = Unit(1.0, " years", 0)


def parse_number(text: str, low: float, high: float, unit: Unit,
                 whole: bool = False) -> tuple[float | None, str]:
    """A typed value in display units → (model value, "") or (None, the reason it is refused).

    Args:
        text: What was typed.
        low: Lowest allowed value (model units).
        high: Highest allowed value (model units).
        unit: How the value is shown.
        whole: Whether only whole numbers are allowed.
    """
    cleaned = text.strip().replace(",", "").removesuffix(unit.suffix.strip()).strip()
    try:
        shown = float(cleaned)
    except ValueError:
        return None, f"“{text}” is not a number."
    if math.isnan(shown) or math.isinf(shown):
        return None, f"“{text}” is not a number."
    if whole and shown != int(shown):
        return None, "Enter a whole number."
    value = unit.from_display(shown)
    if not low - 1e-12 <= value <= high + 1e-12:
        return None, f"Must be between {unit.show(low)} and {unit.show(high)}."
    return value, ""


@solara.component
def NumberBox(label: str, value: float, on_value: Callable[[float], None], low: float,
              high: float, unit: Unit = INDEX, whole: bool = False, width: str = "96px"):
    """A number box showing ``value`` in display units; typed values are checked first."""
    text, set_text = solara.use_state(None)
    error, set_error = solara.use_state("")
    shown = f"{unit.to_display(value):.{unit.decimals}f}"

    def typed(new_text: str) -> None:
        set_text(new_text)
        parsed, reason = parse_number(new_text or "", low, high, unit, whole)
        set_error(reason)
        if parsed is not None:
            on_value(int(parsed) if whole else parsed)

    # While a refused value is on show keep the person's text; otherwise follow the value.
    v.TextField(label=label, v_model=text if error else shown, on_v_model=typed, dense=True,
                outlined=True, suffix=unit.suffix.strip(), error_messages=[error] if error else [],
                hide_details="auto", style_=f"max-width:{width};min-width:{width}",
                class_="number-box")


@solara.component
def NumberSlider(label: str, value: float, on_value: Callable[[float], None], low: float,
                 high: float, step: float, unit: Unit = INDEX, whole: bool = False):
    """Label and value above a full-width track, a number box beside it.

    Args:
        label: What the control sets (the number box carries the same label).
        value: Current value in model units.
        on_value: Called with a new value in model units.
        low: Lowest value (model units).
        high: Highest value (model units).
        step: Slider step (model units).
        unit: How the value is shown.
        whole: Whether only whole numbers are allowed.
    """
    def slid(shown: float) -> None:
        new = unit.from_display(float(shown))
        on_value(int(round(new)) if whole else new)

    with solara.Column(gap="0px", classes=["number-slider"]):
        solara.HTML(tag="div", unsafe_innerHTML=(
            f"<span class='slider-label'>{label}</span>: "
            f"<b class='slider-value'>{unit.show(value)}</b>"), style="font-size:0.9rem")
        with solara.Row(gap="8px", style="align-items:center;flex-wrap:nowrap"):
            v.Slider(v_model=unit.to_display(value), min=unit.to_display(low),
                     max=unit.to_display(high), step=unit.to_display(step), on_v_model=slid,
                     hide_details=True, class_="slider-track",
                     style_="flex:1 1 auto;min-width:160px")
            NumberBox(label, value, on_value, low, high, unit, whole)
