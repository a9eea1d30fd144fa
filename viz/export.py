"""Exports for the board paper: the run's tables as CSV or Parquet, and charts as PNG.

Exports read as the screen does (:mod:`experiments.exports`, docs/outputs.md): money in
pounds (``*_gbp``), exact pence kept where exactness matters, years numbered from 1,
display names beside ids; ``README.txt`` in each archive says so.
"""

import io
import zipfile

import pandas as pd
from matplotlib.figure import Figure

from experiments.exports import readable
from sim.outputs import RunResults

README = """Tables of one press of Run (every replication; the seed column tells them apart).
Money is in pounds (columns ending _gbp), rounded to the penny. Years are numbered from 1,
as on screen. Beside each organisation or design id is its display name (*_name).
ledger, settlements and finance_annual also keep the exact amounts in integer pence
(columns ending _pence), from which every pound of the run is conserved to the penny.
service_lines_annual (only for a place with an integrated provider) has each of its
service lines' costs, contract income and activity per year, also in exact pence; its
lines' costs add up to the organisation's costs in finance_annual before its efficiency
savings.
"""


def _tables(results: RunResults | list[RunResults],
            names: dict[str, str] | None) -> dict[str, pd.DataFrame]:
    runs = [results] if isinstance(results, RunResults) else results
    tables = runs[0].tables().keys()
    return {table: readable(table, pd.concat([r.tables()[table] for r in runs],
                                             ignore_index=True), names) for table in tables}


def tables_csv_zip(results: RunResults | list[RunResults],
                   names: dict[str, str] | None = None) -> bytes:
    """Every table of the run (or of each replication) as CSV inside one zip archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        for name, frame in _tables(results, names).items():
            archive.writestr(f"{name}.csv", frame.to_csv(index=False))
    return buffer.getvalue()


def tables_parquet_zip(results: RunResults | list[RunResults],
                       names: dict[str, str] | None = None) -> bytes:
    """Every table of the run (or of each replication) as Parquet inside one zip archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        for name, frame in _tables(results, names).items():
            part = io.BytesIO()
            frame.to_parquet(part, index=False)
            archive.writestr(f"{name}.parquet", part.getvalue())
    return buffer.getvalue()


def figure_png(figure: Figure, dpi: int = 150) -> bytes:
    """A chart as PNG bytes at print resolution."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
