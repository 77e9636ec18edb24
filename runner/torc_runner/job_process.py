"""One job as a child process: started with `bash -c`, awaited (no polling), signalled.

Children are started with `posix_spawn` (a vfork and an exec, with the job's stdin, stdout and
stderr opened in the child), which costs less than `subprocess.Popen` when jobs are short and
many; a command that is one simple command skips bash (`torc_runner.simple_command`), with
what depends only on the runner's environment worked out once (`torc_runner.job_env`). Each
child runs in a session of its own, so that signals reach its whole process tree; a guardian
process ends them if the runner is killed outright (`torc_runner.orphans`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from torc_runner import libc_spawn, orphans
from torc_runner.job_env import Variables, environment
from torc_runner.stdio_files import Opened

_STDIO_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_APPEND
StrPath = str | os.PathLike[str]
"""A file's path, as a string or a Path."""


@dataclass
class JobProcess:
    job_id: int
    name: str
    attempt_id: int
    supports_termination: bool
    pid: int
    exited: asyncio.Future[int]
    started: float = field(default_factory=time.monotonic)
    terminated: bool = False
    returncode: int | None = None
    """The exit code once the child has been reaped; a job killed by signal N has -N."""

    def minutes(self) -> float:
        return (time.monotonic() - self.started) / 60

    def signal(self, signum: int) -> None:
        """Signal the job's whole process group (it runs in a session of its own)."""
        if self.returncode is not None:
            return  # reaped: the pid may belong to someone else by now
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signum)

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
    """Start the job and watch it (`spawn`, then `watch`). Raises OSError when the job cannot
    be started."""
    pid = spawn(command_line(command, invocation_script), stdout, stderr, env, cwd)
    return watch(asyncio.get_running_loop(), pid, job_id, name, attempt_id, supports_termination)


def spawn(
    argv: list[str],
    stdout: StrPath,
    stderr: StrPath,
    env: Mapping[str, str],
    cwd: Path | None = None,
    opened: Opened | None = None,
) -> int:
    """Start `argv` in a session of its own, stdin from /dev/null, stdout and stderr appended
    to the files (or to `opened`, the same files opened already, closed here); answer its pid.
    Blocks until the child has started (or failed to: OSError), so the runner calls it from
    worker threads; safe to call from several at once. The directories of the output files
    are made when missing."""
    try:
        try:
            return _spawn(argv, stdout, stderr, env, cwd, opened)
        except FileNotFoundError:  # a missing directory, or bash; once more after making them
            Path(stdout).parent.mkdir(parents=True, exist_ok=True)
            Path(stderr).parent.mkdir(parents=True, exist_ok=True)
            return _spawn(argv, stdout, stderr, env, cwd, opened)
    finally:
        if opened is not None:
            opened.close()


def _spawn(
    argv: list[str],
    stdout: StrPath,
    stderr: StrPath,
    env: Mapping[str, str],
    cwd: Path | None,
    opened: Opened | None,
) -> int:
    if cwd is None and _POSIX_SPAWN:
        job_env = environment(env)
        stdio = _stdio_actions(stdout, stderr, opened)
        if argv[:2] == ["bash", "-c"] and len(argv) == 3:
            plan = job_env.direct(argv[2])
            if plan is not None:
                program, words, program_env = plan
                with contextlib.suppress(OSError):  # bash starts it, or says why it cannot
                    return _posix_spawn(program, words, program_env, stdio)
        if _bash is None or not _swept:
            prepare()
        assert _bash is not None
        return _posix_spawn(_bash, argv, job_env.variables(), stdio)
    return _popen(argv, stdout, stderr, env, cwd)


def watch(
    loop: asyncio.AbstractEventLoop,
    pid: int,
    job_id: int,
    name: str,
    attempt_id: int,
    supports_termination: bool,
) -> JobProcess:
    """Track a started child (call from the event loop's thread): its `exited` future
    resolves with the exit code when it exits, noticed through a pidfd registered with the
    event loop, so nothing polls and no thread waits per child."""
    exited: asyncio.Future[int] = loop.create_future()
    proc = JobProcess(job_id, name, attempt_id, supports_termination, pid, exited)
    orphans.guardian().started(loop, pid)  # ended with the runner if the runner is killed
    _watch(loop, proc)
    return proc


def prepare() -> None:
    """Once per process, before the first `spawn` (posix_spawn does not close inherited file
    descriptors the way `Popen(close_fds=True)` does)."""
    global _bash, _swept
    if _bash is None:
        _bash = shutil.which("bash") or "/bin/bash"
    if not _swept:
        _make_fds_private()
        _swept = True


_POSIX_SPAWN = hasattr(os, "posix_spawn") and hasattr(os, "POSIX_SPAWN_OPEN")
SPAWN_HOLDS_THE_GIL = _POSIX_SPAWN and not libc_spawn.AVAILABLE
"""`spawn` without a working directory uses posix_spawn: `os.posix_spawn` does not release the
GIL; libc's, called through ctypes (`torc_runner.libc_spawn`), does."""
_bash: str | None = None
_swept = False


def _stdio_actions(
    stdout: StrPath, stderr: StrPath, opened: Opened | None
) -> list[tuple[Any, ...]]:
    """posix_spawn's file actions for the child's stdin, stdout and stderr."""
    stdin = (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0)
    if opened is not None:
        return [
            stdin,
            (os.POSIX_SPAWN_DUP2, opened.stdout, 1),
            (os.POSIX_SPAWN_DUP2, opened.stderr, 2),
        ]
    return [
        stdin,
        (os.POSIX_SPAWN_OPEN, 1, os.fspath(stdout), _STDIO_FLAGS, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, os.fspath(stderr), _STDIO_FLAGS, 0o644),
    ]


def _posix_spawn(
    program: str, argv: list[str], env: Variables, stdio: list[tuple[Any, ...]]
) -> int:
    if not _swept:
        prepare()
    if libc_spawn.AVAILABLE:
        return libc_spawn.spawn(program, argv, env, stdio, _DEFAULT_SIGNALS)
    assert isinstance(env, dict)  # `job_env` gives os.posix_spawn a mapping
    return os.posix_spawn(
        program, argv, env, file_actions=stdio, setsid=True, setsigdef=_DEFAULT_SIGNALS
    )


_DEFAULT_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE, signal.SIGXFSZ)
"""Signals a job starts with at their defaults, whatever the runner does with them."""


def _make_fds_private() -> None:
    """`posix_spawn` does not close file descriptors the way `Popen(close_fds=True)` does:
    make every descriptor above stderr that this process inherited close on exec, so that jobs
    do not inherit them (the ones Python opens are close-on-exec already)."""
    with contextlib.suppress(OSError):
        for name in os.listdir("/proc/self/fd"):
            fd = int(name)
            if fd > 2:
                with contextlib.suppress(OSError):
                    if os.get_inheritable(fd):
                        os.set_inheritable(fd, False)


def _popen(
    argv: list[str], stdout: StrPath, stderr: StrPath, env: Mapping[str, str], cwd: Path | None
) -> int:
    out = os.open(stdout, _STDIO_FLAGS | os.O_CLOEXEC, 0o644)
    try:
        err = os.open(stderr, _STDIO_FLAGS | os.O_CLOEXEC, 0o644)
        try:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                env=dict(env),
                cwd=cwd,
                start_new_session=True,
            )
        finally:
            os.close(err)
    finally:
        os.close(out)
    # the runner reaps the child itself (os.waitpid); Popen must not try again later
    process.returncode = 0
    return process.pid


def _watch(loop: asyncio.AbstractEventLoop, proc: JobProcess) -> None:
    def done(code: int) -> None:
        proc.returncode = code
        orphans.guardian().ended(loop, proc.pid)
        if not proc.exited.done():
            proc.exited.set_result(code)

    try:
        pidfd = os.pidfd_open(proc.pid)
    except (AttributeError, OSError):  # no pidfd (old kernel): a thread waits instead
        loop.run_in_executor(None, _reap, proc.pid).add_done_callback(
            lambda future: done(future.result())
        )
        return

    def reap() -> None:
        loop.remove_reader(pidfd)
        os.close(pidfd)
        done(_reap(proc.pid))

    loop.add_reader(pidfd, reap)


def _reap(pid: int) -> int:
    """Wait for the child; its exit code (-N when signal N killed it)."""
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:  # reaped elsewhere: the code is lost
        return -1
    return os.waitstatus_to_exitcode(status)
