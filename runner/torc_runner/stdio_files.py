"""Jobs' stdout and stderr files, opened in a worker thread before the jobs start.

Where a job's start holds the GIL (`job_process.SPAWN_HOLDS_THE_GIL`: posix_spawn without libc's
through ctypes), files the child opened itself would hold up the runner's loop while the child
starts (posix_spawn waits for the exec), and creating a file can take longer than a no-op job
runs (a few hundred microseconds on a busy ext4). Opened here, ahead, for the next jobs in the
queue, that overlaps with the loop, and the child only takes the descriptors. With `limit` 0
nothing is opened ahead: where spawner threads start the jobs with the GIL free, the child
opening its files costs the runner less than a thread, a future and two descriptors per job.
A job whose files are not ready when it starts opens them itself. Files opened for a job that
then does not start here (given back to the server) are closed, and removed when this created
them and they are still empty.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

Job = TypeVar("Job")

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC


@dataclass
class Opened:
    """A job's stdout and stderr descriptors (close-on-exec; the child gets copies)."""

    stdout: int
    stderr: int
    created: tuple[Path, ...]  # the files this opened that did not exist before

    def close(self) -> None:
        for fd in (self.stdout, self.stderr):
            with contextlib.suppress(OSError):
                os.close(fd)

    def discard(self) -> None:
        """Close; remove the files opened here that nothing wrote to."""
        self.close()
        for path in self.created:
            with contextlib.suppress(OSError):
                if path.stat().st_size == 0:
                    path.unlink()


def open_pair(stdout: str | os.PathLike[str], stderr: str | os.PathLike[str]) -> Opened:
    created: list[Path] = []
    fds: list[int] = []
    try:
        for path in (stdout, stderr):
            fds.append(_open(Path(path), created))
    except OSError:
        for fd in fds:
            os.close(fd)
        raise
    return Opened(fds[0], fds[1], tuple(created))


def _open(path: Path, created: list[Path]) -> int:
    try:
        fd = os.open(path, _FLAGS | os.O_EXCL, 0o644)
    except FileExistsError:
        return os.open(path, _FLAGS, 0o644)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        return _open(path, created)
    created.append(path)
    return fd


class OpenedAhead:
    """Opens the files of up to `limit` jobs ahead of their start, one job at a time (none
    with `limit` 0)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="torc-stdio")
        self._pending: dict[int, Future[Opened]] = {}

    def prepare(
        self,
        queue: Iterable[Job],
        key: Callable[[Job], int],
        paths: Callable[[Job], tuple[str, str]],
    ) -> None:
        """Open the files of the first jobs of the queue, up to `limit` jobs at a time."""
        for job in itertools.islice(queue, self.limit):
            if len(self._pending) >= self.limit:
                return
            if key(job) not in self._pending:
                self._pending[key(job)] = self._pool.submit(open_pair, *paths(job))

    def take(self, key: int) -> Opened | None:
        """The job's opened files when they are ready (the caller closes them), else None."""
        future = self._pending.pop(key, None)
        if future is None:
            return None
        if not future.done():
            future.add_done_callback(_close)  # the job opens its files itself
            return None
        try:
            return future.result()
        except OSError:
            return None  # the job tries again itself, and reports what fails

    def claim(self, key: int) -> Future[Opened] | None:
        """The job's files being opened, for whoever starts it (`chained_starts.Launch`)."""
        return self._pending.pop(key, None)

    def discard(self, key: int) -> None:
        """The job will not start here."""
        future = self._pending.pop(key, None)
        if future is not None:
            future.add_done_callback(_discard)

    def close(self) -> None:
        for key in list(self._pending):
            self.discard(key)
        self._pool.shutdown(wait=True)


def _close(future: Future[Opened]) -> None:
    with contextlib.suppress(Exception):
        future.result().close()


def _discard(future: Future[Opened]) -> None:
    with contextlib.suppress(Exception):
        future.result().discard()
