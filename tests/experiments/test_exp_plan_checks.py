"""``placesim plan``: bad input gets one line before any run, and (slow-marked) the Torbay
plan in force is derived again within 2%."""

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from experiments.cli import app
from experiments.planning import check_inputs, derive_plan, run_seeds

ROOT = Path(__file__).resolve().parents[2]
CALIBRATED = ROOT / "scenarios" / "places" / "torbay_south_devon.calibrated.toml"
DESIGN = "ico_risk_share"
runner = CliRunner()


# --- bad input ----------------------------------------------------------------------------

def _broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.toml"
    text, n = re.subn(r"(?m)^size = [0-9_]+$", "size = -5",
                      CALIBRATED.read_text(encoding="utf-8"), count=1)
    assert n == 1  # the place's size line, whatever the place's size
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("args", "expected"), [
    (["--design", "magic"], "--design: no design 'magic'"),
    (["--margin", "-0.01"], "--margin: expected a share from 0 to 0.25 (0.01 is 1%), got -0.01"),
    (["--margin", "1"], "--margin: expected a share from 0 to 0.25"),
    (["--margin", "nan"], "--margin: expected a share"),
    (["--seeds", "0"], "--seeds: expected a number of seeds from 1"),
    (["--first-seed", "-1"], "--first-seed: expected a seed >= 0"),
    (["--people", "0"], "--people 0 is too small"),
    # 80 prevention places for 278,566 people keep half a unit from 278,566 x 0.5 / 80 = 1,741.04.
    (["--people", "1000"], "expected at least 1,742"),
    (["--people", "999999"], "--people 999,999 is above the place's population.size"),
    (["--years-of-cost", "0"], "--years-of-cost: expected whole years from 1 to 30"),
    (["--round-to", "0"], "--round-to: expected whole pounds from 1"),
    (["--workers", "0"], "--workers: expected 1 or more processes"),
])
def test_bad_options_get_one_line_before_any_run(tmp_path, monkeypatch, args, expected):
    def no_runs(*_, **__):
        raise AssertionError("a run started")

    monkeypatch.setattr("experiments.planning.derive.measure", no_runs)
    out = tmp_path / "out.toml"
    result = runner.invoke(app, ["plan", str(CALIBRATED), "--out", str(out), *args])
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("which", ["missing", "broken", "same"])
def test_bad_files_get_one_line(tmp_path, which):
    scenario = {"missing": tmp_path / "nope.toml", "broken": _broken(tmp_path),
                "same": CALIBRATED}[which]
    out = CALIBRATED if which == "same" else tmp_path / "out.toml"
    before = CALIBRATED.read_bytes()
    result = runner.invoke(app, ["plan", str(scenario), "--out", str(out)])
    assert result.exit_code == 2, result.output
    line, = result.output.strip().splitlines()
    assert {"missing": f"{scenario}: file not found", "broken": f"{scenario}: population.size",
            "same": "--out: "}[which] in line
    assert "Traceback" not in result.output
    assert CALIBRATED.read_bytes() == before
    if which != "same":
        assert not out.exists()


# --- the Torbay plan, derived again (seeds 1-5, 50,000 people: ~5 s on 2 cores) ------------

COMMITTED = {"icb_ico_acute": 109_300_000, "icb_ico_community": 28_650_000,
             "council_ico_social_care": 50_560_000, "icb": 139_450_000,
             "council": 52_210_000, "devon": 44_200_000}


@pytest.mark.slow
def test_the_torbay_plan_is_derived_again_within_two_percent():
    """The committed plan was derived by hand (docs/places.md); the model has moved a
    little since, so each value is held within 2% of its re-derivation."""
    scenario, settings, _ = check_inputs(CALIBRATED, design=None, seeds=5, first_seed=1,
                                         people=None, years=1, margin=0.01, round_to=10_000,
                                         out=Path("unused.toml"))
    assert (settings.people, settings.seeds, settings.design) == (50_000, (1, 2, 3, 4, 5),
                                                                  DESIGN)
    plan = derive_plan(scenario, settings, run_seeds(scenario, settings, workers=2))
    derived = {item.name: item for item in plan.items if item.derived_gbp is not None}
    assert set(derived) == set(COMMITTED)
    for name, value in COMMITTED.items():
        assert derived[name].current_gbp == value
        assert abs(derived[name].derived_gbp / value - 1) <= 0.02, (name, derived[name])
