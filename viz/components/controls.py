"""The controls: every assumption the board may change, written into one ``RunSettings``.

Each control shows the scenario's own value until it is moved; moving it replaces the
session's settings (a new frozen value). Every slider shows its value in plain units with a
number box beside it; organisations and designs are shown by their display names.
"""

from dataclasses import replace
from typing import Any

import reacton.ipyvuetify as v
import solara

from experiments.names import design_names, organisation_names
from viz.components.fields import INDEX, PERCENT, WEEKS, YEARS, NumberBox, NumberSlider, Unit
from viz.overrides import agreement_summary
from viz.problems import share_problems
from viz.settings import RunSettings, SchemeBenefit

RULE_KINDS = {"fixed_proportions": "Fixed proportions", "pro_rata_contributions":
              "In proportion to contributions", "pro_rata_activity": "In proportion to activity",
              "equal_shares": "Equal shares", "budget_allocation": "In proportion to budgets",
              "equity": "Equity (need-weighted)", "performance": "By performance",
              "ability_to_pay": "By ability to pay", "prioritise_investment":
              "Prioritise investment (gains only)", "compensate_budget_falls":
              "Compensate budget falls (gains only)"}
POUNDS = Unit(1.0, "", 0)
MAX_SEED = 2**31 - 1
REPLICATION_CHOICES = (1, 3, 5, 10)


def _update(settings: solara.Reactive[RunSettings], **changes) -> None:
    settings.set(replace(settings.value, **changes))


def _select(label: str, value: Any, items: dict[Any, str], on_value) -> None:
    """A drop-down showing display names while holding ids."""
    v.Select(label=label, v_model=value, items=[{"text": t, "value": k} for k, t in items.items()],
             on_v_model=on_value, dense=True)


@solara.component
def RunControls(raw: dict[str, Any], settings: solara.Reactive[RunSettings]):
    """Design, first seed, replications, years and population."""
    s = settings.value
    _select("Design", s.design, design_names(raw),
            lambda v_: _update(settings, design=v_, sharing=type(s.sharing)()))
    with solara.Row(gap="8px"):
        NumberBox("Seed", s.seed, lambda v_: _update(settings, seed=int(v_)), 0, MAX_SEED,
                  POUNDS, whole=True, width="120px")
        _select("Replications", s.replications, {n: f"{n} seed{'s' * (n > 1)}" for n in
                                                  REPLICATION_CHOICES},
                lambda v_: _update(settings, replications=int(v_)))
    NumberSlider("Years", s.years, lambda v_: _update(settings, years=int(v_)), 1, 10, 1, YEARS,
                 whole=True)
    people = sorted({5_000, 20_000, 50_000, 100_000, s.people})
    _select("People simulated (scaled up to the place)", s.people,
            {n: f"{n:,}" for n in people}, lambda v_: _update(settings, people=int(v_)))


@solara.component
def DemandControls(raw: dict[str, Any], settings: solara.Reactive[RunSettings]):
    """Demand growth and the prevention / D2A scheme's effect and realised benefit."""
    s, demand = settings.value, raw.get("demand", {})
    growth = s.demand_growth_per_year
    NumberSlider("NEL demand growth per year",
                 demand.get("nel_demand_growth_per_year", 0.0) if growth is None else growth,
                 lambda v_: _update(settings, demand_growth_per_year=v_), -0.05, 0.10, 0.005,
                 PERCENT)
    effect = s.scheme_effect
    NumberSlider("Prevention / D2A scheme: intended effect",
                 demand.get("prevention_scheme_effect", 0.0) if effect is None else effect,
                 lambda v_: _update(settings, scheme_effect=v_), 0.0, 0.5, 0.01, PERCENT)
    benefit = s.scheme_benefit or SchemeBenefit.FULL
    solara.Text("Benefit realised")
    solara.ToggleButtonsSingle(value=benefit.value, values=[b.value for b in SchemeBenefit],
                               on_value=lambda v_: _update(settings,
                                                           scheme_benefit=SchemeBenefit(v_)))


@solara.component
def BehaviourControls(raw: dict[str, Any], settings: solara.Reactive[RunSettings]):
    """Transparency for all, and each organisation's system orientation and trust."""
    s = settings.value
    orgs = raw.get("organisations", [])
    names = organisation_names(raw)
    first = (orgs[0].get("behaviour", {}) if orgs else {})
    weeks = s.transparency_weeks or first.get("transparency_weeks", 13)
    NumberSlider("Transparency: weeks between system reports", weeks,
                 lambda v_: _update(settings, transparency_weeks=int(v_)), 1, 104, 1, WEEKS,
                 whole=True)
    orientation, trust = dict(s.orientation), dict(s.trust)
    for org in orgs:
        org_id, behaviour = org.get("id", "?"), org.get("behaviour", {})
        NumberSlider(f"{names[org_id]}: system orientation",
                     orientation.get(org_id, behaviour.get("system_orientation", 0.2)),
                     lambda v_, o=org_id: settings.set(
                         settings.value.with_org_value("orientation", o, v_)),
                     0.0, 1.0, 0.05, INDEX)
        NumberSlider(f"{names[org_id]}: trust", trust.get(org_id,
                                                          behaviour.get("trust_initial", 0.6)),
                     lambda v_, o=org_id: settings.set(
                         settings.value.with_org_value("trust", o, v_)),
                     0.0, 1.0, 0.05, INDEX)


@solara.component
def SharingControls(raw: dict[str, Any], settings: solara.Reactive[RunSettings]):
    """The first risk-share agreement's rule, proportions, threshold, corridor and cap."""
    s = settings.value
    summary = agreement_summary(raw, s.design)
    if summary is None:
        solara.Info(f"{design_names(raw)[s.design]} has no risk-share agreement: nothing to"
                    " share.")
        return
    sharing = s.sharing
    solara.Text(f"Agreement: {summary['name']}")
    kind = sharing.rule_kind or summary["rule_kind"]
    _select("Sharing rule", kind, RULE_KINDS,
            lambda v_: settings.set(settings.value.with_sharing(rule_kind=v_)))
    if kind == "fixed_proportions":
        _proportion_inputs(raw, summary, settings)
    NumberBox("Threshold retained first (£, 0 = none)",
              summary["threshold_gbp"] if sharing.threshold_gbp is None
              else sharing.threshold_gbp,
              lambda v_: settings.set(settings.value.with_sharing(threshold_gbp=v_)), 0, 1e9,
              POUNDS, width="220px")
    NumberSlider("Corridor: minimum rate (share of baseline)",
                 summary["corridor_rate"] if sharing.corridor_rate is None
                 else sharing.corridor_rate,
                 lambda v_: settings.set(settings.value.with_sharing(corridor_rate=v_)),
                 0.0, 0.1, 0.005, PERCENT)
    NumberSlider("Cap on each party's share (share of baseline, 0 = none)",
                 summary["cap_fraction"] if sharing.cap_fraction is None
                 else sharing.cap_fraction,
                 lambda v_: settings.set(settings.value.with_sharing(cap_fraction=v_)),
                 0.0, 0.2, 0.005, PERCENT)


def current_shares(summary: dict[str, Any], settings: RunSettings) -> dict[str, float]:
    """The proportions in force: the page's, else the file's, else equal shares."""
    given = settings.sharing.proportions
    if given is not None:
        return dict(given)
    file_shares = {p: float(x) for p, x in summary["shares"].items()}
    return file_shares or {p: round(1 / len(summary["parties"]), 6) for p in summary["parties"]}


def _proportion_inputs(raw: dict[str, Any], summary: dict[str, Any],
                       settings: solara.Reactive[RunSettings]) -> None:
    names = organisation_names(raw)
    shares = current_shares(summary, settings.value)
    solara.Text("Share of the pool to each party (all add to 100%)")
    for party in summary["parties"]:
        def set_share(value, party=party):
            current = current_shares(summary, settings.value)
            current[party] = value
            settings.set(settings.value.with_sharing(proportions=tuple(current.items())))

        with solara.Row(gap="8px", style="align-items:center;justify-content:space-between"):
            solara.Text(names.get(party, party))
            NumberBox(f"Share to {names.get(party, party)}", float(shares.get(party, 0.0)),
                      set_share, 0.0, 1.0, PERCENT, width="110px")
    for line in share_problems(raw, settings.value, names):
        solara.Error(line, icon=False, dense=True, classes=["share-problem"])


@solara.component
def Controls(raw: dict[str, Any], settings: solara.Reactive[RunSettings]):
    """All controls, grouped as a board would think of them."""
    with solara.Card("Run"):
        RunControls(raw, settings)
    with solara.Card("Risk and benefit sharing"):
        SharingControls(raw, settings)
    with solara.Card("Demand and schemes"):
        DemandControls(raw, settings)
    with solara.Card("Behaviour"):
        BehaviourControls(raw, settings)
