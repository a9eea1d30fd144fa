"""Problems with the page's settings, said the way a person at the meeting would say them.

Checks that a person can fix at the control (shares that do not add to 100%) run before
the scenario is built, so the message sits beside that control once; anything the
scenario's own validation still finds is reworded from field paths into plain English.
"""

import re
from typing import Any

from experiments.names import named, organisation_names
from viz.overrides import agreement_summary
from viz.settings import RunSettings

TOLERANCE = 1e-6
PHRASES = (
    (r"Input should be less than or equal to (\S+)", r"must be at most \1"),
    (r"Input should be greater than or equal to (\S+)", r"must be at least \1"),
    (r"Input should be less than (\S+)", r"must be less than \1"),
    (r"Input should be greater than (\S+)", r"must be more than \1"),
    (r"Input should be a valid number.*", "must be a number"),
)


def share_problems(raw: dict[str, Any], settings: RunSettings,
                   names: dict[str, str] | None = None) -> list[str]:
    """Why the page's fixed proportions cannot be used (empty when they add to 100%)."""
    proportions = settings.sharing.proportions
    summary = agreement_summary(raw, settings.design)
    if proportions is None or summary is None:
        return []
    kind = settings.sharing.rule_kind or summary["rule_kind"]
    if kind != "fixed_proportions":
        return []
    total = sum(value for _, value in proportions)
    if abs(total - 1.0) <= TOLERANCE:
        return []
    names = names or organisation_names(raw)
    parts = ", ".join(f"{named(p, names)} {v:.0%}" for p, v in proportions)
    return [f"The shares add to {total:.0%} ({parts}); they must add to 100%."]


def plain_problem(line: str, names: dict[str, str]) -> str:
    """One validation line reworded: the field's last part by name, the rule in words."""
    where, _, what = line.rpartition(": ")
    if not where:
        return line
    for pattern, words in PHRASES:
        what = re.sub(pattern, words, what)
    last = re.split(r"[.\[\]]", where.strip())
    field = next((part for part in reversed(last) if part and not part.isdigit()), where)
    return f"{named(field, names) if field in names else field.replace('_', ' ')}: {what}"


def plain_problems(lines: list[str], names: dict[str, str]) -> list[str]:
    """Every problem once, in plain words (the same problem on two sides is said once)."""
    return list(dict.fromkeys(plain_problem(line, names) for line in lines))
