"""Organisations of the care system as Mesa agents, and their decision rules."""
