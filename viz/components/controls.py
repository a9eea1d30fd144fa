"""The controls: every assumption the board may change, written into one ``RunSettings``.

Each control shows the scenario's own value until it is moved; moving it replaces the
session's settings (a new frozen value), which marks any results on show as stale.
"""

from dataclasses import replace
from typing import Any

import solara

from viz.overrides import agreement_summary
from viz.settings import RunSettings, SchemeBenefit

RULE_KINDS = ["fixed_proportions", "pro_rata_contributions", "pro_rata_activity", "equal_shares",
              "budget_allocation", "equity", "performance", "ability_to_pay",
              "prioritise_investment", "compensate_budget_falls"]


def _update(settings: solara.Reactive[RunSettings], **changes) -> None:
    settings.set(replace(settings.value, **changes))


@solara.component
def RunControls(raw: dict[str, Any], settings: solara.Reactive[RunSettings]):
    """Design, seed, years and population."""
    s = settings.value
    solara.Select(label="Design", value=s.design, values=list(raw.get("designs", {})),
                  on_value=lambda v: _update(settings, design=v, sharing=type(s.sharing)()))
    solara.InputInt(label="Seed", value=s.seed,
                    continuous_update=True,
                    on_value=lambda v: _update(settings, seed=max(0, int(v))))
    solara.SliderInt(label="Years", value=s.years, min=1, max=10,
                     on_value=lambda v: _update(settings, years=v))
    solara.Select(label="People simulated (scaled up to the place)", value=s.people,
                  values=sorted({5_000, 20_000, 50_000, 100_000, s.people}),
                  on_value=lambda v: _update(settings, people=int(v)))


@solara.component
def DemandControls(raw: dict[str, Any], settings: solara.Reactive[RunSettings]):
    """Demand growth and the prevention / D2A scheme's effect and realised benefit."""
    s, demand = settings.value, raw.get("demand", {})
    growth = s.demand_growth_per_year
    solara.SliderFloat(label="NEL demand growth per year",
                       value=demand.get("nel_demand_growth_per_year", 0.0) if growth is None
                       else growth, min=-0.05, max=0.10, step=0.005,
                       on_value=lambda v: _update(settings, demand_growth_per_year=v))
    effect = s.scheme_effect
    solara.SliderFloat(label="Prevention / D2A scheme: intended effect",
                       value=demand.get("prevention_scheme_effect", 0.0) if effect is None
                       else effect, min=0.0, max=0.5, step=0.01,
                       on_value=lambda v: _update(settings, scheme_effect=v))
    benefit = s.scheme_benefit or SchemeBenefit.FULL
    solara.Text("Benefit realised")
    solara.ToggleButtonsSingle(value=benefit.value, values=[b.value for b in SchemeBenefit],
                               on_value=lambda v: _update(settings,
                                                          scheme_benefit=SchemeBenefit(v)))


@solara.component
def BehaviourControls(raw: dict[str, Any], settings: solara.Reactive[RunSettings]):
    """Transparency for all, and each organisation's system orientation and trust."""
    s = settings.value
    orgs = raw.get("organisations", [])
    first = (orgs[0].get("behaviour", {}) if orgs else {})
    weeks = s.transparency_weeks or first.get("transparency_weeks", 13)
    solara.SliderInt(label="Transparency: weeks between system reports", value=weeks, min=1,
                     max=104, on_value=lambda v: _update(settings, transparency_weeks=v))
    orientation, trust = dict(s.orientation), dict(s.trust)
    for org in orgs:
        org_id, behaviour = org.get("id", "?"), org.get("behaviour", {})
        with solara.Column(gap="0px"):
            solara.SliderFloat(label=f"{org_id}: system orientation",
                               value=orientation.get(org_id,
                                                     behaviour.get("system_orientation", 0.2)),
                               min=0.0, max=1.0, step=0.05,
                               on_value=lambda v, o=org_id: settings.set(
                                   settings.value.with_org_value("orientation", o, v)))
            solara.SliderFloat(label=f"{org_id}: trust", value=trust.get(
                org_id, behaviour.get("trust_initial", 0.6)), min=0.0, max=1.0, step=0.05,
                               on_value=lambda v, o=org_id: settings.set(
                                   settings.value.with_org_value("trust", o, v)))


@solara.component
def SharingControls(raw: dict[str, Any], settings: solara.Reactive[RunSettings]):
    """The first risk-share agreement's rule, proportions, threshold, corridor and cap."""
    s = settings.value
    summary = agreement_summary(raw, s.design)
    if summary is None:
        solara.Info(f"Design '{s.design}' has no risk-share agreement: nothing to share.")
        return
    sharing = s.sharing
    solara.Text(f"Agreement: {summary['name']}")
    kind = sharing.rule_kind or summary["rule_kind"]
    solara.Select(label="Sharing rule", value=kind, values=RULE_KINDS,
                  on_value=lambda v: settings.set(settings.value.with_sharing(rule_kind=v)))
    if kind == "fixed_proportions":
        _proportion_inputs(summary, settings)
    solara.InputFloat(label="Threshold retained first (£, 0 = none)",
                      value=summary["threshold_gbp"] if sharing.threshold_gbp is None
                      else sharing.threshold_gbp, continuous_update=True,
                      on_value=lambda v: settings.set(settings.value.with_sharing(
                          threshold_gbp=v)))
    solara.SliderFloat(label="Corridor: minimum rate (share of baseline)",
                       value=summary["corridor_rate"] if sharing.corridor_rate is None
                       else sharing.corridor_rate, min=0.0, max=0.1, step=0.005,
                       on_value=lambda v: settings.set(settings.value.with_sharing(
                           corridor_rate=v)))
    solara.SliderFloat(label="Cap on each party's share (share of baseline, 0 = none)",
                       value=summary["cap_fraction"] if sharing.cap_fraction is None
                       else sharing.cap_fraction, min=0.0, max=0.2, step=0.005,
                       on_value=lambda v: settings.set(settings.value.with_sharing(
                           cap_fraction=v)))


def _proportion_inputs(summary: dict[str, Any], settings: solara.Reactive[RunSettings]) -> None:
    parties = summary["parties"]
    given = settings.value.sharing.proportions
    file_shares = {p: float(x) for p, x in summary["shares"].items()}
    shares = dict(given) if given is not None else (
        file_shares or {p: round(1 / len(parties), 6) for p in parties})
    for party in parties:
        def set_share(value, party=party):
            current = dict(settings.value.sharing.proportions or shares)
            current[party] = value
            settings.set(settings.value.with_sharing(proportions=tuple(current.items())))

        solara.InputFloat(label=f"Proportion to {party} (0-1, all add to 1)",
                          value=float(shares.get(party, 0.0)), on_value=set_share,
                          continuous_update=True)


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
