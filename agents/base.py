"""What every organisation has: an id, a spec from the scenario, and an account in the ledger."""

import mesa

from sim.core.kinds import OrganisationKind


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

    def reserves_pence(self) -> int:
        """Current reserves: the balance of this organisation's ledger account."""
        return self.model.ledger.balance(self.org_id)

    def __repr__(self) -> str:
        """Readable form for logs and tests."""
        return f"{type(self).__name__}({self.org_id!r})"
