"""The ledger: every transfer of money in the model, and nothing else.

Balances, income and expenditure statements are *derived* from the entries, never kept
separately, so money is conserved by construction and can be audited line by line.
Amounts are integer pence and always positive: a refund is an entry in the other direction.
"""

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

# Accounts outside the modelled organisations. Money enters the system from the
# exchequer (allocations) and leaves it to suppliers (staff, estates, goods).
EXCHEQUER = "exchequer"
SUPPLIERS = "suppliers"
OPENING_EQUITY = "opening_equity"

_INITIAL_ROWS = 4096


class Reason(StrEnum):
    """Why money moved: every ledger entry has one."""

    OPENING_RESERVES = "opening_reserves"
    ALLOCATION = "allocation"
    CONTRACT_PAYMENT = "contract_payment"
    POOL_CONTRIBUTION = "pool_contribution"
    FIXED_COST = "fixed_cost"
    SEMI_FIXED_COST = "semi_fixed_cost"
    VARIABLE_COST = "variable_cost"
    ESCALATION_COST = "escalation_cost"
    LEVER_COST = "lever_cost"
    RISK_SHARE_SETTLEMENT = "risk_share_settlement"
    CONTINGENCY_RESERVE = "contingency_reserve"
    REINVESTMENT = "reinvestment"
    EFFICIENCY_SAVING = "efficiency_saving"
    DEFICIT_SUPPORT = "deficit_support"
    ALLOCATION_CLAWBACK = "allocation_clawback"
    # Emergency care bought from another place's hospital when local beds were all full.
    OUT_OF_AREA_CARE = "out_of_area_care"
    # The premium on step-down or care-home places bought above the commissioned number.
    SPOT_PURCHASE = "spot_purchase"
    # A contract sanction the acute trust pays its commissioner for emergencies refused.
    REFUSAL_SANCTION = "refusal_sanction"


COST_REASONS = (
    Reason.FIXED_COST,
    Reason.SEMI_FIXED_COST,
    Reason.VARIABLE_COST,
    Reason.ESCALATION_COST,
    Reason.LEVER_COST,
)
# A delivered efficiency saving is cost not incurred: suppliers are paid less. It is posted
# as its own entry (suppliers to provider) so that plan, delivery and shortfall show.
COST_SAVING_REASONS = (Reason.EFFICIENCY_SAVING,)


def net_cost_pence(flows: dict[tuple[str, "Reason"], int]) -> int:
    """An account's cost from its ``Ledger.flows``: costs paid less savings delivered."""
    return (sum(flows.get(("out", r), 0) for r in COST_REASONS)
            - sum(flows.get(("in", r), 0) for r in COST_SAVING_REASONS))


_REASONS = tuple(Reason)
_REASON_CODE = {reason: code for code, reason in enumerate(_REASONS)}


@dataclass(frozen=True)
class LedgerEntry:
    """One transfer of money (read-only view of a ledger row)."""

    week: int
    payer: str
    payee: str
    amount_pence: int
    reason: Reason
    reference: str


class Ledger:
    """Append-only record of transfers between named accounts, in integer pence."""

    def __init__(self, accounts: list[str]) -> None:
        """Create a ledger for the given accounts plus the external ones.

        Args:
            accounts: Ids of the modelled organisations (and any pool accounts).
        """
        names = [EXCHEQUER, SUPPLIERS, OPENING_EQUITY, *accounts]
        if len(set(names)) != len(names):
            raise ValueError(f"ledger accounts must be unique, got {names}")
        self._names: list[str] = names
        self._index = {name: i for i, name in enumerate(names)}
        self._week = np.zeros(_INITIAL_ROWS, dtype=np.int32)
        self._payer = np.zeros(_INITIAL_ROWS, dtype=np.int16)
        self._payee = np.zeros(_INITIAL_ROWS, dtype=np.int16)
        self._amount = np.zeros(_INITIAL_ROWS, dtype=np.int64)
        self._reason = np.zeros(_INITIAL_ROWS, dtype=np.int8)
        self._references: list[str] = []
        self._n = 0

    @property
    def accounts(self) -> list[str]:
        """All account names, external ones first."""
        return list(self._names)

    def add_account(self, name: str) -> None:
        """Open a new account (e.g. a risk-share pool) with a zero balance."""
        if name in self._index:
            raise ValueError(f"ledger account {name!r} already exists")
        self._index[name] = len(self._names)
        self._names.append(name)

    def __len__(self) -> int:
        """Number of entries."""
        return self._n

    def post(
        self, week: int, payer: str, payee: str, amount_pence: int, reason: Reason,
        reference: str = "",
    ) -> None:
        """Record a transfer. Zero amounts are skipped; negative amounts reverse direction.

        Args:
            week: Model week of the transfer.
            payer: Account paying.
            payee: Account receiving.
            amount_pence: Whole pence (an ``int``; floats are refused so rounding is explicit).
            reason: Why the money moved.
            reference: Free text, e.g. a contract or agreement id.
        """
        if not isinstance(amount_pence, int | np.integer):
            raise TypeError(f"ledger amounts are integer pence, got {amount_pence!r}")
        if amount_pence == 0:
            return
        if amount_pence < 0:
            payer, payee, amount_pence = payee, payer, -amount_pence
        if payer == payee:
            raise ValueError(f"a transfer needs two accounts, got {payer!r} twice")
        self._grow_if_full()
        row = self._n
        self._week[row] = week
        self._payer[row] = self._index[payer]
        self._payee[row] = self._index[payee]
        self._amount[row] = int(amount_pence)
        self._reason[row] = _REASON_CODE[reason]
        self._references.append(reference)
        self._n += 1

    def _grow_if_full(self) -> None:
        if self._n < len(self._week):
            return
        for name in ("_week", "_payer", "_payee", "_amount", "_reason"):
            old = getattr(self, name)
            setattr(self, name, np.concatenate([old, np.zeros_like(old)]))

    def balances(self, up_to_week: int | None = None) -> dict[str, int]:
        """Every account's balance (received − paid), derived from the entries.

        Args:
            up_to_week: Only count entries in weeks ``<= up_to_week`` (all if None).
        """
        rows = self._rows(up_to_week)
        size = len(self._names)
        # np.bincount would sum through float64; add.at keeps int64 pence exact.
        totals = np.zeros(size, dtype=np.int64)
        np.add.at(totals, self._payee[rows], self._amount[rows])
        np.subtract.at(totals, self._payer[rows], self._amount[rows])
        return {name: int(totals[i]) for i, name in enumerate(self._names)}

    def balance(self, account: str, up_to_week: int | None = None) -> int:
        """One account's balance in pence."""
        return self.balances(up_to_week)[account]

    def _rows(self, up_to_week: int | None, from_week: int | None = None) -> np.ndarray:
        mask = np.ones(self._n, dtype=bool)
        if up_to_week is not None:
            mask &= self._week[: self._n] <= up_to_week
        if from_week is not None:
            mask &= self._week[: self._n] >= from_week
        return np.flatnonzero(mask)

    def flows(self, account: str, from_week: int, to_week: int,
              reference: str | None = None) -> dict[tuple[str, Reason], int]:
        """Signed totals by (direction, reason) for one account over a window of weeks.

        Args:
            account: The account.
            from_week: First week included.
            to_week: Last week included.
            reference: Only entries with this reference (e.g. an integrated provider's
                ``line:<family>``); None: every entry.

        Returns:
            ``{("in", reason): pence, ("out", reason): pence}`` for reasons that occurred.
        """
        rows = self._rows(to_week, from_week)
        if reference is not None:
            rows = np.array([r for r in rows if self._references[r] == reference],
                            dtype=np.int64)
        code = self._index[account]
        out: dict[tuple[str, Reason], int] = {}
        for direction, side in (("in", self._payee), ("out", self._payer)):
            hit = rows[side[rows] == code]
            sums = np.zeros(len(_REASONS), dtype=np.int64)
            np.add.at(sums, self._reason[hit], self._amount[hit])
            for reason_code in np.flatnonzero(sums):
                out[(direction, _REASONS[reason_code])] = int(sums[reason_code])
        return out

    def to_frame(self) -> pd.DataFrame:
        """All entries as a tidy DataFrame (one row per transfer)."""
        n = self._n
        names = np.array(self._names, dtype=object)
        return pd.DataFrame(
            {
                "week": self._week[:n].astype(np.int64),
                "payer": names[self._payer[:n]],
                "payee": names[self._payee[:n]],
                "amount_pence": self._amount[:n].copy(),
                "reason": [_REASONS[c].value for c in self._reason[:n]],
                "reference": list(self._references),
            }
        )

    def entries(self) -> list[LedgerEntry]:
        """All entries as immutable records (for audits and tests)."""
        frame = self.to_frame()
        return [
            LedgerEntry(int(r.week), r.payer, r.payee, int(r.amount_pence), Reason(r.reason),
                        r.reference)
            for r in frame.itertuples(index=False)
        ]
