"""Parameter samples: full grid, uniform random, or Latin hypercube within ranges.

Samples are pure functions of the parameters, the method, the number of samples and a
seed, so an experiment file always expands to the same runs (and the same run ids).
"""

import itertools
from typing import Any

import numpy as np

from experiments.sweep.schema import Parameter, Sampling, SamplingMethod


def grid_values(parameter: Parameter) -> list[Any]:
    """The grid points of one parameter: its values, or ``levels`` evenly spaced points."""
    if parameter.values is not None:
        return list(parameter.values)
    points = np.linspace(parameter.low, parameter.high, parameter.levels)
    return _typed(parameter, points)


def _typed(parameter: Parameter, points: np.ndarray) -> list[Any]:
    if parameter.integer:
        return [int(round(float(x))) for x in points]
    return [float(x) for x in points]


def unit_samples(method: SamplingMethod, n: int, dims: int,
                 rng: np.random.Generator) -> np.ndarray:
    """``n`` points in the unit hypercube ``[0, 1)^dims``, uniform or Latin hypercube.

    A Latin hypercube puts exactly one point in each of the ``n`` equal strata of every
    dimension: each column is a shuffled ``(i + u) / n`` for ``i = 0..n-1``.
    """
    if method is SamplingMethod.RANDOM:
        return rng.random((n, dims))
    strata = (np.arange(n)[:, None] + rng.random((n, dims))) / n
    for d in range(dims):
        strata[:, d] = strata[rng.permutation(n), d]
    return strata


def scale_to_ranges(parameters: list[Parameter], unit: np.ndarray) -> list[dict[str, Any]]:
    """Map unit-cube rows onto each parameter's range."""
    rows = []
    for point in unit:
        row = {}
        for parameter, u in zip(parameters, point, strict=True):
            value = parameter.low + float(u) * (parameter.high - parameter.low)
            row[parameter.path] = _typed(parameter, np.array([value]))[0]
        rows.append(row)
    return rows


def draw_samples(parameters: list[Parameter], sampling: Sampling) -> list[dict[str, Any]]:
    """Every parameter sample of an experiment, in a fixed order.

    With no parameters there is one empty sample (the base scenario). Grid sampling takes
    the product of each parameter's grid; random and LHS need ranges and draw
    ``sampling.samples`` points from a generator seeded by ``sampling.seed``.

    Raises:
        ValueError: When random or LHS sampling is asked of a parameter given as values.
    """
    if not parameters:
        return [{}]
    if sampling.method is SamplingMethod.GRID:
        grids = [grid_values(p) for p in parameters]
        return [dict(zip([p.path for p in parameters], combo, strict=True))
                for combo in itertools.product(*grids)]
    listed = [p.path for p in parameters if not p.is_range]
    if listed:
        raise ValueError(f"{sampling.method} sampling needs low/high ranges; "
                         f"{', '.join(listed)} give values")
    rng = np.random.default_rng(sampling.seed)
    unit = unit_samples(sampling.method, sampling.samples, len(parameters), rng)
    return scale_to_ranges(parameters, unit)
