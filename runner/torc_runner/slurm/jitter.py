"""Startup jitter: spreading the first requests of many Slurm runners that start at once.

When hundreds of allocations start together, their runners would all register and claim in the
same second. The submitter sizes a delay window from the number of runners it starts (the HPC
deployment reference's table); each runner sleeps a delay inside that window, derived from who it
is, so the same runner always waits the same time and different runners spread evenly.
"""

from __future__ import annotations

import hashlib

MAX_WINDOW_SECONDS = 60.0


def delay_window(total_runners: int) -> float:
    """Seconds over which `total_runners` runners starting together spread their first request.

    1 runner: no delay; 2 to 10: 2 to 10 s (one second per runner); 11 to 100: 10 to 60 s,
    rising linearly; more than 100: 60 s.
    """
    if total_runners <= 1:
        return 0.0
    if total_runners <= 10:
        return float(total_runners)
    if total_runners <= 100:
        return 10.0 + (total_runners - 10) * 50.0 / 90.0
    return MAX_WINDOW_SECONDS


def startup_delay(window: float, hostname: str, job_id: str, node_id: str, pid: int) -> float:
    """This runner's delay within `window`: a hash of its identity mapped onto [0, window)."""
    if window <= 0:
        return 0.0
    key = f"{hostname}\0{job_id}\0{node_id}\0{pid}".encode()
    fraction = int.from_bytes(hashlib.blake2b(key, digest_size=8).digest()) / 2.0**64
    return fraction * window
