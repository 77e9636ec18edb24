"""Progress of a run: a live line on a terminal, cleared before the final summary; plain lines
every few seconds when the output is not a terminal."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import time
from types import SimpleNamespace

from tests.runner.conftest import Torc, report, write_spec
from torc_runner.progress import Progress


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def _runner(completed: int, failed: int, running: int, total: int) -> SimpleNamespace:
    stats = SimpleNamespace(
        completed=completed,
        failed=failed,
        finished=completed + failed,
        started=time.monotonic() - 2.0,
    )
    return SimpleNamespace(stats=stats, running=[object()] * running, total_jobs=total)


def test_live_line_on_a_terminal() -> None:
    stream = _Stream(tty=True)
    progress = Progress(stream=stream)
    progress._last = 0.0  # as if the last redraw was long ago
    progress(_runner(completed=6, failed=1, running=2, total=20))
    text = stream.getvalue()
    assert text.startswith("\r")
    assert "done 6  running 2  failed 1  remaining 11  3." in text  # 7 finished in ~2 s
    assert text.rstrip().endswith("jobs/s")
    progress.finish()
    assert stream.getvalue().endswith("\r")  # the line is wiped for the summary


def test_plain_lines_when_not_a_terminal() -> None:
    stream = _Stream(tty=False)
    progress = Progress(stream=stream, every=0.0)
    progress(_runner(completed=1, failed=0, running=1, total=3))
    progress(_runner(completed=2, failed=0, running=1, total=3))
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("torc: done 1  running 1  failed 0  remaining 1")
    assert lines[1].startswith("torc: done 2  running 1  failed 0  remaining 0")
    assert "\r" not in stream.getvalue()


def test_terminal_display_end_to_end(torc: Torc) -> None:
    spec = write_spec(
        torc.cwd,
        """
        name: WORKFLOW_NAME
        jobs:
          - name: job_{i}
            command: sleep 0.4
            parameters:
              i: "1:6"
        """,
    )
    master, slave = pty.openpty()
    try:
        done = subprocess.run(
            torc.args("run", str(spec), "-o", "out", "-p", "0.5", "--max-parallel-jobs", "2"),
            cwd=torc.cwd,
            env=torc.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=slave,
            text=True,
            timeout=120,
            check=False,
        )
        os.close(slave)
        slave = -1
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        if slave != -1:
            os.close(slave)
        os.close(master)
    terminal = b"".join(chunks).decode()
    assert done.returncode == 0, report(done)
    assert "\r" in terminal and "running 2" in terminal, terminal
    assert "6 completed" in done.stdout
