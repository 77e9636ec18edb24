"""The server's logs: the console always, and rotating files under `--log-dir`.

Lines read `2026-01-02T03:04:05.678Z INFO  torc_server: message`, as the user guide shows them.
With `--json-logs` the files get one JSON object per line (timestamp, level, target, message),
for log collectors; the console stays readable. Files rotate at 10 MiB, keeping five old ones
(`torc-server.log.1` ... `.5`), so a long-running server uses at most about 60 MiB.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import sys
import time
from pathlib import Path

LOG_FILE = "torc-server.log"
MAX_BYTES = 10 * 1024 * 1024
BACKUPS = 5
TRACE = 5
LEVELS = {
    "error": logging.ERROR,
    "warn": logging.WARNING,
    "info": logging.INFO,
    "debug": logging.DEBUG,
    "trace": TRACE,
}
_NAMES = {TRACE: "TRACE", logging.WARNING: "WARN", logging.CRITICAL: "ERROR"}

logging.addLevelName(TRACE, "TRACE")


def _level_name(record: logging.LogRecord) -> str:
    return _NAMES.get(record.levelno, record.levelname)


def _timestamp(record: logging.LogRecord) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + (
        f".{int(record.msecs):03d}Z"
    )


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = f"{_timestamp(record)} {_level_name(record):<5} {record.name}: {record.getMessage()}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "timestamp": _timestamp(record),
            "level": _level_name(record),
            "target": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry["fields"] = fields
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def parse_level(text: str) -> tuple[int, dict[str, int]]:
    """A level name, or a RUST_LOG-style filter (`info,torc::server::auth=debug`): the default
    level and per-logger levels (`torc::server::auth` is the logger `torc_server.auth`)."""
    default = logging.INFO
    targets: dict[str, int] = {}
    for part in text.split(","):
        target, _, level = part.strip().rpartition("=")
        level = level.strip().lower()
        if level == "warning":
            level = "warn"
        if level not in LEVELS:
            continue
        if target:
            name = target.strip().replace("::", ".")
            if name.startswith("torc.server"):
                name = "torc_server" + name.removeprefix("torc.server")
            targets[name] = LEVELS[level]
        else:
            default = LEVELS[level]
    return default, targets


def configure(
    level: str, log_dir: Path | None = None, *, json_logs: bool = False, console: bool = True
) -> Path | None:
    """Set up the root logger; the log file's path when there is one."""
    default, targets = parse_level(level)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    root.setLevel(min([default, *targets.values()]))
    for name, value in targets.items():
        logging.getLogger(name).setLevel(value)
    if default > logging.DEBUG:
        # the libraries' debug lines only when the server's own are wanted
        for name in ("torc_server", "_granian", "granian"):
            logging.getLogger(name).setLevel(targets.get(name, default))
    if console:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(TextFormatter())
        handler.addFilter(QuietGranian())
        root.addHandler(handler)
    path = None
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / LOG_FILE
        rotating = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        rotating.setFormatter(JsonFormatter() if json_logs else TextFormatter())
        rotating.addFilter(QuietGranian())
        root.addHandler(rotating)
    return path


def granian_logging() -> dict[str, object]:
    """granian's own logging configuration, sending its lines through the handlers above."""
    return {
        "handlers": {},
        "loggers": {
            "_granian": {"handlers": [], "propagate": True},
            "granian.access": {"handlers": [], "propagate": True},
        },
    }


class QuietGranian(logging.Filter):
    """granian's start-up chatter (the server writes its own start-up lines) below warnings."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(("_granian", "granian")):
            return True
        if record.getMessage() == "Embedded server is experimental!":
            return False
        if record.levelno < logging.WARNING:
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return logging.getLogger().isEnabledFor(logging.DEBUG)
        return True
