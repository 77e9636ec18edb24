"""Claiming ahead: short jobs are queued a machine's worth or more ahead; when the jobs turn
long, what is queued beyond one machine's worth goes back to ready for other runners."""

from __future__ import annotations

import re

from tests.runner.conftest import Torc, json_document, report, write_spec


def test_jobs_that_turn_long_are_given_back(torc: Torc) -> None:
    spec = write_spec(
        torc.cwd,
        """
        name: WORKFLOW_NAME
        jobs:
          - name: tiny_{i}
            command: "true"
            parameters:
              i: "1:60"
          - name: long_{i}
            command: "sleep 1.4"
            depends_on_regexes: ["^tiny_"]
            parameters:
              i: "1:8"
        """,
    )
    done = torc("-f", "json", "run", str(spec), "-o", "out", "--max-parallel-jobs", "2")
    assert done.returncode == 0, report(done)
    summary = json_document(done.stdout)
    assert summary["completed"] == summary["total"] == 68, summary
    [log] = (torc.cwd / "out").glob("job_runner_*.log")
    text = log.read_text()
    # the long jobs were claimed far ahead right after the tiny ones (all 8 at once unless the
    # machine is very slow); two started and, a second later, the queue kept two: the rest went
    # back, before any of the long jobs ended
    given_back = re.findall(r"gave back (\d+) jobs claimed ahead", text)
    assert given_back and 1 <= int(given_back[0]) <= 4, text[-3000:]
    lines = text.splitlines()
    released_at = next(i for i, line in enumerate(lines) if "gave back" in line)
    first_long_end = next(
        i for i, line in enumerate(lines) if re.search(r"\(long_\d+\) completed", line)
    )
    assert released_at < first_long_end, text[-3000:]
