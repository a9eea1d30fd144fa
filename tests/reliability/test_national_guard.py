"""A national run refuses a folder holding another run's results, before any task runs."""

from pathlib import Path

from typer.testing import CliRunner

from experiments.cli import app
from experiments.sweep.guard import claim_store
from experiments.sweep.plan import RunSpec

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "scenarios" / "default.toml"


def test_a_folder_of_another_run_is_refused(tmp_path, monkeypatch):
    out = tmp_path / "out"
    claim_store(out, [RunSpec("someone_else", "block", 1, 0, 0, {}, {})], "other", False)

    def no_runs(*args, **kwargs):
        raise AssertionError("tasks started in another run's folder")
    monkeypatch.setattr("experiments.national.run.execute", no_runs)
    result = CliRunner().invoke(app, ["national", str(TEMPLATE), "--years", "1", "--scale",
                                      "0.002", "--designs", "block", "--out", str(out)])
    assert result.exit_code == 2, result.output
    (line,) = result.output.strip().splitlines()
    assert "holds results of a different experiment" in line and "--force-new" in line
