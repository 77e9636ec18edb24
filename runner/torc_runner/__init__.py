"""Job runners: claim ready jobs, run them, report results."""
