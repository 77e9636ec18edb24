"""The runner log file: the same lines as a plain file handler, flushed in batches."""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path

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
