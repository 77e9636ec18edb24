"""Slurm: submitting allocations, the runner inside them, and reading what Slurm recorded.

Every call to a Slurm command goes through `torc_runner.slurm.tools`, so retries and error
messages are the same everywhere.
"""
