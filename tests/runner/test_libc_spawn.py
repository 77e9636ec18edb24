"""Jobs started through libc's posix_spawn (`torc_runner.libc_spawn`): a session of their own,
the signals the runner ignores back at their defaults, stdio as asked, and errors as OSError."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from torc_runner import libc_spawn

pytestmark = pytest.mark.skipif(not libc_spawn.AVAILABLE, reason="needs glibc 2.26 or later")

DEFAULTS = (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE, signal.SIGXFSZ)


def ignored_signals(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return int(line.split()[1], 16)
    raise AssertionError("no SigIgn line")


def test_a_child_has_its_own_session_default_signals_and_its_stdio(tmp_path: Path) -> None:
    out = tmp_path / "out"
    previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)  # the runner ignores it, say
    try:
        pid = libc_spawn.spawn(
            "/bin/sh",
            ["sh", "-c", 'echo "$0 $1 $TORC_MARK"; exec sleep 30', "arg0", "arg1"],
            {"TORC_MARK": "marked", "PATH": os.environ["PATH"]},
            [
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_OPEN, 1, str(out), os.O_WRONLY | os.O_CREAT, 0o644),
            ],
            DEFAULTS,
        )
    finally:
        signal.signal(signal.SIGTERM, previous)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/proc/{pid}/cmdline").read_bytes().startswith(b"sleep"):
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert os.getsid(pid) == pid  # a session (and process group) of its own
        mask = ignored_signals(pid)
        for signum in DEFAULTS:
            assert not mask & (1 << (signum - 1)), signal.Signals(signum).name
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert out.read_text() == "arg0 arg1 marked\n"


def test_a_program_that_cannot_start_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        libc_spawn.spawn("/no/such/program", ["x"], {}, [], DEFAULTS)
    script = tmp_path / "no_interpreter_line"
    script.write_text("echo hi\n")
    script.chmod(0o755)
    with pytest.raises(OSError):  # ENOEXEC: the runner then asks bash
        libc_spawn.spawn(str(script), ["x"], {}, [], DEFAULTS)
