"""Scenario parameters addressed by dotted paths, applied to the raw scenario dict.

A path walks the scenario: fields by name, dict entries by key, and list items by their
``id`` (or ``name``) — so ``organisations.acute_north.behaviour.system_orientation``
names one organisation's field whatever its position in the file. A plain integer picks
a list item by position when items have no id.
"""

import copy
from typing import Any

from pydantic import BaseModel

from sim.scenario import Scenario, scenario_from_dict

_ID_KEYS = ("id", "name")


def resolve(scenario: Scenario, path: str) -> Any:
    """The current value at ``path`` in a validated scenario.

    Raises:
        KeyError: With a message naming the first part of the path that does not exist and
            what was expected there.
    """
    node: Any = scenario
    walked: list[str] = []
    for part in path.split("."):
        node = _child(node, part, ".".join(walked) or "the scenario")
        walked.append(part)
    if isinstance(node, BaseModel | dict | list):
        raise KeyError(f"'{path}' is a section, not a value; expected a path to one value")
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
        return node[_list_index(node, part, where)]
    raise KeyError(f"{where} is a value; '{part}' cannot be looked up in it")


def _list_index(items: list | tuple, part: str, where: str) -> int:
    ids = [_item_id(item) for item in items]
    if part in ids:
        return ids.index(part)
    if part.isdigit() and int(part) < len(items) and not any(ids):
        return int(part)
    known = ", ".join(i for i in ids if i) or f"0..{len(items) - 1}"
    raise KeyError(f"no item '{part}' in {where}; known: {known}")


def _item_id(item: Any) -> str:
    for key in _ID_KEYS:
        value = item.get(key) if isinstance(item, dict) else getattr(item, key, None)
        if isinstance(value, str) and value:
            return value
    return ""


def apply_overrides(raw: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of the raw scenario dict with each ``path: value`` set.

    Sections the file leaves to their defaults (e.g. no ``[demand]`` table) are created.
    """
    out = copy.deepcopy(raw)
    for path, value in overrides.items():
        *parents, leaf = path.split(".")
        node: Any = out
        for part in parents:
            if isinstance(node, list):
                node = node[_list_index(node, part, path)]
            else:
                node = node.setdefault(part, {})
        if isinstance(node, list):
            node[_list_index(node, leaf, path)] = value
        else:
            node[leaf] = value
    return out


def scenario_with(raw: dict[str, Any], overrides: dict[str, Any], source: str) -> Scenario:
    """Validate the raw scenario with overrides applied (raises ``ScenarioError``)."""
    return scenario_from_dict(apply_overrides(raw, overrides), source=source)
