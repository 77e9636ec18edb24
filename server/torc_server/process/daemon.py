"""`--daemon` and `--pid-file`.

The daemon is started the classic way (fork, new session, fork again, standard streams on
/dev/null), after the options were checked and the port found free, so that a mistake still
reaches the terminal. The command that started it waits until the daemon serves and prints where,
or prints why it did not start, and exits with a matching code, so scripts and init systems can
rely on `torc-server run --daemon` returning only once the server answers.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

from torc_server.process import signals


class PidFileError(Exception):
    pass


def write_pid_file(path: Path) -> None:
    """Write this process's PID; refuse when the file names a process that is still alive."""
    try:
        old = int(path.read_text().strip() or 0)
    except (OSError, ValueError):
        old = 0
    if old and old != os.getpid() and _alive(old):
        raise PidFileError(
            f"the PID file {path} names PID {old}, which is running (a torc-server already?); "
            "stop it or choose another --pid-file"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(f"{os.getpid()}\n")
        partial.replace(path)
    except OSError as exc:
        raise PidFileError(
            f"cannot write the PID file {path}: {exc.strerror}; choose another --pid-file"
        ) from exc
    pid = os.getpid()

    def remove() -> None:
        with contextlib.suppress(OSError, ValueError):
            if int(path.read_text().strip()) == pid:
                path.unlink()

    signals.on_exit(remove)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError as exc:
        return exc.errno == errno.EPERM
    return True


class Daemon:
    """The parent's end waits; the daemon's end reports `ready` or an error."""

    def __init__(self) -> None:
        self._write: int | None = None

    def detach(self, timeout: float = 120.0) -> None:
        """Return in the daemon; in the starting command, wait for its report and exit."""
        read, write = os.pipe()
        if os.fork() > 0:
            os.close(write)
            sys.exit(self._wait(read, timeout))
        os.close(read)
        os.setsid()
        if os.fork() > 0:
            os._exit(0)
        os.chdir("/")
        null = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(null, stream)
        os.close(null)
        self._write = write

    def ready(self, message: str) -> None:
        self._send(f"ready {message}")

    def failed(self, message: str) -> None:
        self._send(f"error {message}")

    def _send(self, text: str) -> None:
        if self._write is None:
            return
        with contextlib.suppress(OSError):
            os.write(self._write, text.encode() + b"\n")
            os.close(self._write)
        self._write = None

    @staticmethod
    def _wait(read: int, timeout: float) -> int:
        import select
        import time

        data = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if signals.pending() is not None:
                print("torc-server: stopped waiting for the daemon", file=sys.stderr)
                return 130
            ready, _, _ = select.select([read], [], [], 0.2)
            if not ready:
                continue
            chunk = os.read(read, 4096)
            if not chunk:
                break
            data += chunk
        kind, _, message = data.decode(errors="replace").strip().partition(" ")
        if kind == "ready":
            print(f"torc-server: {message}")
            return 0
        if kind == "error":
            print(f"torc-server: {message}", file=sys.stderr)
            return 1
        print(
            "torc-server: the daemon did not report that it serves; see its log file",
            file=sys.stderr,
        )
        return 1
