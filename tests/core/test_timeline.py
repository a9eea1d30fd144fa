"""The timeline: dated changes take effect at their week (or after notice); bad entries fail
on load with one line naming the file and the field."""

import pytest

from sim.core.calendar import WEEKS_PER_YEAR
from sim.core.kinds import CapacityKind
from sim.model import CareSystemModel
from sim.scenario import ScenarioError, scenario_from_dict
from tests.core.helpers import raw_with

BEDS = "organisations.community.capacities.community_beds.units"


def _scenario(*entries: dict, years: int = 1):
    raw = raw_with()
    raw["meta"]["years"] = years
    raw["timeline"] = list(entries)
    return scenario_from_dict(raw, source="place.toml")


def _beds_by_week(scenario, weeks: int) -> list[int]:
    model = CareSystemModel(scenario, "activity_based", rng=1, people=2_000, behaviour=False)
    seen = []
    for _ in range(weeks):
        model.step()
        seen.append(model.by_id["community"].capacity[CapacityKind.COMMUNITY_BEDS])
    return seen


def _file_beds() -> int:
    org = next(o for o in raw_with()["organisations"] if o["id"] == "community")
    return org["capacities"]["community_beds"]["units"]


def test_a_capacity_change_takes_effect_at_its_week():
    before, after = _file_beds(), _file_beds() + 12  # a 12-bed step-down unit opens
    seen = _beds_by_week(_scenario({"week": 20, "path": BEDS, "value": after}), 30)
    assert seen[:20] == [before] * 20 and seen[20:] == [after] * 10


def test_with_notice_the_change_waits_out_the_capacity_notice():
    org = next(o for o in raw_with()["organisations"] if o["id"] == "community")
    notice = org["capacities"]["community_beds"].get("notice_weeks", 26)
    after = _file_beds() + 12
    seen = _beds_by_week(_scenario({"week": 4, "path": BEDS, "value": after, "notice": True}),
                         4 + notice + 2)
    assert seen[4 + notice - 1] == _file_beds() and seen[4 + notice] == after


def test_a_cost_change_reaches_the_ledger_from_its_week():
    path = "organisations.acute.fixed_cost_gbp_per_year"
    scenario = _scenario({"week": 26, "path": path, "value": 0})
    model = CareSystemModel(scenario, "activity_based", rng=1, people=2_000, behaviour=False)
    model.run(1)
    ledger = model.ledger.to_frame()
    fixed = ledger[(ledger["payer"] == "acute") & (ledger["reason"] == "fixed_cost")]
    # Paid for the weeks before 26 only: half a year of £37m, to within a penny a month.
    assert int(fixed["amount_pence"].sum()) == pytest.approx(37_000_000 * 100 * 26 / 52, abs=12)
    assert int(fixed[fixed["week"] >= 26 + 4]["amount_pence"].sum()) == 0


@pytest.mark.parametrize("entry, field", [
    ({"week": 10, "path": "organisations.nobody.fixed_cost_gbp_per_year", "value": 1},
     "timeline[0].path"),
    ({"week": 10, "path": "organisations.acute.levers.discharge_efort", "value": 0.5},
     "timeline[0].path"),
    ({"week": WEEKS_PER_YEAR, "path": BEDS, "value": 20}, "timeline[0].week"),
    ({"week": 10, "path": BEDS, "value": "twelve"}, "timeline[0].value"),
    ({"week": 10, "path": "population.size", "value": 10}, "timeline[0].path"),
    ({"week": 10, "path": "designs.block.contracts.icb_acute.terms.annual_value_gbp",
      "value": 1}, "timeline[0].week"),
])
def test_bad_entries_get_one_line_naming_file_and_field(entry, field):
    with pytest.raises(ScenarioError) as error:
        _scenario(entry)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"place.toml: {field}")


def test_a_contract_replaced_at_a_year_start_is_paid_on_its_new_terms_from_then():
    path = "designs.block.contracts.icb_community.terms"
    terms = {"mechanism": "block", "annual_value_gbp": 12_000_000}
    model = CareSystemModel(_scenario({"week": WEEKS_PER_YEAR, "path": path, "value": terms},
                                      years=2), "block", rng=1, people=2_000, behaviour=False)
    model.run(2)
    contract = next(c for c in model.contracts.contracts if c.spec.id == "icb_community")
    assert contract.paid_by_year_pence[1] == 12_000_000 * 100
    assert contract.paid_by_year_pence[0] != 12_000_000 * 100


def test_adding_a_contract_during_a_run_is_refused_on_load():
    contracts = raw_with()["designs"]["block"]["contracts"]
    extra = dict(contracts[0], id="icb_acute_extra")
    with pytest.raises(ScenarioError, match=r"place.toml: timeline\[0\].path: adding or removing"):
        _scenario({"week": 0, "path": "designs.block.contracts", "value": [*contracts, extra]})
