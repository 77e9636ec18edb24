"""The installed `torc tui` in a real terminal (tmux, 80x24), driven as a person would:
keys with send-keys, the screen read with capture-pane. Standalone mode: the interface starts
its own server and stops it when it quits."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest

SPEC = """\
name: tmux_demo
description: Example workflow
jobs:
  - name: prepare
    command: echo prepared
  - name: work_{i:03d}
    command: echo work {i}
    depends_on: [prepare]
    parameters:
      i: "1:12"
  - name: aggregate
    command: echo done
    depends_on_regexes: ["work_.*"]
"""


class Terminal:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "tui", key)
            time.sleep(0.1)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "tui")

    def wait_for(self, condition: Callable[[str], bool], timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if condition(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen never showed what was expected:\n{screen}")
            time.sleep(0.2)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (apt-get install tmux)")
    term = Terminal(f"torc-tui-{uuid.uuid4().hex[:8]}")
    yield term
    subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True, check=False)


def test_standalone_tui_in_tmux_creates_runs_and_quits(terminal: Terminal, tmp_path: Path) -> None:
    (tmp_path / "wf.yaml").write_text(SPEC)
    database = tmp_path / "db.sqlite"
    bin_dir = Path(sys.executable).parent
    script = (
        f"cd {tmp_path} && env -u TORC_API_URL HOME={tmp_path} PATH={bin_dir}:$PATH "
        f"TERM=xterm-256color torc tui --standalone --port 0 --database {database}; "
        "echo TUI-EXITED-$?; sleep 60"
    )
    terminal.tmux(
        "-f", "/dev/null", "new-session", "-d", "-s", "tui", "-x", "80", "-y", "24", script
    )
    screen = terminal.wait_for(lambda s: "0 workflows" in s, timeout=60)
    assert "Torc Management Console" in screen and "Workflows [FOCUSED]" in screen

    terminal.keys("n")
    terminal.wait_for(lambda s: "specification file" in s)
    terminal.keys(str(tmp_path / "wf.yaml"), "Enter")
    terminal.wait_for(lambda s: "tmux_demo" in s and "Created workflow 1" in s)
    terminal.keys("Enter")
    terminal.wait_for(lambda s: "14 jobs" in s)
    terminal.keys("i")
    screen = terminal.wait_for(lambda s: "ready" in s and "blocked" in s)
    assert "uninitialized" not in screen
    terminal.keys("x")
    screen = terminal.wait_for(lambda s: "exit code 0" in s, timeout=60)
    assert "torc run 1" in screen
    terminal.wait_for(lambda s: "prepare    completed" in s)
    terminal.tmux("send-keys", "-t", "tui", "Tab", "Tab", "Tab", "Tab")  # typed quickly
    screen = terminal.wait_for(lambda s: "DAG [FOCUSED]" in s)
    assert "Stage 1" in screen and "work_# x12" in screen and "completed 12" in screen

    terminal.keys("q")
    terminal.wait_for(lambda s: "TUI-EXITED-0" in s)
    servers = [
        p
        for p in psutil.process_iter(["cmdline"])
        if "torc_server." in (cmd := " ".join(p.info["cmdline"] or [])) and str(database) in cmd
    ]
    assert servers == []  # the server the interface started stopped with it
