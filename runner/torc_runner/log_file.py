"""The runner log file (`job_runner_<host>_<workflow>_<run>.log`), written in batches.

The runner logs two lines per job: with jobs of a millisecond, the logging module's cost per
line (a record, its time formatted, a write and a flush) was a fifth of the runner loop's CPU.
Here the lines are the same, but while the runner's event loop runs, an informational line
waits in the buffer for at most `FLUSH_SECONDS` (one flush, scheduled on the loop, writes what
gathered meanwhile); warnings and worse, lines logged outside the loop, and the close flush at
once. The time stamp's formatting is reused within a second.
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
FLUSH_SECONDS = 0.5
"""Lines wait at most this long in the buffer (a `kill -9` can lose that much of the log)."""


class _Formatter(logging.Formatter):
    """The default format, time stamps included; the date and time of the last second seen are
    kept instead of formatted again for every line."""

    _second = -1
    _text = ""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        if datefmt is not None:
            return super().formatTime(record, datefmt)
        second = int(record.created)
        if second != self._second:
            self._text = time.strftime(self.default_time_format, self.converter(record.created))
            self._second = second
        return self.default_msec_format % (self._text, record.msecs)


class RunnerLogFile(logging.FileHandler):
    """A file handler that flushes in batches (see the module's docstring)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.setFormatter(_Formatter(FORMAT))
        self._flush: asyncio.TimerHandle | None = None  # the flush scheduled on the loop
        self._flush_loop: asyncio.AbstractEventLoop | None = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is None:  # reopened after a close
                self.stream = self._open()
            self.stream.write(self.format(record) + self.terminator)
            try:
                loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
            if loop is None or record.levelno >= logging.WARNING:
                self.flush()
            elif self._flush is None or self._flush_loop is not loop:
                self._flush_loop = loop
                self._flush = loop.call_later(FLUSH_SECONDS, self._flush_now)
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)

    def _flush_now(self) -> None:
        self._flush = None
        self.flush()

    def close(self) -> None:
        if self._flush is not None:
            self._flush.cancel()
            self._flush = None
        super().close()
