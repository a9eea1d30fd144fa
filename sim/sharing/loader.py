"""Load a settlement file: one TOML with an ``[agreement]`` and the year's ``[figures]``.

Every problem in the file is reported at once, each naming the file, the agreement, the
rule and the field, e.g.::

    torbay.toml: agreement 'torbay', rule 'fixed_proportions',
    field 'agreement.gains.rule.shares': proportions add to 0.99, 0.01 short of 1
"""

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sim.sharing.errors import AgreementError, Problem
from sim.sharing.figures import YearFigures
from sim.sharing.modifier_specs import ModifierKind
from sim.sharing.rule_specs import RuleKind
from sim.sharing.schema import RiskShareAgreement
from sim.sharing.validation import figures_problems

SECTIONS = ("agreement", "figures")
_TAGS = {k.value for k in RuleKind} | {k.value for k in ModifierKind}


@dataclass(frozen=True)
class SettlementFile:
    """A loaded, fully checked settlement file.

    Attributes:
        path: Where it was read from.
        agreement: The agreement.
        figures: The year's figures (checked to settle either a gain or a loss).
    """

    path: Path
    agreement: RiskShareAgreement
    figures: YearFigures


def load_settlement_file(path: str | Path) -> SettlementFile:
    """Read and check a settlement file.

    Args:
        path: A TOML file with ``[agreement]`` and ``[figures]`` tables.

    Returns:
        The agreement and figures, checked against each other for both a gain and a loss.

    Raises:
        AgreementError: Listing every problem, each naming the file and the field.
    """
    path = Path(path)
    return settlement_from_dict(_read_toml(path), path)


def settlement_from_dict(raw: dict[str, Any], path: str | Path = "<settlement>",
                         ) -> SettlementFile:
    """Check a settlement file's parsed content (see :func:`load_settlement_file`).

    Raises:
        AgreementError: Listing every problem, each naming the file and the field.
    """
    path = Path(path)
    problems = [
        Problem(f"unknown section [{key}]; expected [agreement] and [figures]", field=key)
        for key in sorted(set(raw) - set(SECTIONS))
    ]
    problems += [
        Problem(f"missing section [{key}]", field=key) for key in SECTIONS if key not in raw
    ]
    raw_agreement = raw.get("agreement")
    name = raw_agreement.get("name") if isinstance(raw_agreement, dict) else None
    agreement = figures = None
    if "agreement" in raw:
        agreement = _parse(RiskShareAgreement, raw_agreement, "agreement", name, problems)
    if "figures" in raw:
        figures = _parse(YearFigures, raw["figures"], "figures", name, problems)
    if agreement is not None and figures is not None:
        problems += [_in_file(p) for p in figures_problems(agreement, figures)]
    if problems:
        raise AgreementError(problems, file=str(path))
    assert agreement is not None and figures is not None  # no problems means both parsed
    return SettlementFile(path, agreement, figures)


def _in_file(problem: Problem) -> Problem:
    """Give an agreement field its path in the file (figures fields already have one)."""
    if problem.field and not problem.field.startswith("figures"):
        return replace(problem, field=f"agreement.{problem.field}")
    return problem


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AgreementError([Problem("file not found")], file=str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise AgreementError([Problem(f"not valid TOML: {error}")], file=str(path)) from None


def _parse[M: BaseModel](
    model: type[M], raw: Any, section: str, name: str | None, problems: list[Problem]
) -> M | None:
    """Validate one section, appending its problems; ``None`` if it is invalid."""
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        for detail in error.errors():
            problems.extend(_problems_from(detail, section, name))
        return None


def _problems_from(detail: Any, section: str, name: str | None) -> list[Problem]:
    """Turn one pydantic error into problems with a dotted field path."""
    cause = detail.get("ctx", {}).get("error")
    if isinstance(cause, AgreementError):
        # The agreement's own checks: their fields are relative to the agreement.
        return [
            replace(p, field=f"{section}.{p.field}" if p.field else section) for p in cause.problems
        ]
    field, rule = _field_path(section, detail["loc"])
    return [Problem(_message(detail, field), name, rule, field)]


def _field_path(section: str, loc: tuple[Any, ...]) -> tuple[str, str | None]:
    """Dotted path without pydantic's union tags; the last tag names the rule."""
    path, rule = section, None
    for index, part in enumerate(loc):
        previous = loc[index - 1] if index else None
        if (
            isinstance(part, str)
            and part in _TAGS
            and (previous == "rule" or isinstance(previous, int))
        ):
            rule = part
        elif isinstance(part, int):
            path += f"[{part}]"
        else:
            text = str(part)
            path += f".{text}" if text.isprintable() and text.strip() else f".{text!r}"
    return path, rule


def _message(detail: Any, field: str) -> str:
    kind = detail["type"]
    if kind == "missing":
        return "missing: a value is required"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = RuleKind if field.endswith("rule") else ModifierKind
        expected = ", ".join(t.value for t in tags)
        got = detail.get("ctx", {}).get("tag")
        head = f"unknown kind '{got}'" if got is not None else "missing 'kind'"
        return f"{head}; expected one of: {expected}"
    if kind == "extra_forbidden":
        return "unknown field"
    return f"{detail['msg']} (got {detail.get('input')!r})"
