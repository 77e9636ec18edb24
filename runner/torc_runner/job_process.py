"""One job as a child process: started with `bash -c`, awaited (no polling), signalled."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class JobProcess:
    job_id: int
    name: str
    attempt_id: int
    supports_termination: bool
    process: subprocess.Popen[bytes]
    exited: asyncio.Future[int]
    started: float = field(default_factory=time.monotonic)
    terminated: bool = False

    @property
    def pid(self) -> int:
        return self.process.pid

    def minutes(self) -> float:
        return (time.monotonic() - self.started) / 60

    def signal(self, signum: int) -> None:
        """Signal the job's whole process group (it runs in a session of its own)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signum)

    def terminate(self) -> None:
        """SIGTERM for jobs that handle it, SIGKILL for the others."""
        self.terminated = True
        self.signal(signal.SIGTERM if self.supports_termination else signal.SIGKILL)

    def kill(self) -> None:
        self.terminated = True
        self.signal(signal.SIGKILL)

    async def wait(self) -> int:
        return await self.exited


def command_line(command: str, invocation_script: str | None) -> list[str]:
    text = f"{invocation_script} {command}" if invocation_script else command
    return ["bash", "-c", text]


def _append(path: Path) -> int:
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o644)


def start(
    *,
    job_id: int,
    name: str,
    attempt_id: int,
    command: str,
    invocation_script: str | None,
    supports_termination: bool,
    stdout: Path,
    stderr: Path,
    env: Mapping[str, str],
    cwd: Path | None = None,
) -> JobProcess:
    """Start the job; its `exited` future resolves with the exit code when the child exits.

    The exit is noticed through a pidfd registered with the event loop, so nothing polls and
    no thread waits per child.
    """
    stdout.parent.mkdir(parents=True, exist_ok=True)
    out, err = _append(stdout), _append(stderr)
    try:
        process = subprocess.Popen(
            command_line(command, invocation_script),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=dict(env),
            cwd=cwd,
            start_new_session=True,
        )
    finally:
        os.close(out)
        os.close(err)
    loop = asyncio.get_running_loop()
    exited: asyncio.Future[int] = loop.create_future()
    _watch(loop, process, exited)
    return JobProcess(job_id, name, attempt_id, supports_termination, process, exited)


def _watch(
    loop: asyncio.AbstractEventLoop, process: subprocess.Popen[bytes], exited: asyncio.Future[int]
) -> None:
    try:
        pidfd = os.pidfd_open(process.pid)
    except (AttributeError, OSError):  # no pidfd (old kernel): a thread waits instead
        loop.run_in_executor(None, process.wait).add_done_callback(
            lambda done: exited.done() or exited.set_result(return_code(process))
        )
        return

    def reap() -> None:
        loop.remove_reader(pidfd)
        os.close(pidfd)
        process.wait()
        if not exited.done():
            exited.set_result(return_code(process))

    loop.add_reader(pidfd, reap)


def return_code(process: subprocess.Popen[bytes]) -> int:
    """The exit code; a job killed by signal N reports -N."""
    code = process.returncode
    return code if code is not None else -1
