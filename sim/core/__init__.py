"""The foundation: exact money, the calendar, units of activity, the ledger and shared kinds.

Also the values the model puts on outcomes for people (``valuation``), shared by the
indicators and the organisations.

Imports nothing else of the project, so every other layer can stand on it.
"""
