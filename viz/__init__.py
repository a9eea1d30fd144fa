"""The meeting-room app: an interactive Solara front end over the care-system model."""
