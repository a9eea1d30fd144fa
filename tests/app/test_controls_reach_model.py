"""Every control, moved on the rendered page, reaches the model built for the run."""

from decimal import Decimal

import ipyvuetify as v  # the widgets the page's elements render to
import pytest
import solara

from sim.scenario.behaviour import BehaviourParams
from tests.app.conftest import SHARING_DESIGN
from viz.app import initial_settings
from viz.components.controls import Controls
from viz.overrides import build_scenario
from viz.session import new_model


def render_controls(raw, design=None):
    settings = solara.reactive(initial_settings(raw))
    if design:
        settings.set(settings.value.__class__(**{**settings.value.__dict__, "design": design}))
    _, rc = solara.render(Controls(raw, settings), handle_error=False)
    return settings, rc


def model_for(raw, settings):
    return new_model(build_scenario(raw, settings.value), settings.value)


def first_agreement(model):
    return model.place.design(model.design_name).agreements[0]


def modifier(side_spec, kind, field):
    found = next((m for m in side_spec.modifiers if m.kind == kind), None)
    return getattr(found, field, None)


# (widget class, label, new value as typed or chosen, what the model must then hold);
# number boxes take the value in the unit shown beside them (%, weeks, years).
CASES = [
    (v.Select, "Design", "block", lambda m: m.design_name == "block"),
    (v.TextField, "Seed", "7", lambda m: m.seed_label == 7),
    (v.TextField, "Years", "3", lambda m: m.years == 3),
    (v.Select, "People simulated (scaled up to the place)", 20_000,
     lambda m: m.size_scale == 20_000 / m.place.population.size),
    (v.TextField, "NEL demand growth per year", "4",
     lambda m: m.place.demand.nel_demand_growth_per_year == 0.04),
    (v.TextField, "Prevention / D2A scheme: intended effect", "20",
     lambda m: m.place.demand.prevention_scheme_effect == 0.2),
    (v.BtnToggle, None, 1,  # index 1 of full/half/none: "half the intended benefit"
     lambda m: m.place.demand.scheme_benefit_realised == 0.5),
    (v.TextField, "Transparency: weeks between system reports", "26",
     lambda m: all(o.spec.behaviour.transparency_weeks == 26 for o in m.organisations)),
    (v.TextField, "Acute trust: system orientation", "0.9",
     lambda m: m.by_id["acute"].spec.behaviour.system_orientation == 0.9
     and m.by_id["icb"].spec.behaviour.system_orientation
     == BehaviourParams().system_orientation),
    (v.TextField, "Local authority (adult social care): trust", "0.3",
     lambda m: m.by_id["council"].spec.behaviour.trust_initial == 0.3),
]

SHARING_CASES = [
    (v.Select, "Sharing rule", "equal_shares",
     lambda a: a.gains.rule.kind == "equal_shares" and a.losses.rule.kind == "equal_shares"),
    (v.TextField, "Corridor: minimum rate (share of baseline)", "2",
     lambda a: modifier(a.gains, "corridor", "minimum_rate") == Decimal("0.02")
     and modifier(a.losses, "corridor", "minimum_rate") == Decimal("0.02")),
    (v.TextField, "Cap on each party's share (share of baseline, 0 = none)", "5",
     lambda a: modifier(a.gains, "cap", "fraction") == Decimal("0.05")),
    (v.TextField, "Threshold retained first (£, 0 = none)", "250000",
     lambda a: modifier(a.gains, "threshold", "amount_gbp") == Decimal(250000)
     and modifier(a.gains, "threshold", "party") == "icb"),
]


def test_a_slider_reaches_the_model_and_its_value_is_shown(raw):
    settings, rc = render_controls(raw)
    years = rc.find(v.Slider, class_="slider-track").widgets[0]  # the first slider: Years
    years.v_model = 4
    assert model_for(raw, settings).years == 4
    assert rc.find(v.TextField, label="Years").widget.v_model == "4"


def test_a_refused_number_leaves_the_run_alone(raw):
    settings, rc = render_controls(raw)
    box = rc.find(v.TextField, label="NEL demand growth per year").widget
    box.v_model = "40"  # 40% a year is outside the control's −5% to 10%
    assert settings.value.demand_growth_per_year is None
    assert box.error_messages == ["Must be between −5.0% and 10.0%."]


@pytest.mark.parametrize(("widget", "label", "value", "holds"), CASES,
                         ids=[c[1] or "scheme benefit" for c in CASES])
def test_each_control_reaches_the_model(raw, widget, label, value, holds):
    settings, rc = render_controls(raw)
    before = model_for(raw, settings)
    assert not holds(before), "the check must fail before the control moves"
    found = rc.find(widget, label=label) if label else rc.find(widget)
    found.widget.v_model = value
    assert holds(model_for(raw, settings))


@pytest.mark.parametrize(("widget", "label", "value", "holds"), SHARING_CASES,
                         ids=[c[1] for c in SHARING_CASES])
def test_each_sharing_control_reaches_the_agreement(raw, widget, label, value, holds):
    settings, rc = render_controls(raw, SHARING_DESIGN)
    assert not holds(first_agreement(model_for(raw, settings)))
    rc.find(widget, label=label).widget.v_model = value
    assert holds(first_agreement(model_for(raw, settings)))


def test_proportions_reach_the_agreement(raw):
    # File shares: icb .20, council .10, acute .30, community .20, social_care .20.
    # Move .10 from icb to acute: icb .10, acute .40 (still adds to 1).
    settings, rc = render_controls(raw, SHARING_DESIGN)
    rc.find(v.TextField, label="Share to Integrated care board").widget.v_model = "10"
    rc.find(v.TextField, label="Share to Acute trust").widget.v_model = "40"
    shares = first_agreement(model_for(raw, settings)).gains.rule.shares
    assert shares["icb"] == Decimal("0.1") and shares["acute"] == Decimal("0.4")
    assert shares["council"] == Decimal("0.1") and sum(shares.values()) == 1
