"""The one recorder of a run: every per-run record goes through it, typed.

Organisations' choices, settlements, fairness judgements, exposure, exits and
commissioners' cuts are typed rows (``sim.core.records``); the weekly system series is
the model's ``mesa.DataCollector``. ``sim.outputs.collect_results`` reads both.
"""

from collections.abc import Iterable

import pandas as pd

from sim.core.records import RECORD_TYPES, as_row, columns_of


class Recorder:
    """Rows of every record type, in the order they were made."""

    def __init__(self) -> None:
        """Start with no rows of any kind."""
        self._rows: dict[type, list] = {kind: [] for kind in RECORD_TYPES}

    def add(self, record) -> None:
        """Keep one record (its type says which table it belongs to)."""
        self._rows[type(record)].append(record)

    def extend(self, records: Iterable) -> None:
        """Keep several records."""
        for record in records:
            self.add(record)

    def rows(self, kind: type) -> list:
        """The records of one type (read-only use: a copy)."""
        return list(self._rows[kind])

    def frame(self, kind: type) -> pd.DataFrame:
        """The records of one type as a tidy table; an empty table keeps its columns."""
        rows = self._rows[kind]
        if not rows:
            return pd.DataFrame(columns=columns_of(kind))
        return pd.DataFrame([as_row(r) for r in rows])
