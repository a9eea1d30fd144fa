"""A timeline: dated changes to scenario values (``[[timeline]]`` entries).

Each entry names a model week, a dotted path to one value of the scenario and the new
value: ``{ week = 90, path = "organisations.acute.capacities.acute_beds.units", value =
368 }``. Paths use the override syntax (fields by name, list items by their ``id`` or
``name``). Entries are applied in week order, each on top of the ones before; with
``notice = true`` a capacity change is requested at the week and comes into force when
the capacity's notice has run out, otherwise at the week itself.

Every entry is checked on load: the path must name an existing value of a section that
can change during a run, the week must fall inside the horizon, the scenario with the
change must validate, and contract or agreement terms change only at a year's start
(week a multiple of 52), so that each contract year is paid on one set of terms.
"""

import copy
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from sim.core.calendar import WEEKS_PER_YEAR

# Sections the model reads while it runs; the population is built once, at the start.
CHANGEABLE = ("organisations", "effects", "demand", "behaviour", "growth", "designs")
_ID_KEYS = ("id", "name")


class TimelineEntry(BaseModel):
    """One dated change.

    Attributes:
        week: Model week (0-based) the change takes effect (or is requested, with notice).
        path: Dotted path to the value, as in overrides.
        value: The new value.
        notice: For a capacity: request the change at ``week`` and wait out its notice.
        note: What the change is, for reports ("intermediate care opens").
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    week: int = Field(ge=0)
    path: str = Field(min_length=1)
    value: Any
    notice: bool = False
    note: str = ""


class PathError(ValueError):
    """A path names nothing in the scenario."""


def set_at_path(raw: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at a dotted path of a raw scenario, in place.

    Raises:
        PathError: Naming the first part of the path that does not exist.
    """
    *parents, leaf = path.split(".")
    node: Any = raw
    for part in parents:
        node = _child(node, part, path, create=True)
    if isinstance(node, list):
        node[_index(node, leaf, path)] = copy.deepcopy(value)
    elif isinstance(node, dict):
        node[leaf] = copy.deepcopy(value)
    else:
        raise PathError(f"'{path}' goes through a value, not a table")


def _child(node: Any, part: str, path: str, create: bool = False) -> Any:
    if isinstance(node, list):
        return node[_index(node, part, path)]
    if isinstance(node, dict) and part in node:
        return node[part]
    if isinstance(node, dict) and create:
        # A section the file leaves to its defaults; validation refuses unknown names.
        return node.setdefault(part, {})
    known = ", ".join(node) if isinstance(node, dict) else "nothing (a value)"
    raise PathError(f"no '{part}' in '{path}'; known: {known}")


def _index(items: list, part: str, path: str) -> int:
    ids = [next((str(i[k]) for k in _ID_KEYS if isinstance(i, dict) and k in i), "")
           for i in items]
    if part in ids:
        return ids.index(part)
    raise PathError(f"no item '{part}' in '{path}'; known: {', '.join(i for i in ids if i)}")


def scheduled_states(raw: dict[str, Any], validate) -> list[tuple[int, list[int], Any]]:
    """The scenario after each timeline week, validated: ``(week, entry indices, scenario)``.

    Args:
        raw: The scenario's content, with its ``timeline``.
        validate: Callable turning a raw dict (without timeline) into a ``Scenario``;
            raises ``ScenarioError`` if it does not validate.

    Raises:
        ValueError: A list of ``timeline[i].field: problem`` lines (as ``args[0]``).
    """
    entries = [TimelineEntry.model_validate(e) for e in raw.get("timeline", [])]
    horizon = int(raw.get("meta", {}).get("years", 5)) * WEEKS_PER_YEAR
    state = {k: v for k, v in copy.deepcopy(raw).items() if k != "timeline"}
    problems: list[str] = []
    out = []
    previous = validate(state)
    for week in sorted({e.week for e in entries}):
        due = [i for i, e in enumerate(entries) if e.week == week]
        for i in due:
            problems += _entry_problems(state, entries[i], i, horizon)
        try:
            scenario = validate(state)
        except ValueError as error:
            lines = getattr(error, "problems", [str(error)])
            problems += [_invalid(entries[i], i, lines[0]) for i in due]
            continue
        problems += [f"timeline[{i}].path: {problem}" for i in due
                     for problem in _structure_problems(previous, scenario)]
        out.append((week, due, scenario))
        previous = scenario
    if problems:
        raise ValueError(problems)
    return out


def _structure(scenario) -> tuple:
    return (tuple(scenario.organisation_ids),
            tuple((name, tuple(c.id for c in d.contracts), tuple(p.id for p in d.pooled_budgets),
                   tuple(a.name for a in d.agreements)) for name, d in scenario.designs.items()))


def _structure_problems(before, after) -> list[str]:
    """Organisations, designs, contracts, pools and agreements are the file's for a whole run."""
    if _structure(before) == _structure(after):
        return []
    return ["adding or removing organisations, designs, contracts, pooled budgets or "
            "agreements during a run is not supported; expected a change to a value of one"]


def _invalid(entry: TimelineEntry, i: int, problem: str) -> str:
    if "Extra inputs are not permitted" in problem:
        return f"timeline[{i}].path: unknown target '{entry.path}' ({problem})"
    return f"timeline[{i}].value: {entry.path} = {entry.value!r} does not validate: {problem}"


def _entry_problems(state: dict, entry: TimelineEntry, i: int, horizon: int) -> list[str]:
    section = entry.path.split(".")[0]
    if section not in CHANGEABLE:
        return [f"timeline[{i}].path: '{entry.path}' cannot change during a run; expected a "
                f"path in {', '.join(CHANGEABLE)}"]
    if entry.week >= horizon:
        return [f"timeline[{i}].week: {entry.week} is beyond the horizon; expected a week "
                f"below {horizon} (meta.years × {WEEKS_PER_YEAR})"]
    if section == "designs" and entry.week % WEEKS_PER_YEAR:
        return [f"timeline[{i}].week: contract and agreement terms change at a year's start; "
                f"expected a multiple of {WEEKS_PER_YEAR}, got {entry.week}"]
    try:
        before = _value_at(state, entry.path)
        set_at_path(state, entry.path, entry.value)
    except PathError as error:
        return [f"timeline[{i}].path: {error}"]
    if before is not None and isinstance(before, dict | list) != isinstance(entry.value,
                                                                             dict | list):
        return [f"timeline[{i}].value: expected a {type(before).__name__} like the file's "
                f"{before!r}, got {entry.value!r}"]
    return []


def _value_at(state: dict, path: str) -> Any:
    """The file's value at ``path``, ``None`` where the file leaves it to its default."""
    node: Any = state
    for part in path.split("."):
        if isinstance(node, dict) and part not in node:
            return None
        node = _child(node, part, path)
    return node
