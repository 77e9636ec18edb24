"""Showing a run's progress: a live line on a terminal, plain lines every few seconds otherwise."""

from __future__ import annotations

import logging
import sys
import time
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from torc_runner.runner import JobRunner

log = logging.getLogger("torc.runner")


class Progress:
    """Called by the runner after every turn of its loop.

    On a terminal it redraws one status line at most five times a second; otherwise (a pipe, a
    batch job's log) it prints a plain line every `every` seconds, which also goes to the runner
    log.
    """

    def __init__(
        self,
        interactive: bool | None = None,
        every: float = 10.0,
        stream: IO[str] | None = None,
    ) -> None:
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.every = every
        self._last = time.monotonic()
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
            self.stream.write("\r" + text.ljust(self._width))
            self.stream.flush()
            self._width = len(text)
        elif now - self._last >= self.every:
            self._last = now
            text = self.line(runner)
            log.info(text)
            print(f"torc: {text}", file=self.stream, flush=True)

    def finish(self) -> None:
        """Clear the live line (the caller prints the summary)."""
        if self.interactive and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
