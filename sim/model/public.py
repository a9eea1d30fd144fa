"""What the model publishes to its organisations: the public surface agents may read.

Organisations never reach into the population engine or the true effects; everything they
know of the system comes through these methods (published figures with their lag, annual
accounts, board papers' lever positions, public capacity and population health data) and
through their own view of them. Kept apart from the stepping so the boundary is one place
to read (``tests/core/test_no_truth_leak.py`` holds the agents to it).
"""

from decimal import Decimal

from sim.core.calendar import WEEKS_PER_YEAR
from sim.core.kinds import CapacityKind, OrganisationKind
from sim.core.ledger import Reason
from sim.population import Frailty


class PublicSurface:
    """Mixed into the model: the figures organisations may see, and nothing else."""

    def published_figures(self, lag_weeks: int = 0, area: str | None = None) -> dict[str, float]:
        """The public surface: system figures as published ``lag_weeks`` after they end.

        Activity returns over the place's reporting window and population health data
        (frail people at home); organisations see them only through their view, with
        their own noise. In a place divided into areas, ``area`` (an organisation's) gives
        its own area's figures for the care councils buy (``agents.view.AREA_FIELDS``).
        """
        names = self.place.population.area_names
        index = names.index(area) if area is not None and len(names) > 1 else None
        return self.history.observed(self.week, self.size_scale,
                                     self.place.behaviour.lookback_weeks, lag_weeks,
                                     {"frail_people_at_home": self.frail_people_at_home},
                                     index)

    def published_accounts(self, year: int) -> dict[str, tuple[float, dict]]:
        """Each provider's published accounts for a model year: cost (£) and activity by unit.

        Cost is operating cost before lever programmes and efficiency savings (each shown
        on its own line of the accounts, so a reader can take them out); providers that
        closed are left out.
        """
        start, end = year * WEEKS_PER_YEAR, (year + 1) * WEEKS_PER_YEAR - 1
        operating = {Reason.FIXED_COST, Reason.SEMI_FIXED_COST, Reason.VARIABLE_COST,
                     Reason.ESCALATION_COST}
        accounts = {}
        for p in self.providers:
            if not p.is_open:
                continue
            flows = self.ledger.flows(p.org_id, start, end)
            cost = sum(abs(v) for (d, r), v in flows.items() if d == "out" and r in operating)
            accounts[p.org_id] = (cost / 100, dict(p.activity_by_year.get(year, {})))
        return accounts

    def published_positions(self) -> dict[str, dict[str, float]]:
        """Every provider's lever positions now, as its board papers publish them."""
        if self._positions is None or self._positions[0] != self.week:
            self._positions = (self.week, {p.org_id: p.positions() for p in self.providers})
        return self._positions[1]

    def starting_positions(self) -> dict[str, dict[str, float]]:
        """Every provider's lever positions at the start (the scenario's, public)."""
        return {p.org_id: p.start_positions for p in self.providers}

    def kinds_of_providers(self) -> dict[str, OrganisationKind]:
        """Each provider's kind (public)."""
        return {p.org_id: p.kind for p in self.providers}

    def running_cost_gbp_per_year(self, lever: str, position: float) -> Decimal:
        """What a lever's position costs a year as its suppliers invoice it (the true cost).

        Only discharge effort has a running cost of its own beyond the pounds it is set in.
        """
        if lever != "discharge_effort":
            raise ValueError(f"no running cost is defined for lever {lever!r}")
        return Decimal(repr(position)) * self.place.effects.discharge_effort_cost_gbp_per_year

    def acute_beds(self) -> float:
        """Staffed acute beds in the place (public knowledge)."""
        return float(sum(p.capacity.get(CapacityKind.ACUTE_BEDS, 0) for p in self.providers))

    def frail_people_at_home(self) -> float:
        """Moderately and severely frail people (public population health data, whole place)."""
        counts = self.population.cell_counts()
        return float(counts[:, int(Frailty.MODERATE):].sum()) / self.size_scale

    def share_of_setting_in(self, kind: CapacityKind, scope: set[str]) -> float:
        """Share of a setting's capacity held by organisations in a scope."""
        total = sum(p.capacity.get(kind, 0) for p in self.providers)
        inside = sum(p.capacity.get(kind, 0) for p in self.providers if p.org_id in scope)
        return inside / total if total else 0.0

    def expected_share(self, state, party: str, gain: bool) -> float:
        """Share of a typical pool a party expects under an agreement's rules."""
        return self.agreement_book.expected_share(self, state, party, gain)

    def population_weighted_heads(self, terms) -> float:
        """Risk-weighted head count for a capitation contract, scaled to the full place."""
        from sim.payments import weighted_head_count

        return weighted_head_count(terms, self.heads_by_cell()) / self.size_scale

    def heads_by_cell(self) -> dict[str, float]:
        """People alive by cell label ``"<age band>/<frailty>"`` (e.g. ``"85+/severe"``)."""
        counts = self.population.cell_counts()
        bands = [band.name for band in self.place.population.age_bands]
        return {f"{bands[b]}/{Frailty(f).name.lower()}": float(counts[b, f])
                for b in range(counts.shape[0]) for f in range(counts.shape[1])}
