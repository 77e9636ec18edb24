"""Running Slurm's commands (sbatch, squeue, scancel, sacct, sinfo, scontrol).

Slurm's controller can be briefly unreachable (a restart, a busy scheduler); calls that are safe
to repeat take `retries` and wait `delay` seconds between attempts. Failures become `SlurmError`
with one line that names the command and what Slurm said.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from collections.abc import Mapping, Sequence

log = logging.getLogger("torc.slurm")


class SlurmError(RuntimeError):
    """A Slurm command is missing or refused what it was asked."""


def available(tool: str = "sbatch") -> bool:
    """Whether this machine has the Slurm command `tool` on its PATH."""
    return shutil.which(tool) is not None


def run(
    args: Sequence[str],
    *,
    retries: int = 0,
    delay: float = 10.0,
    timeout: float = 120.0,
    input: str | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> str:
    """Run a Slurm command and return its standard output (`extra_env`: variables set for it on
    top of this process's environment)."""
    tool = args[0]
    if not available(tool):
        raise SlurmError(f"{tool} not found: Slurm's commands are not installed on this machine")
    attempt = 0
    while True:
        try:
            done = subprocess.run(
                list(args),
                capture_output=True,
                text=True,
                timeout=timeout,
                input=input,
                env={**os.environ, **extra_env} if extra_env else None,
                check=False,
            )
        except subprocess.TimeoutExpired:
            message = f"{tool} did not answer within {timeout:g} s"
        else:
            if done.returncode == 0:
                return done.stdout
            said = (done.stderr or done.stdout).strip().splitlines()
            message = f"{tool} failed (exit {done.returncode}): " + (
                " ".join(said) if said else "no message"
            )
        if attempt >= retries:
            raise SlurmError(message)
        attempt += 1
        log.warning("%s; trying again in %g s (%d of %d)", message, delay, attempt, retries)
        time.sleep(delay)
