"""The terminal interface against the session's real server: a workflow per test, a user
per test (so each test's workflow list holds only its own workflows), the test's directory
as the working directory (job logs and files land there)."""

from __future__ import annotations

import asyncio
import os
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import RunningServer
from torc_cli.tui.app import TorcTui
from torc_cli.tui.backend import Connection

PIPELINE = {
    "jobs": [
        {
            "name": "prepare",
            "command": "echo prepared > ${files.output.prepared} && echo hello from prepare",
        },
        {"name": "analyze", "command": "echo analyzing; echo oops >&2", "depends_on": ["prepare"]},
        {"name": "report", "command": "exit 3", "depends_on": ["analyze"]},
    ],
    "files": [{"name": "prepared", "path": "prepared.txt"}],
}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    bin_dir = str(Path(sys.executable).parent)
    monkeypatch.setenv("PATH", bin_dir + os.pathsep + os.environ.get("PATH", ""))
    for name in list(os.environ):
        if name.startswith("TORC_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    return tmp_path


@pytest.fixture
def user() -> str:
    return f"tui_{uuid.uuid4().hex[:10]}"


@pytest.fixture
def api(server: RunningServer) -> Iterator[Any]:
    from torc import make_api

    client = make_api(server.url)
    yield client
    client.close()


@pytest.fixture
def make_workflow(api: Any, user: str) -> Callable[..., int]:
    def make(spec: dict[str, Any] | None = None, name: str = "pipeline") -> int:
        from torc.workflows import create_workflow_from_dict

        body = {"name": f"{name}_{uuid.uuid4().hex[:6]}", **(spec or PIPELINE)}
        return int(create_workflow_from_dict(api, body, user=user).workflow.id)

    return make


@pytest.fixture
def tui(server: RunningServer, user: str, workdir: Path) -> Callable[[], TorcTui]:
    return lambda: TorcTui(Connection(server.url), user=user, output_dir=workdir / "output")


async def until(pilot: Any, condition: Callable[[], Any], timeout: float = 20.0) -> None:
    """Let the application work until `condition()` holds (fails the test after `timeout`)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"condition not met in {timeout} s: {condition}")
        await pilot.pause(0.05)


def aio(test: Callable[..., Any]) -> Callable[..., None]:
    """Run an async test function in its own event loop (the suite has no asyncio plugin)."""
    import functools

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run
