import tomllib
from pathlib import Path

from sim.population import PopulationParams

PART = Path(__file__).resolve().parents[2] / "scenarios" / "default_population.toml.part"


def test_scenario_part_parses_to_the_defaults():
    data = tomllib.loads(PART.read_text())
    params = PopulationParams.model_validate(data["population"])
    assert params == PopulationParams()


def test_every_number_in_the_part_is_sourced():
    # Each value follows, in its own table, a comment citing REFERENCE, DESIGN or an
    # estimate (the age-band tables share the block above the first of them). Values whose
    # line or preceding comment lines lack a source fail.
    last_comment = ""
    for line in PART.read_text().splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            last_comment += stripped
        elif stripped.startswith("[") and not stripped.startswith("[[population.age_bands"):
            last_comment = ""
        elif "=" in stripped and not stripped.startswith("name"):
            assert any(k in last_comment for k in ("REFERENCE", "estimate", "DESIGN")), line
