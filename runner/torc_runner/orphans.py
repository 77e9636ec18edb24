"""Jobs do not outlive a runner that is killed outright.

Each job runs in a session of its own (so that signals reach its whole process tree), which
also means that a `kill -9` of the runner leaves its jobs running: the server gives those jobs
back to the next runner, and the work would run twice at once. So the runner starts a guardian,
a small process of its own session that reads which job process groups are running from a pipe
only the runner holds. When the pipe closes while groups are still listed (the runner ended
without seeing those jobs end: killed, or crashed), the guardian sends each group SIGTERM, then
SIGKILL to what is left after a grace period. A runner that ends normally has no job running,
so its guardian leaves quietly.

The runner notes starts and ends from its event loop and sends them at most every
`NOTE_SECONDS` in one write, leaving out a job that started and ended in between (thousands of
short jobs wake the guardian a few times a second, not twice per job; a job is guarded from at
most that long after its start). The guardian runs as `python -I -S` on this file and imports
nothing of torc.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import signal
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the guardian process does not import asyncio
    import asyncio
    from collections.abc import Iterable

GRACE_SECONDS = 5.0
"""How long the jobs of a dead runner get between SIGTERM and SIGKILL."""
SETTLE_SECONDS = 1.0
"""How long the guardian waits for listed jobs to end by themselves once the runner is gone."""
NOTE_SECONDS = 0.05
"""How long the runner collects notes before it sends them."""


class Guardian:
    """The runner's side: started on the first job, fed from the event loop's thread."""

    def __init__(self) -> None:
        self._fd: int | None = None
        self._notes: dict[int, bool] = {}  # pid: started (True) or ended (False), in order
        self._sending = False  # a write is scheduled
        self._broken = False

    def started(self, loop: asyncio.AbstractEventLoop, pid: int) -> None:
        self._note(loop, pid, True)

    def ended(self, loop: asyncio.AbstractEventLoop, pid: int) -> None:
        self._note(loop, pid, False)

    def _note(self, loop: asyncio.AbstractEventLoop, pid: int, started: bool) -> None:
        if self._broken:
            return
        if not started and self._notes.get(pid):
            del self._notes[pid]  # started and ended since the last write: nothing to say
        else:
            self._notes[pid] = started
        if not self._sending:
            self._sending = True
            loop.call_later(NOTE_SECONDS, self._flush)

    def _flush(self) -> None:
        self._sending = False
        if not self._notes:
            return
        data = "".join(f"{'+' if up else '-'}{pid}\n" for pid, up in self._notes.items()).encode()
        self._notes.clear()
        try:
            if self._fd is None:
                self._fd = _start()
                atexit.register(self._flush)  # the last notes: jobs that ended just before
            os.write(self._fd, data)
        except OSError as exc:  # no guardian: the jobs run as before, unguarded
            self._broken = True
            print(f"torc: cannot start the job guardian: {exc}", file=sys.stderr)


def _start() -> int:
    """Start the guardian on a new pipe; the pipe's write end (close-on-exec: jobs do not
    inherit it, and only this process holds it)."""
    read, write = os.pipe()
    try:
        os.posix_spawn(
            sys.executable,
            [sys.executable, "-I", "-S", os.path.abspath(__file__), str(os.getpid())],
            {"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
            file_actions=[
                (os.POSIX_SPAWN_DUP2, read, 0),
                (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            ],  # stderr stays the runner's: the guardian says there what it did
            setsid=True,
        )
    except BaseException:
        os.close(write)
        raise
    finally:
        os.close(read)
    return write


@functools.cache
def guardian() -> Guardian:
    """This process's guardian (one per runner process)."""
    return Guardian()


# --- the guardian process ---------------------------------------------------------------------


def guard(notes: Iterable[bytes], runner: str) -> int:
    """Read the runner's notes until the pipe closes; end the groups still listed."""
    listed: set[int] = set()
    for line in notes:
        note = line.strip()
        with contextlib.suppress(ValueError):
            if note.startswith(b"+"):
                listed.add(int(note[1:]))
            elif note.startswith(b"-"):
                listed.discard(int(note[1:]))
    # A runner that stops its jobs itself may end before it has seen them end: give them a
    # moment, and count only processes that are not already dead (zombies wait for a parent).
    deadline = time.monotonic() + SETTLE_SECONDS
    alive = _alive(listed)
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = _alive(alive)
    if not alive:
        return 0
    for group in alive:
        _signal(group, signal.SIGTERM)
    print(
        f"torc: runner {runner} ended while {len(alive)} of its jobs ran: sent them SIGTERM "
        f"(process groups {', '.join(map(str, sorted(alive)))})",
        file=sys.stderr,
        flush=True,
    )
    deadline = time.monotonic() + GRACE_SECONDS
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = _alive(alive)
    for group in alive:
        _signal(group, signal.SIGKILL)
    if alive:
        print(f"torc: SIGKILL to {len(alive)} job process groups after {GRACE_SECONDS:g} s",
              file=sys.stderr, flush=True)  # fmt: skip
    return 0


def _alive(groups: set[int]) -> set[int]:
    """The groups with a process that is not a zombie."""
    if not groups:
        return set()
    found: set[int] = set()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                fields = stat.read().rpartition(b")")[2].split()
        except OSError:  # gone meanwhile
            continue
        if len(fields) > 2 and fields[0] != b"Z" and int(fields[2]) in groups:
            found.add(int(fields[2]))
    return found


def _signal(group: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signum)


if __name__ == "__main__":
    for _signum in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM, signal.SIGPIPE):
        signal.signal(_signum, signal.SIG_IGN)  # only the pipe's end says the runner is gone
    sys.exit(guard(sys.stdin.buffer, sys.argv[1] if len(sys.argv) > 1 else "?"))
