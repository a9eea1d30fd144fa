"""Matplotlib charts of one run, each with a plain-English caption of what it shows now.

Every chart is a pure function of the run's tables returning a ``matplotlib.figure.Figure``
(never pyplot, which keeps global state and is not safe across browser sessions).
"""
