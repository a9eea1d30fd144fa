"""Display names: what people read in place of ids (``Age Well`` rather than ``age_well``).

Organisations and designs carry an optional ``name`` in the scenario; without one the id
is title-cased, and ids of three letters or fewer are read as acronyms (``icb`` → ``ICB``).
Service lines (the capacity settings, ``acute_beds`` …) are named by the scenario's
``[service_lines]`` table, else by :data:`SERVICE_LINES` below; a lever that is a capacity
takes its service line's name, the other levers the names in :data:`LEVERS`. An integrated
provider's service lines (``acute``, ``social_care`` …, its families) are named by
:data:`LINE_FAMILIES`.
Both a parsed file (a dict) and a validated ``Scenario`` are accepted, so the app (which
edits raw files) and the report (which reads validated ones) name things the same way.
"""

from typing import Any

from sim.core.kinds import LINE_SEPARATOR

ACRONYM_LETTERS = 3
# Default names of service lines, as a board reads them (ids are sim.core.kinds.CapacityKind).
SERVICE_LINES = {"acute_beds": "Acute hospital beds", "d2a_places": "Discharge to assess",
                 "reablement_places": "Reablement", "community_beds": "Community beds",
                 "care_home_places": "Care home places",
                 "home_care_packages": "Home care packages",
                 "prevention_places": "Prevention places"}

# An integrated provider's service lines are provider families (sim.core.kinds
# OrganisationKind), a different thing from the capacity settings above; their names.
LINE_FAMILIES = {"acute": "Acute hospital services", "community": "Community health services",
                 "social_care": "Adult social care", "voluntary": "Voluntary-sector prevention"}

# Names of the levers that are not capacities (a capacity lever is its service line's id,
# named as above); fields of sim.scenario.organisations' *Levers models.
LEVERS = {"discretionary_admit_share": "Share of discretionary cases admitted",
          "discharge_effort": "Discharge effort",
          "avoidance_investment_gbp_per_year": "Admission avoidance investment (£ a year)",
          "proactive_care_investment_gbp_per_year": "Proactive care investment (£ a year)",
          "residential_placement_bias": "Leaning towards residential placements"}


def title_id(identifier: str) -> str:
    """An id as a name: ``home_from_hospital`` → ``Home From Hospital``, ``icb`` → ``ICB``."""
    words = identifier.replace("-", "_").split("_")
    return " ".join(w.upper() if len(w) <= ACRONYM_LETTERS and len(words) == 1 else
                    w.capitalize() for w in words if w)


def _field(item: Any, key: str) -> str:
    return str(item.get(key, "") if isinstance(item, dict) else getattr(item, key, "") or "")


def organisation_names(scenario: Any) -> dict[str, str]:
    """Organisation id → display name, in file order."""
    orgs = scenario.get("organisations", []) if isinstance(scenario, dict) else \
        scenario.organisations
    return {_field(o, "id"): _field(o, "name") or title_id(_field(o, "id")) for o in orgs}


def design_names(scenario: Any) -> dict[str, str]:
    """Design key → display name, in file order."""
    designs = scenario.get("designs", {}) if isinstance(scenario, dict) else scenario.designs
    return {key: _field(spec, "name") or title_id(key) for key, spec in designs.items()}


def service_line_names(scenario: Any) -> dict[str, str]:
    """Service line id → display name: the scenario's ``[service_lines]`` over the defaults."""
    given = scenario.get("service_lines", {}) if isinstance(scenario, dict) else \
        getattr(scenario, "service_lines", {})
    return {**SERVICE_LINES, **{str(key): str(name) for key, name in given.items() if name}}


def all_names(scenario: Any) -> dict[str, str]:
    """Every display name of a scenario keyed by id (organisations over designs over lines)."""
    return {**service_line_names(scenario), **design_names(scenario),
            **organisation_names(scenario)}


def lever_name(lever: str, names: dict[str, str] | None = None) -> str:
    """A lever as people read it: a capacity by its service line's name, else its label."""
    names = names or {}
    if lever in SERVICE_LINES:
        return names.get(lever) or SERVICE_LINES[lever]
    return LEVERS.get(lever) or title_id(lever)


def line_family_name(family: str) -> str:
    """An integrated provider's service line (``social_care``) as people read it."""
    return LINE_FAMILIES.get(family) or title_id(family)


def line_label(key: str, names: dict[str, str] | None = None) -> str:
    """An outcome's ``<organisation>__<line>`` as people read it.

    ``ico__social_care`` reads ``Torbay ICO, adult social care``.
    """
    org, _, line = key.rpartition(LINE_SEPARATOR)
    if not org:
        return named(key, names or {})
    return f"{named(org, names or {})}, {line_family_name(line).lower()}"


def named(identifier: str, names: dict[str, str]) -> str:
    """The display name of an id (title-cased when the scenario gives none)."""
    return names.get(identifier) or title_id(identifier)
