"""Exports for the board paper: the run's tables as CSV or Parquet, and charts as PNG.

Exports read as the screen does: money in pounds (``*_gbp``), years numbered from 1. The
ledger keeps its exact ``amount_pence`` beside ``amount_gbp``, because that is where
exactness matters (every pound is conserved to the penny); ``README.txt`` in each archive
says so.
"""

import io
import zipfile

import pandas as pd
from matplotlib.figure import Figure

from sim.outputs import RunResults

EXACT_PENCE = {("ledger", "amount_pence")}
README = """Tables of one press of Run (every replication; the seed column tells them apart).
Money is in pounds (columns ending _gbp). Years are numbered from 1, as on screen.
ledger.csv also keeps amount_pence: the exact amount in pence (integers), from which every
pound of the run is conserved to the penny.
"""


def readable(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A table as exported: pence → pounds (exact pence kept where listed), years from 1."""
    out = frame.copy()
    for column in [c for c in out.columns if c.endswith("_pence")]:
        out[column.removesuffix("_pence") + "_gbp"] = out[column] / 100
        if (name, column) not in EXACT_PENCE:
            out = out.drop(columns=column)
    if "year" in out:
        out["year"] = out["year"] + 1
    return out


def _tables(results: RunResults | list[RunResults]) -> dict[str, pd.DataFrame]:
    runs = [results] if isinstance(results, RunResults) else results
    names = runs[0].tables().keys()
    return {name: readable(name, pd.concat([r.tables()[name] for r in runs],
                                           ignore_index=True)) for name in names}


def tables_csv_zip(results: RunResults | list[RunResults]) -> bytes:
    """Every table of the run (or of each replication) as CSV inside one zip archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        for name, frame in _tables(results).items():
            archive.writestr(f"{name}.csv", frame.to_csv(index=False))
    return buffer.getvalue()


def tables_parquet_zip(results: RunResults | list[RunResults]) -> bytes:
    """Every table of the run (or of each replication) as Parquet inside one zip archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        for name, frame in _tables(results).items():
            part = io.BytesIO()
            frame.to_parquet(part, index=False)
            archive.writestr(f"{name}.parquet", part.getvalue())
    return buffer.getvalue()


def figure_png(figure: Figure, dpi: int = 150) -> bytes:
    """A chart as PNG bytes at print resolution."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
