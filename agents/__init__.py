"""Organisations of the care system as Mesa agents, and their decision rules.

They import only ``sim.core`` and the pure engines; an organisation reaches the model
through ``self.model`` (docs/architecture.md draws the layers).
"""
