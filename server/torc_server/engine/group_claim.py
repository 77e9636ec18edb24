"""A claim that one resource requirement answers, made by one statement.

In most workflows the ready jobs share one resource requirement, or only one of the workflow's
requirements fits the runner's offer. The jobs that fit in the offer together are then simply the
first ready jobs of that requirement, as many as the offer holds of it, and one UPDATE with a
subquery picks and marks them: no separate read of the candidates, no packing loop. With more than
one fitting requirement the general claim (`lifecycle._claim_candidates`) sorts and packs them.
"""

from __future__ import annotations

import functools
import sqlite3
from typing import Any

from torc_server.storage.schema import JOB_STATUS_CODES

Offer = tuple[int, int, int, int]
"""CPUs, GPUs, nodes and memory bytes offered in all."""
Clause = tuple[str, list[Any]]
"""SQL text and its parameters."""


def ready_jobs_sql(scheduler_sql: str) -> str:
    """The ids of a requirement's first ready jobs (parameters: workflow id, requirement id,
    those of `scheduler_sql`, the count), through the index of ready jobs (named, as the
    planner could otherwise take the (workflow_id, status) index and read every ready job)."""
    return f"""
        SELECT j.id FROM job j INDEXED BY idx_job_claim
        WHERE j.workflow_id = ? AND j.status = {JOB_STATUS_CODES["ready"]}
          AND j.resource_requirements_id = ?{scheduler_sql}
        ORDER BY j.id LIMIT ?"""


def how_many(requirement: list[int], offer: Offer) -> int | None:
    """How many jobs of this requirement (id, cpus, gpus, nodes, memory bytes, runtime) fit in
    the offer together, counted as the general claim packs them (None: any number)."""
    _, need_cpus, need_gpus, need_nodes, need_memory, _ = requirement
    cpus, gpus, nodes, memory = offer
    counts = [
        have // need
        for have, need in ((cpus, need_cpus), (gpus, need_gpus), (memory, need_memory))
        if need > 0
    ]
    if need_nodes > 1:  # single-node jobs do not count against the offer's nodes
        counts.append(nodes // need_nodes)
    return max(0, min(counts)) if counts else None


@functools.lru_cache(maxsize=64)
def _claim_sql(marking_sql: str, scheduler_sql: str, returning: str, one: bool) -> str:
    """The claim's statement (the same string each time, for the statement cache). One job is
    named by `id = (...)`, which spares SQLite the temporary list an `IN (...)` builds: a
    fifth of a one-job claim."""
    among = "= " if one else "IN "
    return (
        f"UPDATE job SET {marking_sql} WHERE id {among}({ready_jobs_sql(scheduler_sql)}) "
        f"RETURNING {returning}"
    )


def claim(
    conn: sqlite3.Connection,
    workflow_id: int,
    requirement_id: int,
    count: int,
    scheduler: Clause,
    marking: Clause,
    returning: str,
) -> list[sqlite3.Row]:
    """Mark the first `count` ready jobs of the requirement (in id order, on the `scheduler`
    condition) as the `marking` SET clause says; their rows (`returning`), in id order."""
    rows = conn.execute(
        _claim_sql(marking[0], scheduler[0], returning, count == 1),
        [*marking[1], workflow_id, requirement_id, *scheduler[1], count],
    ).fetchall()
    rows.sort(key=lambda row: row[0])
    return rows
