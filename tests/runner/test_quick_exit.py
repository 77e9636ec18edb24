"""A job that ends right after it starts is reaped by the thread that started it
(`torc_runner.quick_exit`); a longer one is handed to the event loop, which watches it."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

from torc_runner import job_process, quick_exit


def _spawn(tmp_path: Path, command: str) -> int:
    argv = job_process.command_line(command, None)
    return job_process.spawn(argv, tmp_path / "out", tmp_path / "err", dict(os.environ))


def test_a_job_that_ends_at_once_comes_back_reaped_with_its_exit_code(tmp_path: Path) -> None:
    for command, code in (
        ("true", 0),
        ("false", 1),
        ("exit 3", 3),
        ("kill -9 $$", -signal.SIGKILL),
    ):
        before = time.monotonic()
        started = quick_exit.start(lambda command=command: _spawn(tmp_path, command), grace=5.0)
        assert started.returncode == code, command
        assert before <= started.at <= time.monotonic()
        try:
            os.waitpid(started.pid, os.WNOHANG)
        except ChildProcessError:
            pass  # reaped already, as it must be
        else:
            raise AssertionError(f"{command}: not reaped")


def test_a_longer_job_is_watched_by_the_loop_and_timed_from_its_start(tmp_path: Path) -> None:
    started = quick_exit.start(lambda: _spawn(tmp_path, "sleep 0.3"), grace=0.01)
    assert started.returncode is None  # still running: the loop takes over

    async def watch() -> tuple[int, float]:
        loop = asyncio.get_running_loop()
        proc = quick_exit.process(loop, started, 1, "job_1", 1, False)
        assert proc.started == started.at
        code = await asyncio.wait_for(proc.wait(), 10)
        return code, proc.minutes() * 60

    code, seconds = asyncio.run(watch())
    assert code == 0
    assert 0.3 <= seconds < 5


def test_an_ended_job_is_a_finished_process_for_the_loop(tmp_path: Path) -> None:
    started = quick_exit.start(lambda: _spawn(tmp_path, "false"), grace=5.0)

    async def take() -> tuple[bool, int | None, int]:
        loop = asyncio.get_running_loop()
        proc = quick_exit.process(loop, started, 2, "job_2", 1, False)
        proc.signal(signal.SIGKILL)  # reaped: nothing is signalled (the pid may be reused)
        return proc.exited.done(), proc.returncode, await proc.wait()

    assert asyncio.run(take()) == (True, 1, 1)
