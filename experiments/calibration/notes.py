"""Plain-English notes after a fit: values at the end of their range, parameters no target pins."""

from experiments.calibration.fit import CalibrationResult
from experiments.calibration.reach import WEAK_REACH
from experiments.calibration.targets import TargetsFile


def fit_notes(result: CalibrationResult, targets: TargetsFile) -> list[str]:
    """Every note a fit deserves, one line each (empty when it needs none)."""
    return at_bound_notes(result, targets) + reach_notes(result, targets)


def reach_notes(result: CalibrationResult, targets: TargetsFile) -> list[str]:
    """One line for each fitted parameter that no target pins (``CalibrationResult.reach``)."""
    reaches = [result.reach[p.path] for p in targets.parameters if p.path in result.reach]
    return [f"Note: {r.path} moves no target by more than {r.reach:.1%} across its range "
            f"(most: {r.outcome or 'none'}; below {WEAK_REACH:.0%}): no target pins it, so "
            "its fitted value is the search's noise. Fix it at a cited or estimated value."
            for r in reaches if r.weak]


def at_bound_notes(result: CalibrationResult, targets: TargetsFile) -> list[str]:
    """One line for each fitted value at an end of its range."""
    notes = []
    for p in targets.parameters:
        value = result.values[p.path]
        bound = p.bound_reached(value)
        if bound:
            notes.append(f"Note: {p.path} = {value:.6g} is at the {bound} end of its range "
                         f"[{p.low:g}, {p.high:g}]: the fit wanted to go further. Widen the "
                         "range, or read it as a sign that something else in the place is "
                         "off and this parameter is making up for it.")
    return notes
