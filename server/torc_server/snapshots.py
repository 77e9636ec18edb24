"""Snapshots of the live database, through SQLite's online backup API.

An in-memory database is lost with its process; snapshots make it durable to the last one. A
snapshot is taken on SIGUSR1, every `--snapshot-interval-seconds`, and when the server stops.
Each is written next to its target and renamed into place, so a reader never sees half a file;
the previous ones are kept as `<path>.1`, `<path>.2`, ... up to TORC_SERVER_SNAPSHOT_KEEP files.

The signal's and the timer's snapshots are written by a worker thread, a few megabytes per
backup step, and the server answers requests between the steps: a million-job database is about
a gigabyte, and copying it in one call held every request for two seconds. Changes committed
meanwhile reach the copy too (SQLite updates a backup in progress from the same connection).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import threading
import time
from pathlib import Path

from torc_server.storage.database import IN_MEMORY, Database

log = logging.getLogger("torc_server.snapshots")

DEFAULT_KEEP = 3
STEP_PAGES = 1024
"""Pages copied per backup step (4 MiB of 4 KiB pages); TORC_SERVER_SNAPSHOT_STEP_PAGES."""


def default_path(database: str) -> Path:
    if database == IN_MEMORY:
        return Path("torc_snapshot.db").resolve()
    return Path(f"{database}.snapshot")


class Snapshots:
    def __init__(
        self,
        db: Database,
        path: Path,
        *,
        keep: int = DEFAULT_KEEP,
        interval: float | None = None,
        on_exit: bool = False,
    ) -> None:
        self.db = db
        self.path = path
        self.keep = max(1, keep)
        self.interval = interval
        self.on_exit = on_exit or bool(interval)
        self._last_signal = -1.0
        self._task: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[None]] = set()
        self._lock = threading.Lock()  # one snapshot at a time
        self.step_pages = int(os.environ.get("TORC_SERVER_SNAPSHOT_STEP_PAGES", STEP_PAGES))
        self.writing = False  # a stopping server waits for a snapshot being written

    @classmethod
    def from_env(cls, db: Database, interval: float | None) -> Snapshots:
        path = os.environ.get("TORC_SERVER_SNAPSHOT_PATH")
        keep = int(os.environ.get("TORC_SERVER_SNAPSHOT_KEEP", DEFAULT_KEEP))
        target = Path(path) if path else default_path(db.path)
        return cls(db, target, keep=keep, interval=interval, on_exit=bool(path))

    def take(self) -> Path:
        """Write a snapshot now; older ones move down the `.1`, `.2`, ... chain."""
        with self._lock:
            started = time.monotonic()
            self.writing = True
            try:
                return self._take(started)
            finally:
                self.writing = False

    def _take(self, started: float) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        partial.unlink(missing_ok=True)
        self.db.backup_to(partial, pages=self.step_pages)
        for index in range(self.keep - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{index}")
            newer = (
                self.path if index == 1 else self.path.with_name(f"{self.path.name}.{index - 1}")
            )
            if newer.exists():
                newer.replace(older)
        partial.replace(self.path)
        log.info("snapshot written to %s in %.2f s", self.path, time.monotonic() - started)
        return self.path

    def _on_signal(self) -> None:
        # `kill -USR1 $(pgrep -f 'torc-server run')` reaches the worker both directly and
        # through the main process: one snapshot per burst.
        now = time.monotonic()
        if now - self._last_signal < 1.0:
            return
        self._last_signal = now
        self._in_background()

    def _in_background(self) -> None:
        """Write a snapshot in a worker thread (none if one is being written)."""
        if self._lock.locked():
            return
        task = asyncio.get_running_loop().create_task(asyncio.to_thread(self._take_logged))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _take_logged(self) -> None:
        try:
            self.take()
        except OSError as exc:
            log.error("snapshot to %s failed: %s", self.path, exc)

    def start(self) -> None:
        """Take snapshots on SIGUSR1 and, when an interval is set, on a timer."""
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signal.SIGUSR1, self._on_signal)
        if self.interval:
            self._task = loop.create_task(self._every())

    async def _every(self) -> None:
        assert self.interval
        while True:
            await asyncio.sleep(self.interval)
            if not self._lock.locked():
                await asyncio.to_thread(self._take_logged)

    def stop(self) -> None:
        """Take the last snapshot (when on exit); a snapshot being written in the background
        ends first either way, before the database is closed."""
        if self._task is not None:
            self._task.cancel()
        if self.on_exit:
            self._take_logged()
        else:
            with self._lock:
                pass
