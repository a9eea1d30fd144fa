"""Experiments: running, comparing designs, sweeps, sensitivity, and the command line."""
