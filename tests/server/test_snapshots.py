"""In-memory databases made durable by snapshots: SIGUSR1, the timer, and the final one."""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import start_server, stop_server


def workflow_names(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM workflow ORDER BY id")]


def wait_for(path: Path, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert path.exists(), f"no snapshot at {path}"


def test_sigusr1_snapshots_an_in_memory_database_and_stop_writes_a_last_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "snap" / "torc.db"
    monkeypatch.setenv("TORC_SERVER_SNAPSHOT_PATH", str(target))
    monkeypatch.setenv("TORC_SERVER_SNAPSHOT_KEEP", "2")
    server = start_server(Path(":memory:"))
    try:
        httpx.post(
            f"{server.url}/workflows", json={"name": "first", "user": "me"}
        ).raise_for_status()
        server.process.send_signal(signal.SIGUSR1)  # the server is one process
        wait_for(target)
        assert workflow_names(target) == ["first"]
        httpx.post(
            f"{server.url}/workflows", json={"name": "second", "user": "me"}
        ).raise_for_status()
    finally:
        stop_server(server)
    assert workflow_names(target) == ["first", "second"]
    assert workflow_names(target.with_name("torc.db.1")) == ["first"]
    assert not target.with_name("torc.db.2").exists()


def test_timer_snapshots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "timed.db"
    monkeypatch.setenv("TORC_SERVER_SNAPSHOT_PATH", str(target))
    server = start_server(Path(":memory:"), "--snapshot-interval-seconds", "0.5")
    try:
        httpx.post(
            f"{server.url}/workflows", json={"name": "timed", "user": "me"}
        ).raise_for_status()
        wait_for(target)
        deadline = time.monotonic() + 10
        while workflow_names(target) != ["timed"] and time.monotonic() < deadline:
            time.sleep(0.2)
        assert workflow_names(target) == ["timed"]
    finally:
        stop_server(server)


def test_a_snapshot_written_while_the_server_works_holds_whole_transactions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signal's snapshot is copied a page per step here, by a worker thread, while
    workflows are created: it holds the jobs and a first run of the workflows, each whole."""
    target = tmp_path / "busy.db"
    monkeypatch.setenv("TORC_SERVER_SNAPSHOT_PATH", str(target))
    monkeypatch.setenv("TORC_SERVER_SNAPSHOT_KEEP", "2")
    monkeypatch.setenv("TORC_SERVER_SNAPSHOT_STEP_PAGES", "1")
    server = start_server(Path(":memory:"))
    try:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            wf = http.post("/workflows", json={"name": "w000", "user": "me"}).json()["id"]
            jobs = [{"workflow_id": wf, "name": f"j{i}", "command": "true"} for i in range(20_000)]
            http.post("/bulk_jobs", json={"jobs": jobs}).raise_for_status()
            server.process.send_signal(signal.SIGUSR1)
            for i in range(1, 150):
                http.post("/workflows", json={"name": f"w{i:03}", "user": "me"}).raise_for_status()
            wait_for(target)
    finally:
        stop_server(server)
    during = target.with_name("busy.db.1")
    with sqlite3.connect(during) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM job").fetchone()[0] == 20_000
    names = workflow_names(during)
    assert names == [f"w{i:03}" for i in range(len(names))]
    assert workflow_names(target) == [f"w{i:03}" for i in range(150)]
