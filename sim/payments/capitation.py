"""Risk-weighted head counts for capitation contracts."""

from collections.abc import Mapping

from sim.payments.terms import CapitationTerms


def weighted_head_count(terms: CapitationTerms, heads_by_cell: Mapping[str, float]) -> float:
    """Sum the heads of each population cell times that cell's risk weight.

    ``weighted = Σ_cell heads[cell] × risk_weights[cell]``; without risk weights every
    head counts as 1. A cell with heads but no weight is an error rather than a silent
    weight of 1, because a misspelt label would otherwise change the payment quietly.

    Args:
        terms: Capitation terms, possibly with risk weights keyed by cell label.
        heads_by_cell: Head count per cell label (e.g. ``{"85+/severe": 1200}``).

    Returns:
        The weighted head count.

    Raises:
        ValueError: A head count is negative, or a cell with heads has no weight.
    """
    negative = sorted(cell for cell, heads in heads_by_cell.items() if heads < 0)
    if negative:
        raise ValueError(f"heads_by_cell has negative head counts for: {', '.join(negative)}")
    if terms.risk_weights is None:
        return float(sum(heads_by_cell.values()))
    unweighted = sorted(
        cell for cell, heads in heads_by_cell.items() if heads and cell not in terms.risk_weights
    )
    if unweighted:
        raise ValueError(
            f"risk_weights has no weight for cell(s) {', '.join(unweighted)}; "
            f"expected one of: {', '.join(sorted(terms.risk_weights))}"
        )
    return float(
        sum(heads * terms.risk_weights[cell] for cell, heads in heads_by_cell.items() if heads)
    )
