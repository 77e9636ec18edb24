"""Running `torc` as a user would: a subprocess against the session's real server.

`cli(*args)` runs `torc --url <server> *args` with no terminal on stdin (so nothing can prompt),
in the test's own directory, with the virtualenv's `bin` first on PATH (job commands call `torc`
too) and `TORC_API_URL` pointing at the server (for commands the tutorials write without --url).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import RunningServer

TORC = [sys.executable, "-c", "from torc_cli.main import main; main()"]
BIN = str(Path(sys.executable).parent)


def cli_env(server_url: str, home: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TORC_", "PYTEST_")) and k not in ("COLUMNS", "LINES")
    }
    env.update(
        PATH=BIN + os.pathsep + env.get("PATH", ""),
        TORC_API_URL=server_url,
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        COLUMNS="250",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@dataclass
class Cli:
    """`torc` bound to a server and a working directory."""

    url: str
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)

    def __call__(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*TORC, "--url", self.url, *args],
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def ok(self, *args: str, timeout: float = 120) -> str:
        """Run; it must succeed; its stdout."""
        done = self(*args, timeout=timeout)
        assert done.returncode == 0, f"torc {' '.join(args)}: {done.returncode}\n{done.stderr}"
        assert "Traceback" not in done.stderr, done.stderr
        return done.stdout

    def json(self, *args: str, timeout: float = 120) -> Any:
        """Run with `-f json`; stdout must be exactly one JSON document, which is answered."""
        text = self.ok("-f", "json", *args, timeout=timeout)
        return json.loads(text)  # the whole of stdout: nothing before or after the document

    def fails(self, *args: str, code: int = 1) -> str:
        """Run; it must fail with `code` and one line on stderr, without a traceback."""
        done = self(*args)
        assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        assert lines[0].startswith("torc: "), done.stderr
        return lines[0]

    def shell(self, script: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """A bash script, as the tutorials write them (`torc` on PATH, `$TORC_API_URL` set)."""
        return subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def create(self, spec: str, filename: str = "workflow.yaml") -> int:
        """Create a workflow from YAML text (`NAME` replaced by a unique name); its id."""
        path = self.cwd / filename
        name = f"wf_{uuid.uuid4().hex[:10]}"
        path.write_text(textwrap.dedent(spec).lstrip("\n").replace("NAME", name))
        return int(self.json("workflows", "create", str(path))["id"])


@pytest.fixture
def cli(server: RunningServer, tmp_path: Path) -> Iterator[Cli]:
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    yield Cli(server.url, work, cli_env(server.url, home))


def unique_user() -> str:
    return f"user_{uuid.uuid4().hex[:10]}"
