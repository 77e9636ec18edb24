"""Reading the time-series databases the monitor writes (`monitor._SCHEMA`): one reader for
`torc plot-resources` and the dashboard's Resource Plots tab."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple

SAMPLES_TABLE = "job_resource_samples"


class NotASamplesDatabase(sqlite3.DatabaseError):
    """The file is a SQLite database without the samples table."""


class Samples(NamedTuple):
    rows: list[tuple[int, float, float, int, int]]
    """(job id, timestamp, cpu percent, memory bytes, processes), by job, then in time order."""
    names: dict[int, str]
    """Job names, when the database has them."""


def _open(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}


def read(path: Path) -> Samples:
    """Every sample and job name; sqlite3.Error when the file cannot be read as one
    (NotASamplesDatabase when it is SQLite without samples)."""
    conn = _open(path)
    try:
        tables = _tables(conn)
        if SAMPLES_TABLE not in tables:
            raise NotASamplesDatabase(f"it has no {SAMPLES_TABLE} table")
        rows = conn.execute(
            "SELECT job_id, timestamp, cpu_percent, memory_bytes, num_processes "
            f"FROM {SAMPLES_TABLE} ORDER BY job_id, timestamp, id"
        ).fetchall()
        names = (
            dict(conn.execute("SELECT job_id, job_name FROM job_metadata").fetchall())
            if "job_metadata" in tables
            else {}
        )
    finally:
        conn.close()
    return Samples(rows, names)


def count(path: Path) -> int | None:
    """How many samples the file holds; None when it is not a samples database."""
    try:
        conn = _open(path)
        try:
            if SAMPLES_TABLE not in _tables(conn):
                return None
            return int(conn.execute(f"SELECT count(*) FROM {SAMPLES_TABLE}").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
