"""Jobs that end right after they start are seen ending by the thread that started them.

A job's start is handed from a spawner thread to the event loop, which then watches the job's
pidfd and is woken again when it exits: two wake-ups of the loop, a pidfd registered and
unregistered, per job. Most no-op or very short jobs have ended a millisecond later; so the
spawner thread waits up to `GRACE_SECONDS` for the exit itself (its pidfd polled without the
interpreter lock) and hands over the start and the end together. A job still running after that
is handed over as before and the loop watches it. The job's start time is the spawn's, so its
run time is not lengthened by the wait.
"""

from __future__ import annotations

import asyncio
import os
import select
import time
from collections.abc import Callable
from dataclasses import dataclass

from torc_runner import job_process, libc_spawn
from torc_runner.job_process import JobProcess

GRACE_SECONDS = 0.002
"""How long a spawner thread waits for a job it started to end (then the loop watches it)."""


@dataclass(frozen=True, slots=True)
class Started:
    pid: int
    at: float
    """Monotonic time the process was started."""
    returncode: int | None
    """Its exit code when it ended within the grace period (and was reaped), else None."""


def start(spawn: Callable[[], int], grace: float = GRACE_SECONDS) -> Started:
    """Start a job (`spawn` answers its pid; call from a worker thread) and wait up to `grace`
    seconds for it to end."""
    pid = spawn()
    at = time.monotonic()
    return Started(pid, at, _ended_within(pid, grace))


def _ended_within(pid: int, seconds: float) -> int | None:
    try:
        pidfd = os.pidfd_open(pid)
    except (AttributeError, OSError):  # no pidfd here: the loop watches it as usual
        return None
    # closed and reaped keeping the GIL where libc is at hand (both return at once)
    close, reap = (
        (libc_spawn.close, libc_spawn.reap_ended)
        if libc_spawn.AVAILABLE
        else (os.close, job_process._reap)
    )
    try:
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        if not poller.poll(seconds * 1000):
            return None
    finally:
        close(pidfd)
    return reap(pid)


def process(
    loop: asyncio.AbstractEventLoop,
    started: Started,
    job_id: int,
    name: str,
    attempt_id: int,
    supports_termination: bool,
) -> JobProcess:
    """The job's `JobProcess` (in the loop's thread): already ended, or watched from now on."""
    if started.returncode is None:
        proc = job_process.watch(loop, started.pid, job_id, name, attempt_id, supports_termination)
    else:
        exited: asyncio.Future[int] = loop.create_future()
        exited.set_result(started.returncode)
        proc = JobProcess(job_id, name, attempt_id, supports_termination, started.pid, exited)
        proc.returncode = started.returncode
    proc.started = started.at
    return proc
