"""The timeline in a run: at each dated week the model takes on the changed scenario.

The scenario after each timeline week is validated on load (``sim.scenario.timeline``).
At that week the model's place and design become the changed ones; each organisation
takes its new spec (costs, behaviour, levers); a capacity whose units changed moves at
once, or, for an entry with ``notice = true``, is requested now and comes into force
when its notice has run out; contracts, pooled budgets and agreements take their new
terms (at a year's start, so a contract year is paid and settled on one set of terms).
Which organisations, contracts and agreements exist is fixed for the run (the load-time
checks refuse other changes).
"""

from sim.core.kinds import CapacityKind


def apply_timeline(model, week: int) -> None:
    """Bring in the timeline's changes dated ``week`` (nothing if there are none)."""
    for when, entries, scenario in model.timeline_schedule:
        if when == week:
            notice = any(model.timeline_entries[i].notice for i in entries)
            _take_on(model, scenario, week, notice)


def _take_on(model, scenario, week: int, notice: bool) -> None:
    model.place = scenario
    model.design = scenario.design(model.design_name)
    for org in model.organisations:
        new = scenario.organisation(org.org_id)
        if new == org.spec:
            continue
        # An integrated provider's lines take on their part of its new spec.
        parts = ([(line, new.line_spec(line.kind)) for line in org.lines]
                 if hasattr(org, "lines") else [(org, new)])
        for part, part_new in parts:
            old, part.spec, part.behaviour = part.spec, part_new, part_new.behaviour
            if hasattr(part, "capacity"):
                _capacity_changes(part, old, part_new, week, notice)
                part.refresh_costs(scenario.growth)
                if part_new.levers != old.levers:
                    part.levers = part_new.levers
        org.spec, org.behaviour = new, new.behaviour
    model.contracts.pools = list(model.design.pooled_budgets)
    agreements = {a.name: a for a in model.design.agreements}
    for state in model.agreement_book.states:
        state.spec = agreements[state.name]
    specs = {c.id: c for c in model.design.contracts}
    for contract in model.contracts.contracts:
        new = specs.get(contract.spec.id)
        if new is not None and new != contract.spec:
            model.contracts.replace_terms(contract, new, scenario)


def _capacity_changes(provider, old, new, week: int, notice: bool) -> None:
    for kind, spec in new.capacities.items():
        before = old.capacities.get(kind)
        if before is not None and before.units == spec.units:
            continue
        kind = CapacityKind(kind)
        if notice:
            provider.request_capacity(kind, spec.units, week)
        else:
            provider.pending_changes = [c for c in provider.pending_changes if c.kind != kind]
            provider.capacity[kind] = spec.units
