"""Designing agreements: measured influence, coalition values and a search for deals."""
