"""Report-and-claim requests that are safe to repeat.

A runner sends a request id with each `complete_jobs`; when the answer never reaches it (the
connection dropped after the commit) it sends the same request again. The answer is stored under
the compute node and the request id in the transaction that did the work, so the repeat is
answered from here and nothing is finished, claimed or started twice.
"""

from __future__ import annotations

import sqlite3

from torc_server.errors import NotFound
from torc_server.storage import records

KEEP_PER_NODE = 16
"""Answers kept per compute node: a runner repeats only its latest request, so a few suffice."""


def recall(conn: sqlite3.Connection, compute_node_id: int, request_id: str) -> bytes | None:
    """The stored answer of an earlier request with this id, if any."""
    row = conn.execute(
        "SELECT answer FROM exchange_answer WHERE compute_node_id = ? AND request_id = ?",
        (compute_node_id, request_id),
    ).fetchone()
    return None if row is None else bytes(row[0])


def remember(
    conn: sqlite3.Connection, compute_node_id: int, request_id: str, answer: bytes
) -> None:
    """Keep the answer for a repeat of the request; forget the node's older answers."""
    if not records.exists(conn, "compute_node", compute_node_id):
        raise NotFound.record("Compute node", compute_node_id)
    conn.execute(
        "INSERT INTO exchange_answer (compute_node_id, request_id, answer) VALUES (?, ?, ?)",
        (compute_node_id, request_id, answer),
    )
    conn.execute(
        """
        DELETE FROM exchange_answer WHERE compute_node_id = ? AND id <= (
            SELECT id FROM exchange_answer WHERE compute_node_id = ?
            ORDER BY id DESC LIMIT 1 OFFSET ?)
        """,
        (compute_node_id, compute_node_id, KEEP_PER_NODE),
    )
