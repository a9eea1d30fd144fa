"""The foundation: exact money, the calendar, units of activity, the ledger and shared kinds.

Imports nothing else of the project, so every other layer can stand on it.
"""
