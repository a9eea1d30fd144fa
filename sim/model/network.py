"""The organisations as a directed graph: contracts, money flows and patient flows."""

import networkx as nx

from sim.population import WeekFlows

# Patient flows between settings, by the WeekFlows field that counts them and the
# capacity-holding families at each end.
PATIENT_FLOW_FIELDS = {
    "discharges_support_at_home": ("acute", "community"),
    "discharges_bed_based": ("acute", "community"),
    "discharges_care_home": ("acute", "social_care"),
    "package_starts": ("community", "social_care"),
}


def build_graph(organisations: list, contracts: list) -> nx.MultiDiGraph:
    """A graph with a node per organisation and a ``contract`` edge per contract.

    Args:
        organisations: The organisation agents.
        contracts: ``ContractState`` objects of the design in force.
    """
    # Running patient totals by (from family, to family) live with the graph they feed.
    graph = nx.MultiDiGraph(patient_flow_totals={})
    for org in organisations:
        graph.add_node(org.org_id, kind=org.kind.value, name=org.name, surplus_pence=0,
                       reserves_pence=0)
    for contract in contracts:
        graph.add_edge(contract.spec.payer, contract.spec.payee, key=contract.spec.id,
                       relation="contract", mechanism=str(contract.terms.mechanism),
                       money_pence=0)
    return graph


def update_money(graph: nx.MultiDiGraph, contracts: list, reserves: dict[str, int],
                 surplus_ytd: dict[str, int]) -> None:
    """Refresh money on contract edges (paid this year) and each node's position."""
    for contract in contracts:
        payer, payee = contract.spec.payer, contract.spec.payee
        if graph.has_node(payer) and graph.has_edge(payer, payee, key=contract.spec.id):
            graph.edges[payer, payee, contract.spec.id]["money_pence"] = contract.paid_ytd_pence
    for node in graph.nodes:
        graph.nodes[node]["reserves_pence"] = reserves.get(node, 0)
        graph.nodes[node]["surplus_pence"] = surplus_ytd.get(node, 0)


def organisation_families(organisations: list) -> dict[str, tuple[str, ...]]:
    """Organisation id → the families it runs: its own, or an integrated one's lines'."""
    return {o.org_id: tuple(line.kind.value for line in getattr(o, "lines", ()))
            or (o.kind.value,) for o in organisations}


def add_patient_flows(graph: nx.MultiDiGraph, flows: WeekFlows,
                      org_kinds: dict[str, str | tuple[str, ...]],
                      size_scale: float = 1.0) -> None:
    """Accumulate the week's patient flows between families onto ``patients`` edges.

    An integrated provider takes part as each family it runs; people moving between its
    own lines stay inside the organisation and draw no edge.

    Args:
        graph: The organisation graph.
        flows: The week's flows.
        org_kinds: Organisation id → family name, or the families it runs
            (``organisation_families``).
        size_scale: Sample fraction of the place (people are reported for the whole place).
    """
    families = {o: (k,) if isinstance(k, str) else tuple(k) for o, k in org_kinds.items()}
    totals = graph.graph["patient_flow_totals"]
    for field_name, (src, dst) in PATIENT_FLOW_FIELDS.items():
        people = float(getattr(flows, field_name)) / size_scale
        totals[(src, dst)] = totals.get((src, dst), 0.0) + people
    # An integrated provider may send people on from several of its families: add them up.
    between: dict[tuple[str, str], float] = {}
    for (src, dst), people in totals.items():
        sources = [o for o, k in families.items() if src in k]
        targets = [o for o, k in families.items() if dst in k]
        for s in sources:
            for t in targets:
                if s != t:
                    between[(s, t)] = (between.get((s, t), 0.0)
                                       + people / max(1, len(sources) * len(targets)))
    for (s, t), people in between.items():
        graph.add_edge(s, t, key="patients", relation="patients", people=people)
