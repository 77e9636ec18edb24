"""Read-only views over one workflow: job ids, relationships, inputs to check, a DOT graph."""

from __future__ import annotations

import sqlite3
from typing import Any

from torc_server.storage import workflows
from torc_server.storage.records import Page, check_paging


def job_ids(conn: sqlite3.Connection, workflow_id: int) -> list[int]:
    workflows.require(conn, workflow_id)
    return [
        row[0]
        for row in conn.execute(
            "SELECT id FROM job WHERE workflow_id = ? ORDER BY id", (workflow_id,)
        )
    ]


def missing_user_data(conn: sqlite3.Connection, workflow_id: int) -> list[int]:
    """User data with no value that jobs need: consumed and not produced by any job, or the
    output of a completed job that never stored it."""
    workflows.require(conn, workflow_id)
    rows = conn.execute(
        """
        SELECT ud.id FROM user_data ud
        WHERE ud.workflow_id = ? AND ud.data IS NULL AND (
            (ud.id IN (SELECT user_data_id FROM job_input_user_data WHERE workflow_id = ?)
             AND ud.id NOT IN (SELECT user_data_id FROM job_output_user_data WHERE workflow_id = ?))
            OR ud.id IN (
                SELECT o.user_data_id FROM job_output_user_data o JOIN job j ON j.id = o.job_id
                WHERE o.workflow_id = ? AND j.status = 5)
        )
        ORDER BY ud.id
        """,
        (workflow_id,) * 4,
    )
    return [row[0] for row in rows]


def required_existing_files(conn: sqlite3.Connection, workflow_id: int) -> list[int]:
    """Files that must exist before jobs run: inputs no job produces, and outputs of jobs that
    already completed."""
    workflows.require(conn, workflow_id)
    rows = conn.execute(
        """
        SELECT f.id FROM file f
        WHERE f.workflow_id = ? AND (
            (f.id IN (SELECT file_id FROM job_input_file WHERE workflow_id = ?)
             AND f.id NOT IN (SELECT file_id FROM job_output_file WHERE workflow_id = ?))
            OR f.id IN (
                SELECT o.file_id FROM job_output_file o JOIN job j ON j.id = o.job_id
                WHERE o.workflow_id = ? AND j.status = 5)
        )
        ORDER BY f.id
        """,
        (workflow_id,) * 4,
    )
    return [row[0] for row in rows]


def _page(
    conn: sqlite3.Connection,
    count_sql: str,
    sql: str,
    params: tuple[Any, ...],
    offset: int,
    limit: int,
) -> Page:
    check_paging(offset, limit)
    (total,) = conn.execute(count_sql, params).fetchone()
    rows = conn.execute(f"{sql} LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
    items = [{k: row[k] for k in row.keys()} for row in rows]  # noqa: SIM118
    return Page(items, offset, total)


def job_dependencies(conn: sqlite3.Connection, workflow_id: int, offset: int, limit: int) -> Page:
    workflows.require(conn, workflow_id)
    return _page(
        conn,
        "SELECT COUNT(*) FROM job_depends_on WHERE workflow_id = ?",
        """
        SELECT d.job_id, j.name AS job_name, d.depends_on_job_id, u.name AS depends_on_job_name,
               d.workflow_id
        FROM job_depends_on d JOIN job j ON j.id = d.job_id JOIN job u ON u.id = d.depends_on_job_id
        WHERE d.workflow_id = ? ORDER BY d.job_id, d.depends_on_job_id
        """,
        (workflow_id,),
        offset,
        limit,
    )


def _relationships(
    conn: sqlite3.Connection,
    workflow_id: int,
    offset: int,
    limit: int,
    *,
    table: str,
    key: str,
    columns: str,
    inputs: str,
    outputs: str,
) -> Page:
    """One row per (record, producer, consumer); records with no job on a side get nulls."""
    workflows.require(conn, workflow_id)
    pairs = f"""
        SELECT r.id AS rid, o.job_id AS producer, i.job_id AS consumer
        FROM {table} r
        LEFT JOIN {outputs} o ON o.{key} = r.id
        LEFT JOIN {inputs} i ON i.{key} = r.id
        WHERE r.workflow_id = ?
    """
    return _page(
        conn,
        f"SELECT COUNT(*) FROM ({pairs})",
        f"""
        SELECT {columns}, p.producer AS producer_job_id, pj.name AS producer_job_name,
               p.consumer AS consumer_job_id, cj.name AS consumer_job_name,
               r.workflow_id AS workflow_id
        FROM ({pairs}) p JOIN {table} r ON r.id = p.rid
        LEFT JOIN job pj ON pj.id = p.producer LEFT JOIN job cj ON cj.id = p.consumer
        ORDER BY r.id, p.producer, p.consumer
        """,
        (workflow_id,),
        offset,
        limit,
    )


def job_file_relationships(
    conn: sqlite3.Connection, workflow_id: int, offset: int, limit: int
) -> Page:
    return _relationships(
        conn,
        workflow_id,
        offset,
        limit,
        table="file",
        key="file_id",
        columns="r.id AS file_id, r.name AS file_name, r.path AS file_path",
        inputs="job_input_file",
        outputs="job_output_file",
    )


def job_user_data_relationships(
    conn: sqlite3.Connection, workflow_id: int, offset: int, limit: int
) -> Page:
    return _relationships(
        conn,
        workflow_id,
        offset,
        limit,
        table="user_data",
        key="user_data_id",
        columns="r.id AS user_data_id, r.name AS user_data_name",
        inputs="job_input_user_data",
        outputs="job_output_user_data",
    )


def latest_event_timestamp(conn: sqlite3.Connection, workflow_id: int) -> int | None:
    workflows.require(conn, workflow_id)
    (value,) = conn.execute(
        "SELECT MAX(timestamp) FROM event WHERE workflow_id = ?", (workflow_id,)
    ).fetchone()
    return value


def dot_graph(conn: sqlite3.Connection, workflow_id: int, name: str) -> str:
    """The job dependency graph in Graphviz DOT, nodes labelled with job names."""
    workflows.require(conn, workflow_id)

    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"digraph {quote(name)} {{"]
    for job_id, job_name in conn.execute(
        "SELECT id, name FROM job WHERE workflow_id = ? ORDER BY id", (workflow_id,)
    ):
        lines.append(f"  j{job_id} [label={quote(job_name)}];")
    for job_id, upstream in conn.execute(
        "SELECT job_id, depends_on_job_id FROM job_depends_on WHERE workflow_id = ? ORDER BY 1, 2",
        (workflow_id,),
    ):
        lines.append(f"  j{upstream} -> j{job_id};")
    lines.append("}")
    return "\n".join(lines) + "\n"
