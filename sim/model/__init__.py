"""The Mesa model and the wiring of a run.

Contracts in force and their monthly payments, the annual round, agreements in force,
lever effects, attribution of activity to providers and the organisation network. Its
public surface is ``CareSystemModel``; agents reach the model through ``self.model``.
"""

from sim.model.model import AGENT_CLASS, CareSystemModel

__all__ = ["AGENT_CLASS", "CareSystemModel"]
