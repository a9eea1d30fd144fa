"""Tables as exported: read as the screen reads, converted only at the file boundary.

The model keeps money in integer pence, years from 0 and organisations by id; people read
pounds, years from 1 and names. :func:`readable` turns one table into the exported form
(docs/outputs.md lists every column):

- every ``*_pence`` column gains a ``*_gbp`` twin in pounds, rounded to the penny; the
  exact pence are kept only in the tables where exactness matters (the ledger,
  settlements and annual finance, from which every pound is conserved to the penny, and
  an integrated provider's service lines, whose costs add up to its accounts);
- money already in pounds (``*_gbp``) is rounded to the penny;
- ``year`` is numbered from 1, as on screen;
- each organisation id column (``organisation``, ``party``, ``payer``, ``payee``) and the
  ``design`` (and ``versus``) columns gain a ``*_name`` column beside them with the display name;
- the ``lever`` column (``decisions``) gains ``lever_name``: a capacity lever by its service
  line's name, the others in plain words;
- the ``service_line`` column (``service_lines_annual``: an integrated provider's lines)
  gains ``service_line_name``, the line in plain words (``Adult social care``).

:func:`names_table` is the lookup written beside the tables (``names.csv``): every
organisation, design and service line with its display name, for the columns whose names
carry an id (``capacity_<line>``, ``surplus_to_date_gbp_<organisation>``).
"""

from typing import Any

import pandas as pd

from experiments.names import (
    design_names,
    lever_name,
    line_family_name,
    named,
    organisation_names,
    service_line_names,
)

# Tables whose exact pence are kept beside the pounds.
EXACT_TABLES = frozenset({"ledger", "settlements", "finance_annual", "service_lines_annual"})
# Columns holding an organisation id (or a design key), named beside the id.
ID_COLUMNS = ("organisation", "party", "payer", "payee", "design", "versus")
LEVER_COLUMN = "lever"  # the decisions table: a capacity's service line or another lever
LINE_COLUMN = "service_line"  # an integrated provider's line (a provider family)
PENCE, GBP = "_pence", "_gbp"
NAMES_FILE = "names.csv"


def readable(name: str, frame: pd.DataFrame, names: dict[str, str] | None = None,
             ) -> pd.DataFrame:
    """One table as exported (see the module docstring).

    Args:
        name: The table's name (``ledger``, ``finance_annual``, ...).
        frame: The table as the model recorded it.
        names: Display names by id (organisations and designs); ids missing here are
            title-cased.

    Returns:
        A new frame; ``frame`` is left as it is.
    """
    names = names or {}
    columns: dict[str, pd.Series] = {}
    for column in frame.columns:
        values = frame[column]
        if column.endswith(PENCE):
            if name in EXACT_TABLES:
                columns[column] = values
            columns[column.removesuffix(PENCE) + GBP] = (values / 100).round(2)
        elif column.endswith(GBP) and pd.api.types.is_numeric_dtype(values):
            columns[column] = values.round(2)
        elif column == "year":
            columns[column] = values + 1
        else:
            columns[column] = values
        if column in ID_COLUMNS:
            columns[f"{column}_name"] = values.map(lambda i: named(str(i), names))
        elif column == LEVER_COLUMN:
            columns[f"{column}_name"] = values.map(lambda i: lever_name(str(i), names))
        elif column == LINE_COLUMN:
            columns[f"{column}_name"] = values.map(lambda i: line_family_name(str(i)))
    return pd.DataFrame(columns, index=frame.index)


def readable_tables(tables: dict[str, pd.DataFrame], names: dict[str, str] | None = None,
                    ) -> dict[str, pd.DataFrame]:
    """Every table as exported."""
    return {name: readable(name, frame, names) for name, frame in tables.items()}


def names_table(scenario: Any) -> pd.DataFrame:
    """Every display name of a scenario: columns ``kind``, ``id``, ``name``."""
    rows = [(kind, key, name) for kind, names in (
        ("organisation", organisation_names(scenario)), ("design", design_names(scenario)),
        ("service_line", service_line_names(scenario))) for key, name in names.items()]
    return pd.DataFrame(rows, columns=["kind", "id", "name"])
