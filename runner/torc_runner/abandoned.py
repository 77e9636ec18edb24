"""Finding the jobs of runners that are gone, so that an interrupted run finishes when run again.

A runner killed outright (SIGKILL, an out-of-memory kill) leaves the jobs it claimed `pending`
and the ones it ran `running`; a runner that exited while holding claimed jobs leaves them
`pending`. No one would finish them. A runner starting on the workflow looks at the compute nodes
that hold such jobs: one marked inactive is gone, and so is one on this host whose process no
longer exists (or is another process that got the same pid). Their jobs go back to `ready` in
one request (`release_compute_node_jobs`). Runners on other hosts that still count as active are
gone when the server has not heard from them (`last_seen`, refreshed by every report and a
heartbeat a minute) for longer than a runner waits for an unreachable server.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any

import psutil

from torc import DefaultApi

log = logging.getLogger("torc.runner")

_HELD = ("pending", "running")
SILENCE_MARGIN = 120.0
"""Seconds beyond the workflow's wait for a healthy server before a silent runner elsewhere
counts as gone: two of its heartbeats (one a minute)."""
_PID_REUSE_SLACK = 5.0
"""A process that started this many seconds after its compute node was registered is not the
runner that registered it."""


def release(api: DefaultApi, workflow_id: int, own_node_id: int, hostname: str) -> int:
    """Give back the jobs of gone runners' compute nodes; answers how many jobs."""
    if not any(api.list_jobs(workflow_id, status=status, limit=1).items for status in _HELD):
        return 0
    workflow = api.get_workflow(workflow_id)
    minutes = _value(workflow.compute_node_wait_for_healthy_database_minutes)
    silence = 60.0 * (20 if minutes is None else minutes) + SILENCE_MARGIN
    gone = [
        node.id
        for node in api.iter_compute_nodes(workflow_id)
        if node.id != own_node_id and is_gone(node, hostname, silence)
    ]
    if not gone:
        return 0
    released = api.release_compute_node_jobs(workflow_id, {"compute_node_ids": gone}).jobs
    for job in released:
        log.info(
            "job %s (%s) was held by a runner that is gone; it is ready again", job.id, job.name
        )
    return len(released)


def is_gone(node: Any, hostname: str, silence: float) -> bool:
    """Whether the compute node's runner no longer runs: marked inactive; on this host, its
    process is gone; elsewhere, not heard from for `silence` seconds (a runner that cannot
    reach the server kills its jobs and gives up after the workflow's
    `compute_node_wait_for_healthy_database_minutes`, so by then its jobs are not running)."""
    if _value(node.is_active) is False:
        return True
    if node.hostname == hostname:
        return not process_alive(int(node.pid), _epoch(_value(node.start_time)))
    last_seen = _epoch(_value(getattr(node, "last_seen", None)))
    return last_seen is not None and time.time() - last_seen > silence


def process_alive(pid: int, started: float | None) -> bool:
    """Whether `pid` is a live process that was already running at `started` (epoch seconds)."""
    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False
        created = process.create_time()
    except psutil.NoSuchProcess:
        return False
    except psutil.AccessDenied:
        return True
    return started is None or created <= started + _PID_REUSE_SLACK


def _epoch(text: Any) -> float | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text).timestamp()
    except ValueError:
        return None


def _value(value: Any) -> Any:
    """The SDK marks absent fields with `Unset`; treat them as None."""
    return None if type(value).__name__ == "Unset" else value
