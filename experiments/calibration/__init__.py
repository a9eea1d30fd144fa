"""Calibration: fit named scenario parameters to a place's published figures.

``load_targets`` reads and checks a targets file; ``calibrate`` searches the parameters'
ranges with Optuna's TPE sampler, every trial on the same seeds (common random numbers);
``write_calibrated`` writes the calibrated scenario with a record of the fit, and
``trials_frame`` the table of trials. See docs/calibration.md.
"""

from experiments.calibration.fit import CalibrationResult, calibrate
from experiments.calibration.objective import TargetFit, loss, target_fits
from experiments.calibration.record import trials_frame, write_calibrated
from experiments.calibration.targets import (
    CalibrationSettings,
    Parameter,
    Prior,
    Target,
    TargetsFile,
    load_targets,
)

__all__ = [
    "CalibrationResult",
    "CalibrationSettings",
    "Parameter",
    "Prior",
    "Target",
    "TargetFit",
    "TargetsFile",
    "calibrate",
    "load_targets",
    "loss",
    "target_fits",
    "trials_frame",
    "write_calibrated",
]
