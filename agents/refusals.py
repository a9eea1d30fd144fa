"""What a trust believes a change of beds does to the emergencies it must refuse.

A full hospital (staffed beds and escalation beds all taken) refuses emergencies, and the
contract charges the trust a sanction for each. The trust sees its refusals in its view
(``admissions_refused``); the beds people would have filled had they been admitted are
demand the occupancy it sees does not show, so they are added back before the spread of
occupancy is laid against the cap.
"""

from agents.options import DAYS_PER_YEAR, expected_overflow_days


def expected_refusals_per_year(view, beds: float, escalation_share: float,
                               spread: float) -> float:
    """Emergencies a year the trust expects to refuse with ``beds`` staffed beds.

    Demand for beds is the occupied beds seen plus the bed days of the refusals seen
    (each at the mean stay); occupancy is Normal(demand, σ = spread × demand) against the
    cap of ``beds × (1 + escalation_share)``. The expected bed days above the cap
    (``expected_overflow_days``), at the mean stay, are the refusals.
    """
    admissions = view.get("admissions")
    if admissions <= 0:
        return 0.0
    mean_stay = view.get("acute_bed_days") / admissions
    if mean_stay <= 0:
        return 0.0
    demand = (view.get("acute_bed_days")
              + view.get("admissions_refused") * mean_stay) / DAYS_PER_YEAR
    cap = beds * (1.0 + escalation_share)
    return expected_overflow_days(demand, cap, spread) / mean_stay


def sanction_change_gbp(view, beds: float, beds_change: float, escalation_share: float,
                        spread: float, sanction_gbp: float) -> float:
    """Believed change a year in refusal sanctions when staffed beds change by ``beds_change``."""
    if sanction_gbp <= 0:
        return 0.0
    before = expected_refusals_per_year(view, beds, escalation_share, spread)
    after = expected_refusals_per_year(view, beds + beds_change, escalation_share, spread)
    return (after - before) * sanction_gbp
