"""Every worked example settles to the result its README line computes by hand."""

import re
from pathlib import Path

import pytest

from sim.core.money import gbp_to_pence
from sim.sharing import load_settlement_file, settle_risk_share

EXAMPLES = Path(__file__).resolve().parents[2] / "scenarios" / "agreements"
LINE = re.compile(r"^- `(?P<file>[\w.]+\.toml)`.*?Expect: (?P<expect>.*?)\. Arithmetic:")


def readme_expectations() -> dict[str, dict[str, int]]:
    expected = {}
    for line in (EXAMPLES / "README.md").read_text(encoding="utf-8").splitlines():
        match = LINE.match(line)
        if match:
            pairs = (item.split() for item in match["expect"].split(", "))
            expected[match["file"]] = {party: gbp_to_pence(amount) for party, amount in pairs}
    return expected


EXPECTED = readme_expectations()


def test_every_example_file_has_one_readme_line():
    files = sorted(path.name for path in EXAMPLES.glob("*.toml"))
    assert files and sorted(EXPECTED) == files


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_settles_to_its_hand_computed_result(name):
    loaded = load_settlement_file(EXAMPLES / name)
    settlement = settle_risk_share(loaded.agreement, loaded.figures)
    assert settlement.totals_by_party() == dict(sorted(EXPECTED[name].items()))
    assert sum(line.amount_pence for line in settlement.lines) == settlement.pool_pence


def test_readme_parser_reads_amounts_exactly():
    # Guard the parser itself: the Torbay surplus has an odd penny for the ICO.
    assert EXPECTED["torbay_surplus.toml"] == {
        "torbay_ccg": 41_000_000,
        "torbay_council": 9_000_000,
        "torbay_ico": 50_000_001,
    }
