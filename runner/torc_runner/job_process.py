"""One job as a child process: started with `bash -c`, awaited (no polling), signalled."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
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
    process: asyncio.subprocess.Process
    started: float = field(default_factory=time.monotonic)
    terminated: bool = False

    @property
    def pid(self) -> int:
        return self.process.pid

    def minutes(self) -> float:
        return (time.monotonic() - self.started) / 60

    def signal(self, signum: int) -> None:
        """Signal the job's whole process group (it runs in a session of its own)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)

    def terminate(self) -> None:
        """SIGTERM for jobs that handle it, SIGKILL for the others."""
        self.terminated = True
        self.signal(signal.SIGTERM if self.supports_termination else signal.SIGKILL)

    def kill(self) -> None:
        self.terminated = True
        self.signal(signal.SIGKILL)


def command_line(command: str, invocation_script: str | None) -> list[str]:
    text = f"{invocation_script} {command}" if invocation_script else command
    return ["bash", "-c", text]


async def start(
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
) -> JobProcess:
    stdout.parent.mkdir(parents=True, exist_ok=True)
    with open(stdout, "ab") as out, open(stderr, "ab") as err:
        process = await asyncio.create_subprocess_exec(
            *command_line(command, invocation_script),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=dict(env),
            start_new_session=True,
        )
    return JobProcess(job_id, name, attempt_id, supports_termination, process)


def return_code(process: asyncio.subprocess.Process) -> int:
    """The exit code; a job killed by signal N reports -N."""
    code = process.returncode
    return code if code is not None else -1
