"""The runner log file (`job_runner_<host>_<workflow>_<run>.log`), written in batches.

The runner logs two lines per job: with jobs of a millisecond, the logging module's cost per
line (a record, its time formatted, a write and a flush) was a fifth of the runner loop's CPU.
Here the lines are the same, but while the runner's event loop runs, an informational line
waits in the buffer for at most `FLUSH_SECONDS` (one flush, scheduled on the loop, writes what
gathered meanwhile); warnings and worse, lines logged outside the loop, and the close flush at
once. The time stamp's formatting is reused within a second. The lines of each job (`info`) go
straight into the file, without a record, when nothing but this file would take them.
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
        return self.stamp(record.created)

    def stamp(self, created: float) -> str:
        """The default time stamp (`2026-12-06 07:40:14,648`) of a moment (`time.time()`)."""
        second = int(created)
        if second != self._second:
            self._text = time.strftime(self.default_time_format, self.converter(created))
            self._second = second
        return self.default_msec_format % (self._text, int((created - second) * 1000))


class RunnerLogFile(logging.FileHandler):
    """A file handler that flushes in batches (see the module's docstring)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.setFormatter(_Formatter(FORMAT))
        self._flush: asyncio.TimerHandle | None = None  # the flush scheduled on the loop
        self._flush_loop: asyncio.AbstractEventLoop | None = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._write(self.format(record), record.levelno)
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)

    def write_info(self, name: str, message: str) -> None:
        """The line an informational record of logger `name` would make, without the record
        (`info`)."""
        formatter = self.formatter
        assert isinstance(formatter, _Formatter)
        line = f"{formatter.stamp(time.time())} INFO {name}: {message}"
        with self.lock:  # type: ignore[union-attr]
            self._write(line, logging.INFO)

    def _write(self, line: str, level: int) -> None:
        if self.stream is None:  # reopened after a close
            self.stream = self._open()
        self.stream.write(line + self.terminator)
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or level >= logging.WARNING:
            self.flush()
        elif self._flush is None or self._flush_loop is not loop:
            self._flush_loop = loop
            self._flush = loop.call_later(FLUSH_SECONDS, self._flush_now)

    def _flush_now(self) -> None:
        self._flush = None
        self.flush()

    def close(self) -> None:
        if self._flush is not None:
            self._flush.cancel()
            self._flush = None
        super().close()


def info(logger: logging.Logger, message: str) -> None:
    """`logger.info(message)`; written straight into the runner log file when that is the only
    handler that would take the record (no filters on the way): no record made, no formatter
    called. For the runner's two lines per job."""
    if not logger.isEnabledFor(logging.INFO):
        return
    target = _only_log_file(logger)
    if target is not None:
        try:
            target.write_info(logger.name, message)
            return
        except Exception:  # as a record would go (its handler reports the error)
            pass
    logger.info("%s", message)


def _only_log_file(logger: logging.Logger) -> RunnerLogFile | None:
    """The runner log file, when it alone handles `logger`'s informational records."""
    if logger.filters:
        return None
    found: RunnerLogFile | None = None
    current: logging.Logger | None = logger
    while current is not None:
        for handler in current.handlers:
            if handler.level > logging.INFO:
                continue
            if (
                found is not None
                or type(handler) is not RunnerLogFile
                or handler.filters
                or type(handler.formatter) is not _Formatter
            ):
                return None
            found = handler
        current = current.parent if current.propagate else None
    return found
