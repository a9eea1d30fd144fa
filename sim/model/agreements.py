"""The agreements in force: who is in, what each settled, and what each party expects.

``AgreementBook`` owns the states of the design's risk-share agreements, the cache of the
shares parties expect of a typical pool, the last settlement of each agreement and each
organisation's income last year; ``sim.model.risk_share`` computes the settlements.
"""

from agents.settlement_forecast import forecast_outturn_pence, trend_outturn_pence
from sim.core.calendar import WEEKS_PER_YEAR, WeekInfo
from sim.core.ledger import Ledger
from sim.core.records import ExitRecord, ForecastSettlementRecord, SettlementRecord
from sim.model.risk_share import (
    AgreementState,
    _redirect_departed,
    expected_share,
    forecast_figures,
    open_agreement,
    settle,
)
from sim.sharing import (
    AgreementError,
    RiskShareAgreement,
    Settlement,
    SettlementLine,
    YearFigures,
    settle_risk_share,
)

LastSettlement = tuple[Settlement, list[SettlementLine], dict[str, int]]


class AgreementBook:
    """Every agreement of the design in force, and what the annual round needs of them."""

    def __init__(self, specs: list[RiskShareAgreement], ledger: Ledger) -> None:
        """Put the agreements into force and open their ledger accounts."""
        self.states: list[AgreementState] = [open_agreement(spec, ledger) for spec in specs]
        self.share_cache: dict[tuple, float] = {}
        self.forecast_cache: dict[tuple, YearFigures | None] = {}
        self.forecast_settled_cache: dict[tuple, dict[str, int]] = {}
        self.last_settlements: dict[str, LastSettlement] = {}
        # What each agreement has published, year by year: its out-turns in pence; and the
        # members' record of the out-turn the trend alone forecast against the actual.
        # Every member forecasts the same way from the same figures, so one record serves all.
        self.published_outturns: dict[str, list[int]] = {}
        self.outturn_record: dict[str, list[tuple[int, int]]] = {}
        self.previous_income: dict[str, int] = {}
        # What each party has seen of each agreement, for its staying decision (pence):
        # its settlements, and of the losses it bore, the part its own position did not make.
        self.settlements_seen: dict[tuple[str, str], list[int]] = {}
        self.losses_borne: dict[tuple[str, str], int] = {}
        self.losses_not_caused: dict[tuple[str, str], int] = {}
        # Per agreement and member: |the part of the pool its position made|, summed over
        # settlements (pence) — how much each member's activity decides what others bear.
        self.pool_parts: dict[str, dict[str, int]] = {}
        self.year = 0  # the model year under way: agreements are in force by year
        # Parties that decided to leave but are held in by notice or a minimum term:
        # (agreement, party) -> the last year (0-based) they settle in.
        self.leaving: dict[tuple[str, str], int] = {}

    def start_year(self, year: int) -> None:
        """The model has begun year ``year`` (0-based): agreements dated for it come in."""
        self.year = year

    def remember(self, agreement_name: str, received: dict[str, int],
                 caused: dict[str, int]) -> None:
        """Add one settlement to what each party has seen of an agreement.

        A loss a party bore beyond the loss its own position produced (its ``held`` part of
        the pool) came from cost lines others' activity drove: that part is not its own.
        """
        parts = self.pool_parts.setdefault(agreement_name, {})
        for party, got in received.items():
            parts[party] = parts.get(party, 0) + abs(caused.get(party, 0))
            key = (agreement_name, party)
            self.settlements_seen.setdefault(key, []).append(got)
            if got < 0:
                own = max(0, -caused.get(party, 0))
                self.losses_borne[key] = self.losses_borne.get(key, 0) - got
                self.losses_not_caused[key] = (self.losses_not_caused.get(key, 0)
                                               + max(0, -got - own))

    def trust_in(self, trust, agreement_name: str, party: str, members) -> float:
        """A party's trust in an agreement (``TrustNetwork.agreement_trust``), as seen."""
        return trust.agreement_trust(party, members, self.pool_parts.get(agreement_name))

    def uninfluenceable_share(self, agreement_name: str, party: str) -> float:
        """Share of the losses a party has borne under an agreement that it did not make."""
        borne = self.losses_borne.get((agreement_name, party), 0)
        return self.losses_not_caused.get((agreement_name, party), 0) / borne if borne else 0.0

    def forecast_outturn(self, agreement_name: str) -> int | None:
        """Members' forecast out-turn of this year, in pence (None before a settlement)."""
        return forecast_outturn_pence(self.published_outturns.get(agreement_name, ()),
                                      self.outturn_record.get(agreement_name, ()))

    def in_force(self) -> list[AgreementState]:
        """Agreements in force this year.

        Begun by their first year, not past their last, not ended by members leaving.
        """
        return [s for s in self.states
                if s.ended_week is None and s.spec.in_force_in(self.year)]

    def agreements_of(self, party: str) -> list[AgreementState]:
        """Agreements in force that a party is still a member of."""
        return [s for s in self.in_force() if party in s.members]

    def settle_year(self, model, info: WeekInfo) -> list:
        """Settle every agreement in force for the year just ended; the records of it.

        Each member's forecast of its settlement is recorded next to the actual.
        """
        records = []
        for state in self.in_force():
            forecast = self._forecast_totals(model, state)
            trend = trend_outturn_pence(self.published_outturns.get(state.name, ()))
            settlement, lines, held = settle(model, state, info)
            if trend is not None:
                self.outturn_record.setdefault(state.name, []).append(
                    (trend, settlement.outturn_pence))
            self.published_outturns.setdefault(state.name, []).append(settlement.outturn_pence)
            records += self._forecast_records(info.year, state, forecast, lines)
            self.last_settlements[state.name] = (settlement, lines, dict(held))
            records += [SettlementRecord(
                year=info.year, agreement=state.name, party=line.party,
                amount_pence=line.amount_pence, held_pence=held.get(line.party, 0),
                rule=line.rule, note=line.note, pool_pence=settlement.pool_pence,
                baseline_pence=settlement.baseline_pence,
                outturn_pence=settlement.outturn_pence,
                planned_surplus_pence=settlement.planned_surplus_pence) for line in lines]
        self.serve_notices(info.year, info.week)
        return records

    def leave(self, agreement_name: str, party: str, week: int, reason: str,
              cause: str = "other", **why: float) -> list[ExitRecord]:
        """A party decides to leave an agreement; the record of it.

        It is out from the next settlement on, or, where the agreement's notice or minimum
        term holds it in, once the last settlement they require is made (it takes part
        until then, and deciding again changes nothing). ``cause`` and ``why`` (the
        figures it weighed) go into the record as they are. If the residual party leaves,
        nobody is left to stand behind the agreement: it ends.
        """
        exits = []
        year = week // WEEKS_PER_YEAR
        for state in self.states:
            if (state.name != agreement_name or party not in state.members
                    or (state.name, party) in self.leaving):
                continue
            last = state.spec.earliest_exit_year(year)
            exits.append(ExitRecord(week=week, year=year, agreement=agreement_name,
                                    organisation=party, reason=reason, cause=cause,
                                    last_settled_year=float(last), **why))
            if last <= year:
                self._remove(state, party, week)
            else:
                self.leaving[(state.name, party)] = last
        return exits

    def _remove(self, state: AgreementState, party: str, week: int) -> None:
        state.members.discard(party)
        if party == state.spec.residual_party or len(state.members) < 2:
            state.ended_week = week

    def serve_notices(self, year: int, week: int) -> None:
        """After year ``year``'s settlements: parties whose notice has run out leave."""
        for (name, party), last in sorted(self.leaving.items()):
            if last <= year:
                del self.leaving[(name, party)]
                for state in self.states:
                    if state.name == name and party in state.members:
                        self._remove(state, party, week)

    def expected_share(self, model, state: AgreementState, party: str, gain: bool) -> float:
        """Share of a typical pool a party expects to keep this year (cached per year).

        Parties that have left expect nothing.
        """
        if party not in state.members:
            return 0.0
        key = (state.name, party, gain, model.week // WEEKS_PER_YEAR)
        if key not in self.share_cache:
            self.share_cache[key] = expected_share(model, state, party, gain)
        return self.share_cache[key]

    def forecast_figures(self, model, state: AgreementState) -> YearFigures | None:
        """This year's forecast figures of an agreement (cached per year); None if unsettleable.

        Party figures too thin this early in the year to settle give None, and the caller
        falls back on the expected share.
        """
        key = (state.name, model.week // WEEKS_PER_YEAR)
        if key not in self.forecast_cache:
            try:
                self.forecast_cache[key] = forecast_figures(model, state)
            except (AgreementError, ValueError):
                self.forecast_cache[key] = None
        return self.forecast_cache[key]

    def forecast_settled_pence(self, model, state: AgreementState, party: str) -> int:
        """The party's settlement of this year's forecast figures, unchanged (cached per year).

        Only called once ``forecast_figures`` gave figures; every option an organisation
        weighs is priced against this same starting point.
        """
        key = (state.name, model.week // WEEKS_PER_YEAR)
        if key not in self.forecast_settled_cache:
            figures = self.forecast_figures(model, state)
            self.forecast_settled_cache[key] = settle_risk_share(state.spec,
                                                                 figures).totals_by_party()
        return self.forecast_settled_cache[key].get(party, 0)

    def _forecast_totals(self, model, state: AgreementState) -> dict[str, int] | None:
        """What each party forecast it would be settled this year (before the year settles)."""
        try:
            figures = forecast_figures(model, state)
            lines = _redirect_departed(state, settle_risk_share(state.spec, figures).lines)
        except (AgreementError, ValueError):
            return None
        totals: dict[str, int] = {}
        for line in lines:
            totals[line.party] = totals.get(line.party, 0) + line.amount_pence
        return totals

    @staticmethod
    def _forecast_records(year: int, state: AgreementState, forecast: dict[str, int] | None,
                          lines: list[SettlementLine]) -> list[ForecastSettlementRecord]:
        if forecast is None:
            return []
        actual: dict[str, int] = {}
        for line in lines:
            actual[line.party] = actual.get(line.party, 0) + line.amount_pence
        return [ForecastSettlementRecord(
            year=year, agreement=state.name, party=party,
            forecast_pence=forecast.get(party, 0), actual_pence=actual.get(party, 0),
            error_pence=forecast.get(party, 0) - actual.get(party, 0))
            for party in sorted(state.members)]

