"""Targets by age band: a band's admission rate may be named; a misspelt band is refused."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from experiments.calibration import load_targets
from experiments.cli import app
from sim.scenario import ScenarioError

PLACE = Path(__file__).resolve().parents[2] / "scenarios" / "default.toml"
PARAMETER = ('[[parameters]]\npath = "population.age_bands.85+.nel_admissions_per_1000_per_year"'
             "\nlow = 300\nhigh = 700\n")


def _targets(tmp_path: Path, outcome: str) -> Path:
    path = tmp_path / "targets.toml"
    path.write_text(PARAMETER + f'[[targets]]\noutcome = "{outcome}"\nvalue = 480\n'
                    'source = "HES, people aged 85 and over"\n', encoding="utf-8")
    return path


def test_a_band_outcome_is_a_valid_target(tmp_path):
    targets = load_targets(_targets(tmp_path, "nel_admissions_per_1000_85plus_final_year"))
    assert targets.targets[0].outcome == "nel_admissions_per_1000_85plus_final_year"
    assert targets.targets[0].value == 480


@pytest.mark.parametrize("outcome", ["nel_admissions_per_1000_85+_final_year",
                                     "nel_admissions_per_1000_final_years"])
def test_a_misspelt_band_is_one_line_naming_file_and_field(tmp_path, outcome):
    path = _targets(tmp_path, outcome)
    with pytest.raises(ScenarioError) as caught:
        load_targets(path)
    message = str(caught.value)
    assert len(message.splitlines()) == 1
    assert message.startswith(f"{path}: targets[0]")
    assert repr(outcome) in message
    assert "nel_admissions_per_1000_85plus_final_year" in message  # the expected names


def test_cli_refuses_a_misspelt_band_in_one_line(tmp_path):
    path = _targets(tmp_path, "nel_admissions_per_1000_85_plus_final_year")
    result = CliRunner().invoke(app, ["calibrate", str(PLACE), str(path)])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith(f"{path}: targets[0]")


def test_a_band_the_scenario_lacks_is_refused_against_the_scenario_before_any_run(tmp_path):
    from experiments.calibration.fit import calibrate

    path = _targets(tmp_path, "nel_admissions_per_1000_86plus_final_year")
    with pytest.raises(ScenarioError) as caught:
        calibrate(PLACE, load_targets(path), source=path)
    message = str(caught.value)
    assert len(message.splitlines()) == 1
    assert "names age band '86plus', which the scenario does not have" in message
    assert "nel_admissions_per_1000_85plus_final_year" in message


def test_a_scenario_with_its_own_bands_can_target_them(tmp_path):
    from experiments.calibration.targets import band_problems

    targets = load_targets(_targets(tmp_path, "nel_admissions_per_1000_90plus_final_year"))
    assert band_problems(targets, ("0_64", "65_89", "90plus")) == []
    assert len(band_problems(targets, ("0_64", "65plus"))) == 1


def test_a_divided_place_targets_each_areas_long_term_care(tmp_path):
    """People in care homes and with home care by area are targets of a divided place;
    an area the scenario lacks, or any area of an undivided place, is refused in one line."""
    from experiments.calibration.fit import calibrate
    from experiments.calibration.targets import area_problems

    targets = load_targets(_targets(tmp_path, "people_in_care_homes_south_devon_final_year"))
    assert targets.targets[0].area == "south_devon"
    assert load_targets(_targets(tmp_path, "people_in_care_homes_final_year")).targets[0].area \
        is None
    assert area_problems(targets, ("torbay", "south_devon")) == []
    (problem,) = area_problems(targets, ("torbay", "devon"))
    assert "names area 'south_devon', which the scenario does not have" in problem
    assert "people_with_home_care_devon_final_year" in problem
    path = _targets(tmp_path, "people_with_home_care_torbay_final_year")
    with pytest.raises(ScenarioError) as caught:
        calibrate(PLACE, load_targets(path), source=path)
    message = str(caught.value)
    assert len(message.splitlines()) == 1
    assert "names area 'torbay'" in message and "the place is not divided" in message


def test_a_divided_place_targets_each_areas_admissions(tmp_path):
    """An area's emergency admissions per 1,000 is a target by area, not an age band's
    ("in" keeps the names apart), checked against the scenario's areas in one line."""
    from experiments.calibration.targets import area_problems, band_problems

    targets = load_targets(_targets(tmp_path, "nel_admissions_per_1000_in_torbay_final_year"))
    (target,) = targets.targets
    assert (target.area, target.band) == ("torbay", None)
    assert band_problems(targets, ("0_64", "65_74", "75_84", "85plus")) == []
    assert area_problems(targets, ("torbay", "south_devon")) == []
    (problem,) = area_problems(targets, ("north", "south"))
    assert "names area 'torbay', which the scenario does not have" in problem
    assert "nel_admissions_per_1000_in_north_final_year" in problem
