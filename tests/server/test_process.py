"""torc-server as a process: port announcement, durability across a kill, clean shutdown."""

from __future__ import annotations

import contextlib
import os
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


def test_granian_threads_give_way_to_the_python_thread(tmp_path: Path) -> None:
    """granian's threads are SCHED_BATCH (they do not preempt the thread running the handlers,
    see `process/thread_policy.py`); the main thread, which runs the event loop, is not."""
    server = start_server(tmp_path / "t.db")
    try:
        for _ in range(20):  # requests on several connections: any thread granian adds for them
            assert httpx.get(f"{server.url}/ping").status_code == 200
        pid = server.process.pid
        policies = {
            thread.id: os.sched_getscheduler(thread.id) for thread in psutil.Process(pid).threads()
        }
        assert policies.pop(pid) == os.SCHED_OTHER
        assert policies, "granian runs threads of its own"
        assert set(policies.values()) == {os.SCHED_BATCH}
    finally:
        stop_server(server)
