import tomllib
from pathlib import Path

from sim.population import PopulationParams

DEFAULT = Path(__file__).resolve().parents[2] / "scenarios" / "default.toml"


def _population_lines() -> list[str]:
    lines, inside = [], False
    for line in DEFAULT.read_text().splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.startswith(("[population", "[[population"))
        if inside:
            lines.append(line)
    return lines


def test_default_population_section_is_the_engine_defaults():
    data = tomllib.loads(DEFAULT.read_text())["population"]
    data.pop("size")
    assert PopulationParams.model_validate(data) == PopulationParams()


def test_every_population_number_in_the_default_place_is_sourced():
    # Each value follows, in its own table, a comment citing REFERENCE, DESIGN or an
    # estimate (the age-band tables share the block above the first of them).
    last_comment = ""
    for line in DEFAULT.read_text().splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            last_comment += stripped
        elif stripped.startswith("[") and not stripped.startswith("[[population.age_bands"):
            last_comment = ""
        elif (stripped.startswith(("[population", "[[population")) or "=" in stripped) and \
                line in _population_lines() and not stripped.startswith("name") and \
                "=" in stripped:
            assert any(k in last_comment + stripped for k in ("REFERENCE", "estimate",
                                                              "DESIGN")), line
