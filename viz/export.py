"""Exports for the board paper: the run's tables as CSV or Parquet, and charts as PNG."""

import io
import zipfile

from matplotlib.figure import Figure

from sim.outputs import RunResults


def tables_csv_zip(results: RunResults) -> bytes:
    """Every table of the run as a CSV file inside one zip archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in results.tables().items():
            archive.writestr(f"{name}.csv", frame.to_csv(index=False))
    return buffer.getvalue()


def tables_parquet_zip(results: RunResults) -> bytes:
    """Every table of the run as a Parquet file inside one zip archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in results.tables().items():
            part = io.BytesIO()
            frame.to_parquet(part, index=False)
            archive.writestr(f"{name}.parquet", part.getvalue())
    return buffer.getvalue()


def figure_png(figure: Figure, dpi: int = 150) -> bytes:
    """A chart as PNG bytes at print resolution."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
