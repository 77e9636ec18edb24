"""Jobs and their relationships to other jobs, files and user data."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from torc_server.errors import InvalidRequest, NotFound, StateConflict
from torc_server.storage import records
from torc_server.storage.schema import JOB_STATUS_CODES
from torc_server.storage.tables import JOB

# relationship field -> (association table, column holding the other id, table of that id, kind)
RELATIONSHIPS: dict[str, tuple[str, str, str, str]] = {
    "depends_on_job_ids": ("job_depends_on", "depends_on_job_id", "job", "Job"),
    "input_file_ids": ("job_input_file", "file_id", "file", "File"),
    "output_file_ids": ("job_output_file", "file_id", "file", "File"),
    "input_user_data_ids": ("job_input_user_data", "user_data_id", "user_data", "User data"),
    "output_user_data_ids": ("job_output_user_data", "user_data_id", "user_data", "User data"),
}

# Fields that may change only while a job is uninitialized.
_FROZEN_AFTER_INIT = ("name", "command", "invocation_script", *RELATIONSHIPS)

# Columns a job row needs to be sent to clients (internal columns left out).
SELECT = JOB.select_columns()


def default_requirements_id(conn: sqlite3.Connection, workflow_id: int) -> int:
    row = conn.execute(
        "SELECT id FROM resource_requirements WHERE workflow_id = ? AND name = 'default' "
        "ORDER BY id LIMIT 1",
        (workflow_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"Workflow {workflow_id} has no 'default' resource requirements")
    return row[0]


def _existing_ids(
    conn: sqlite3.Connection, table: str, workflow_id: int, ids: Iterable[int]
) -> set[int]:
    wanted = sorted({records.check_id(i) for i in ids})
    if not wanted:
        return set()
    rows = conn.execute(
        f"SELECT id FROM {table} WHERE workflow_id = ? AND id IN (SELECT value FROM json_each(?))",
        (workflow_id, records.to_json(wanted)),
    ).fetchall()
    return {row[0] for row in rows}


def _check_references(
    conn: sqlite3.Connection, workflow_id: int, jobs: Sequence[Mapping[str, Any]]
) -> None:
    """Every id a job refers to must exist in the job's own workflow."""
    by_table: dict[str, set[int]] = {}
    for job in jobs:
        for field, (_, _, table, _) in RELATIONSHIPS.items():
            by_table.setdefault(table, set()).update(job.get(field) or ())
        for field, table in (
            ("resource_requirements_id", "resource_requirements"),
            ("failure_handler_id", "failure_handler"),
        ):
            if job.get(field) is not None:
                by_table.setdefault(table, set()).add(job[field])
    missing: dict[str, set[int]] = {}
    for table, ids in by_table.items():
        found = _existing_ids(conn, table, workflow_id, ids)
        if ids - found:
            missing[table] = ids - found
    if not missing:
        return
    for job in jobs:
        for field, table in [
            *((f, rel[2]) for f, rel in RELATIONSHIPS.items()),
            ("resource_requirements_id", "resource_requirements"),
            ("failure_handler_id", "failure_handler"),
        ]:
            value = job.get(field)
            values = value if isinstance(value, list) else [value] if value is not None else []
            for record_id in values:
                if record_id in missing.get(table, ()):
                    raise NotFound(
                        f"{field} of job '{job.get('name')}' refers to {table} {record_id}, "
                        f"which does not exist in workflow {workflow_id}"
                    )


def create_many(
    conn: sqlite3.Connection, jobs: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Insert jobs (all of one workflow) with their relationships; answer them in order."""
    if not jobs:
        return []
    workflow_ids = {job["workflow_id"] for job in jobs}
    if len(workflow_ids) > 1:
        raise StateConflict(
            f"all jobs in one request must belong to one workflow; got workflow ids "
            f"{sorted(workflow_ids)}"
        )
    (workflow_id,) = workflow_ids
    if not records.exists(conn, "workflow", workflow_id):
        raise NotFound.record("Workflow", workflow_id)
    _check_references(conn, workflow_id, jobs)
    default_rr: int | None = None
    created: list[dict[str, Any]] = []
    links: dict[str, list[tuple[int, int, int]]] = {field: [] for field in RELATIONSHIPS}
    for job in jobs:
        values = {k: v for k, v in job.items() if k in JOB.columns and k != "status"}
        if values.get("resource_requirements_id") is None:
            if default_rr is None:
                default_rr = default_requirements_id(conn, workflow_id)
            values["resource_requirements_id"] = default_rr
        values["status"] = "uninitialized"
        job_id = records.insert(conn, JOB, values)
        record = {"id": job_id, **{k: v for k, v in values.items() if v is not None}}
        for field in RELATIONSHIPS:
            ids = list(dict.fromkeys(job.get(field) or ()))
            record[field] = ids
            links[field].extend((job_id, other, workflow_id) for other in ids)
        created.append(record)
    for field, rows in links.items():
        if rows:
            table, column, _, _ = RELATIONSHIPS[field]
            conn.executemany(
                f"INSERT OR IGNORE INTO {table} (job_id, {column}, workflow_id) VALUES (?, ?, ?)",
                rows,
            )
    for record in created:
        record.setdefault("attempt_id", 1)
        record.setdefault("cancel_on_blocking_job_failure", True)
        record.setdefault("supports_termination", False)
    return created


def _relationships_sql(where: str) -> str:
    """One statement reading all five relationship lists of the jobs `where` selects (on
    `job_id`): rows of (relationship index, job id, other id), ordered."""
    parts = [
        f"SELECT {index}, job_id, {column} FROM {table} WHERE {where}"
        for index, (table, column, _, _) in enumerate(RELATIONSHIPS.values())
    ]
    return " UNION ALL ".join(parts) + " ORDER BY 1, 2, 3"


_FIELDS = tuple(RELATIONSHIPS)
_OF_ONE = _relationships_sql("job_id = ?1")
_OF_MANY = "WITH wanted(id) AS (SELECT value FROM json_each(?1)) " + _relationships_sql(
    "job_id IN wanted"
)


def attach_relationships(
    conn: sqlite3.Connection, jobs: list[dict[str, Any]], *, read: bool = True
) -> None:
    """Fill the five relationship id lists of each job, read by one statement (or, without
    `read`, left empty: the caller knows that the jobs' workflow has no relationships)."""
    if not jobs:
        return
    by_id = {job["id"]: job for job in jobs}
    for job in jobs:
        for field in _FIELDS:
            job[field] = []
    if not read:
        return
    if len(by_id) == 1:
        rows = conn.execute(_OF_ONE, (next(iter(by_id)),))
    else:
        rows = conn.execute(_OF_MANY, (records.to_json(list(by_id)),))
    for index, job_id, other in rows:
        by_id[job_id][_FIELDS[index]].append(other)


def get(conn: sqlite3.Connection, job_id: int) -> dict[str, Any]:
    job = records.fetch(conn, JOB, job_id)
    attach_relationships(conn, [job])
    return job


def update(conn: sqlite3.Connection, job_id: int, values: Mapping[str, Any]) -> dict[str, Any]:
    """Change a job; most fields only while it is uninitialized (see the contract)."""
    current = get(conn, job_id)
    if values.get("workflow_id") not in (None, current["workflow_id"]):
        raise StateConflict(f"job {job_id} belongs to workflow {current['workflow_id']}")
    status = values.get("status")
    changes = {
        field: values[field]
        for field in _FROZEN_AFTER_INIT
        if values.get(field) is not None and values[field] != current.get(field)
    }
    if current["status"] != "uninitialized" and changes:
        raise StateConflict(
            f"job {job_id} is {current['status']}: {', '.join(changes)} can change only while a "
            "job is uninitialized (reset the workflow first)"
        )
    if status is not None and status != current["status"]:
        if status != "disabled":
            raise StateConflict(
                f"job status cannot be set to '{status}' by an update; only 'disabled' is allowed "
                "(status changes go through the lifecycle operations)"
            )
        if current["status"] in ("running", "pending"):
            raise StateConflict(f"job {job_id} is {current['status']} and cannot be disabled")
    _check_references(conn, current["workflow_id"], [{**current, **changes, **_refs(values)}])
    row = {
        k: v for k, v in values.items() if k in JOB.columns and k not in ("workflow_id", "status")
    }
    if status == "disabled":
        row["status"] = "disabled"
    records.update(conn, JOB, job_id, row, keep=("workflow_id", "status", "attempt_id"))
    for field in RELATIONSHIPS:
        if field in changes:
            table, column, _, _ = RELATIONSHIPS[field]
            conn.execute(f"DELETE FROM {table} WHERE job_id = ?", (job_id,))
            conn.executemany(
                f"INSERT OR IGNORE INTO {table} (job_id, {column}, workflow_id) VALUES (?, ?, ?)",
                [(job_id, other, current["workflow_id"]) for other in changes[field]],
            )
    return get(conn, job_id)


def _refs(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        k: values[k]
        for k in ("resource_requirements_id", "failure_handler_id")
        if values.get(k) is not None
    }


def delete(conn: sqlite3.Connection, job_id: int) -> dict[str, Any]:
    job = get(conn, job_id)
    conn.execute("DELETE FROM job WHERE id = ?", (job_id,))
    return job


def status_code(name: str) -> int:
    try:
        return JOB_STATUS_CODES[name]
    except KeyError:
        raise InvalidRequest(f"unknown job status '{name}'") from None
