"""Stops that always stop (issue 12): a signal at any moment of the start, an open event stream,
a `kill -9`, and a second server on a served port. Real server processes, real signals."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil
import pytest

from tests.conftest import start_server, stop_server

STOPPED_WITHIN = 15.0  # the server stops in a few seconds; this bound only catches a hang


def _command(database: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "torc_server.cli", "run", "--database", str(database), *extra]


@pytest.mark.parametrize(
    ("delay", "signum"),
    [(0.1, signal.SIGTERM), (0.25, signal.SIGTERM), (0.36, signal.SIGINT), (0.6, signal.SIGTERM)],
)
def test_a_signal_while_the_server_starts_stops_it(
    tmp_path: Path, delay: float, signum: int
) -> None:
    process = subprocess.Popen(
        _command(tmp_path / "t.db", "--port", "0"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signum)
    try:
        process.wait(timeout=STOPPED_WITHIN)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail(f"{signal.Signals(signum).name} {delay} s after the start was lost")


def test_an_open_event_stream_does_not_hold_the_stop(tmp_path: Path) -> None:
    server = start_server(tmp_path / "t.db")
    try:
        created = httpx.post(f"{server.url}/workflows", json={"name": "w", "user": "me"}).json()
        stream_open = threading.Event()
        stream_ended = threading.Event()

        def follow() -> None:
            url = f"{server.url}/workflows/{created['id']}/events/stream"
            with httpx.stream("GET", url, timeout=None) as answer:
                stream_open.set()
                for _ in answer.iter_raw():
                    pass
            stream_ended.set()

        follower = threading.Thread(target=follow, daemon=True)
        follower.start()
        assert stream_open.wait(10)
        # an acknowledged write while the stream is open
        httpx.post(
            f"{server.url}/workflows", json={"name": "kept", "user": "me"}
        ).raise_for_status()
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=STOPPED_WITHIN) == 0
        assert stream_ended.wait(10), "the stream was not closed when the server stopped"
    finally:
        stop_server(server)
    with sqlite3.connect(tmp_path / "t.db") as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM workflow ORDER BY id")]
    assert names == ["w", "kept"]


def test_kill_9_leaves_nothing_serving(tmp_path: Path) -> None:
    server = start_server(tmp_path / "t.db")
    try:
        assert psutil.Process(server.process.pid).children(recursive=True) == []
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=STOPPED_WITHIN)
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"{server.url}/ping", timeout=2)
    finally:
        stop_server(server)


def test_a_second_server_on_a_served_port_refuses_to_start(tmp_path: Path) -> None:
    first = start_server(tmp_path / "first.db")
    try:
        second = subprocess.run(
            _command(tmp_path / "second.db", "--port", str(first.port)),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 1
        assert second.stderr.count("\n") == 1, second.stderr
        assert f"port {first.port}" in second.stderr and "already in use" in second.stderr
        assert not (tmp_path / "second.db").exists()
        for _ in range(5):  # every request reaches the first server
            assert httpx.get(f"{first.url}/workflows").json()["total_count"] == 0
        assert first.process.poll() is None
    finally:
        stop_server(first)


def test_a_second_signal_ends_a_stopping_server_at_once(tmp_path: Path) -> None:
    server = start_server(tmp_path / "t.db")
    try:
        os.kill(server.process.pid, signal.SIGTERM)
        os.kill(server.process.pid, signal.SIGINT)
        assert server.process.wait(timeout=STOPPED_WITHIN) == 0
    finally:
        stop_server(server)


WATCHDOG = """
import asyncio, sys, time
from torc_server.process import logs, signals
logs.configure("info")
signals.catch()
busy_until = time.monotonic() + float(sys.argv[1])
stopper = signals.Stopper(lambda: None, grace=0.3, busy=lambda: time.monotonic() < busy_until)
async def main():
    stopper.hand_to_loop(asyncio.get_running_loop())
    print("ready", flush=True)
    await asyncio.sleep(120)  # a stop that never finishes
asyncio.run(main())
"""


@pytest.mark.parametrize("busy", [0.0, 1.5])
def test_the_watchdog_ends_a_stop_that_hangs_but_waits_for_a_snapshot(busy: float) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", WATCHDOG, str(busy)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=STOPPED_WITHIN)
    assert process.returncode == 0, err
    assert "exiting now" in err
    assert ("still writing the last snapshot" in err) == (busy > 0), err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_every_acknowledged_write_survives_a_stop_under_load(tmp_path: Path, signum: int) -> None:
    server = start_server(tmp_path / "t.db")
    acknowledged: list[int] = []
    done = threading.Event()

    def write() -> None:
        with httpx.Client(base_url=server.url, timeout=5) as http:
            while not done.is_set():
                try:
                    answer = http.post("/workflows", json={"name": "w", "user": "me"})
                except httpx.HTTPError:
                    return
                if answer.status_code == 200:
                    acknowledged.append(answer.json()["id"])

    writers = [threading.Thread(target=write, daemon=True) for _ in range(3)]
    try:
        for writer in writers:
            writer.start()
        deadline = time.monotonic() + 30
        while len(acknowledged) < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.process.send_signal(signum)
        server.process.wait(timeout=STOPPED_WITHIN)
        done.set()
        for writer in writers:
            writer.join(10)
    finally:
        done.set()
        stop_server(server)
    assert len(acknowledged) >= 20
    with sqlite3.connect(tmp_path / "t.db") as conn:
        stored = {row[0] for row in conn.execute("SELECT id FROM workflow")}
    assert set(acknowledged) <= stored


BIND_RACE = """
import socket
from torc_server.process import serving
from torc_server.process.options import ServerOptions
from torc_server.process.port import PortTaken
taken = socket.socket()
taken.bind(("127.0.0.1", 0))
taken.listen()
port = taken.getsockname()[1]
try:
    serving.serve(ServerOptions(database=":memory:"), "127.0.0.1", port)
except PortTaken as exc:
    print(exc)
"""


def test_a_port_taken_after_the_check_is_still_refused_in_one_line() -> None:
    """Another process binds the port between the check and granian's bind."""
    done = subprocess.run(
        [sys.executable, "-c", BIND_RACE], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "is already in use (another torc-server?)" in done.stdout
