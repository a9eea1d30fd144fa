import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from experiments.cli.settle import settle

EXAMPLES = Path(__file__).resolve().parents[2] / "scenarios" / "agreements"
runner = CliRunner()


def settle_app() -> typer.Typer:
    # A group with a callback, as in the real CLI, so "settle" is a subcommand.
    app = typer.Typer()
    app.callback()(lambda: None)
    app.command("settle")(settle)
    return app


def test_settle_is_registered_on_the_placesim_cli():
    from experiments.cli import app

    assert "settle" in {command.name for command in app.registered_commands}


def test_table_shows_pool_parties_and_amounts():
    result = runner.invoke(settle_app(), ["settle", str(EXAMPLES / "torbay_deficit.toml")])
    assert result.exit_code == 0, result.output
    assert "Pool: loss of £3,000,000.00" in result.output
    for party, amount in [
        ("torbay_ccg", "-£1,230,000.00"),
        ("torbay_council", "-£270,000.00"),
        ("torbay_ico", "-£1,500,000.00"),
    ]:
        row = next(line for line in result.output.splitlines() if party in line and "fixed" in line)
        assert amount in row
    assert "-£3,000,000.00" in result.output  # the total row


def test_json_parses_and_sums_to_the_pool():
    path = EXAMPLES / "bcf_pooled_overspend.toml"
    result = runner.invoke(settle_app(), ["settle", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["pool"] == {"pence": -150000001, "gbp": "-1500000.01"}
    assert sum(line["amount_pence"] for line in data["lines"]) == data["pool"]["pence"]
    icb = next(line for line in data["lines"] if line["party"] == "icb")
    assert icb["amount_pence"] == -60000001 and icb["amount_gbp"] == "-600000.01"


def test_bad_file_exits_2_with_one_line(tmp_path):
    text = (
        (EXAMPLES / "torbay_deficit.toml")
        .read_text()
        .replace(
            'torbay_ico = "0.50" }\n\n[agreement.losses',
            'torbay_ico = "0.49" }\n\n[agreement.losses',
        )
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    result = runner.invoke(settle_app(), ["settle", str(bad)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines == [
        f"error: {bad}: agreement 'torbay_ico', rule 'fixed_proportions', "
        "field 'agreement.gains.rule.shares': proportions add to 0.99, 0.01 short of 1"
    ]
    assert "Traceback" not in result.output


def test_missing_file_exits_2(tmp_path):
    result = runner.invoke(settle_app(), ["settle", str(tmp_path / "none.toml")])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {tmp_path / 'none.toml'}: file not found"
