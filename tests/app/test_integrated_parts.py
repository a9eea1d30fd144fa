"""The app draws an integrated provider: its colour, its accounts, its lines, its patient flows."""

from types import SimpleNamespace

import networkx as nx
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from experiments.names import all_names
from sim.core.kinds import OrganisationKind
from sim.model.network import add_patient_flows, organisation_families
from tests.app.conftest import DEFAULT_SCENARIO, ROOT
from viz.charts.finance import finance_figure
from viz.charts.style import KIND_COLOURS

ICO_SCHEME = ROOT / "scenarios" / "schemes" / "torbay_ico.toml"


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


# --- the service-lines chart ----------------------------------------------------------------
def _lines_table() -> pd.DataFrame:
    """Two integrated providers: ``ico`` runs acute and social care for two years, ``ico2``
    community for one. Amounts are round pence so their £m are read off by eye."""
    rows = [  # organisation, line, year, cost, contract income, fixed, semi-fixed (pence)
        ("ico", "acute", 0, 6_000_000_000, 5_500_000_000, 2_000_000_000, 1_000_000_000),
        ("ico", "acute", 1, 6_200_000_000, 5_800_000_000, 2_000_000_000, 1_100_000_000),
        ("ico", "social_care", 0, 4_000_000_000, 4_100_000_000, 500_000_000, 1_500_000_000),
        ("ico", "social_care", 1, 4_300_000_000, 4_300_000_000, 500_000_000, 1_600_000_000),
        ("ico2", "community", 0, 1_000_000_000, 950_000_000, 300_000_000, 200_000_000),
    ]
    return pd.DataFrame(rows, columns=["organisation", "service_line", "year", "cost_pence",
                                       "contract_income_pence", "fixed_cost_out_pence",
                                       "semi_fixed_cost_out_pence"])


def _bars(ax, gid: str) -> list:
    return sorted((p for p in ax.patches if p.get_gid() == gid), key=lambda p: p.get_x())


def test_the_lines_chart_draws_each_lines_cost_and_income_in_pounds_millions():
    from viz.charts.lines import service_lines_figure

    figure = service_lines_figure(_lines_table(), {"ico": "Torbay ICO", "ico2": "Other ICO"})
    assert [ax.get_title() for ax in figure.axes] == ["Torbay ICO", "Other ICO"]  # a panel each
    ico, other = figure.axes
    heights = lambda ax, gid: [round(p.get_height(), 6) for p in _bars(ax, gid)]  # noqa: E731
    # £60m and £62m cost, £55m and £58m income; social care £40m/£43m and £41m/£43m
    assert heights(ico, "acute cost") == [60.0, 62.0]
    assert heights(ico, "acute income") == [55.0, 58.0]
    assert heights(ico, "social_care cost") == [40.0, 43.0]
    assert heights(ico, "social_care income") == [41.0, 43.0]
    # fixed + semi-fixed: £20m + £10m, £20m + £11m; £5m + £15m, £5m + £16m
    assert heights(ico, "acute fixed") == [30.0, 31.0]
    assert heights(ico, "social_care fixed") == [20.0, 21.0]
    assert heights(other, "community cost") == [10.0]
    assert heights(other, "community income") == [9.5]
    assert heights(other, "community fixed") == [5.0]
    assert [t.get_text() for t in ico.get_xticklabels()] == ["1", "2"]
    for ax, line in ((ico, "acute"), (ico, "social_care"), (other, "community")):
        costs, fixed = _bars(ax, f"{line} cost"), _bars(ax, f"{line} fixed")
        for cost, inner in zip(costs, fixed, strict=True):
            assert inner.get_height() <= cost.get_height()
            assert inner.get_width() < cost.get_width()  # narrower, and inside the cost bar
            assert cost.get_x() <= inner.get_x() <= cost.get_x() + cost.get_width()
            assert to_hex(cost.get_facecolor()) == KIND_COLOURS[line]
    # in each year the lines' bars sit side by side, none overlapping another
    acute_income, care_cost = _bars(ico, "acute income"), _bars(ico, "social_care cost")
    for left, right in zip(acute_income, care_cost, strict=True):
        assert left.get_x() + left.get_width() <= right.get_x() + 1e-9
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend[:3] == ["Acute hospital services", "Adult social care",
                          "Community health services"]


def test_the_lines_caption_names_the_line_short_of_its_cost_and_by_how_much():
    from viz.charts.lines import line_shortfall_text

    names = {"ico": "Torbay ICO", "ico2": "Other ICO"}
    # ico: acute £122m cost against £113m income (£9.0m short); social care £83m against
    # £84m (not short). ico2: community £10m against £9.5m (£500k short).
    assert line_shortfall_text(_lines_table(), names) == (
        "Over the run, Torbay ICO's contract income for acute hospital services fell £9.0m"
        " short of the line's cost (income £113m, cost £122m)."
        " Over the run, Other ICO's contract income for community health services fell £500k"
        " short of the line's cost (income £9.5m, cost £10.0m).")
    ico = _lines_table().query("organisation == 'ico'")
    # acute £1,000 short a year (£2,000 over two), social care £3,000 a year (£6,000): the
    # larger shortfall is named first, the other after it
    short = ico.assign(contract_income_pence=ico["cost_pence"] - ico["service_line"].map(
        {"acute": 100_000, "social_care": 300_000}))
    assert line_shortfall_text(short, names) == (
        "Over the run, Torbay ICO's contract income for adult social care fell £6,000 short"
        " of the line's cost (income £83.0m, cost £83.0m); acute hospital services (£2,000)"
        " fell short too.")
    covered = _lines_table().assign(contract_income_pence=lambda t: t["cost_pence"])
    assert line_shortfall_text(covered, names) == (
        "Each of Torbay ICO's service lines earned at least its cost from its contracts over"
        " the run. Each of Other ICO's service lines earned at least its cost from its"
        " contracts over the run.")
    assert line_shortfall_text(pd.DataFrame(), names) == ""


@pytest.fixture(scope="module")
def outcomes():
    """One short run of the Torbay ICO scheme (an integrated provider) and of the default
    place (none), as the app makes them."""
    from viz.overrides import build_scenario
    from viz.scenario_files import read_raw
    from viz.session import run_to_end
    from viz.settings import RunSettings

    made = {}
    for key, path, design in (("ico", ICO_SCHEME, "ico_risk_share"),
                              ("default", DEFAULT_SCENARIO, "block")):
        raw = read_raw(path)
        settings = RunSettings(design=design, seed=3, people=2000, years=1)
        made[key] = (run_to_end(build_scenario(raw, settings), settings), all_names(raw))
    return made


def test_the_lines_chart_is_on_the_page_only_with_an_integrated_provider(outcomes):
    from viz.components.views import ORDER, detail_specs

    ico, names = outcomes["ico"]
    slugs = [spec[-1] for spec in detail_specs(ico, names, replicated=False)]
    assert slugs == ["network", "short-term-care", "long-term-care", "finance",
                     "service-lines", "pool"]
    assert ORDER.index("service-lines") == ORDER.index("finance") + 1
    spec = detail_specs(ico, names, replicated=True)[4]
    assert spec[0] == "What each service line cost and earned (first replication)"
    assert spec[2][0] is ico.results.service_lines_annual
    assert "Torbay integrated care organisation's cost by service line" in spec[3]
    default, names = outcomes["default"]
    assert default.results.service_lines_annual.empty
    assert [spec[-1] for spec in detail_specs(default, names, replicated=False)] == [
        "network", "short-term-care", "long-term-care", "finance", "pool"]
