"""Bad input to ``placesim national``: one line naming the problem, before any work starts."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from experiments.cli import app
from experiments.national.footprints import FootprintError, load_footprints

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "scenarios" / "default.toml"
runner = CliRunner()


def _national(out: Path, *args: str, template: Path = TEMPLATE):
    return runner.invoke(app, ["national", str(template), "--years", "1", "--scale", "0.002",
                               "--out", str(out), *args])


def _one_line_and_nothing_written(result, out: Path, expected: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.output
    assert not out.exists()


def test_unknown_design(tmp_path):
    out = tmp_path / "out"
    result = _national(out, "--designs", "block,magic")
    _one_line_and_nothing_written(result, out, "--designs: unknown design 'magic'")


def test_template_that_fails_validation(tmp_path):
    broken = tmp_path / "broken.toml"
    text = TEMPLATE.read_text(encoding="utf-8")
    broken.write_text(text.replace("size = 300_000", "size = -5", 1), encoding="utf-8")
    out = tmp_path / "out"
    result = _national(out, "--designs", "block", template=broken)
    _one_line_and_nothing_written(result, out, "population.size")
    assert str(broken) in result.output


def test_missing_template(tmp_path):
    out = tmp_path / "out"
    result = _national(out, "--designs", "block", template=tmp_path / "nope.toml")
    _one_line_and_nothing_written(result, out, "file not found")


def test_unreachable_scheduler(tmp_path, monkeypatch):
    monkeypatch.setattr("experiments.sweep.executors.DASK_CONNECT_TIMEOUT", "2s")
    out = tmp_path / "out"
    # Port 9 (discard) on localhost: nothing listens, so the connection is refused.
    result = _national(out, "--designs", "block", "--icb", "QOC", "--executor", "dask",
                       "--scheduler", "tcp://127.0.0.1:9")
    _one_line_and_nothing_written(result, out, "--scheduler tcp://127.0.0.1:9: the dask "
                                               "scheduler did not answer")


def test_scale_too_small_for_the_smallest_footprint(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["national", str(TEMPLATE), "--designs", "block", "--scale",
                                 "0.0001", "--out", str(out)])
    # 0.01% of Shropshire, Telford and Wrekin's ~490,800 residents is 49 people
    _one_line_and_nothing_written(result, out, "--scale: 0.0001 simulates 49 people in NHS "
                                               "Shropshire, Telford and Wrekin ICB")


def test_unknown_icb_code(tmp_path):
    out = tmp_path / "out"
    result = _national(out, "--designs", "block", "--icb", "QZZ")
    _one_line_and_nothing_written(result, out, "--icb: unknown ICB code QZZ")


def test_footprint_table_with_a_bad_number(tmp_path):
    source = (ROOT / "experiments" / "national" / "data" / "icb_populations_2024_25.csv")
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(lines[3].split(",")[3], "many", 1)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(FootprintError, match=r"row 4: registered_population_2022_23: "
                                             r"expected a whole number, got 'many'"):
        load_footprints(bad)
