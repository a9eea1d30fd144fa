"""Every case that used to validate and then crash, hang or mislead is refused up front.

Each refusal is one line naming the file, the field and what was expected; values at the
documented limit (docs/scenario-limits.md) are still accepted, so the limits are bounds and
not accidents.
"""

import shutil

import pytest
from typer.testing import CliRunner

from experiments.cli import app
from experiments.sweep import ExperimentError, build_plan, load_experiment
from sim.scenario import ScenarioError, load_scenario, scenario_from_dict
from sim.scenario.sample import sample_problems, smallest_sample
from sim.sharing import AgreementError, load_settlement_file
from tests.core.helpers import DEFAULT_TOML, ROOT, raw_with

SOURCE = "place.toml"
ACUTE = ("organisations", "acute")


def refusal(overrides) -> str:
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(raw_with(tuple(overrides)), source=SOURCE)
    (line,) = str(caught.value).splitlines()
    assert line.startswith(f"{SOURCE}: ")
    return line


def accepted(overrides) -> None:
    scenario_from_dict(raw_with(tuple(overrides)), source=SOURCE)


def band_rates(field: str, value: float) -> list[dict]:
    bands = raw_with()["population"]["age_bands"]
    bands[3][field] = value
    return bands


def contracts_with(**changes) -> list[dict]:
    contracts = raw_with()["designs"]["block"]["contracts"]
    contracts[0].update(changes)
    return contracts


@pytest.mark.parametrize(("path", "value", "field"), [
    ((*ACUTE, "reserves_gbp"), 1e30, "acute.reserves_gbp"),
    ((*ACUTE, "fixed_cost_gbp_per_year"), 1e30, "acute.fixed_cost_gbp_per_year"),
    (("organisations", "icb", "allocation_gbp_per_year"), 10**31, "allocation_gbp_per_year"),
])
def test_money_above_a_trillion_is_refused(path, value, field):
    line = refusal([(path, value)])
    assert field in line and "less than or equal to 1000000000000" in line
    accepted([(path, 10**12)])


def test_a_contract_needs_two_different_organisations():
    line = refusal([(("designs", "block", "contracts"), contracts_with(payer="acute"))])
    assert "designs.block.contracts[0]" in line
    assert "payer and payee are both 'acute'" in line


def test_an_id_that_is_a_list_is_a_type_error_not_a_crash():
    line = refusal([(("designs", "block", "contracts"), contracts_with(payer=["icb"]))])
    assert "designs.block.contracts[0].payer: Input should be a valid string" in line


@pytest.mark.parametrize(("field", "value", "limit"), [
    ("nel_admissions_per_1000_per_year", float("inf"), "finite"),
    ("nel_admissions_per_1000_per_year", 1e6, "less than or equal to 12000"),
    ("deaths_per_1000_per_year", 1e6, "less than or equal to 1000"),
    ("los_to_fit_mean_days", float("nan"), "finite"),
])
def test_impossible_rates_are_refused(field, value, limit):
    line = refusal([(("population", "age_bands"), band_rates(field, value))])
    assert f"population.age_bands[3].{field}" in line and limit in line


def test_a_rate_at_its_limit_is_accepted():
    accepted([(("population", "age_bands"),
               band_rates("nel_admissions_per_1000_per_year", 12_000.0))])


def test_an_endless_warm_up_is_refused():
    line = refusal([(("population", "warmup_weeks"), 100_000)])
    assert "population.warmup_weeks" in line and "less than or equal to 156" in line
    accepted([(("population", "warmup_weeks"), 156)])


def test_a_sub_penny_price_is_refused_not_rounded():
    terms = {"mechanism": "activity_based", "unit": "nel_admission", "price_gbp": 0.004}
    line = refusal([(("designs", "block", "contracts"), contracts_with(terms=terms))])
    assert "terms" in line and "price_gbp" in line and "at most 2 decimal places" in line


@pytest.mark.parametrize(("field", "value"), [
    ("temperature_gbp", float("inf")), ("reserves_exit_threshold_gbp", float("nan"))])
def test_infinite_or_missing_judgement_scales_are_refused(field, value):
    line = refusal([((*ACUTE, "behaviour", field), value)])
    assert f"acute.behaviour.{field}: Input should be a finite number" in line


def test_a_place_of_five_people_is_refused():
    line = refusal([(("population", "size"), 5)])
    assert "population.size" in line and "greater than or equal to 1000" in line


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    latin = tmp_path / "latin.toml"
    latin.write_bytes(DEFAULT_TOML.read_bytes().replace(b"Default place", b"Caf\xe9 place"))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(latin)
    (line,) = str(caught.value).splitlines()
    assert line.startswith(f"{latin}: not a text file in UTF-8")
    result = CliRunner().invoke(app, ["validate", str(latin)])
    assert result.exit_code == 2 and "not a text file in UTF-8" in result.output


def test_the_smallest_sample_keeps_every_service():
    scenario = load_scenario(DEFAULT_TOML)
    # By hand: the smallest capacity is community's 42 community beds for 300,000 people;
    # 42 * n / 300,000 rounds to 1 once it passes 0.5: n > 3,571.4, so 3,572.
    assert smallest_sample(scenario)[0] == 3_572
    (line,) = sample_problems(scenario, 100)
    assert "--people 100 is too small" in line and "community_beds" in line
    assert "at least 3,572" in line
    assert sample_problems(scenario, 3_572) == []


def test_upsampling_needs_to_be_asked_for():
    small = scenario_from_dict(raw_with(((("population", "size"), 5_000),)), source=SOURCE)
    (line,) = sample_problems(small, 20_000)
    assert "above the place's population.size of 5,000" in line and "--allow-upsample" in line
    assert sample_problems(small, 20_000, allow_upsample=True) == []


def test_run_refuses_a_tiny_sample_before_starting(tmp_path):
    result = CliRunner().invoke(app, ["run", str(DEFAULT_TOML), "--people", "100",
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "expected at least 3,572" in " ".join(result.output.split())
    assert not (tmp_path / "out").exists()


def test_settle_refuses_a_31_digit_amount(tmp_path):
    source = ROOT / "scenarios" / "agreements" / "torbay_surplus.toml"
    text = source.read_text(encoding="utf-8")
    assert 'outturn_gbp = "198999999.99"' in text
    bad = tmp_path / "huge.toml"
    bad.write_text(text.replace('outturn_gbp = "198999999.99"',
                                'outturn_gbp = "1234567890123456789012345678901"'),
                   encoding="utf-8")
    with pytest.raises(AgreementError) as caught:
        load_settlement_file(bad)
    (line,) = str(caught.value).splitlines()
    assert "figures.outturn_gbp" in line and "less than or equal to 1000000000000" in line


def _experiment(tmp_path, parameter: str) -> ExperimentError:
    shutil.copyfile(DEFAULT_TOML, tmp_path / "place.toml")
    path = tmp_path / "exp.toml"
    path.write_text(f"""
[experiment]
name = "limits"
scenario = "place.toml"
designs = ["block"]
people = 20000
years = 1

[sampling]
method = "random"
samples = 2
seed = 0

[[parameters]]
{parameter}
""", encoding="utf-8")
    with pytest.raises(ExperimentError) as caught:
        build_plan(load_experiment(path))
    return caught.value


def test_a_range_beyond_the_scenario_limit_is_refused_whatever_is_drawn(tmp_path):
    # Two random draws in [0, 1.5] may both land below 1; the end itself is checked.
    error = _experiment(tmp_path, 'path = "organisations.acute.levers.discharge_effort"\n'
                                  'low = 0.0\nhigh = 1.5')
    assert "'organisations.acute.levers.discharge_effort'.high = 1.5" in str(error)
    assert "less than or equal to 1" in str(error)


def test_integer_sampling_of_a_share_is_refused(tmp_path):
    error = _experiment(tmp_path, 'path = "organisations.acute.levers.discharge_effort"\n'
                                  'low = 0.0\nhigh = 1.0\ninteger = true')
    assert "integer = true, but the scenario holds a number with decimals" in str(error)


def test_sweep_refuses_a_binary_file(tmp_path):
    binary = tmp_path / "exp.toml"
    binary.write_bytes(bytes(range(256)))
    result = CliRunner().invoke(app, ["sweep", str(binary), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "not a text file in UTF-8" in result.output
