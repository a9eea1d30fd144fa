"""The simulator: core, pure engines (scenario, population, payments, sharing), model, outputs."""
