"""The app draws an integrated provider: its colour, its accounts panel, its patient flows."""

from types import SimpleNamespace

import networkx as nx
import pandas as pd
from matplotlib.colors import to_hex

from sim.core.kinds import OrganisationKind
from sim.model.network import add_patient_flows, organisation_families
from viz.charts.finance import finance_figure
from viz.charts.style import KIND_COLOURS


def test_every_organisation_family_has_its_own_colour():
    assert set(KIND_COLOURS) == {kind.value for kind in OrganisationKind}
    assert len(set(KIND_COLOURS.values())) == len(KIND_COLOURS)


def test_an_integrated_providers_accounts_are_drawn_in_its_colour():
    finance = pd.DataFrame({"organisation": ["ico", "ico"], "kind": ["integrated"] * 2,
                            "year": [0, 1], "income_pence": [300_000_000, 310_000_000],
                            "cost_pence": [290_000_000, 320_000_000],
                            "fixed_cost_out_pence": [100_000_000] * 2,
                            "semi_fixed_cost_out_pence": [50_000_000] * 2,
                            "reserves_pence": [10_000_000, 0], "surplus_pence": [10, -10]})
    figure = finance_figure(finance, {"ico": "Torbay ICO"})
    ax = figure.axes[0]
    assert ax.get_title() == "Torbay ICO"
    income = [p for p in ax.patches if to_hex(p.get_facecolor()) == KIND_COLOURS["integrated"]]
    # Two income bars (£3.0m and £3.1m), in the integrated colour, not the fallback grey.
    assert sorted(round(p.get_height(), 6) for p in income) == [3.0, 3.1]


def _org(org_id: str, kind: str, lines: tuple[str, ...] = ()):
    return SimpleNamespace(org_id=org_id, kind=SimpleNamespace(value=kind),
                           **({"lines": [SimpleNamespace(kind=SimpleNamespace(value=f))
                                         for f in lines]} if lines else {}))


def test_patients_leaving_an_integrated_provider_for_another_organisation_are_drawn():
    orgs = [_org("ico", "integrated", ("acute", "community")), _org("market", "social_care")]
    families = organisation_families(orgs)
    assert families == {"ico": ("acute", "community"), "market": ("social_care",)}
    graph = nx.MultiDiGraph(patient_flow_totals={})
    flows = SimpleNamespace(discharges_support_at_home=4.0, discharges_bed_based=1.0,
                            discharges_care_home=3.0, package_starts=2.0)
    add_patient_flows(graph, flows, families, size_scale=0.5)
    patients = {(u, v): d["people"] for u, v, d in graph.edges(data=True)}
    # acute → social care (care homes) 3 and community → social care (packages) 2 both leave
    # the ICO for the market: (3 + 2) / 0.5 = 10 people; acute → community (4 + 1) stays
    # inside the organisation and draws no edge.
    assert patients == {("ico", "market"): 10.0}


def test_the_accounts_caption_gives_an_integrated_providers_cost_by_line():
    from viz.charts.finance import finance_caption, line_costs_text

    lines = pd.DataFrame({"organisation": ["ico"] * 4,
                          "service_line": ["acute", "social_care", "acute", "social_care"],
                          "year": [0, 0, 1, 1],
                          "cost_pence": [3_000_000_000, 1_000_000_000, 3_000_000_000,
                                         3_000_000_000]})
    # acute £30m + £30m = £60m of £100m (60%); social care £10m + £30m = £40m (40%)
    assert line_costs_text(lines, {"ico": "Torbay ICO"}) == (
        "Torbay ICO's cost by service line over the run: acute hospital services £60.0m"
        " (60%), adult social care £40.0m (40%).")
    finance = pd.DataFrame({"organisation": ["ico"], "kind": ["integrated"], "year": [0],
                            "surplus_pence": [5], "cost_pence": [100],
                            "fixed_cost_out_pence": [10], "semi_fixed_cost_out_pence": [0]})
    assert finance_caption(finance, None, lines).endswith("adult social care £40.0m (40%).")
    assert "service line" not in finance_caption(finance, None, pd.DataFrame())
