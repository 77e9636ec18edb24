"""granian's threads give way to the Python thread instead of preempting it.

`sqlite3` releases the GIL around every step of every statement. granian's threads, woken to hand a
request from another connection to Python, used to preempt the event loop's thread at those
moments on a server with one CPU (a pinned server, a container with one core): two context
switches, a colder cache and a wait for the GIL, two or three times per request. Marked
SCHED_BATCH, they are no longer run ahead of the thread that holds the CPU when they wake; they run
when the loop's thread waits for events or at the scheduler's tick, and then hand over what
arrived meanwhile. On a machine with a free CPU they run there at once, as before.

Measured with `tests/benchmarks/run.py --only request_cost` (server pinned to one CPU, eight
clients): 379 -> 316 us of server CPU per one-job report, 101 -> 88 us per job in reports of eight,
latency p99 unchanged or lower.
"""

from __future__ import annotations

import contextlib
import os
import threading


def threads_python_did_not_start() -> list[int]:
    """The native ids of this process's threads that no `threading.Thread` runs (granian's)."""
    ours = {thread.native_id for thread in threading.enumerate()}
    try:
        listed = os.listdir("/proc/self/task")
    except OSError:  # not Linux
        return []
    return [int(tid) for tid in listed if int(tid) not in ours]


def yield_to_python() -> int:
    """Mark the threads Python did not start SCHED_BATCH (threads they start later inherit
    it); how many were marked. Does nothing where the policy does not exist."""
    batch = getattr(os, "SCHED_BATCH", None)
    if batch is None:
        return 0
    marked = 0
    for tid in threads_python_did_not_start():
        with contextlib.suppress(OSError):  # a thread that just ended
            os.sched_setscheduler(tid, batch, os.sched_param(0))
            marked += 1
    return marked
