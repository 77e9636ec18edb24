"""Showing a run's progress: a live line on a terminal, periodic log lines otherwise."""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from torc_runner.runner import JobRunner

log = logging.getLogger("torc.runner")


class Progress:
    def __init__(self, interactive: bool | None = None, every: float = 10.0) -> None:
        self.interactive = sys.stderr.isatty() if interactive is None else interactive
        self.every = every
        self._last = 0.0
        self._width = 0

    def line(self, runner: JobRunner) -> str:
        stats = runner.stats
        elapsed = max(time.monotonic() - stats.started, 1e-9)
        remaining = max(runner.total_jobs - stats.finished - len(runner.running), 0)
        return (
            f"done {stats.completed}  running {len(runner.running)}  failed {stats.failed}  "
            f"remaining {remaining}  {stats.finished / elapsed:.1f} jobs/s"
        )

    def __call__(self, runner: JobRunner) -> None:
        now = time.monotonic()
        if self.interactive:
            if now - self._last < 0.2:
                return
            self._last = now
            text = self.line(runner)
            sys.stderr.write("\r" + text.ljust(self._width))
            sys.stderr.flush()
            self._width = len(text)
        elif now - self._last >= self.every:
            self._last = now
            log.info(self.line(runner))

    def finish(self, runner: JobRunner) -> str:
        stats = runner.stats
        elapsed = time.monotonic() - stats.started
        if self.interactive:
            sys.stderr.write("\r" + " " * self._width + "\r")
            sys.stderr.flush()
        return (
            f"{stats.completed} completed, {stats.failed} failed, {stats.terminated} terminated, "
            f"{stats.canceled} canceled, {stats.retried} retried in {elapsed:.1f} s "
            f"({stats.finished / max(elapsed, 1e-9):.1f} jobs/s)"
        )
