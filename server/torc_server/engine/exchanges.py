"""Report-and-claim requests that are safe to repeat.

A runner sends a request id with each `complete_jobs`; when the answer never reaches it (the
connection dropped after the commit) it sends the same request again. The answer is stored under
the compute node and the request id in the transaction that did the work, so the repeat is
answered from here and nothing is finished, claimed or started twice.
"""

from __future__ import annotations

import sqlite3
import time
from collections import OrderedDict

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
    return replay(row, compute_node_id, request_id, workflow_id, run_id)


def replay(
    stored: tuple[int, int, bytes] | None,
    compute_node_id: int,
    request_id: str,
    workflow_id: int,
    run_id: int,
) -> bytes | None:
    """The answer to send again from a stored (workflow id, run id, answer), as `recall`
    (the caller read it, see `reports.open_report`)."""
    if stored is None:
        return None
    if (stored[0], stored[1]) != (workflow_id, run_id):
        raise StateConflict(
            f"request_id '{request_id}' was used by compute node {compute_node_id} for workflow "
            f"{stored[0]}, run {stored[1]}; send a new id for a new request"
        )
    return bytes(stored[2])


Stored = tuple[int, int, bytes]
"""An answer kept for a repeat: (workflow id, run id, the answer's JSON)."""


class Answers:
    """Where a server keeps its answers: in its database (`exchange_answer`), read by the
    report's opening statement (`reports.open_report`) and written in the report's transaction,
    so that an answer lasts exactly as long as the work it answers."""

    def recall(self, compute_node_id: int, request_id: str) -> Stored | None:
        """An answer kept outside the database (none here: the opening read the table)."""
        return None

    def remember(
        self,
        conn: sqlite3.Connection,
        compute_node_id: int,
        request_id: str,
        workflow_id: int,
        run_id: int,
        answer: bytes,
        *,
        node_exists: bool = False,
    ) -> None:
        """Keep the answer for a repeat of the request if the transaction commits
        (`node_exists`: the caller saw the compute node in this transaction, see `heard_from`)."""
        if not node_exists and not records.exists(conn, "compute_node", compute_node_id):
            raise NotFound.record("Compute node", compute_node_id)
        self._keep(conn, compute_node_id, request_id, (workflow_id, run_id, answer))

    def _keep(
        self, conn: sqlite3.Connection, compute_node_id: int, request_id: str, stored: Stored
    ) -> None:
        """Write the answer in the transaction; forget the node's older answers now and then."""
        row_id = conn.execute(
            "INSERT INTO exchange_answer (compute_node_id, request_id, workflow_id, run_id, "
            "answer) VALUES (?, ?, ?, ?, ?)",
            (compute_node_id, request_id, *stored),
        ).lastrowid
        if row_id is not None and row_id % KEEP_PER_NODE:
            return  # older answers are forgotten now and then, not on every request
        conn.execute(
            """
            DELETE FROM exchange_answer WHERE compute_node_id = ? AND id <= (
                SELECT id FROM exchange_answer WHERE compute_node_id = ?
                ORDER BY id DESC LIMIT 1 OFFSET ?)
            """,
            (compute_node_id, compute_node_id, KEEP_PER_NODE),
        )

    def committed(self) -> None:
        """The transaction that remembered answers committed."""

    def discarded(self) -> None:
        """The transaction that remembered answers rolled back."""


class HeldAnswers(Answers):
    """The answers of a server whose database is in memory, held by the process instead.

    The database dies with the process anyway, so writing each report's answer (a few
    kilobytes with its claimed jobs, two indexes) into it bought nothing over a dictionary but
    a seventh of a report's cost. An answer is held once its transaction commits; each compute
    node keeps its latest `KEEP_PER_NODE`, and the nodes heard from least recently are
    forgotten beyond `NODES` (a runner repeats a request at once, not after thousands of other
    nodes have reported)."""

    NODES = 16_384

    def __init__(self) -> None:
        self._by_node: OrderedDict[int, OrderedDict[str, Stored]] = OrderedDict()
        self._pending: list[tuple[int, str, Stored]] = []

    def recall(self, compute_node_id: int, request_id: str) -> Stored | None:
        answers = self._by_node.get(compute_node_id)
        return None if answers is None else answers.get(request_id)

    def _keep(
        self, conn: sqlite3.Connection, compute_node_id: int, request_id: str, stored: Stored
    ) -> None:
        self._pending.append((compute_node_id, request_id, stored))

    def committed(self) -> None:
        pending, self._pending = self._pending, []
        by_node = self._by_node
        for compute_node_id, request_id, stored in pending:
            answers = by_node.get(compute_node_id)
            if answers is None:
                answers = by_node[compute_node_id] = OrderedDict()
                if len(by_node) > self.NODES:
                    by_node.popitem(last=False)
            else:
                by_node.move_to_end(compute_node_id)
            answers[request_id] = stored
            if len(answers) > KEEP_PER_NODE:
                answers.popitem(last=False)

    def discarded(self) -> None:
        self._pending.clear()


def heard_from(conn: sqlite3.Connection, compute_node_id: int) -> bool:
    """The compute node's runner is alive now (its heartbeat); whether the node exists."""
    updated = conn.execute(
        "UPDATE compute_node SET last_seen = ? WHERE id = ?",
        (workflows.utc_timestamp(), compute_node_id),
    )
    return updated.rowcount == 1


class Heartbeats:
    """Writes a compute node's `last_seen` at most once per `interval` seconds.

    Every report is a heartbeat, but the only reader of `last_seen` (a runner deciding whether
    another host's runner is gone, `torc_runner.abandoned`) allows minutes of silence, so a
    runner reporting many times a second needs no write on each report. The time of the last
    write is noted in memory; a write in a transaction that is then rolled back leaves the
    stored value at most one interval older than it would have been."""

    KEEP = 4096
    """Nodes noted before the notes older than an interval are dropped."""

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self._written: dict[int, float] = {}

    def beat(self, conn: sqlite3.Connection, compute_node_id: int) -> None:
        """The node's runner was heard from now (the caller knows the node exists)."""
        now = time.monotonic()
        last = self._written.get(compute_node_id)
        if last is not None and now - last < self.interval:
            return
        heard_from(conn, compute_node_id)
        if len(self._written) >= self.KEEP:
            self._written = {
                node: at for node, at in self._written.items() if now - at < self.interval
            }
        self._written[compute_node_id] = now
