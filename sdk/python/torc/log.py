"""Logging set-up for scripts that use the SDK."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

DEFAULT_FORMAT = "%(asctime)s - %(levelname)s [%(name)s %(filename)s:%(lineno)d] : %(message)s"
_HANDLER_MARK = "_torc_setup_logging"


def setup_logging(
    level: int | str = logging.INFO,
    *,
    filename: str | Path | None = None,
    console: bool = True,
    fmt: str = DEFAULT_FORMAT,
) -> logging.Logger:
    """Configure the root logger for a script: messages at `level` and above go to stderr
    (unless `console` is False) and, with `filename`, to that file as well.

    Calling it again replaces the handlers it added before (other handlers are left alone).
    The per-request INFO messages of httpx are silenced unless `level` is DEBUG.
    Answers the root logger.
    """
    if isinstance(level, str):
        level = logging.getLevelName(level.upper())
        if not isinstance(level, int):
            raise ValueError(f"unknown log level: {level!r}")
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _HANDLER_MARK, False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = []
    if console:
        handlers.append(logging.StreamHandler(sys.stderr))
    if filename is not None:
        handlers.append(logging.FileHandler(filename))
    formatter = logging.Formatter(fmt)
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.setLevel(level)
        setattr(handler, _HANDLER_MARK, True)
        root.addHandler(handler)
    root.setLevel(level)
    quiet = logging.NOTSET if level <= logging.DEBUG else logging.WARNING
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(quiet)
    return root
