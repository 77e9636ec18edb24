"""The runner log file: the same lines as a plain file handler, flushed in batches."""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path

from torc_runner import log_file
from torc_runner.log_file import FLUSH_SECONDS, RunnerLogFile

LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (INFO|WARNING) torc\.test: (.*)$")


def _logger(handler: logging.Handler) -> logging.Logger:
    logger = logging.getLogger("torc.test")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger


def test_lines_are_written_as_a_plain_handler_writes_them(tmp_path: Path) -> None:
    plain = logging.FileHandler(tmp_path / "plain.log")
    plain.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    batched = RunnerLogFile(tmp_path / "batched.log")
    record = logging.LogRecord("torc.test", logging.INFO, "", 0, "job %s done", (7,), None)
    assert batched.format(record) == plain.format(record)
    for handler in (plain, batched):
        logger = _logger(handler)
        logger.info("started job %s", 1)
        logger.warning("could not %s", "report")
        handler.close()
    plain_lines = (tmp_path / "plain.log").read_text().splitlines()
    batched_lines = (tmp_path / "batched.log").read_text().splitlines()
    assert [LINE.match(line).group(1, 2) for line in batched_lines] == [  # type: ignore[union-attr]
        ("INFO", "started job 1"),
        ("WARNING", "could not report"),
    ]
    assert len(plain_lines) == len(batched_lines)


def test_in_the_loop_lines_wait_a_little_and_warnings_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "runner.log"
    handler = RunnerLogFile(path)
    logger = _logger(handler)

    async def run() -> list[int]:
        seen = []
        logger.info("first")
        logger.info("second")
        seen.append(len(path.read_text().splitlines()))  # still in the buffer
        await asyncio.sleep(FLUSH_SECONDS + 0.3)
        seen.append(len(path.read_text().splitlines()))  # the scheduled flush wrote both
        logger.info("third")
        logger.warning("fourth")  # written at once, with what waited before it
        seen.append(len(path.read_text().splitlines()))
        logger.info("fifth")
        return seen

    assert asyncio.run(run()) == [0, 2, 4]
    logger.info("sixth")  # outside the loop: at once, with what the loop left behind
    assert len(path.read_text().splitlines()) == 6
    logger.info("seventh")
    handler.close()
    assert path.read_text().splitlines()[-1].endswith("torc.test: seventh")


class _Seen(logging.Handler):
    def __init__(self, level: int = logging.NOTSET) -> None:
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_a_jobs_lines_are_the_lines_logger_info_writes(tmp_path: Path) -> None:
    """`log_file.info` writes the runner log's line itself when the file alone takes it: the
    same line, time stamp format included, as the logger's."""
    handler = RunnerLogFile(tmp_path / "runner.log")
    logger = _logger(handler)
    logger.info("job 1 (a) completed with return code 0")
    log_file.info(logger, "job 2 (b) completed with return code 0")
    logger.setLevel(logging.WARNING)
    log_file.info(logger, "not written: the logger's level is above")
    handler.close()
    lines = (tmp_path / "runner.log").read_text().splitlines()
    assert [LINE.match(line).group(1, 2) for line in lines] == [  # type: ignore[union-attr]
        ("INFO", "job 1 (a) completed with return code 0"),
        ("INFO", "job 2 (b) completed with return code 0"),
    ]


def test_other_handlers_and_filters_still_see_a_jobs_lines(tmp_path: Path) -> None:
    """Where another handler takes informational records, or a filter decides, the line goes
    as a record, so they see it as they would see `logger.info`."""
    handler = RunnerLogFile(tmp_path / "runner.log")
    logger = _logger(handler)
    seen, quiet = _Seen(), _Seen(logging.WARNING)
    logger.addHandler(seen)
    logger.addHandler(quiet)
    log_file.info(logger, "started job 3 (c), pid 42")
    logger.removeHandler(seen)
    logger.addFilter(lambda record: "secret" not in record.getMessage())
    log_file.info(logger, "started job 4 (secret), pid 43")
    handler.close()
    assert seen.messages == ["started job 3 (c), pid 42"]
    assert quiet.messages == []
    lines = (tmp_path / "runner.log").read_text().splitlines()
    assert [LINE.match(line).group(2) for line in lines] == [  # type: ignore[union-attr]
        "started job 3 (c), pid 42"
    ]
