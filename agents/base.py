"""What every organisation has: an id, a spec, an account in the ledger, and its hooks.

The model calls the hooks without asking whether an organisation has them: each family
overrides the ones it uses, and the defaults here do nothing.

- ``observe(info)``: every week, see what its transparency cadence lets it see;
- ``decide(info)``: at a quarter's end, move levers; returns the moves made;
- ``close_year(info)``: at a year's end, after settlements (a commissioner's contract
  round); returns the cuts made;
- ``is_open``: whether it still runs its services;
- ``weighs_notice_at_contract_round``: whether it decides to stay in its agreements at its
  year-end round rather than after each settlement (a responsive commissioner).
"""

import mesa

from sim.core.calendar import WeekInfo
from sim.core.kinds import CapacityKind, OrganisationKind
from sim.core.records import ContractCut, DecisionRecord


class Organisation(mesa.Agent):
    """An organisation of the care system. Money moves only through the model's ledger."""

    kind: OrganisationKind

    def __init__(self, model: mesa.Model, spec) -> None:
        """Create the agent from its scenario spec.

        Args:
            model: The care-system model.
            spec: The organisation's validated scenario entry.
        """
        super().__init__(model)
        self.spec = spec
        self.org_id: str = spec.id
        self.name: str = spec.name or spec.id
        self.behaviour = spec.behaviour

    # --- hooks the model calls (no-op defaults) -----------------------------------
    @property
    def is_open(self) -> bool:
        """Whether the organisation still runs its services (always, unless it can close)."""
        return True

    @property
    def weighs_notice_at_contract_round(self) -> bool:
        """Whether it decides to stay in agreements at its contract round (not at settlement)."""
        return False

    def observe(self, info: WeekInfo) -> None:
        """Weekly review: see the system's figures when due (nothing to see by default)."""

    def decide(self, info: WeekInfo) -> list[DecisionRecord]:
        """Quarterly decision: move levers; the moves made (none by default)."""
        return []

    def close_year(self, info: WeekInfo) -> list[ContractCut]:
        """Year end, after settlements: act for the coming year; the cuts made (none)."""
        return []

    # --- what a month-end snapshot shows ------------------------------------------
    def capacity_units(self) -> dict[CapacityKind, int]:
        """Staffed capacity by kind (none unless it provides care)."""
        return {}

    def lever_values(self) -> dict[str, float]:
        """Its levers' current values by name (none unless it has levers)."""
        return {}

    def reserves_pence(self) -> int:
        """Current reserves: the balance of this organisation's ledger account."""
        return self.model.ledger.balance(self.org_id)

    def __repr__(self) -> str:
        """Readable form for logs and tests."""
        return f"{type(self).__name__}({self.org_id!r})"
