"""The default place cites its sources, and the README's examples run as written."""

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from experiments.cli import app

ROOT = Path(__file__).resolve().parents[1]


def test_every_number_in_the_default_place_names_its_source():
    """Outside [meta], each numeric value has REFERENCE, estimate or DESIGN on its line or
    in the comment block of its table (the age-band tables share one block)."""
    unsourced, comments, section = [], "", ""
    for number, line in enumerate((ROOT / "scenarios/default.toml").read_text().splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("#"):
            comments += stripped
        elif stripped.startswith("["):
            section = stripped
            if not stripped.startswith("[[population.age_bands"):
                comments = ""
        elif (re.search(r"=\s*[-\d{]", stripped) and section != "[meta]"
              and not any(k in comments + stripped for k in ("REFERENCE", "estimate", "DESIGN"))):
            unsourced.append(f"{number}: {stripped}")
    assert unsourced == []


def _blocks(language: str) -> list[str]:
    text = (ROOT / "README.md").read_text()
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def test_readme_opens_with_the_two_commands():
    first_block = (ROOT / "README.md").read_text().split("```")[1]
    assert first_block.strip().splitlines() == ["make demo", "make test"]


def test_readme_python_examples_run(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    for block in _blocks("python"):
        exec(compile(block.replace('people=20_000', 'people=5_000'), "README.md", "exec"), {})
    assert "surplus_pence" in capsys.readouterr().out


def test_readme_agreement_example_is_the_default_place():
    """The agreement shown in the README is the one in scenarios/default.toml, verbatim."""
    (example,) = [b for b in _blocks("toml") if "system_gain_loss" in b]
    default = (ROOT / "scenarios/default.toml").read_text()
    for line in example.splitlines():
        key = line.split("#")[0].strip()
        if key:
            assert key in default, key


def test_readme_settle_example_runs():
    example = ROOT / "scenarios/agreements/torbay_surplus.toml"
    result = CliRunner().invoke(app, ["settle", str(example), "--json"])
    assert result.exit_code == 0
    assert "torbay_ico" in result.output


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:ipyparallel not installed")
def test_api_python_examples_run(monkeypatch, capsys):
    """Every python block of docs/api.md runs as written, from the repository's root."""
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "api.md").read_text(),
                        flags=re.S)
    assert len(blocks) >= 4  # one run, overrides, exact shares, the EMA workbench
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"docs/api.md (python block {number})", "exec"), {})
    shown = capsys.readouterr().out
    assert "override 'demand.growth': unknown path" in shown
    assert "0.330508474576" in shown
