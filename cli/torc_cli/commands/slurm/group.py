"""The `torc slurm` command group; each module of this package adds its commands to it."""

from __future__ import annotations

from cyclopts import App

app = App(name="slurm", help="Slurm scheduler commands.")

SLURM_NOT_AVAILABLE = (
    "not available yet: Slurm support arrives in a later release; "
    "run the workflow on this machine with `torc run`"
)
