"""Counting workflow action triggers from the workflow's state.

An action becomes pending when `trigger_count >= required_triggers` and it has not been executed.
Job triggers count how many of their listed jobs are in a satisfying status, recounted after every
change of job statuses, so an action fires whenever its condition becomes true, whatever made it
true (a completion, a cancellation cascade, a canceled workflow).
"""

from __future__ import annotations

import sqlite3

from torc_server.storage.schema import JOB_STATUS_CODES as S

# A job has been ready once it is ready, claimed, running or finished after running. A canceled
# job is left out: a job canceled because a dependency failed never became ready.
_READY_OR_DONE = ",".join(
    str(S[s])
    for s in (
        "ready",
        "pending",
        "running",
        "completed",
        "failed",
        "terminated",
        "pending_failed",
    )
)
_DONE = ",".join(str(S[s]) for s in ("completed", "failed", "canceled"))
_JOB_TRIGGERS = {"on_jobs_ready": _READY_OR_DONE, "on_jobs_complete": _DONE}
_NOT_FINISHED = ",".join(
    str(S[s])
    for s in (
        "uninitialized",
        "blocked",
        "ready",
        "pending",
        "running",
        "terminated",
        "pending_failed",
    )
)


def _armed(conn: sqlite3.Connection, workflow_id: int) -> bool:
    """Whether any action of the workflow is still waiting for its trigger."""
    return (
        conn.execute(
            "SELECT 1 FROM workflow_action WHERE workflow_id = ? AND executed = 0 "
            "AND trigger_count < required_triggers LIMIT 1",
            (workflow_id,),
        ).fetchone()
        is not None
    )


def recount(conn: sqlite3.Connection, workflow_id: int) -> None:
    """Bring job and completion triggers up to date with the job statuses."""
    if not _armed(conn, workflow_id):
        return
    for trigger, statuses in _JOB_TRIGGERS.items():
        conn.execute(
            f"""
            UPDATE workflow_action SET trigger_count = CASE
                WHEN job_ids IS NULL OR job_ids = '[]' THEN
                    CASE WHEN EXISTS (SELECT 1 FROM job j WHERE j.workflow_id = workflow_action.workflow_id
                                      AND j.status NOT IN ({statuses}, {S["disabled"]}))
                         THEN 0 ELSE required_triggers END
                ELSE (SELECT COUNT(*) FROM json_each(workflow_action.job_ids) je
                      JOIN job j ON j.id = je.value WHERE j.status IN ({statuses}))
                END
            WHERE workflow_id = ? AND trigger_type = ? AND executed = 0
            """,
            (workflow_id, trigger),
        )
    if is_finished(conn, workflow_id):
        fire(conn, workflow_id, "on_workflow_complete")


def is_finished(conn: sqlite3.Connection, workflow_id: int) -> bool:
    """Canceled, or no job left to run."""
    row = conn.execute(
        "SELECT is_canceled FROM workflow_status WHERE id = ?", (workflow_id,)
    ).fetchone()
    if row is not None and row[0]:
        return True
    return (
        conn.execute(
            f"SELECT 1 FROM job WHERE workflow_id = ? AND status IN ({_NOT_FINISHED}) LIMIT 1",
            (workflow_id,),
        ).fetchone()
        is None
    )


def fire(conn: sqlite3.Connection, workflow_id: int, trigger: str) -> None:
    """A workflow or worker trigger happened: its actions become pending."""
    conn.execute(
        "UPDATE workflow_action SET trigger_count = required_triggers "
        "WHERE workflow_id = ? AND trigger_type = ? AND executed = 0",
        (workflow_id, trigger),
    )


def rearm(conn: sqlite3.Connection, workflow_id: int) -> None:
    """A (re)initialized workflow starts a new run: actions may run again, recovery actions
    added during the previous run are dropped, and the start triggers fire."""
    conn.execute(
        "DELETE FROM workflow_action WHERE workflow_id = ? AND is_recovery = 1", (workflow_id,)
    )
    conn.execute(
        "UPDATE workflow_action SET executed = 0, executed_at = NULL, executed_by = NULL, "
        "trigger_count = 0 WHERE workflow_id = ?",
        (workflow_id,),
    )
    for trigger in ("on_workflow_start", "on_worker_start", "on_worker_complete"):
        fire(conn, workflow_id, trigger)
    recount(conn, workflow_id)
