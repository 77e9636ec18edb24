"""Running workflows for real: `torc` as a subprocess in the test's own directory, against the
session's server (`run`) or an ephemeral standalone one (`standalone`), and the API to look at
what happened.

Jobs are real `bash -c` processes; nothing is mocked. Job commands that call `torc` find it on
PATH (the virtualenv's `bin` comes first).
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import RunningServer

TORC = [sys.executable, "-m", "torc_cli.main"]
INSTALLED = (str(Path(sys.executable).parent / "torc"),)
BIN = str(Path(sys.executable).parent)
REPO = Path(__file__).resolve().parents[2]


def torc_env(home: Path) -> dict[str, str]:
    """The environment of a user with no torc configuration of their own."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TORC_", "PYTEST_", "COV_")) and k not in ("COLUMNS", "LINES")
    }
    env.update(
        PATH=BIN + os.pathsep + env.get("PATH", ""),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        PYTHONUNBUFFERED="1",
    )
    return env


@dataclass
class Torc:
    """`torc` in a working directory; `url` set for the shared server, None for standalone."""

    cwd: Path
    env: dict[str, str]
    url: str | None = None
    command: tuple[str, ...] = tuple(TORC)
    """How `torc` is started: the module by default; `INSTALLED` is the command users run."""

    def args(self, *args: str) -> list[str]:
        return [*self.command, *(("--url", self.url) if self.url else ()), *args]

    def installed(self) -> Torc:
        """The same, through the installed `torc` script (its entry point differs)."""
        return dataclasses.replace(self, command=INSTALLED)

    def __call__(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.args(*args),
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def start(self, *args: str) -> subprocess.Popen[str]:
        """Start `torc` without waiting (to signal it)."""
        return subprocess.Popen(
            self.args(*args),
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def ok(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        done = self(*args, timeout=timeout)
        assert done.returncode == 0, report(done)
        assert "Traceback" not in done.stderr, report(done)
        return done


def report(done: subprocess.CompletedProcess[str]) -> str:
    return f"exit {done.returncode}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}"


def created_id(text: str) -> int:
    """The id in `Created workflow N`."""
    for line in text.splitlines():
        if line.startswith("Created workflow "):
            return int(line.split()[2])
    raise AssertionError(f"no 'Created workflow' line in:\n{text}")


def write_spec(directory: Path, text: str, filename: str = "workflow.yaml") -> Path:
    """A spec file; WORKFLOW_NAME becomes a name no other test uses."""
    path = directory / filename
    name = f"wf-{uuid.uuid4().hex[:10]}"
    path.write_text(textwrap.dedent(text).lstrip("\n").replace("WORKFLOW_NAME", name))
    return path


def wait_for(condition: Callable[[], Any], timeout: float = 30.0, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what or condition}")


def max_concurrency(intervals: list[tuple[float, float]]) -> int:
    """Most intervals open at once (an end at the same instant as a start closes first)."""
    events = sorted([(start, 1) for start, _ in intervals] + [(end, -1) for _, end in intervals])
    best = current = 0
    for _, step in events:
        current += step
        best = max(best, current)
    return best


def read_intervals(directory: Path) -> list[tuple[float, float]]:
    """The `START END` lines that timing jobs wrote, one file each."""
    intervals = []
    for path in sorted(directory.glob("*.txt")):
        start, end = path.read_text().split()
        intervals.append((float(start), float(end)))
    return intervals


TIMED = "mkdir -p {dir} && s=$(date +%s.%N) && sleep {sleep} && echo $s $(date +%s.%N) > {dir}/{name}.txt"
"""A job command that records when it started and ended."""


class Api:
    """Reading what the server knows, over plain HTTP."""

    def __init__(self, url: str) -> None:
        self.http = httpx.Client(base_url=url, timeout=30.0)

    def get(self, path: str, **params: Any) -> Any:
        response = self.http.get(path, params=params)
        assert response.status_code == 200, f"GET {path}: {response.status_code} {response.text}"
        return response.json()

    def jobs(self, workflow_id: int) -> dict[str, dict[str, Any]]:
        page = self.get(
            "/jobs", workflow_id=workflow_id, include_relationships="true", limit=10_000
        )
        return {job["name"]: job for job in page["items"]}

    def statuses(self, workflow_id: int) -> dict[str, str]:
        return {name: job["status"] for name, job in self.jobs(workflow_id).items()}

    def results(self, workflow_id: int, **params: Any) -> list[dict[str, Any]]:
        return self.get("/results", workflow_id=workflow_id, limit=10_000, **params)["items"]

    def files(self, workflow_id: int) -> dict[str, dict[str, Any]]:
        items = self.get("/files", workflow_id=workflow_id, limit=10_000)["items"]
        return {f["name"]: f for f in items}

    def create(self, spec: dict[str, Any]) -> int:
        """Create a workflow from an (expanded) spec in one request, as `torc workflows create`
        would after reading the file; answers its id. `name` defaults to a unique one."""
        body = {"name": f"wf-{uuid.uuid4().hex[:10]}", "user": "test", **spec}
        response = self.http.post("/workflow_specs", json=body)
        assert response.status_code == 200, response.text
        return response.json()["workflow"]["id"]

    def compute_nodes(self, workflow_id: int) -> list[dict[str, Any]]:
        return self.get("/compute_nodes", workflow_id=workflow_id, limit=10_000)["items"]

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def torc(server: RunningServer, tmp_path: Path) -> Torc:
    """`torc --url <session server>` in a fresh working directory."""
    work = tmp_path / "work"
    work.mkdir()
    return Torc(work, torc_env(tmp_path / "home"), server.url)


@pytest.fixture
def standalone(tmp_path: Path) -> Torc:
    """`torc` (to be run with `-s`) in a fresh working directory."""
    work = tmp_path / "work"
    work.mkdir()
    return Torc(work, torc_env(tmp_path / "home"))


@pytest.fixture
def api(server: RunningServer) -> Iterator[Api]:
    client = Api(server.url)
    yield client
    client.close()


def json_document(text: str) -> Any:
    """stdout must be exactly one JSON document."""
    return json.loads(text)


def stop(proc: subprocess.Popen[str], signum: int = signal.SIGTERM, timeout: float = 60) -> int:
    proc.send_signal(signum)
    proc.wait(timeout=timeout)
    return proc.returncode
