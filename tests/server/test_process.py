"""torc-server as a process: port announcement, durability across a kill, clean shutdown."""

from __future__ import annotations

import contextlib
import signal
from pathlib import Path

import httpx
import psutil

from tests.conftest import start_server, stop_server


def test_port_zero_announces_a_working_port(tmp_path: Path) -> None:
    server = start_server(tmp_path / "t.db")
    try:
        assert server.port > 0
        assert httpx.get(f"{server.url}/ping").json() == {"status": "ok"}
    finally:
        stop_server(server)


def test_acknowledged_writes_survive_a_killed_server(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    server = start_server(db)
    created = httpx.post(f"{server.url}/workflows", json={"name": "durable", "user": "me"}).json()
    # Kill every process of the server at once, its workers too: a worker left running would keep
    # the database open (and outlive the test).
    workers = psutil.Process(server.process.pid).children(recursive=True)
    server.process.send_signal(signal.SIGKILL)
    for worker in workers:
        with contextlib.suppress(psutil.NoSuchProcess):
            worker.kill()
    server.process.wait()
    psutil.wait_procs(workers, timeout=10)
    again = start_server(db)
    try:
        got = httpx.get(f"{again.url}/workflows/{created['id']}")
        assert got.status_code == 200
        assert got.json()["name"] == "durable"
    finally:
        stop_server(again)


def test_sigterm_stops_the_server(tmp_path: Path) -> None:
    server = start_server(tmp_path / "t.db")
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=15) is not None
