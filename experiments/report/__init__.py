"""The comparison report: statistics over replications, plots, plain-English readings, HTML."""
