"""What a fit writes: the calibrated scenario (with its record) and the table of trials."""

from pathlib import Path

import pandas as pd

from experiments.calibration.fit import CalibrationResult
from experiments.calibration.targets import TargetsFile
from experiments.overrides import apply_overrides
from sim.scenario import scenario_from_dict
from sim.scenario.loader import read_toml

SAMPLER = "optuna TPE (multivariate), seeded"
HEADER = ("# Calibrated by `placesim calibrate`: the fitted values are set in place and the\n"
          "# [calibration] table records what was fitted, to what, on which seeds, how well.\n")


def calibration_record(result: CalibrationResult, targets: TargetsFile, scenario_file: Path,
                       targets_file: Path) -> dict:
    """The ``[calibration]`` table of the calibrated scenario."""
    settings = result.settings
    by_outcome = {t.outcome: t for t in targets.targets}
    reach = result.reach
    return {
        "from_scenario": str(scenario_file), "targets_file": str(targets_file),
        "design": settings.design, "years": settings.years, "people": settings.people,
        "seeds": list(settings.seeds), "trials": len(result.trials),
        "evaluations": result.evaluations, "sampler": SAMPLER,
        **({"started_from": result.started_from} if result.started_from else {}),
        "loss": result.loss,
        "parameters": [{"path": p.path, "low": p.low, "high": p.high, "prior": p.prior.value,
                        "integer": p.integer, "value": result.values[p.path],
                        **({"start": result.start[p.path]} if p.path in result.start else {}),
                        **({"at_bound": bound} if (bound := p.bound_reached(
                            result.values[p.path])) else {}),
                        **({"reach": reach[p.path].reach, "reach_on": reach[p.path].outcome}
                           if p.path in reach and reach[p.path].reach is not None else {})}
                       for p in targets.parameters],
        "targets": [{"outcome": f.outcome, "target": f.target, "fitted": f.fitted,
                     "relative_error": f.relative_error, "weight": f.weight,
                     "source": by_outcome[f.outcome].source} for f in result.fits],
    }


def write_calibrated(scenario_file: Path, result: CalibrationResult, targets: TargetsFile,
                     targets_file: Path, out: Path) -> Path:
    """Write the scenario with the best values set and a ``[calibration]`` record.

    The written file is validated before it is written, so it loads like any scenario.
    """
    import tomli_w

    raw = apply_overrides(read_toml(scenario_file, "a scenario"), result.values)
    raw["calibration"] = calibration_record(result, targets, scenario_file, targets_file)
    scenario_from_dict(raw, source=out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(HEADER + tomli_w.dumps(raw), encoding="utf-8")
    return out


def trials_frame(result: CalibrationResult) -> pd.DataFrame:
    """One row per trial: its parameter values, loss, fitted outcomes and relative errors."""
    return pd.DataFrame(result.trials)
