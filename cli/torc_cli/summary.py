"""How far a workflow has got: its jobs counted by status, and one word for the whole."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

JOB_STATUSES = (
    "uninitialized",
    "blocked",
    "ready",
    "pending",
    "running",
    "completed",
    "failed",
    "canceled",
    "terminated",
    "disabled",
    "pending_failed",
)
"""Every job status, in the order a job passes through them."""

STATUS_ALIASES = {"done": "completed", "scheduled": "pending", "submitted": "pending"}
"""Names older Torc versions used, accepted by `--status` options."""


def status_name(value: str) -> str:
    return STATUS_ALIASES.get(value, value)


def status_counts(
    api: Any, workflow_id: int, statuses: Iterable[str] = JOB_STATUSES
) -> dict[str, int]:
    """Number of jobs in each status (one small request per status, plain JSON: no models to
    build; all statuses unless `statuses` names some)."""
    return {
        status: int(
            api.request_json(
                "GET",
                "/jobs",
                params={"workflow_id": workflow_id, "status": status, "limit": 1},
                operation="list_jobs",
            )["total_count"]
        )
        for status in statuses
    }


def overall(status: Any, counts: dict[str, int]) -> str:
    """One word for the workflow: canceled, empty, uninitialized, running, completed, failed,
    or in_progress (initialized, with jobs waiting or ready)."""
    total = sum(counts.values())
    if getattr(status, "is_canceled", False):
        return "canceled"
    if total == 0:
        return "empty"
    if counts["uninitialized"] + counts["disabled"] == total:
        return "uninitialized"
    if counts["pending"] + counts["running"]:
        return "running"
    finished = sum(counts[s] for s in ("completed", "failed", "canceled", "terminated", "disabled"))
    if finished == total:
        return "completed" if finished == counts["completed"] + counts["disabled"] else "failed"
    return "in_progress"
