"""Report-and-claim requests that are safe to repeat.

A runner sends a request id with each `complete_jobs`; when the answer never reaches it (the
connection dropped after the commit) it sends the same request again. The answer is stored under
the compute node and the request id in the transaction that did the work, so the repeat is
answered from here and nothing is finished, claimed or started twice.
"""

from __future__ import annotations

import sqlite3

from torc_server.errors import NotFound, StateConflict
from torc_server.storage import records, workflows

KEEP_PER_NODE = 16
"""Answers kept per compute node: a runner repeats only its latest request, so a few suffice.
They are pruned down to this many at every 16th answer stored (of all nodes), not at each."""


def recall(
    conn: sqlite3.Connection, compute_node_id: int, request_id: str, workflow_id: int, run_id: int
) -> bytes | None:
    """The stored answer of an earlier request with this id, if any; a request id used before
    for another workflow or run is refused."""
    row = conn.execute(
        "SELECT workflow_id, run_id, answer FROM exchange_answer "
        "WHERE compute_node_id = ? AND request_id = ?",
        (compute_node_id, request_id),
    ).fetchone()
    if row is None:
        return None
    if (row[0], row[1]) != (workflow_id, run_id):
        raise StateConflict(
            f"request_id '{request_id}' was used by compute node {compute_node_id} for workflow "
            f"{row[0]}, run {row[1]}; send a new id for a new request"
        )
    return bytes(row[2])


def remember(
    conn: sqlite3.Connection,
    compute_node_id: int,
    request_id: str,
    workflow_id: int,
    run_id: int,
    answer: bytes,
    *,
    node_exists: bool = False,
) -> None:
    """Keep the answer for a repeat of the request; forget the node's older answers
    (`node_exists`: the caller saw the compute node in this transaction, see `heard_from`)."""
    if not node_exists and not records.exists(conn, "compute_node", compute_node_id):
        raise NotFound.record("Compute node", compute_node_id)
    stored = conn.execute(
        "INSERT INTO exchange_answer (compute_node_id, request_id, workflow_id, run_id, answer) "
        "VALUES (?, ?, ?, ?, ?)",
        (compute_node_id, request_id, workflow_id, run_id, answer),
    ).lastrowid
    if stored is not None and stored % KEEP_PER_NODE:
        return  # older answers are forgotten now and then, not on every request
    conn.execute(
        """
        DELETE FROM exchange_answer WHERE compute_node_id = ? AND id <= (
            SELECT id FROM exchange_answer WHERE compute_node_id = ?
            ORDER BY id DESC LIMIT 1 OFFSET ?)
        """,
        (compute_node_id, compute_node_id, KEEP_PER_NODE),
    )


def heard_from(conn: sqlite3.Connection, compute_node_id: int) -> bool:
    """The compute node's runner is alive now (its heartbeat); whether the node exists."""
    updated = conn.execute(
        "UPDATE compute_node SET last_seen = ? WHERE id = ?",
        (workflows.utc_timestamp(), compute_node_id),
    )
    return updated.rowcount == 1
