"""Risk and benefit sharing: agreements as data, settled exactly to the penny.

The pool is baseline minus out-turn (positive: a gain; negative: a loss). An agreement's
rule and modifiers assign every penny of it to parties::

    from sim.sharing import RiskShareAgreement, YearFigures, settle_risk_share

    settlement = settle_risk_share(agreement, figures)
    assert sum(line.amount_pence for line in settlement.lines) == settlement.pool_pence
"""

from sim.sharing.baseline import baseline_for_year, members_baseline_for_year
from sim.sharing.errors import AgreementError, Problem
from sim.sharing.figures import PartyFigures, YearFigures
from sim.sharing.loader import SettlementFile, load_settlement_file
from sim.sharing.modifiers import CONTINGENCY_RESERVE_PARTY, REINVESTMENT_PARTY
from sim.sharing.schema import BaselineSpec, Level, RiskShareAgreement, Side, SideSpec
from sim.sharing.settle import Settlement, SettlementLine, settle_risk_share

__all__ = [
    "CONTINGENCY_RESERVE_PARTY",
    "REINVESTMENT_PARTY",
    "AgreementError",
    "BaselineSpec",
    "Level",
    "PartyFigures",
    "Problem",
    "RiskShareAgreement",
    "Settlement",
    "SettlementFile",
    "SettlementLine",
    "Side",
    "SideSpec",
    "YearFigures",
    "baseline_for_year",
    "members_baseline_for_year",
    "load_settlement_file",
    "settle_risk_share",
]
