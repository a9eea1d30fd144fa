"""The stylised facts the model must reproduce, measured per design and seed.

Each function runs the model on the default place (or a variant of it given by scenario
overrides) and returns the numbers a fact is judged on. The test suite
(``tests/scenarios/``) asserts the facts' directions over several seeds; ``python -m
experiments.stylised_facts --seeds 20 --out docs/stylised-facts.md`` writes their sizes per
design (mean and 95% interval) and how many seeds each direction holds in.
"""

import tomllib
from functools import cache, partial
from pathlib import Path

import pandas as pd

from experiments import runs
from experiments.overrides import scenario_with
from experiments.report.stats import mean_interval
from experiments.runs import advance, total_weeks
from sim.model.finance import CLOSED_REASON
from sim.outputs import indicators

DEFAULT_PLACE = Path(__file__).resolve().parent.parent / "scenarios" / "default.toml"
DESIGNS = ("activity_based", "block", "capitation_gain_loss", "blended")
PEOPLE = 50_000  # a sample of the place; money and activity are scaled to the whole place


@cache
def _raw_place() -> dict:
    return tomllib.loads(DEFAULT_PLACE.read_text(encoding="utf-8"))


@cache
def _place(overrides: tuple[tuple[str, object], ...]):
    return scenario_with(_raw_place(), dict(overrides), str(DEFAULT_PLACE))


@cache
def run(design: str, seed: int, years: int, overrides: tuple = (), planner: bool = False,
        people: int = PEOPLE, solvency_guard: bool = False):
    """Results of one run (cached: facts share runs)."""
    model = runs.build(_place(overrides), design=design, seed=seed, years=years, people=people,
                  planner=planner, solvency_guard=solvency_guard)
    advance(model, total_weeks(model))
    return model.results()


def _annual(results, column: str) -> pd.Series:
    return results.system_weekly.groupby("year")[column].sum()


def _capacity(results, organisation: str, column: str) -> pd.Series:
    org = results.organisations_monthly
    org = org[(org["organisation"] == organisation) & (org["month"] == 11)]
    return org.set_index("year")[column]


def _finance(results, organisation: str, column: str) -> pd.Series:
    finance = results.finance_annual
    return finance[finance["organisation"] == organisation].set_index("year")[column] / 100


SCHEME = (("demand.prevention_scheme_effect", 0.1),)
GROWTH = (("demand.nel_demand_growth_per_year", 0.03),)


def fixed_cost_exposure(design: str, seed: int) -> dict[str, float]:
    """Fact 1: a scheme cutting NEL demand 10%: the acute trust's year-1 position."""
    with_scheme = run(design, seed, 1, SCHEME)
    without = run(design, seed, 1)
    income = _finance(with_scheme, "acute", "income_pence").iloc[0]
    return {"acute_surplus_year1_gbp": _finance(with_scheme, "acute", "surplus_pence").iloc[0],
            "acute_surplus_share_of_income": _finance(with_scheme, "acute",
                                                      "surplus_pence").iloc[0] / income,
            "acute_income_change": income / _finance(without, "acute", "income_pence").iloc[0]
            - 1}


def downstream_capacity(design: str, seed: int, years: int = 4) -> dict[str, float]:
    """Fact 2: with demand growing 3% a year, D2A capacity and DTOC over the years."""
    results = run(design, seed, years, GROWTH)
    d2a = _capacity(results, "community", "capacity_d2a_places")
    dtoc = _annual(results, "dtoc_bed_days")
    return {"d2a_places_change": float(d2a.iloc[-1] - d2a.iloc[0]),
            "d2a_places_final": float(d2a.iloc[-1]),
            "dtoc_change": float(dtoc.iloc[-1] / dtoc.iloc[0] - 1),
            "dtoc_final_year": float(dtoc.iloc[-1])}


def admission_avoidance(design: str, seed: int, years: int = 5) -> dict[str, float]:
    """Fact 3: the acute trust's avoidance investment and its discretionary admissions."""
    results = run(design, seed, years)
    invest = _capacity(results, "acute", "lever_avoidance_investment_gbp_per_year")
    return {"avoidance_investment_mean_gbp": float(invest.mean()),
            "discretionary_admissions_per_year": float(
                _annual(results, "discretionary_admissions").mean()),
            "admissions_final_year": float(_annual(results, "admissions").iloc[-1])}


def care_shift(design: str, seed: int, years: int = 5) -> dict[str, float]:
    """Fact 4: change in the share of care in community and social care settings.

    Judged on short-term care (acute stays against D2A, community beds and reablement), the
    care that designs move; long-term care-home and home-care days are reported too.
    """
    results = run(design, seed, years)
    short_term = indicators.out_of_hospital_share(results)
    shift = indicators.care_shift(results)
    outside = shift[shift["setting"].isin(["community", "social_care"])]
    by_year = outside.groupby("year")[["share_of_care_days", "share_of_cost"]].sum()
    return {"out_of_hospital_share_change_pp": 100 * float(short_term.iloc[-1]
                                                           - short_term.iloc[0]),
            "community_social_share_change_pp": 100 * float(
        by_year["share_of_care_days"].iloc[-1] - by_year["share_of_care_days"].iloc[0]),
            "community_social_cost_share_change_pp": 100 * float(
        by_year["share_of_cost"].iloc[-1] - by_year["share_of_cost"].iloc[0])}


def silo(design: str, seed: int, years: int = 5, overrides: tuple = ()) -> dict[str, float]:
    """Fact 5: the silo index against a whole-system planner on the same seed."""
    own = run(design, seed, years, overrides)
    closed = (own.exits["reason"] == CLOSED_REASON).any()
    index = indicators.silo_index(own, run(design, seed, years, overrides, planner=True),
                                  run(design, seed, years, overrides, solvency_guard=True)
                                  if closed else None)
    return {"silo_index": index}


def half_benefit(design: str, seed: int, years: int = 3) -> dict[str, float]:
    """Fact 7: who pays when a scheme delivers half its intended effect (£, cumulative)."""
    full = run(design, seed, years, SCHEME)
    half = run(design, seed, years, (*SCHEME, ("demand.scheme_benefit_realised", 0.5)))
    out = {}
    for org in ("icb", "council", "acute", "community", "social_care"):
        out[f"{org}_pays_gbp"] = float(_kept(full, org).sum() - _kept(half, org).sum())
    return out


def _kept(results, organisation: str) -> pd.Series:
    """Surplus (£ a year): reserves returned above a commissioner's cap are not taken off.

    A commissioner whose reserves pass its cap returns the excess, so its reserves after the
    return are the same whatever it spent; what it pays shows in its out-turn.
    """
    return _finance(results, organisation, "surplus_pence")


FACTS = {
    "1 fixed-cost exposure": fixed_cost_exposure,
    "2 downstream capacity": downstream_capacity,
    "3 admission avoidance": admission_avoidance,
    "4 care shift": care_shift,
    "5 silo index": silo,
    "7 half the benefits": half_benefit,
}


def over_seeds(fact, design: str, seeds) -> pd.DataFrame:
    """One row per seed of a fact's measures."""
    return pd.DataFrame([{"seed": s, **fact(design, s)} for s in seeds])


# The direction each fact claims, judged per seed on its measures: (fact, claim, designs
# the claim reads, test on {design: measures of one seed}). The tests in tests/scenarios/
# hold these directions (with bounds on sizes); the document counts the seeds they hold in.
DIRECTIONS = (
    ("1 fixed-cost exposure", "activity-based: acute trust in deficit in year 1",
     ("activity_based",), lambda m: m["activity_based"]["acute_surplus_share_of_income"] < 0),
    ("1 fixed-cost exposure", "capitation + gain/loss: acute surplus within ±2.5% of income",
     ("capitation_gain_loss",),
     lambda m: abs(m["capitation_gain_loss"]["acute_surplus_share_of_income"]) <= 0.025),
    ("2 downstream capacity", "block: DTOC bed days grow over 20%",
     ("block",), lambda m: m["block"]["dtoc_change"] > 0.2),
    ("2 downstream capacity", "capitation + gain/loss adds more D2A places than block",
     ("block", "capitation_gain_loss"),
     lambda m: m["capitation_gain_loss"]["d2a_places_change"] > m["block"]["d2a_places_change"]),
    ("3 admission avoidance", "activity-based admits more discretionary cases than capitation",
     ("activity_based", "capitation_gain_loss"),
     lambda m: m["activity_based"]["discretionary_admissions_per_year"]
     > m["capitation_gain_loss"]["discretionary_admissions_per_year"]),
    ("4 care shift", "out-of-hospital share rises more under capitation than activity-based",
     ("activity_based", "capitation_gain_loss"),
     lambda m: m["capitation_gain_loss"]["out_of_hospital_share_change_pp"]
     > m["activity_based"]["out_of_hospital_share_change_pp"]),
    ("5 silo index", "activity-based silo index above capitation's",
     ("activity_based", "capitation_gain_loss"),
     lambda m: m["activity_based"]["silo_index"] > m["capitation_gain_loss"]["silo_index"]),
    ("5 silo index", "block silo index above capitation's", ("block", "capitation_gain_loss"),
     lambda m: m["block"]["silo_index"] > m["capitation_gain_loss"]["silo_index"]),
    ("5 silo index", "every design's silo index is at least 0", DESIGNS,
     lambda m: all(m[d]["silo_index"] >= 0 for d in DESIGNS)),
    ("7 half the benefits", "activity-based: ICB pays, acute trust gains", ("activity_based",),
     lambda m: m["activity_based"]["icb_pays_gbp"] > 0 > m["activity_based"]["acute_pays_gbp"]),
    ("7 half the benefits", "block: acute trust pays, ICB pays nothing", ("block",),
     lambda m: m["block"]["acute_pays_gbp"] > 0 and m["block"]["icb_pays_gbp"] == 0),
)


def direction_counts(measures_by_seed: dict, fact_name: str) -> list[tuple[str, int, int]]:
    """(claim, seeds where it holds, seeds) for each direction of a fact.

    ``measures_by_seed`` maps seed → {design: {measure: value}} for that fact.
    """
    out = []
    for name, claim, _designs, holds in DIRECTIONS:
        if name == fact_name:
            out.append((claim, sum(bool(holds(m)) for m in measures_by_seed.values()),
                        len(measures_by_seed)))
    return out


def _measures(fact, seeds) -> dict:
    return {seed: {design: fact(design, seed) for design in DESIGNS} for seed in seeds}


def _one_seed(seed: int, names: tuple[str, ...]) -> dict:
    """The named facts' measures on one seed: {fact: {design: measures}} (runs shared)."""
    return {name: {design: FACTS[name](design, seed) for design in DESIGNS} for name in names}


def measures_over(seeds, workers: int = 1, names: tuple[str, ...] | None = None) -> dict:
    """{fact: {seed: {design: measures}}}, seeds side by side in ``workers`` processes.

    Each seed's runs are the same whichever process makes them (seeded), so the result
    does not depend on ``workers``. ``names`` picks facts (default: all of them).
    """
    seeds = list(seeds)
    names = tuple(FACTS) if names is None else tuple(names)
    one_seed = partial(_one_seed, names=names)
    if workers <= 1:
        per_seed = [one_seed(seed) for seed in seeds]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=spawn) as pool:
            per_seed = list(pool.map(one_seed, seeds))
    return {name: {seed: found[name] for seed, found in zip(seeds, per_seed, strict=True)}
            for name in names}


def summary_table(seeds=range(1, 6), measures: dict | None = None) -> pd.DataFrame:
    """Mean and 95% interval (t on seeds − 1 degrees of freedom) of every fact's measures.

    ``measures`` ({fact: {seed: {design: {measure: value}}}}) skips the runs when given.
    """
    rows = []
    for fact_name, fact in FACTS.items():
        by_seed = measures[fact_name] if measures is not None else _measures(fact, seeds)
        for design in DESIGNS:
            frame = pd.DataFrame([by_seed[s][design] for s in by_seed])
            for measure in frame.columns:
                mean, low, high = mean_interval(frame[measure].to_numpy(dtype=float))
                rows.append({"fact": fact_name, "design": design, "measure": measure,
                             "mean": mean, "ci_low": low, "ci_high": high})
    return pd.DataFrame(rows)


def document(measures: dict, seeds) -> str:
    """docs/stylised-facts.md: sizes per design and how many seeds each direction holds in."""
    seeds = list(seeds)
    table = summary_table(seeds, measures).to_string(
        index=False, float_format=lambda v: f"{v:,.4g}")
    lines = ["# Stylised facts: sizes per design", "",
             f"Mean and 95% interval (t on {len(seeds) - 1} degrees of freedom) over seeds "
             f"{seeds[0]}–{seeds[-1]} ({len(seeds)} seeds) on the default place, "
             f"{PEOPLE:,}-person sample scaled to the whole place; produced by "
             f"`python -m experiments.stylised_facts --seeds {len(seeds)} --out "
             "docs/stylised-facts.md`. The tests in `tests/scenarios/` hold the directions.",
             "", "## Directions", "", "| fact | claim | seeds where it holds |",
             "|---|---|---|"]
    for fact_name in FACTS:
        for claim, held, n in direction_counts(measures[fact_name], fact_name):
            lines.append(f"| {fact_name} | {claim} | {held} of {n} |")
    lines += ["", "## Sizes", "", "```", table, "```", ""]
    return "\n".join(lines)


def main(argv=None) -> None:
    """Print or write the document for seeds 1..N."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="seeds 1..N (default 5)")
    parser.add_argument("--out", type=Path, help="write the markdown document here")
    parser.add_argument("--measures", type=Path,
                        help="also write every seed's measures here (JSON)")
    parser.add_argument("--workers", type=int, default=1,
                        help="processes running seeds side by side (default 1)")
    args = parser.parse_args(argv)
    if args.seeds < 2:
        parser.error(f"--seeds: expected at least 2 (for an interval), got {args.seeds}")
    if args.workers < 1:
        parser.error(f"--workers: expected at least 1, got {args.workers}")
    seeds = range(1, args.seeds + 1)
    measures = measures_over(seeds, args.workers)
    if args.measures is not None:
        import json

        args.measures.write_text(json.dumps(measures, indent=1, default=float),
                                 encoding="utf-8")
    text = document(measures, seeds)
    if args.out is None:
        print(text)
    else:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
