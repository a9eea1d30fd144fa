"""The interactive Solara app for meetings."""
