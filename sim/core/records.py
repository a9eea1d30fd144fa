"""The typed rows a run records: one frozen dataclass per output table.

Organisations, the model's wiring and the indicators all build these rows; the model's
``Recorder`` keeps them and ``sim.outputs`` turns each kind into one tidy table whose
columns are the row's fields, in order (so an empty table still has its columns).
"""

from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True)
class OrganisationMonth:
    """One organisation at a month's end: reserves, staffed capacity and lever settings."""

    week: int
    year: int
    month: int
    organisation: str
    kind: str
    reserves_pence: int
    capacity: dict[str, int]
    levers: dict[str, float]

    def as_row(self) -> dict:
        """Flat row: ``capacity_<kind>`` and ``lever_<name>`` columns after the fixed ones."""
        row = {f.name: getattr(self, f.name) for f in fields(self)[:6]}
        row.update({f"capacity_{kind}": units for kind, units in self.capacity.items()})
        row.update({f"lever_{name}": value for name, value in self.levers.items()})
        return row


@dataclass(frozen=True)
class SettlementRecord:
    """One line of an agreement's year-end settlement, with the pool it came from."""

    year: int
    agreement: str
    party: str
    amount_pence: int
    held_pence: int
    rule: str
    note: str
    pool_pence: int
    baseline_pence: int
    outturn_pence: int
    planned_surplus_pence: int = 0  # the providers' planned surplus, outside the pool


@dataclass(frozen=True)
class ForecastSettlementRecord:
    """A party's forecast of its settlement of one agreement for a year, next to the actual.

    The forecast settles the party's forecast figures (the last published baseline and
    out-turn, this year's accounts) with the agreement's own function.
    """

    year: int
    agreement: str
    party: str
    forecast_pence: int
    actual_pence: int
    error_pence: int


@dataclass(frozen=True)
class FairnessRecord:
    """A party's judgement of one settlement, and its trust in the other members after it."""

    year: int
    agreement: str
    organisation: str
    fairness: float
    received_pence: int
    caused_pence: int
    trust: float


@dataclass(frozen=True)
class ExposureRecord:
    """A provider's fixed-cost exposure and stranded capacity cost for one year."""

    year: int
    organisation: str
    kind: str
    income_at_risk_gbp: float
    variable_cost_saved_gbp: float
    fixed_cost_exposure_gbp: float
    stranded_capacity_cost_gbp: float


@dataclass(frozen=True)
class LineExposureRecord:
    """The same for one service line of an integrated provider (its contracts naming it)."""

    year: int
    organisation: str
    service_line: str
    income_at_risk_gbp: float
    variable_cost_saved_gbp: float
    fixed_cost_exposure_gbp: float
    stranded_capacity_cost_gbp: float


@dataclass(frozen=True)
class ExitRecord:
    """A party leaving an agreement, or a provider closing (``agreement`` empty).

    ``cause`` is the kind of exit, one of ``EXIT_CAUSES``; ``reason`` says it in words with
    the figures; ``week`` and ``year`` are when it decided. A party that chose to leave also
    has the value it put on staying (£), its mean trust in partners and the share of its
    losses it did not make; other exits leave them NaN.
    """

    week: int
    year: int
    agreement: str
    organisation: str
    reason: str
    cause: str = ""
    stay_value_gbp: float = float("nan")
    trust: float = float("nan")
    uninfluenceable_loss_share: float = float("nan")
    # The last year (0-based) it still settles in: later than ``year`` when the agreement's
    # notice or minimum term holds it in. NaN for a closure.
    last_settled_year: float = float("nan")


# Kinds of exit: a provider closing; a party's reserves through its floor; a party choosing
# to leave over losses it could not influence, over losses its reserves cannot absorb, or
# over an expected loss alone beyond its cost of leaving.
EXIT_CAUSES = ("closure", "reserves_breach", "trust_threshold", "uninfluenceable_losses",
               "finances", "losses", "other")


@dataclass(frozen=True)
class DecisionRecord:
    """A lever move an organisation chose at a quarterly decision."""

    week: int
    organisation: str
    lever: str
    new_value: float


@dataclass(frozen=True)
class ContractCut:
    """A commissioner scaling its fixed contract values for the coming year."""

    year: int
    organisation: str
    factor: float


@dataclass(frozen=True)
class CommissionerDecision:
    """One choice a commissioner made at its contract round for the coming year.

    ``kind`` is ``contract_value`` (a block value, per-head rate or planned volume, valued
    at last year's payment), ``grant`` (the same, to a voluntary organisation),
    ``pool_contribution`` (£ a year), ``notice`` (on an agreement: 1 → 0) or
    ``placement_policy`` (the residential placement bias its eligibility policy sets);
    ``reason`` says why in words with the figures. ``week`` is the week it was made: the
    last of the year before for the contract round, a quarter's end for an in-year review
    (``year`` is then the year under way).
    """

    year: int
    week: int
    organisation: str
    kind: str
    target: str
    old_value: float
    new_value: float
    reason: str


@dataclass(frozen=True)
class EfficiencyRecord:
    """One provider's efficiency programme for a year: planned, delivered and the shortfall."""

    year: int
    organisation: str
    planned_pence: int
    achievement: float
    delivered_pence: int
    shortfall_pence: int
    # The part of the shortfall from a lever the plan counted on not having moved.
    lever_shortfall_pence: int = 0


@dataclass(frozen=True)
class RegimeEvent:
    """A financial regime applied to an organisation at a year's end.

    ``regime`` is ``recovery``, ``s114`` or ``allocation_clawback``; ``reserves_pence`` the
    reserves that triggered it; ``amount_pence`` the money moved (deficit support received,
    allocation returned; 0 for a notice) and ``detail`` one line on the consequence.
    """

    year: int
    organisation: str
    regime: str
    reserves_pence: int
    threshold_pence: int
    amount_pence: int
    detail: str


RECORD_TYPES = (OrganisationMonth, SettlementRecord, ForecastSettlementRecord, FairnessRecord,
                ExposureRecord, LineExposureRecord, ExitRecord, DecisionRecord, ContractCut,
                EfficiencyRecord, RegimeEvent, CommissionerDecision)


def as_row(record) -> dict:
    """A record as a flat dict (an organisation's month flattens its nested fields)."""
    return record.as_row() if isinstance(record, OrganisationMonth) else asdict(record)


def columns_of(kind: type) -> list[str]:
    """The fixed columns of a record type's table (nested fields flatten to several)."""
    names = [f.name for f in fields(kind)]
    return names[:6] if kind is OrganisationMonth else names
