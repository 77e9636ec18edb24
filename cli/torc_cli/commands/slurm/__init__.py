"""`torc slurm`: Slurm scheduler configurations, allocations and their logs.

Each module adds its commands to the group's `app` (in `group`); importing them here registers them.
"""

from __future__ import annotations

import torc_cli.commands.slurm.generate  # noqa: F401  (registers `torc slurm generate`)
from torc_cli.commands.slurm import (  # noqa: F401  (they register commands)
    accounting,
    logs,
    schedule,
    schedulers,
)
from torc_cli.commands.slurm.group import SLURM_NOT_AVAILABLE, app

__all__ = ["SLURM_NOT_AVAILABLE", "app"]

COMMANDS = [app]
