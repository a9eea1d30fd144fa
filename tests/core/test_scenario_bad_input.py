"""Bad scenario input gives a clear error naming the file, the field and what was expected.

Also: ``placesim validate`` prints one line per problem and exits 2, and ``placesim run``
writes its Parquet tables and prints a summary.
"""

import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from experiments.cli import app
from sim.population import PopulationParams
from sim.scenario import ScenarioError, load_scenario, scenario_from_dict
from tests.core.helpers import DATA, DEFAULT_TOML, raw_with

SOURCE = "my_place.toml"


def error_for(raw: dict) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(raw, source=SOURCE)
    return caught.value


def age_bands_with_mix(mix: list[float]) -> list[dict]:
    bands = [band.model_dump() for band in PopulationParams().age_bands]
    bands[3]["frailty_mix"] = mix
    return bands


def test_the_small_valid_place_validates():
    scenario = load_scenario(DATA / "small_place.toml")
    assert scenario.organisation_ids == ["icb", "acute"]


def test_wrong_type():
    error = error_for(raw_with(((("population", "size"), "three hundred thousand"),)))
    assert error.problems == [
        "population.size: Input should be a valid integer, unable to parse string as an"
        " integer (got 'three hundred thousand')"]
    assert str(error).startswith(f"{SOURCE}: population.size: ")
    assert "\n" not in str(error)


def test_negative_capacity():
    error = error_for(raw_with(((("organisations", "acute", "capacities", "acute_beds",
                                  "units"), -5),)))
    (line,) = str(error).splitlines()
    assert line.startswith(SOURCE)
    assert "capacities.acute_beds.units" in line
    assert "greater than or equal to 0" in line and "(got -5)" in line


def test_shares_that_do_not_add_up():
    error = error_for(raw_with(((("population", "age_bands"),
                                 age_bands_with_mix([0.3, 0.4, 0.3, 0.2])),)))
    (line,) = str(error).splitlines()
    assert line.startswith(f"{SOURCE}: population.age_bands[3]")
    assert "age_bands[85+].frailty_mix must sum to 1 but sums to 1.2" in line


def test_unknown_organisation_in_a_contract_names_the_field_and_the_choices():
    contracts = raw_with()["designs"]["block"]["contracts"]
    contracts[0]["payee"] = "acute_trust"
    error = error_for(raw_with(((("designs", "block", "contracts"), contracts),)))
    text = str(error)
    assert text.startswith(f"{SOURCE}: designs.block.contracts[0].payee: unknown provider"
                           " 'acute_trust'")
    assert "expected one of acute, age_well, community, home_from_hospital, social_care" in text


def test_unknown_organisation_is_one_line():
    contracts = raw_with()["designs"]["block"]["contracts"]
    contracts[0]["payee"] = "acute_trust"
    error = error_for(raw_with(((("designs", "block", "contracts"), contracts),)))
    assert len(error.problems) == 1
    (line,) = str(error).splitlines()
    assert "payee" in line and "expected one of" in line


def test_missing_file(tmp_path):
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(ScenarioError) as caught:
        load_scenario(missing)
    assert str(caught.value) == f"{missing}: file not found; expected a scenario TOML file"


def test_not_toml(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[meta\nname = 'x'\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(broken)
    (line,) = str(caught.value).splitlines()
    assert line.startswith(f"{broken}: not valid TOML")


def test_every_structural_problem_is_reported_at_once():
    with pytest.raises(ScenarioError) as caught:
        load_scenario(DATA / "bad_place.toml")
    problems = caught.value.problems
    fields = [p.split(": ")[0] for p in problems]
    assert "population.size" in fields
    assert "organisations[1].acute.capacities.acute_beds.units" in fields
    assert "population.age_bands[0]" in fields


def test_reference_problems_are_reported_with_structural_ones():
    with pytest.raises(ScenarioError) as caught:
        load_scenario(DATA / "bad_place.toml")
    assert any("contracts[0].payee" in p for p in caught.value.problems)


def test_validate_command_reports_each_problem_and_exits_2():
    result = CliRunner().invoke(app, ["validate", str(DATA / "bad_place.toml")])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    for field in ("population.size", "acute_beds.units", "frailty_mix", "contracts[0].payee"):
        assert field in text
    assert text.count(str(DATA / "bad_place.toml")) == 4  # each problem names the file


def test_validate_command_prints_exactly_one_line_per_problem():
    result = CliRunner().invoke(app, ["validate", str(DATA / "bad_place.toml")])
    lines = result.output.strip().splitlines()
    assert len(lines) == 4
    assert all(line.startswith(str(DATA / "bad_place.toml") + ": ") for line in lines)


def test_validate_command_accepts_the_default_place():
    result = CliRunner().invoke(app, ["validate", str(DEFAULT_TOML)])
    assert result.exit_code == 0
    assert "valid" in result.output and "activity_based" in result.output


def test_validate_command_missing_file_exits_2(tmp_path):
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "none.toml")])
    assert result.exit_code == 2
    assert "none.toml: file not found" in " ".join(result.output.split())  # (rich wraps)


def test_run_command_writes_parquet_tables_and_prints_a_summary(tmp_path):
    out = tmp_path / "run"
    result = CliRunner().invoke(app, ["run", str(DEFAULT_TOML), "--design", "block",
                                      "--people", "20000", "--years", "1", "--seed", "3",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Default place" in result.output and "block" in result.output
    files = sorted(out.glob("*.parquet"))
    names = {f.stem for f in files}
    assert {"system_weekly", "organisations_monthly", "finance_annual",
            "care_shares_annual", "ledger"} <= names
    for name in ("system_weekly", "ledger", "finance_annual"):
        frame = pd.read_parquet(out / f"{name}.parquet")
        assert len(frame) > 0, name
    weekly = pd.read_parquet(out / "system_weekly.parquet")
    assert len(weekly) == 52 and set(weekly["design"]) == {"block"}
    shutil.rmtree(out)


def test_run_command_unknown_design_exits_2():
    result = CliRunner().invoke(app, ["run", str(DEFAULT_TOML), "--design", "nope",
                                      "--years", "1", "--people", "1000"])
    assert result.exit_code == 2
    assert "no design 'nope'" in result.output


def _default_with_agreement(**changes) -> dict:
    import tomllib
    raw = tomllib.loads(DEFAULT_TOML.read_text(encoding="utf-8"))
    raw["designs"]["capitation_gain_loss"]["agreements"][0].update(changes)
    return raw


def test_a_system_level_agreement_must_name_a_pooled_budget():
    # A run settles a system-level agreement on pooled budgets; the default design has
    # none, so calling its pooled provider positions "system" would be a mislabel.
    error = error_for(_default_with_agreement(level="system"))
    assert any("agreements[0].scope: 'acute' is not a pooled budget" in p
               for p in error.problems)


def test_a_service_level_agreement_must_have_the_service_to_itself():
    # The acute trust is paid by two contracts: one contract's cost cannot be told apart.
    raw = _default_with_agreement(level="service", scope=["icb_acute"])
    contracts = raw["designs"]["capitation_gain_loss"]["contracts"]
    assert sum(c["payee"] == "acute" for c in contracts) >= 1
    contracts.append({"id": "icb_acute_extra", "payer": "icb", "payee": "acute",
                      "terms": {"mechanism": "block", "annual_value_gbp": 1000}})
    if not any(c["id"] == "icb_acute" for c in contracts):
        raw["designs"]["capitation_gain_loss"]["agreements"][0]["scope"] = [contracts[0]["id"]]
    error = error_for(raw)
    assert any("holds other contracts too" in p for p in error.problems)


def test_the_default_agreement_is_organisation_level():
    scenario = load_scenario(DEFAULT_TOML)
    agreement = scenario.designs["capitation_gain_loss"].agreements[0]
    assert agreement.level.value == "organisation"
