"""The commands: one-line errors before any run, and a real no-deal case end to end."""

from concurrent.futures import ThreadPoolExecutor

import pytest
import tomli_w
from typer.testing import CliRunner

from experiments.cli import app
from experiments.design.designer import make_problem, search
from experiments.design.recommend import recommend

from .places import DEFAULT, place

runner = CliRunner()


@pytest.mark.parametrize(("args", "message"), [
    (["influence", str(DEFAULT), "--design", "block", "--parties", "acute,nobody"],
     "--parties: unknown party 'nobody'"),
    (["influence", str(DEFAULT), "--design", "nope"], "--design: unknown design 'nope'"),
    (["influence", str(DEFAULT), "--design", "block", "--lines", "acute_bed_days,parking"],
     "--lines: unknown cost line 'parking'"),
    (["coalitions", str(DEFAULT), "--design", "block", "--parties", "acute,ghost"],
     "--parties: unknown party 'ghost'"),
    (["coalitions", str(DEFAULT), "--design", "block", "--parties", "acute,community",
      "--split", "acute=0.5,icb=0.5"], "--split: unknown party 'icb'"),
    (["design-agreement", str(DEFAULT), "--design", "capitation_gain_loss", "--budget", "0"],
     "--budget: must be at least 1 evaluation, got 0"),
    (["design-agreement", str(DEFAULT), "--design", "capitation_gain_loss", "--search",
      "shares,corridor"], "--search corridor: agreement 'system_gain_loss' has no corridor"),
    (["design-agreement", str(DEFAULT), "--design", "block"], "has no agreement to design"),
])
def test_bad_input_is_one_line_and_nothing_runs(tmp_path, args, message):
    out = tmp_path / "out"
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


@pytest.mark.slow
def test_real_place_where_nobody_can_act_has_no_deal(tmp_path):
    # Every organisation holds its levers, one year: an agreement only moves money between
    # parties (the pool of one year is settled to the penny), so no split gives every
    # party a gain and the designer must say so. The commissioners' reserves cap stays on:
    # a gain is judged on out-turn, and reserves returned above the cap are a transfer of
    # what was gained, not a loss of it (judged after the return, the gains added to
    # £4.4m-£8.1m: the game did not look zero-sum).
    raw, scenario = place(scenario_ids())
    path = tmp_path / "held.toml"
    path.write_text(tomli_w.dumps(raw), encoding="utf-8")
    problem = make_problem(path, "capitation_gain_loss", ["shares"], [], 3, replications=1,
                           seed=1, years=1, people=2_000)
    with ThreadPoolExecutor(1) as pool:
        table = search(problem, tmp_path / "design", pool)
    assert len(table) == 3
    assert recommend(table) is None
    gains = table[[c for c in table if c.startswith("expected_")]]
    # Zero-sum: the parties' gains add to nothing (to rounding of pence to pounds).
    assert gains.sum(axis=1).abs().max() < 1.0


def scenario_ids():
    _, scenario = place([])
    return scenario.organisation_ids
