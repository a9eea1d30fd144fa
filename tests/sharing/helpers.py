"""Builders shared by the sharing tests."""

from typing import Any

from sim.sharing import RiskShareAgreement, Settlement, YearFigures, settle_risk_share

EQUAL = {"rule": {"kind": "equal_shares"}}


def make_agreement(
    gains: dict[str, Any] | None = None,
    losses: dict[str, Any] | None = None,
    parties: tuple[str, ...] = ("a", "b", "c"),
    residual: str = "a",
    name: str = "test",
    **extra: Any,
) -> RiskShareAgreement:
    data = {
        "name": name,
        "parties": list(parties),
        "level": "system",
        "residual_party": residual,
        "gains": gains or EQUAL,
        "losses": losses or EQUAL,
        **extra,
    }
    return RiskShareAgreement.model_validate(data)


def make_figures(
    baseline_gbp: str | int,
    outturn_gbp: str | int,
    parties: dict[str, dict[str, Any]] | None = None,
    reserve_gbp: str | int | None = None,
    year: int = 2024,
) -> YearFigures:
    return YearFigures.model_validate(
        {
            "year": year,
            "baseline_gbp": str(baseline_gbp),
            "outturn_gbp": str(outturn_gbp),
            "contingency_reserve_gbp": None if reserve_gbp is None else str(reserve_gbp),
            "parties": parties or {},
        }
    )


def settle(
    agreement: RiskShareAgreement, baseline_gbp: str | int, outturn_gbp: str | int, **kw: Any
) -> Settlement:
    return settle_risk_share(agreement, make_figures(baseline_gbp, outturn_gbp, **kw))


def net(settlement: Settlement) -> dict[str, int]:
    """Net pence per party."""
    return settlement.totals_by_party()
