"""Bad input: every error names the file (if any), the agreement, the rule and the field."""

import pytest
from pydantic import ValidationError

from sim.sharing import AgreementError, RiskShareAgreement, load_settlement_file

GOOD = """
[agreement]
name = "torbay"
parties = ["ccg", "council", "ico"]
level = "organisation"
scope = ["ico"]
residual_party = "ccg"

[agreement.gains.rule]
kind = "fixed_proportions"
shares = { ccg = "0.41", council = "0.09", ico = "0.50" }

[agreement.losses.rule]
kind = "pro_rata_contributions"

[figures]
year = 2016
baseline_gbp = "1000.00"
outturn_gbp = "900.00"

[figures.parties.ccg]
contribution_gbp = 41
[figures.parties.council]
contribution_gbp = 9
[figures.parties.ico]
contribution_gbp = 50
"""


def load_error(tmp_path, text) -> str:
    path = tmp_path / "agreement.toml"
    path.write_text(text)
    with pytest.raises(AgreementError) as caught:
        load_settlement_file(path)
    assert caught.value.file == str(path)
    return str(caught.value)


def test_the_good_file_loads(tmp_path):
    path = tmp_path / "good.toml"
    path.write_text(GOOD)
    loaded = load_settlement_file(path)
    assert loaded.agreement.name == "torbay" and loaded.figures.baseline_gbp == 1000


def test_proportions_short_of_one_say_by_how_much(tmp_path):
    message = load_error(tmp_path, GOOD.replace('ico = "0.50"', 'ico = "0.49"'))
    assert message == (
        f"{tmp_path / 'agreement.toml'}: agreement 'torbay', rule 'fixed_proportions', "
        "field 'agreement.gains.rule.shares': proportions add to 0.99, 0.01 short of 1"
    )


def test_proportions_over_one_say_by_how_much(tmp_path):
    message = load_error(tmp_path, GOOD.replace('ico = "0.50"', 'ico = "0.52"'))
    assert "proportions add to 1.02, 0.02 over 1" in message


def test_unknown_party_in_proportions(tmp_path):
    message = load_error(tmp_path, GOOD.replace('ico = "0.50"', 'ic0 = "0.50"'))
    assert (
        "agreement 'torbay', rule 'fixed_proportions', field 'agreement.gains.rule.shares': "
        "unknown party 'ic0'; expected one of: ccg, council, ico"
    ) in message


def test_unknown_residual_party(tmp_path):
    message = load_error(tmp_path, GOOD.replace('residual_party = "ccg"', 'residual_party = "icb"'))
    assert (
        "agreement 'torbay', field 'agreement.residual_party': unknown party 'icb'; "
        "expected one of: ccg, council, ico"
    ) in message


def with_gain_modifier(block: str) -> str:
    return GOOD.replace("\n[figures]", f"\n[[agreement.gains.modifiers]]\n{block}\n\n[figures]", 1)


def test_unknown_threshold_party(tmp_path):
    text = with_gain_modifier('kind = "threshold"\nparty = "icb"\namount_gbp = 10')
    message = load_error(tmp_path, text)
    assert (
        "agreement 'torbay', rule 'threshold', field 'agreement.gains.modifiers[0]': "
        "unknown party 'icb'"
    ) in message


def test_negative_contribution(tmp_path):
    message = load_error(tmp_path, GOOD.replace("contribution_gbp = 9", "contribution_gbp = -9"))
    assert (
        "agreement 'torbay', rule 'pro_rata_contributions', "
        "field 'figures.parties.council.contribution_gbp': must not be negative, got -9"
    ) in message


def test_missing_data_for_a_rule_is_reported_when_the_file_loads(tmp_path):
    # The file shows a gain, but the loss rule's data is checked too, so a later year
    # with a loss cannot fail half-way through a run.
    message = load_error(
        tmp_path, GOOD.replace("[figures.parties.ico]\ncontribution_gbp = 50\n", "")
    )
    assert (
        "agreement 'torbay', rule 'pro_rata_contributions', "
        "field 'figures.parties.ico.contribution_gbp': "
        "missing: rule 'pro_rata_contributions' needs it"
    ) in message


def test_threshold_larger_than_baseline(tmp_path):
    text = with_gain_modifier('kind = "threshold"\nparty = "ccg"\namount_gbp = 250000')
    message = load_error(tmp_path, text)
    assert (
        "agreement 'torbay', rule 'threshold', field 'agreement.gains.modifiers[0].amount_gbp': "
        "threshold £250,000.00 is larger than the baseline £1,000.00"
    ) in message


TIERS = """
[[agreement.gains.modifiers]]
kind = "tiers"
[[agreement.gains.modifiers.bands]]
from_gbp = 0
to_gbp = 500
rule = { kind = "equal_shares" }
[[agreement.gains.modifiers.bands]]
from_gbp = {start}
rule = { kind = "equal_shares" }

[figures]"""


def test_overlapping_tiers(tmp_path):
    message = load_error(tmp_path, GOOD.replace("\n[figures]", TIERS.replace("{start}", "400"), 1))
    assert (
        "agreement 'torbay', rule 'tiers', field 'agreement.gains.modifiers[0].bands[1]': "
        "band £400.00 to open overlaps the band before it"
    ) in message


def test_tiers_with_a_gap(tmp_path):
    message = load_error(tmp_path, GOOD.replace("\n[figures]", TIERS.replace("{start}", "600"), 1))
    assert "gap before band £600.00 to open: £500.00 to £600.00 is in no band" in message


def test_unknown_rule_kind_lists_the_kinds(tmp_path):
    message = load_error(
        tmp_path, GOOD.replace('kind = "pro_rata_contributions"', 'kind = "pro_rata"')
    )
    assert (
        "field 'agreement.losses.rule': unknown kind 'pro_rata'; "
        "expected one of: fixed_proportions," in message
    )


def test_type_errors_name_the_rule_and_field(tmp_path):
    message = load_error(tmp_path, GOOD.replace('ico = "0.50"', 'ico = "half"'))
    assert (
        "agreement 'torbay', rule 'fixed_proportions', field 'agreement.gains.rule.shares.ico'"
        in message
    )


def test_every_problem_is_reported_at_once(tmp_path):
    text = GOOD.replace('ico = "0.50"', 'ico = "0.49"').replace(
        'residual_party = "ccg"', 'residual_party = "x"'
    )
    text = text.replace('baseline_gbp = "1000.00"', 'baseline_gbp = "1000.001"')
    lines = load_error(tmp_path, text).splitlines()
    assert len(lines) == 3
    assert any("field 'agreement.residual_party'" in line for line in lines)
    assert any("0.01 short of 1" in line for line in lines)
    assert any(
        "field 'figures.baseline_gbp'" in line and "2 decimal places" in line for line in lines
    )
    assert all(line.startswith(str(tmp_path / "agreement.toml")) for line in lines)


def test_unknown_party_in_figures(tmp_path):
    message = load_error(tmp_path, GOOD + "[figures.parties.icb]\ncontribution_gbp = 1\n")
    assert "field 'figures.parties.icb': 'icb' is not a party to the agreement" in message


def test_not_toml_and_missing_file(tmp_path):
    assert "not valid TOML" in load_error(tmp_path, "[agreement\n")
    with pytest.raises(AgreementError, match="file not found"):
        load_settlement_file(tmp_path / "nope.toml")


BASE = {
    "name": "pool",
    "parties": ["icb", "la"],
    "level": "system",
    "residual_party": "la",
    "gains": {"rule": {"kind": "equal_shares"}},
    "losses": {"rule": {"kind": "equal_shares"}},
}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {
                "losses": {
                    "rule": {"kind": "equal_shares"},
                    "modifiers": [{"kind": "reinvestment", "fraction": "0.1"}],
                }
            },
            "rule 'reinvestment', field 'losses.modifiers[0].kind': "
            "reinvestment applies to gains only",
        ),
        (
            {
                "gains": {
                    "rule": {"kind": "equal_shares"},
                    "modifiers": [{"kind": "contingency_reserve"}],
                }
            },
            "rule 'contingency_reserve', field 'gains.modifiers[0].target_gbp'",
        ),
        (
            {
                "gains": {
                    "rule": {"kind": "equal_shares"},
                    "modifiers": [{"kind": "cap", "party": "la", "amount_gbp": 1}],
                }
            },
            "rule 'cap', field 'gains.modifiers[0].party': cannot cap the residual party 'la'",
        ),
        (
            {
                "gains": {
                    "rule": {"kind": "equal_shares"},
                    "modifiers": [{"kind": "cap", "party": "icb"}],
                }
            },
            "rule 'cap', field 'gains.modifiers[0]': give exactly one of amount_gbp or fraction",
        ),
        (
            {"losses": {"rule": {"kind": "compensate_budget_falls"}}},
            "rule 'compensate_budget_falls', field 'losses.rule.kind': "
            "rule 'compensate_budget_falls' can only share gains",
        ),
        (
            {
                "gains": {
                    "rule": {
                        "kind": "performance",
                        "basis": "achievement",
                        "earmarks": {"icb": "0.6", "la": "0.3"},
                    }
                }
            },
            "rule 'performance', field 'gains.rule.earmarks': earmarks add to 0.9, 0.1 short of 1",
        ),
        (
            {"parties": ["icb", "la", "icb"]},
            "field 'parties': party 'icb' is listed 2 times",
        ),
        (
            {"parties": ["icb", "la", "reinvestment"]},
            "field 'parties': 'reinvestment' is reserved for a pseudo-party",
        ),
        (
            {"level": "organisation", "scope": ["acute"]},
            "field 'scope': at organisation level the scope lists parties",
        ),
    ],
)
def test_agreement_checks_when_embedded(change, expected):
    # Embedded in a scenario, the agreement is validated by pydantic; the message still
    # names the agreement, the rule and the field.
    with pytest.raises(ValidationError) as caught:
        RiskShareAgreement.model_validate({**BASE, **change})
    assert "agreement 'pool'" in str(caught.value)
    assert expected in str(caught.value)
