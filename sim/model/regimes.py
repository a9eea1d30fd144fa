"""Financial regimes at a year's end: NHS recovery, council s114 notices, the allocation rule.

The thresholds and their sources are in ``sim.scenario.regimes``. The allocation rule
applies whether or not ``[regimes]`` is enabled: each commissioner's reserves above its
``reserves_cap_share`` of the year's allocation return to the exchequer (with regimes on,
the place's ``allocation_reserve_cap_share`` where lower). Every regime applied is
a ``RegimeEvent`` (the ``regimes`` table); money it moves is a ledger entry with its own
reason, so reserves never pass a threshold at a year's end without a recorded event.
"""

from sim.core.calendar import WeekInfo
from sim.core.kinds import OrganisationKind
from sim.core.ledger import EXCHEQUER, Reason
from sim.core.money import gbp_to_pence
from sim.core.records import ContractCut, RegimeEvent

# An integrated care organisation is an NHS trust (Torbay and South Devon NHS FT).
NHS_PROVIDER_KINDS = (OrganisationKind.ACUTE, OrganisationKind.COMMUNITY,
                      OrganisationKind.INTEGRATED)


def apply_regimes(model, info: WeekInfo) -> None:
    """Apply each regime in a fixed order: recovery, s114, then the allocation rule.

    Recovery comes first so that health commissioners' deficit support is paid before
    their own reserves are tested against the allocation cap.
    """
    params = model.place.regimes
    model.mandated_efficiency = {}
    if params.enabled:
        _recovery(model, info, params)
        if params.deficit_support_from == "exchequer":
            _commissioner_support(model, info, params)
        _s114(model, info, params)
    _allocation_rule(model, info, params)


def reserves_cap_pence(allocation_pence: int, own_share: float, params) -> int:
    """The most a commissioner may carry at a year's end: its share of the allocation.

    With regimes on, the place's ``allocation_reserve_cap_share`` where that is lower.
    """
    share = min(own_share, params.allocation_reserve_cap_share) if params.enabled else own_share
    return int(allocation_pence * share)


def returned_pence(reserves_pence: int, cap_pence: int) -> int:
    """What goes back to the funder: reserves above the cap (nothing below it)."""
    return max(0, reserves_pence - cap_pence)


def deficit_support_shares(total_pence: int, allocations: dict[str, int]) -> dict[str, int]:
    """Split ``total_pence`` by allocation, in id order; the last payer takes the odd pence."""
    ids = sorted(allocations)
    whole = sum(allocations.values())
    amounts = [total_pence * allocations[c] // whole if whole else 0 for c in ids]
    amounts[-1] += total_pence - sum(amounts)
    return dict(zip(ids, amounts, strict=True))


def _recovery(model, info: WeekInfo, params) -> None:
    floor = gbp_to_pence(params.recovery_reserves_floor_gbp)
    payers = {c.org_id: c.allocation_pence_for_year(info.year) for c in model.commissioners
              if c.commissioner_type == "health"}
    for provider in model.providers:
        if provider.kind not in NHS_PROVIDER_KINDS:
            continue
        reserves = model.ledger.balance(provider.org_id)
        if reserves >= floor:
            continue
        from_exchequer = params.deficit_support_from == "exchequer"
        support = floor - reserves if payers or from_exchequer else 0
        if support and from_exchequer:
            model.ledger.post(info.week, EXCHEQUER, provider.org_id, support,
                              Reason.DEFICIT_SUPPORT, f"recovery year {info.year}")
        elif support:
            for payer, amount in deficit_support_shares(support, payers).items():
                model.ledger.post(info.week, payer, provider.org_id, amount,
                                  Reason.DEFICIT_SUPPORT, f"recovery year {info.year}")
        model.mandated_efficiency[provider.org_id] = params.recovery_efficiency_share
        model.recorder.add(RegimeEvent(
            year=info.year, organisation=provider.org_id, regime="recovery",
            reserves_pence=reserves, threshold_pence=floor, amount_pence=support,
            detail=(f"deficit support to the floor; cost improvement plan of "
                    f"{params.recovery_efficiency_share:.1%} next year")))


def _commissioner_support(model, info: WeekInfo, params) -> None:
    """NHS England brings a health commissioner below the recovery floor back to it."""
    floor = gbp_to_pence(params.recovery_reserves_floor_gbp)
    for commissioner in model.commissioners:
        if commissioner.commissioner_type != "health":
            continue
        reserves = model.ledger.balance(commissioner.org_id)
        if reserves >= floor:
            continue
        model.ledger.post(info.week, EXCHEQUER, commissioner.org_id, floor - reserves,
                          Reason.DEFICIT_SUPPORT, f"commissioner support year {info.year}")
        model.recorder.add(RegimeEvent(
            year=info.year, organisation=commissioner.org_id, regime="commissioner_support",
            reserves_pence=reserves, threshold_pence=floor, amount_pence=floor - reserves,
            detail="NHS England deficit support to the floor (exchequer-funded)"))


def _s114(model, info: WeekInfo, params) -> None:
    floor = gbp_to_pence(params.s114_reserves_floor_gbp)
    factor = 1.0 - params.s114_spending_cut_share
    for council in model.commissioners:
        if council.commissioner_type != "local_authority":
            continue
        reserves = model.ledger.balance(council.org_id)
        if reserves >= floor:
            continue
        model.contracts.scale_fixed_values(council.org_id, factor)
        model.recorder.add(ContractCut(year=info.year + 1, organisation=council.org_id,
                                       factor=factor))
        model.recorder.add(RegimeEvent(
            year=info.year, organisation=council.org_id, regime="s114",
            reserves_pence=reserves, threshold_pence=floor, amount_pence=0,
            detail=f"spending freeze: fixed contract values cut to {factor:.0%}"))


def _allocation_rule(model, info: WeekInfo, params) -> None:
    for commissioner in model.commissioners:
        cap = reserves_cap_pence(commissioner.allocation_pence_for_year(info.year),
                                 commissioner.spec.reserves_cap_share, params)
        reserves = model.ledger.balance(commissioner.org_id)
        amount = returned_pence(reserves, cap)
        if not amount:
            continue
        model.ledger.post(info.week, commissioner.org_id, EXCHEQUER, amount,
                          Reason.ALLOCATION_CLAWBACK, f"reserves above cap, year {info.year}")
        model.returned_pence[commissioner.org_id] = (
            model.returned_pence.get(commissioner.org_id, 0) + amount)
        model.recorder.add(RegimeEvent(
            year=info.year, organisation=commissioner.org_id, regime="allocation_clawback",
            reserves_pence=reserves, threshold_pence=cap, amount_pence=amount,
            detail="reserves above the cap returned to the exchequer"))
