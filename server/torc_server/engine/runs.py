"""Starting a workflow's first run exactly once, however many runners ask at the same moment.

Checking "is it uninitialized?" and then initializing over several requests let racing runners
each see an uninitialized workflow and each start a run (the jobs ran twice). Here the check and
every step of the start happen in the caller's one write transaction.
"""

from __future__ import annotations

import sqlite3

from torc_server.engine import lifecycle
from torc_server.engine.events import EventSink
from torc_server.errors import StateConflict
from torc_server.storage import workflows


def start_run_if_uninitialized(
    conn: sqlite3.Connection,
    workflow_id: int,
    *,
    clear_ephemeral_user_data: bool,
    sink: EventSink,
) -> tuple[bool, int]:
    """Start a new run when every job is uninitialized (or disabled): whether this call did,
    and the run id afterwards."""
    status = workflows.get_status(conn, workflow_id)
    if not lifecycle.is_uninitialized(conn, workflow_id):
        return False, status["run_id"]
    if status.get("is_archived"):
        raise StateConflict(f"workflow {workflow_id} is archived; unarchive it first")
    run_id = status["run_id"] + 1
    conn.execute(
        "UPDATE workflow_status SET is_canceled = 0, "
        "has_detected_need_to_run_completion_script = 0, run_id = ? WHERE id = ?",
        (run_id, workflow_id),
    )
    lifecycle.initialize_jobs(
        conn,
        workflow_id,
        only_uninitialized=False,
        clear_ephemeral_user_data=clear_ephemeral_user_data,
        sink=sink,
    )
    return True, run_id
