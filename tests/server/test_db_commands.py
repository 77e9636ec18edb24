"""torc-server db: backup, check, vacuum, stats and export, against the database of a server
that keeps serving (and writing) meanwhile."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.helpers import create_job, create_workflow
from tests.conftest import RunningServer, start_server, stop_server

DB = [sys.executable, "-m", "torc_server.cli", "db"]


def _db(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*DB, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def busy_server(tmp_path: Path) -> Iterator[tuple[RunningServer, int, int]]:
    """A server with two workflows (two jobs and one job), and a client that keeps adding
    workflows while the test runs."""
    server = start_server(tmp_path / "live.db")
    stop = threading.Event()

    def keep_writing() -> None:
        with httpx.Client(base_url=server.url) as http:
            while not stop.is_set():
                create_workflow(http, name="noise")

    with httpx.Client(base_url=server.url) as http:
        first = create_workflow(http, name="exported")["id"]
        create_job(http, first, name="a")
        create_job(http, first, name="b")
        other = create_workflow(http, name="other")["id"]
        create_job(http, other, name="c")
    writer = threading.Thread(target=keep_writing, daemon=True)
    writer.start()
    yield server, first, other
    stop.set()
    writer.join(10)
    stop_server(server)


def test_backup_stats_check_and_export_while_the_server_writes(
    busy_server: tuple[RunningServer, int, int], tmp_path: Path
) -> None:
    server, first, other = busy_server
    live = str(server.database)
    copy = tmp_path / "backups" / "copy.db"
    done = _db("backup", str(copy), "--database", live)
    assert done.returncode == 0, done.stderr
    assert f"to {copy}" in done.stdout
    with sqlite3.connect(copy) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM workflow")]
        assert {"exported", "other"} <= set(names)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    checked = _db("check", "-d", str(copy))
    assert checked.returncode == 0 and checked.stdout.strip() == f"{copy}: ok"
    stats = _db("stats", "-d", str(copy), "-f", "json")
    assert stats.returncode == 0, stats.stderr
    found = json.loads(stats.stdout)
    assert found["rows"]["job"] == 3
    assert found["rows"]["workflow"] == len(names)
    assert found["size_bytes"] == copy.stat().st_size
    exported = _db("export", str(first), "-d", live)
    assert exported.returncode == 0, exported.stderr
    document = json.loads(exported.stdout)
    assert document["workflow"]["name"] == "exported"
    assert sorted(job["name"] for job in document["tables"]["job"]) == ["a", "b"]
    assert all(job["workflow_id"] == first for job in document["tables"]["job"])
    missing = _db("export", "999999", "-d", live)
    assert missing.returncode == 1 and missing.stderr.strip() == (
        f"torc-server: no workflow 999999 in {live}"
    )
    assert other != first


def test_vacuum_while_the_server_serves(busy_server: tuple[RunningServer, int, int]) -> None:
    server, first, _ = busy_server
    done = _db("vacuum", "-d", str(server.database))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"vacuumed {server.database}: ")
    answer = httpx.get(f"{server.url}/workflows/{first}")
    assert answer.status_code == 200 and answer.json()["name"] == "exported"


def test_check_reports_a_row_that_refers_to_nothing(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    server = start_server(path)
    stop_server(server)  # a database with the server's schema
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("INSERT INTO event (workflow_id, timestamp, data) VALUES (424242, 0, '{}')")
    done = _db("check", "-d", str(path))
    assert done.returncode == 1
    assert "event row" in done.stdout and "missing workflow row" in done.stdout


def test_a_missing_database_is_one_line(tmp_path: Path) -> None:
    done = _db("stats", "-d", str(tmp_path / "nothing.db"))
    assert done.returncode == 1
    assert (
        done.stderr == f"torc-server: no database at {tmp_path / 'nothing.db'} (give --database)\n"
    )
