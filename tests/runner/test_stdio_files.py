"""Jobs' stdout and stderr files opened ahead of their start (`torc_runner.stdio_files`): a job
started with them writes where it would have written anyway, and files opened for a job that
does not start here leave nothing behind but what existed before."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from torc_runner import job_process
from torc_runner.stdio_files import OpenedAhead, open_pair


def wait_for(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_a_job_started_with_opened_files_appends_to_them(tmp_path: Path) -> None:
    out, err = tmp_path / "stdio" / "job.o", tmp_path / "stdio" / "job.e"
    out.parent.mkdir()
    out.write_text("earlier attempt\n")
    opened = open_pair(out, err)
    assert opened.created == (err,)  # the stdout file existed: appended to, never removed
    argv = job_process.command_line("echo to-out && echo to-err >&2", None)
    pid = job_process.spawn(argv, out, err, dict(os.environ), opened=opened)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert out.read_text() == "earlier attempt\nto-out\n"
    assert err.read_text() == "to-err\n"
    for fd in (opened.stdout, opened.stderr):  # closed: the runner keeps no descriptor
        with pytest.raises(OSError):
            os.fstat(fd)


def test_files_of_jobs_that_do_not_start_are_removed_when_empty(tmp_path: Path) -> None:
    ahead = OpenedAhead(limit=2)
    existing = tmp_path / "d" / "job_3.o"
    existing.parent.mkdir()
    existing.write_text("kept\n")

    def paths(job: int) -> tuple[Path, Path]:
        return tmp_path / "d" / f"job_{job}.o", tmp_path / "d" / f"job_{job}.e"

    ahead.prepare([1, 2, 3], lambda job: job, paths)  # the limit: jobs 1 and 2 only
    wait_for(lambda: paths(2)[1].exists())
    assert not paths(3)[1].exists()
    opened = ahead.take(1)
    assert opened is not None  # ready: the job starts with them
    opened.close()
    ahead.discard(2)  # given back to the server
    ahead.prepare([3], lambda job: job, paths)
    ahead.close()  # the run ends with job 3 still queued
    remaining = sorted(p.name for p in (tmp_path / "d").iterdir())
    assert remaining == ["job_1.e", "job_1.o", "job_3.o"]
    assert existing.read_text() == "kept\n"
