"""A runner's deadline: the moment by which none of its jobs may still run (an allocation's end,
less the workflow's expiration buffer).

Running jobs get SIGTERM `grace` seconds before the deadline and SIGKILL at it, so jobs that
checkpoint have the grace period to do so. A job is claimed only when its declared runtime fits
in the time left before that SIGTERM.
"""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Deadline:
    end_time: float
    """Epoch seconds by which every job of the runner has ended."""
    grace: float = 30.0
    """Seconds between SIGTERM and SIGKILL to running jobs."""

    @property
    def terminate_at(self) -> float:
        """Epoch seconds when running jobs get SIGTERM."""
        return self.end_time - self.grace

    def time_left(self, now: float | None = None) -> float:
        """Seconds until running jobs get SIGTERM (0 once that time has come)."""
        return max(self.terminate_at - (time.time() if now is None else now), 0.0)

    def reached(self, now: float | None = None) -> bool:
        return self.time_left(now) <= 0.0

    def claim_time_limit(self, now: float | None = None) -> str | None:
        """The `time_limit` of a claim (ISO 8601, whole seconds): jobs with a longer declared
        runtime would not finish in time and are not handed out. None when no time is left."""
        seconds = int(self.time_left(now))
        return f"PT{seconds}S" if seconds >= 1 else None
