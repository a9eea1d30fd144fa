"""Overrides: a baseline scenario plus small named changes, each at a dotted path.

One mechanism for sweeps, the app and the research API. A path walks the raw scenario
(the parsed TOML): fields by name, table entries by key, and list items by their ``id``
(or ``name``) — ``organisations.acute.behaviour.system_orientation`` names one
organisation's field wherever it sits in the file. A plain integer picks a list item by
position when the items have no id. Sections the file leaves to their defaults are
created, and every path is checked against the full (validated) scenario first, so a
misspelt path is an error naming it, never a silently ignored change.

A value replaces what is at its path: a number, string or boolean, or a whole table
(dict) or list (e.g. an agreement's ``gains.rule`` or ``gains.modifiers``).

Coupled values: an override with ``siblings=Siblings.PRO_RATA`` rescales the other
entries of its table (or list) pro rata so the table keeps its total — a sweep over one
party's fixed proportion keeps the shares adding to exactly 1. The arithmetic is exact
(``Fraction``); the rescaled entries are written as ``Decimal`` at ``SHARE_PLACES``
decimal places (more when the set value has more), rounded by the largest-remainder
method so they add to exactly what is left of the total.

Overrides given together are merged first, and conflicting ones are an error: the same
path twice with different values, a path inside a table another override replaces, or a
path inside a table another override rescales pro rata.
"""

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sim.scenario import Scenario, ScenarioError, scenario_from_dict
from sim.sharing.apportion import apportion_pence

_ID_KEYS = ("id", "name")
SHARE_PLACES = 12  # decimal places of rescaled shares: far below any money rounding


class Siblings(StrEnum):
    """What happens to the other entries of the table an override sets a value in."""

    UNCHANGED = "unchanged"
    PRO_RATA = "pro_rata"  # rescaled so the table keeps its total (shares keep adding to 1)


@dataclass(frozen=True)
class Override:
    """One change to the scenario.

    Attributes:
        path: Dotted path to the value (list items by id).
        value: The new value: a scalar, a table (dict) or a list.
        siblings: Whether the other entries of the same table are rescaled pro rata.
    """

    path: str
    value: Any
    siblings: Siblings = Siblings.UNCHANGED

    @property
    def parent(self) -> str:
        """The path of the table that holds the value."""
        return self.path.rpartition(".")[0]


class OverrideError(ValueError):
    """An override cannot be applied; the message names its path and what was expected."""

    def __init__(self, path: str, reason: str) -> None:
        """Build the error for one override path."""
        self.path = path
        super().__init__(f"override '{path}': {reason}")


Overrides = Mapping[str, Any] | Iterable[Override] | None


def pro_rata(path: str, value: Any) -> Override:
    """An override whose table's other entries are rescaled to keep its total."""
    return Override(path, value, Siblings.PRO_RATA)


def as_overrides(overrides: Overrides) -> list[Override]:
    """Overrides as a list: a mapping gives plain ``path: value`` changes."""
    if overrides is None:
        return []
    if isinstance(overrides, Mapping):
        return [Override(str(path), value) for path, value in overrides.items()]
    out = list(overrides)
    wrong = [item for item in out if not isinstance(item, Override)]
    if wrong:
        raise TypeError(f"overrides: expected a {{path: value}} mapping or a list of Override,"
                        f" got {wrong[0]!r}")
    return out


def merge(*layers: Overrides) -> list[Override]:
    """All overrides of several layers, in order; conflicting ones are an error.

    Raises:
        OverrideError: Naming the two overrides that conflict.
    """
    merged: list[Override] = []
    for override in (o for layer in layers for o in as_overrides(layer)):
        if override in merged:
            continue
        for earlier in merged:
            reason = _conflict(earlier, override)
            if reason:
                raise OverrideError(override.path, reason)
        merged.append(override)
    return merged


def _conflict(a: Override, b: Override) -> str:
    if a.path == b.path:
        return f"set twice, to {a.value!r} and to {b.value!r}; expected one value"
    for first, second in ((a, b), (b, a)):
        if second.path.startswith(first.path + "."):
            return (f"conflicts with '{first.path}', which replaces the whole of it; "
                    "expected one or the other")
        if first.siblings is Siblings.PRO_RATA and second.path.startswith(first.parent + "."):
            return (f"conflicts with '{first.path}', which rescales the other entries of "
                    f"'{first.parent}' pro rata; expected one or the other")
    return ""


def apply_overrides(raw: dict[str, Any], overrides: Overrides) -> dict[str, Any]:
    """A deep copy of the raw scenario with every override applied (``raw`` is unchanged).

    Raises:
        OverrideError: For conflicting overrides, a list item that does not exist, a
            path through a value, or shares that cannot be rescaled.
    """
    out = copy.deepcopy(raw)
    for override in merge(overrides):
        *parents, leaf = override.path.split(".")
        table = _walk(out, parents, override.path)
        if override.siblings is Siblings.PRO_RATA:
            _set_pro_rata(table, leaf, override)
        else:
            _set(table, leaf, override.value, override.path)
    return out


def _walk(node: Any, parts: list[str], path: str) -> Any:
    for part in parts:
        if isinstance(node, list):
            node = node[_list_index(node, part, path)]
        elif isinstance(node, dict):
            node = node.setdefault(part, {})
        else:
            raise OverrideError(path, f"'{part}' is inside a value, not a table")
    return node


def _set(table: Any, leaf: str, value: Any, path: str) -> None:
    if isinstance(table, list):
        table[_list_index(table, leaf, path)] = copy.deepcopy(value)
    elif isinstance(table, dict):
        table[leaf] = copy.deepcopy(value)
    else:
        raise OverrideError(path, "the path goes through a value, not a table")


def _set_pro_rata(table: Any, leaf: str, override: Override) -> None:
    keys = (list(range(len(table))) if isinstance(table, list)
            else list(table) if isinstance(table, dict) else None)
    if keys is None:
        raise OverrideError(override.path, "pro rata needs a table or list of numbers")
    key = _list_index(table, leaf, override.path) if isinstance(table, list) else leaf
    if key not in keys:
        raise OverrideError(override.path, f"no entry '{leaf}' to set; known: "
                            f"{', '.join(map(str, keys))}")
    for k, value in rescaled(_numbers(table, keys, override.path), key,
                             _exact(override.value, override.path), override.path).items():
        table[k] = value


def _numbers(table: Any, keys: list, path: str) -> dict[Any, Decimal]:
    out = {}
    for key in keys:
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            raise OverrideError(path, f"entry '{key}' is not a number; pro rata needs numbers")
        out[key] = _exact(value, path)
    return out


def _exact(value: Any, path: str) -> Decimal:
    # Through str, so 0.61 means the decimal 0.61, not the binary float nearest to it.
    try:
        return Decimal(str(value))
    except ArithmeticError:
        raise OverrideError(path, f"expected a number, got {value!r}") from None


def rescaled(values: Mapping[Any, Decimal], key: Any, new: Decimal,
             path: str = "<shares>") -> dict[Any, Decimal]:
    """Set ``values[key]`` to ``new`` and rescale the others pro rata, keeping the total.

    Each other entry becomes ``old × (total − new) / (total − old of key)``, exactly, then
    rounded to ``SHARE_PLACES`` places (or the places of ``new`` or the total, if more) by
    the largest-remainder method so the entries add to exactly the old total.

    Raises:
        OverrideError: If ``new`` is outside 0..total, or the others are all zero.
    """
    total = sum(values.values(), Decimal(0))
    if not 0 <= new <= total:
        raise OverrideError(path, f"expected a value between 0 and {total} (the table's "
                            f"total), got {new}")
    others = {k: Fraction(v) for k, v in values.items() if k != key}
    if not others:
        if new != total:
            raise OverrideError(path, f"is the only entry; it must stay {total}")
        return {key: new}
    if sum(others.values()) == 0 and new != total:
        raise OverrideError(path, "the other entries are all zero; they cannot be "
                            "rescaled pro rata")
    places = max(SHARE_PLACES, _places(new), _places(total))
    unit = Fraction(1, 10 ** places)
    left = int((Fraction(total) - Fraction(new)) / unit)
    weights = {str(k): w for k, w in others.items()}
    units = apportion_pence(left, weights) if left else dict.fromkeys(weights, 0)
    out = {k: _from_units(units[str(k)], places) for k in others}
    out[key] = new
    return {k: out[k] for k in values}


def _places(value: Decimal) -> int:
    return max(0, -int(value.as_tuple().exponent))


def _from_units(units: int, places: int) -> Decimal:
    return Decimal(units).scaleb(-places)


def _list_index(items: list | tuple, part: str, where: str) -> int:
    ids = [_item_id(item) for item in items]
    if part in ids:
        return ids.index(part)
    if part.isdigit() and int(part) < len(items) and not any(ids):
        return int(part)
    known = ", ".join(i for i in ids if i) or f"0..{len(items) - 1}"
    raise OverrideError(where, f"no item '{part}'; known: {known}")


def _item_id(item: Any) -> str:
    for key in _ID_KEYS:
        value = item.get(key) if isinstance(item, dict) else getattr(item, key, None)
        if isinstance(value, str) and value:
            return value
    return ""


def resolve(scenario: Scenario, path: str) -> Any:
    """The current value at ``path`` in a validated scenario.

    Raises:
        KeyError: With a message naming the first part of the path that does not exist and
            what was expected there.
    """
    node = locate(scenario, path)
    if isinstance(node, BaseModel | dict | list):
        raise KeyError(f"'{path}' is a section, not a value; expected a path to one value")
    return node


def locate(scenario: Scenario, path: str) -> Any:
    """What sits at ``path`` in a validated scenario: a value or a whole section.

    Raises:
        KeyError: Naming the first part of the path that does not exist.
    """
    node: Any = scenario
    walked: list[str] = []
    for part in path.split("."):
        node = _child(node, part, ".".join(walked) or "the scenario")
        walked.append(part)
    return node


def _child(node: Any, part: str, where: str) -> Any:
    if isinstance(node, BaseModel):
        fields = type(node).model_fields
        if part not in fields:
            raise KeyError(f"'{part}' is not a field of {where}; known: {', '.join(fields)}")
        return getattr(node, part)
    if isinstance(node, dict):
        keys = {str(k): v for k, v in node.items()}
        if part not in keys:
            raise KeyError(f"'{part}' is not an entry of {where}; known: {', '.join(keys)}")
        return keys[part]
    if isinstance(node, list | tuple):
        try:
            return node[_list_index(node, part, where)]
        except OverrideError as error:
            raise KeyError(f"no item '{part}' in {where}; {str(error).rpartition('; ')[2]}"
                           ) from None
    raise KeyError(f"{where} is a value; '{part}' cannot be looked up in it")


def path_problems(scenario: Scenario, overrides: Overrides) -> list[str]:
    """One line per override whose path does not name a part of the scenario."""
    problems = []
    for override in as_overrides(overrides):
        try:
            locate(scenario, override.path)
        except KeyError as error:
            problems.append(f"override '{override.path}': unknown path: {error.args[0]}")
    return problems


def scenario_with(raw: dict[str, Any], overrides: Overrides,
                  source: str | Path = "<scenario>", base: Scenario | None = None) -> Scenario:
    """Validate the raw scenario with overrides applied, checking every path first.

    Args:
        raw: The parsed scenario (left unchanged).
        overrides: The changes.
        source: Where the scenario came from, for messages.
        base: The validated ``raw``, if the caller has it already.

    Raises:
        ScenarioError: Naming the source and each unknown path, conflict or bad value.
    """
    changes = as_overrides(overrides)
    if not changes:
        return base or scenario_from_dict(raw, source=source)
    problems = path_problems(base or scenario_from_dict(raw, source=source), changes)
    if problems:
        raise ScenarioError(source, problems)
    try:
        changed = apply_overrides(raw, changes)
    except OverrideError as error:
        raise ScenarioError(source, [str(error)]) from None
    return scenario_from_dict(changed, source=source)
