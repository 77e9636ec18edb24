"""Input hashes: what a job ran with, so a re-run can be limited to jobs whose inputs changed.

A job's hash covers its command, invocation script, the ids of its dependencies, input and output
files and user data, and the contents of its input user data. Files are compared by modification
time on the client side, not hashed here.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from typing import Any

from torc_server.storage.jobs import RELATIONSHIPS


def compute(conn: sqlite3.Connection, workflow_id: int) -> dict[int, str]:
    """job id -> SHA-256 hex of its inputs, for every job of the workflow."""
    jobs: dict[int, dict[str, Any]] = {}
    for job_id, command, script in conn.execute(
        "SELECT id, command, invocation_script FROM job WHERE workflow_id = ?", (workflow_id,)
    ):
        jobs[job_id] = {"command": command, "invocation_script": script}
        for field in RELATIONSHIPS:
            jobs[job_id][field] = []
    for field, (table, column, _, _) in RELATIONSHIPS.items():
        for job_id, other in conn.execute(
            f"SELECT job_id, {column} FROM {table} WHERE workflow_id = ? ORDER BY job_id, {column}",
            (workflow_id,),
        ):
            if job_id in jobs:
                jobs[job_id][field].append(other)
    data: dict[int, Any] = {}
    inputs: defaultdict[int, list[int]] = defaultdict(list)
    for job_id, user_data_id, value in conn.execute(
        "SELECT i.job_id, i.user_data_id, u.data FROM job_input_user_data i "
        "JOIN user_data u ON u.id = i.user_data_id WHERE i.workflow_id = ? "
        "ORDER BY i.job_id, i.user_data_id",
        (workflow_id,),
    ):
        inputs[job_id].append(user_data_id)
        data[user_data_id] = json.loads(value) if value is not None else None
    hashes: dict[int, str] = {}
    for job_id, fields in jobs.items():
        fields["input_user_data"] = [{"id": i, "data": data[i]} for i in inputs.get(job_id, [])]
        canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"))
        hashes[job_id] = hashlib.sha256(canonical.encode()).hexdigest()
    return hashes


def store(conn: sqlite3.Connection, hashes: dict[int, str]) -> None:
    conn.executemany(
        "UPDATE job SET input_hash = ? WHERE id = ?", [(h, job_id) for job_id, h in hashes.items()]
    )


def changed(conn: sqlite3.Connection, workflow_id: int) -> list[tuple[int, str]]:
    """(id, name) of jobs that have a stored hash which no longer matches their inputs."""
    current = compute(conn, workflow_id)
    found = []
    for job_id, name, stored in conn.execute(
        "SELECT id, name, input_hash FROM job WHERE workflow_id = ? AND input_hash IS NOT NULL "
        "ORDER BY id",
        (workflow_id,),
    ):
        if current.get(job_id) != stored:
            found.append((job_id, name))
    return found
