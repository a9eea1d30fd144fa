"""Solara components of the meeting-room page."""
