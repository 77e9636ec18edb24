"""Workflows: creation with their status row and `default` requirements, listing, deletion."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from torc_server import limits
from torc_server.errors import NotFound
from torc_server.storage import bulk_delete, records
from torc_server.storage.tables import RESOURCE_REQUIREMENTS, WORKFLOW, WORKFLOW_STATUS

DEFAULT_REQUIREMENTS = {
    "name": "default",
    "num_cpus": 1,
    "num_gpus": 0,
    "num_nodes": 1,
    "memory": "1m",
    "runtime": "P0DT1M",
}


def utc_timestamp() -> str:
    """The wire format of workflow timestamps: `2024-01-31T12:00:00.123Z`."""
    now = datetime.now(UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def with_status_id(record: dict[str, Any]) -> dict[str, Any]:
    record["status_id"] = record["id"]
    return record


def require(conn: sqlite3.Connection, workflow_id: int) -> None:
    """NotFound unless the workflow exists."""
    if not records.exists(conn, "workflow", workflow_id):
        raise NotFound.record("Workflow", workflow_id)


def create(conn: sqlite3.Connection, values: Mapping[str, Any]) -> dict[str, Any]:
    limits.check(values)
    row = dict(values)
    row.setdefault("timestamp", None)
    if not row["timestamp"]:
        row["timestamp"] = utc_timestamp()
    workflow_id = records.insert(conn, WORKFLOW, row)
    conn.execute("INSERT INTO workflow_status (id) VALUES (?)", (workflow_id,))
    create_requirements(conn, {"workflow_id": workflow_id, **DEFAULT_REQUIREMENTS})
    return get(conn, workflow_id)


def create_requirements(
    conn: sqlite3.Connection, values: Mapping[str, Any], where: str = ""
) -> int:
    """Insert a resource requirements row with its parsed memory and runtime."""
    row = {**DEFAULT_REQUIREMENTS, **{k: v for k, v in values.items() if v is not None}}
    limits.check(row, where)
    row["memory_bytes"] = limits.memory_bytes(row["memory"], where)
    row["runtime_s"] = limits.runtime_seconds(row["runtime"], where)
    return records.insert(conn, RESOURCE_REQUIREMENTS, row)


def requirements_update(values: Mapping[str, Any]) -> dict[str, Any]:
    """Recompute the parsed columns for the fields an update changes."""
    row = dict(values)
    limits.check(row)
    if row.get("memory"):
        row["memory_bytes"] = limits.memory_bytes(row["memory"])
    if row.get("runtime"):
        row["runtime_s"] = limits.runtime_seconds(row["runtime"])
    return row


def get(conn: sqlite3.Connection, workflow_id: int) -> dict[str, Any]:
    return with_status_id(records.fetch(conn, WORKFLOW, workflow_id))


def get_status(conn: sqlite3.Connection, workflow_id: int) -> dict[str, Any]:
    return records.fetch(conn, WORKFLOW_STATUS, workflow_id)


def delete(conn: sqlite3.Connection, workflow_id: int) -> dict[str, Any]:
    """Delete the workflow and everything that belongs to it: the rows of each table that has
    a `workflow_id`, one DELETE a table, then the workflow (in `Database.bulk_delete`, without
    SQLite's per-row cascade; with foreign keys on, the cascade does the same)."""
    record = get(conn, workflow_id)
    for table in bulk_delete.owned_tables(conn):
        conn.execute(f"DELETE FROM {table} WHERE workflow_id = ?", (workflow_id,))
    conn.execute("DELETE FROM workflow_status WHERE id = ?", (workflow_id,))
    conn.execute("DELETE FROM workflow WHERE id = ?", (workflow_id,))
    return record


def list_page(
    conn: sqlite3.Connection,
    filters: Mapping[str, Any],
    *,
    offset: int,
    limit: int,
    sort_by: str | None,
    reverse_sort: bool,
    base_conditions: Sequence[tuple[str, Sequence[Any]]] = (),
) -> records.Page:
    page = records.list_page(
        conn,
        WORKFLOW,
        filters,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        base_conditions=base_conditions,
    )
    for item in page.items:
        with_status_id(item)
    return page
