"""Jobs held by runners that are gone.

A runner killed outright (SIGKILL, a node failure) leaves its claimed jobs `pending` and its
started ones `running`; nothing would ever finish them. The next runner on the workflow finds such
compute nodes (their process is gone) and gives their jobs back here, in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from torc_server.engine import triggers
from torc_server.engine.events import EventSink
from torc_server.errors import NotFound, StateConflict
from torc_server.storage import jobs, records, workflows
from torc_server.storage.schema import JOB_STATUS_CODES as S
from torc_server.storage.schema import JOB_STATUS_NAMES


def release_compute_node_jobs(
    conn: sqlite3.Connection, workflow_id: int, compute_node_ids: list[int], sink: EventSink
) -> list[dict[str, Any]]:
    """Pending and running jobs of these compute nodes become ready; the nodes inactive."""
    workflows.require(conn, workflow_id)
    for node_id in compute_node_ids:
        records.check_id(node_id, "compute_node_id")
        row = conn.execute(
            "SELECT workflow_id FROM compute_node WHERE id = ?", (node_id,)
        ).fetchone()
        if row is None:
            raise NotFound.record("Compute node", node_id)
        if row[0] != workflow_id:
            raise StateConflict(
                f"compute node {node_id} is not a compute node of workflow {workflow_id}"
            )
    node_json = json.dumps(sorted(set(compute_node_ids)))
    held = conn.execute(
        f"""
        SELECT id, name, status, active_compute_node_id FROM job
        WHERE workflow_id = ? AND status IN ({S["pending"]}, {S["running"]})
          AND active_compute_node_id IN (SELECT value FROM json_each(?))
        ORDER BY id
        """,
        (workflow_id, node_json),
    ).fetchall()
    ids = [row["id"] for row in held]
    conn.execute(
        f"UPDATE job SET status = {S['ready']}, active_compute_node_id = NULL "
        "WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(ids),),
    )
    conn.execute(
        "UPDATE compute_node SET is_active = 0 WHERE id IN (SELECT value FROM json_each(?))",
        (node_json,),
    )
    for row in held:
        sink.emit(
            conn,
            workflow_id,
            "job_status_changed",
            "info",
            {
                "job_id": row["id"],
                "job_name": row["name"],
                "previous_status": JOB_STATUS_NAMES[row["status"]],
                "status": "ready",
                "compute_node_id": row["active_compute_node_id"],
            },
        )
    if ids:
        triggers.recount(conn, workflow_id)
    return [jobs.get(conn, job_id) for job_id in ids]
