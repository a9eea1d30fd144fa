"""The one override mechanism: paths, table and list values, pro-rata shares, conflicts."""

import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from exp_fakes import experiment_body, write_experiment

from experiments.overrides import (
    Override,
    OverrideError,
    apply_overrides,
    merge,
    pro_rata,
    rescaled,
)
from experiments.runs import prepare
from experiments.sweep import ExperimentError, build_plan, load_experiment
from sim.scenario import ScenarioError, load_scenario

ROOT = Path(__file__).resolve().parents[2]
PLACE = ROOT / "scenarios" / "default.toml"
SHARES = "designs.capitation_gain_loss.agreements.system_gain_loss.gains.rule.shares"


@pytest.fixture(scope="module")
def raw():
    return tomllib.loads(PLACE.read_text(encoding="utf-8"))


def test_torbay_shares_renormalise_pro_rata_and_add_to_exactly_one():
    shares = {"ccg": Decimal("0.41"), "council": Decimal("0.09"), "ico": Decimal("0.50")}
    out = rescaled(shares, "ccg", Decimal("0.61"))
    # the others share what is left, 0.39, in their old ratio: 0.09 x 0.39 / 0.59 and
    # 0.50 x 0.39 / 0.59 (old total of the others 0.59)
    exact = {"council": Fraction(9, 100) * Fraction(39, 59),
             "ico": Fraction(50, 100) * Fraction(39, 59)}
    for party, value in exact.items():
        assert abs(Fraction(out[party]) - value) <= Fraction(1, 10**12)
    assert out["ccg"] == Decimal("0.61")
    assert sum(out.values()) == 1  # exactly: Decimal, no float drift
    # 0.0594915254237288... rounds up (remainder .73 beats .27) so the sum is exact
    assert out["council"] == Decimal("0.059491525424")
    assert out["ico"] == Decimal("0.330508474576")


def test_pro_rata_reaches_the_validated_agreement(raw):
    scenario = prepare(PLACE, [pro_rata(f"{SHARES}.icb", 0.4)])
    rule = scenario.design("capitation_gain_loss").agreements[0].gains.rule
    # the others held 0.80 and now share 0.60: each scaled by 0.75, exactly
    assert rule.shares == {"icb": Decimal("0.4"), "council": Decimal("0.075"),
                           "acute": Decimal("0.225"), "community": Decimal("0.15"),
                           "social_care": Decimal("0.15")}
    assert sum(rule.shares.values()) == 1
    assert raw["designs"]["capitation_gain_loss"]["agreements"][0]["gains"]["rule"][
        "shares"]["icb"] == "0.20"  # the parsed file is left unchanged


def test_a_share_above_the_total_is_refused():
    with pytest.raises(OverrideError, match="expected a value between 0 and 1"):
        rescaled({"a": Decimal("0.5"), "b": Decimal("0.5")}, "a", Decimal("1.2"), "x.a")


def test_table_and_list_values_replace_what_is_at_their_path():
    path = "designs.capitation_gain_loss.agreements.system_gain_loss"
    scenario = prepare(PLACE, {
        f"{path}.gains.rule": {"kind": "equal_shares"},
        f"{path}.gains.modifiers": [{"kind": "cap", "fraction": 0.05, "of": "baseline"}],
    })
    gains = scenario.design("capitation_gain_loss").agreements[0].gains
    assert gains.rule.kind == "equal_shares"
    assert [(m.kind, m.fraction) for m in gains.modifiers] == [("cap", Decimal("0.05"))]


@pytest.mark.parametrize(("layers", "message"), [
    (({"demand.nel_demand_growth_per_year": 0.01},
      {"demand.nel_demand_growth_per_year": 0.02}), "set twice, to 0.01 and to 0.02"),
    (({"demand": {"nel_demand_growth_per_year": 0.01}},
      {"demand.prevention_scheme_effect": 0.1}), "conflicts with 'demand', which replaces"),
    (([pro_rata(f"{SHARES}.icb", 0.3)], {f"{SHARES}.acute": 0.3}),
     "rescales the other entries of"),
])
def test_conflicting_overrides_are_an_error(layers, message):
    with pytest.raises(OverrideError, match=message):
        merge(*layers)


def test_the_same_override_twice_is_not_a_conflict():
    one = Override("demand.nel_demand_growth_per_year", 0.01)
    assert merge([one], {"demand.nel_demand_growth_per_year": 0.01}) == [one]


@pytest.mark.parametrize(("path", "named"), [
    ("demand.nel_demand_growht_per_year", "'nel_demand_growht_per_year' is not a field of"
                                          " demand"),
    ("organisations.nowhere.behaviour.system_orientation", "no item 'nowhere' in"
                                                           " organisations"),
])
def test_an_unknown_path_is_an_error_naming_it(path, named):
    with pytest.raises(ScenarioError) as caught:
        prepare(PLACE, {path: 0.1})
    line = str(caught.value)
    assert f"override '{path}': unknown path" in line and named in line
    assert line.startswith(str(PLACE))


def test_a_scenario_object_takes_overrides_like_a_file():
    path = "organisations.acute.behaviour.system_orientation"
    from_file = prepare(PLACE, {path: 0.8})
    from_object = prepare(load_scenario(PLACE), {path: 0.8})
    assert from_file == from_object
    assert from_object.organisation("acute").behaviour.system_orientation == 0.8


def test_list_items_are_found_by_id_and_missing_sections_created(raw):
    changed = apply_overrides({"organisations": [{"id": "a"}, {"id": "b"}]},
                              {"organisations.b.behaviour.trust_initial": 0.3})
    assert changed == {"organisations": [{"id": "a"}, {"id": "b",
                                                       "behaviour": {"trust_initial": 0.3}}]}
    with pytest.raises(OverrideError, match="override 'organisations.c.x': no item 'c'"):
        apply_overrides({"organisations": [{"id": "a"}]}, {"organisations.c.x": 1})


PRO_RATA_PARAMETER = f"""
[[parameters]]
path = "{SHARES}.acute"
values = [0.1, 0.5]
siblings = "pro_rata"
"""


def test_an_experiment_states_pro_rata_and_every_run_adds_to_one(tmp_path, scenario_copy):
    file = write_experiment(tmp_path, experiment_body(designs='["capitation_gain_loss"]',
                                                      parameters=PRO_RATA_PARAMETER))
    runs = build_plan(load_experiment(file))
    assert len(runs) == 2
    for spec, acute in zip(runs, (Decimal("0.1"), Decimal("0.5")), strict=True):
        shares = spec.scenario_raw["designs"]["capitation_gain_loss"]["agreements"][0][
            "gains"]["rule"]["shares"]
        assert Decimal(str(shares["acute"])) == acute
        assert sum(Decimal(str(v)) for v in shares.values()) == 1
        # council held 0.10 of the 0.70 the others held: 1/7 of what is left
        assert abs(Fraction(shares["council"]) - (1 - Fraction(acute)) / 7) <= Fraction(
            1, 10**12)


def test_an_experiment_with_conflicting_parameters_names_both(tmp_path, scenario_copy):
    both = PRO_RATA_PARAMETER + f"""
[[parameters]]
path = "{SHARES}.icb"
values = [0.2]
"""
    file = write_experiment(tmp_path, experiment_body(designs='["capitation_gain_loss"]',
                                                      parameters=both))
    with pytest.raises(ExperimentError, match=f"override '{SHARES}.icb': conflicts with "
                                              f"'{SHARES}.acute'"):
        build_plan(load_experiment(file))


def test_an_experiment_sweeps_a_whole_list(tmp_path, scenario_copy):
    from experiments.sweep.store import spec_columns
    from sim.scenario import scenario_from_dict

    modifiers = "designs.capitation_gain_loss.agreements.system_gain_loss.gains.modifiers"
    parameter = f"""
[[parameters]]
path = "{modifiers}"
values = [[], [{{ kind = "cap", fraction = 0.05, of = "baseline" }}]]
"""
    file = write_experiment(tmp_path, experiment_body(designs='["capitation_gain_loss"]',
                                                      parameters=parameter))
    runs = build_plan(load_experiment(file))
    kinds = [[m.kind for m in scenario_from_dict(spec.scenario_raw).design(
        "capitation_gain_loss").agreements[0].gains.modifiers] for spec in runs]
    assert kinds == [[], ["cap"]]
    assert spec_columns(runs[1])[modifiers] == (
        '[{"fraction": 0.05, "kind": "cap", "of": "baseline"}]')


def test_the_shipped_gain_share_example_keeps_every_split_adding_to_one():
    runs = build_plan(load_experiment(ROOT / "experiments" / "examples" /
                                      "acute_gain_share.toml"))
    # 4 shares x 2 replications x 1 design
    assert len(runs) == 8
    for spec in runs:
        agreement = spec.scenario_raw["designs"]["capitation_gain_loss"]["agreements"][0]
        for side in ("gains", "losses"):
            assert sum(Decimal(str(v)) for v in agreement[side]["rule"]["shares"].values()) == 1
