"""Rows as clients see them (`records.from_row`): NULLs left out, flags as booleans, JSON
columns decoded, job status codes as names; the same from a `sqlite3.Row` and from a mapping."""

from __future__ import annotations

import sqlite3

import pytest

from torc_server.storage import records
from torc_server.storage.tables import JOB


@pytest.fixture
def row() -> sqlite3.Row:
    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    return conn.execute(
        "SELECT 7 AS id, 'j' AS name, NULL AS invocation_script, 1 AS supports_termination, "
        "0 AS cancel_on_blocking_job_failure, '[1, 2]' AS schedule_compute_nodes, 5 AS status"
    ).fetchone()


def test_a_row_becomes_its_wire_values(row: sqlite3.Row) -> None:
    expected = {
        "id": 7,
        "name": "j",
        "supports_termination": True,
        "cancel_on_blocking_job_failure": False,
        "schedule_compute_nodes": [1, 2],
        "status": "completed",
    }
    for given in (row, dict(zip(row.keys(), row, strict=True))):
        got = records.from_row(JOB, given)
        assert got == expected
        assert list(got) == list(expected)  # the columns' order
        assert got["supports_termination"] is True  # not 1, which equals True
        assert got["cancel_on_blocking_job_failure"] is False
