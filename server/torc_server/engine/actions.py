"""Workflow actions: validated on creation, counted by triggers, claimed once (or by every
worker when persistent)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from torc_server.errors import Conflict, NotFound, StateConflict
from torc_server.storage import records, workflows
from torc_server.storage.tables import WORKFLOW_ACTION
from torc_server.storage.workflows import utc_timestamp

TRIGGERS = (
    "on_workflow_start",
    "on_workflow_complete",
    "on_jobs_ready",
    "on_jobs_complete",
    "on_worker_start",
    "on_worker_complete",
)
JOB_TRIGGERS = ("on_jobs_ready", "on_jobs_complete")
_SCHEDULE_KEYS = {
    "scheduler_id": int,
    "scheduler_type": str,
    "num_allocations": int,
    "start_one_worker_per_node": bool,
    "max_parallel_jobs": int,
}


def validate_config(action_type: str, config: Mapping[str, Any]) -> None:
    if action_type == "run_commands":
        unknown = set(config) - {"commands"}
        commands = config.get("commands")
        if unknown:
            raise StateConflict(f"run_commands takes only 'commands'; unknown: {sorted(unknown)}")
        if (
            not isinstance(commands, list)
            or not commands
            or not all(isinstance(c, str) and c.strip() for c in commands)
        ):
            raise StateConflict("run_commands needs 'commands': a non-empty list of commands")
    elif action_type == "schedule_nodes":
        for key, value in config.items():
            expected = _SCHEDULE_KEYS.get(key)
            if expected is None:
                raise StateConflict(
                    f"schedule_nodes does not take '{key}'; allowed: {', '.join(_SCHEDULE_KEYS)}"
                )
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                raise StateConflict(f"schedule_nodes '{key}' must be {expected.__name__}")


def create(conn: sqlite3.Connection, workflow_id: int, values: Mapping[str, Any]) -> dict[str, Any]:
    workflows.require(conn, workflow_id)
    trigger = values["trigger_type"]
    if trigger not in TRIGGERS:
        raise StateConflict(f"unknown trigger_type '{trigger}'; use one of {', '.join(TRIGGERS)}")
    validate_config(values["action_type"], values["action_config"])
    job_ids: Sequence[int] = values.get("job_ids") or []
    if job_ids:
        found = {
            row[0]
            for row in conn.execute(
                "SELECT id FROM job WHERE workflow_id = ? AND id IN (SELECT value FROM json_each(?))",
                (workflow_id, json.dumps([records.check_id(i) for i in job_ids])),
            )
        }
        missing = sorted(set(job_ids) - found)
        if missing:
            raise NotFound(f"job_ids {missing} are not jobs of workflow {workflow_id}")
    required = max(1, len(job_ids)) if trigger in JOB_TRIGGERS else 1
    row = {
        "workflow_id": workflow_id,
        "trigger_type": trigger,
        "action_type": values["action_type"],
        "action_config": values["action_config"],
        "job_ids": list(job_ids) if job_ids else None,
        "trigger_count": 0,
        "required_triggers": required,
        "executed": False,
        "persistent": bool(values.get("persistent")),
        "is_recovery": bool(values.get("is_recovery")),
    }
    return records.fetch(conn, WORKFLOW_ACTION, records.insert(conn, WORKFLOW_ACTION, row))


def list_for(
    conn: sqlite3.Connection,
    workflow_id: int,
    *,
    pending: bool = False,
    triggers: Sequence[str] = (),
) -> list[dict[str, Any]]:
    workflows.require(conn, workflow_id)
    sql = (
        f"SELECT {WORKFLOW_ACTION.select_columns()} FROM workflow_action t WHERE t.workflow_id = ?"
    )
    params: list[Any] = [workflow_id]
    if pending:
        sql += " AND t.trigger_count >= t.required_triggers AND t.executed = 0"
    if triggers:
        sql += " AND t.trigger_type IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(list(triggers)))
    sql += " ORDER BY t.id"
    return [records.from_row(WORKFLOW_ACTION, row) for row in conn.execute(sql, params)]


def claim(
    conn: sqlite3.Connection, workflow_id: int, action_id: int, compute_node_id: int | None
) -> None:
    action = records.fetch(conn, WORKFLOW_ACTION, action_id)
    if action["workflow_id"] != workflow_id:
        raise NotFound(f"action {action_id} does not belong to workflow {workflow_id}")
    if compute_node_id is not None and not records.exists(conn, "compute_node", compute_node_id):
        raise NotFound.record("Compute node", compute_node_id)
    now = utc_timestamp()
    if action.get("persistent"):
        conn.execute(
            "UPDATE workflow_action SET executed_at = ?, executed_by = ? WHERE id = ?",
            (now, compute_node_id, action_id),
        )
        return
    cursor = conn.execute(
        "UPDATE workflow_action SET executed = 1, executed_at = ?, executed_by = ? "
        "WHERE id = ? AND executed = 0",
        (now, compute_node_id, action_id),
    )
    if cursor.rowcount == 0:
        raise Conflict(f"Action {action_id} already claimed", claimed=False)
