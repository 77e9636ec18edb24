"""Shared fixtures: a real torc-server process on loopback over a real SQLite file."""

from __future__ import annotations

import functools
import os
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

BASE_PATH = "/torc-service/v1"

# Single tests that take far longer than most, collected last by path. They run first instead:
# xdist hands tests out in collection order, and one of these at the very end would leave the
# other worker idle until it finishes.
LONG_TESTS_FIRST = ("tests/test_bench_harness.py", "tests/test_codegen.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(LONG_TESTS_FIRST))  # a stable sort


def pytest_configure(config: pytest.Config) -> None:
    """Let the Python processes the tests start cache their bytecode, outside the source tree.

    The tests start hundreds of Python processes (`torc`, servers, runners, xdist workers). With
    PYTHONDONTWRITEBYTECODE set, none of them caches bytecode, and each compiles the project's
    modules again (about a tenth of a second per `torc` command). Instead they share a cache under
    `.cache/pycache` (PYTHONPYCACHEPREFIX), so no `__pycache__` appears next to the sources.
    """
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and not os.environ.get("PYTHONPYCACHEPREFIX"):
        del os.environ["PYTHONDONTWRITEBYTECODE"]
        os.environ["PYTHONPYCACHEPREFIX"] = str(config.rootpath / ".cache" / "pycache")
    # Names this test session (xdist workers inherit it), so the Slurm test cluster it starts is
    # stopped when it ends, and one it found running is left alone.
    os.environ.setdefault("TORC_TEST_SESSION", f"pytest-{os.getpid()}-{time.time():.0f}")


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not hasattr(session.config, "workerinput"):  # the controller, or a run without xdist
        from tests.slurm.cluster import stop_if_started_by

        stop_if_started_by(os.environ.get("TORC_TEST_SESSION", ""))


@dataclass
class RunningServer:
    """A torc-server started for a test session."""

    process: subprocess.Popen[str]
    port: int
    database: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{BASE_PATH}"


def start_server(
    database: Path,
    *extra: str,
    timeout: float = 30.0,
    stderr: Any = None,
    env: dict[str, str] | None = None,
) -> RunningServer:
    """Start `torc-server run --port 0` and wait until it prints its port and answers ping
    (`stderr`: where its log goes, an open file for instance; default the test's stderr)."""
    cmd = [
        sys.executable,
        "-m",
        "torc_server.cli",
        "run",
        "--port",
        "0",
        "--database",
        str(database),
        *extra,
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=stderr, text=True, env=env)
    assert proc.stdout is not None
    port = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            if proc.poll() is not None:
                raise RuntimeError(f"torc-server exited with {proc.returncode}")
            continue
        if line.startswith("TORC_SERVER_PORT="):
            port = int(line.strip().split("=", 1)[1])
            break
    if port is None:
        proc.kill()
        raise RuntimeError("torc-server did not report its port")
    server = RunningServer(proc, port, database)
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{server.url}/ping", timeout=1.0).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.05)
    stop_server(server)
    raise RuntimeError("torc-server did not answer /ping")


def stop_server(server: RunningServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """One server per test session (per xdist worker), on its own database file."""
    db = tmp_path_factory.mktemp("server") / "torc.db"
    running = start_server(db)
    yield running
    stop_server(running)


@functools.cache
def tls_context() -> ssl.SSLContext:
    """One TLS context for the tests' httpx clients.

    The servers here are plain HTTP, but a new `httpx.Client` loads the CA bundle into a fresh
    context all the same, which costs more than a whole test's requests; sharing one skips that.
    """
    return ssl.create_default_context()


@pytest.fixture
def http(server: RunningServer) -> Iterator[httpx.Client]:
    """A plain HTTP client against the session server's API base URL (a new one per test)."""
    with httpx.Client(base_url=server.url, timeout=30.0, verify=tls_context()) as client:
        yield client
