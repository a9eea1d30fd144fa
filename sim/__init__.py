"""Simulation core: scenario schema, population engine, payments, sharing, ledger, model."""
