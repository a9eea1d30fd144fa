"""Global sensitivity of chosen outcomes to chosen parameters (SALib).

Sobol gives first-order (S1: the share of an outcome's variance due to a parameter alone)
and total indices (ST: including its interactions). Morris gives mu* (mean absolute
elementary effect: overall influence) and sigma (spread: interactions or non-linearity).
Runs go through the sweep runner, so an analysis resumes like any sweep; each SALib
sample's outcome is the mean over the experiment's replications (common random numbers).
"""


import numpy as np
import pandas as pd

from experiments.options import SensitivityMethod
from experiments.sweep.errors import ExperimentError
from experiments.sweep.plan import RunSpec, build_plan
from experiments.sweep.schema import Experiment


def salib_problem(experiment: Experiment) -> dict:
    """SALib's problem definition from the experiment's ranged parameters.

    Raises:
        ExperimentError: When there is no ``[sensitivity]`` table or a parameter has no range.
    """
    problems = []
    if experiment.sensitivity is None:
        problems.append("sensitivity: missing; expected a [sensitivity] table with outcomes")
    if not experiment.parameters:
        problems.append("parameters: none given; expected at least one with low and high")
    problems += [f"parameters[{i}] '{p.path}': sensitivity needs a range (low and high), "
                 "not values" for i, p in enumerate(experiment.parameters) if not p.is_range]
    if problems:
        raise ExperimentError(experiment.source, problems)
    return {"num_vars": len(experiment.parameters),
            "names": [p.path for p in experiment.parameters],
            "bounds": [[p.low, p.high] for p in experiment.parameters]}


def salib_samples(experiment: Experiment, method: SensitivityMethod) -> np.ndarray:
    """The parameter matrix SALib asks for (rows: samples; columns: parameters)."""
    from SALib.sample import morris as morris_sample
    from SALib.sample import sobol as sobol_sample

    problem, spec = salib_problem(experiment), experiment.sensitivity
    seed = experiment.sampling.seed
    if method is SensitivityMethod.SOBOL:
        return sobol_sample.sample(problem, spec.samples, calc_second_order=False, seed=seed)
    return morris_sample.sample(problem, spec.samples, num_levels=spec.morris_levels, seed=seed)


def as_samples(experiment: Experiment, matrix: np.ndarray) -> list[dict]:
    """Rows of SALib's matrix as parameter dicts (integer parameters rounded)."""
    return [{p.path: (int(round(v)) if p.integer else float(v))
             for p, v in zip(experiment.parameters, row, strict=True)} for row in matrix]


def plan_sensitivity(experiment: Experiment, method: SensitivityMethod,
                     ) -> tuple[np.ndarray, list[RunSpec]]:
    """SALib's matrix and the runs for it, under the analysed design only."""
    matrix = salib_samples(experiment, method)
    design = experiment.sensitivity.design or (experiment.experiment.designs or [None])[0]
    meta = experiment.experiment.model_copy(update={"designs": [design] if design else None})
    one_design = experiment.model_copy(update={"experiment": meta})
    runs = build_plan(one_design, samples=as_samples(experiment, matrix))
    first = runs[0].design
    return matrix, [r for r in runs if r.design == first]


def outcome_matrix(runs: pd.DataFrame, outcomes: list[str], n_samples: int,
                   source: str) -> np.ndarray:
    """Mean of each outcome over replications, one row per SALib sample, in sample order.

    Raises:
        ExperimentError: For an outcome no run reports, or samples without results.
    """
    known = [c for c in runs.columns if c not in {"run_id", "design"} and "." not in c]
    unknown = [o for o in outcomes if o not in runs.columns]
    if unknown:
        raise ExperimentError(source, [f"sensitivity.outcomes: unknown outcome '{o}'; known: "
                                       f"{', '.join(known)}" for o in unknown])
    means = runs.groupby("sample")[outcomes].mean().reindex(range(n_samples))
    missing = means.index[means.isna().any(axis=1)].tolist()
    if missing:
        raise ExperimentError(source, [f"samples {missing[:10]} have no results (failed runs);"
                                       " fix them or rerun before analysing"])
    return means.to_numpy()


def analyse(problem: dict, method: SensitivityMethod, matrix: np.ndarray, y: np.ndarray,
            outcomes: list[str], seed: int) -> pd.DataFrame:
    """Tidy indices: outcome, parameter, index, value, confidence (95% half-width)."""
    from SALib.analyze import morris as morris_analyze
    from SALib.analyze import sobol as sobol_analyze

    rows = []
    for k, outcome in enumerate(outcomes):
        if method is SensitivityMethod.SOBOL:
            result = sobol_analyze.analyze(problem, y[:, k], calc_second_order=False, seed=seed)
            pairs = (("S1", "S1_conf"), ("ST", "ST_conf"))
        else:
            result = morris_analyze.analyze(problem, matrix, y[:, k], seed=seed,
                                            num_levels=problem.get("num_levels", 4))
            pairs = (("mu_star", "mu_star_conf"), ("sigma", None))
        for i, name in enumerate(problem["names"]):
            for index, conf in pairs:
                rows.append({"outcome": outcome, "parameter": name, "index": index,
                             "value": float(result[index][i]),
                             "confidence": float(result[conf][i]) if conf else float("nan")})
    return pd.DataFrame(rows)


def indices_plot(indices: pd.DataFrame) -> bytes:
    """Horizontal bars of each index per parameter, one panel per outcome."""
    # plots first: it picks the file-only backend before pyplot is imported.
    # isort: off
    from experiments.report.plots import to_png
    import matplotlib.pyplot as plt
    # isort: on

    outcomes = list(dict.fromkeys(indices["outcome"]))
    figure, axes = plt.subplots(1, len(outcomes), figsize=(5 * len(outcomes), 3.5),
                                squeeze=False)
    for ax, outcome in zip(axes.flat, outcomes, strict=True):
        table = indices[indices["outcome"] == outcome].pivot(index="parameter",
                                                             columns="index", values="value")
        table.plot.barh(ax=ax)
        ax.set(title=outcome, xlabel="index")
    return to_png(figure)
