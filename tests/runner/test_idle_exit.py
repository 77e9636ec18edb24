"""A runner with nothing it can run leaves after the workflow's
`compute_node_wait_for_new_jobs_seconds`, marks its compute node inactive and reports what is
left."""

from __future__ import annotations

import time

from tests.runner.conftest import Api, Torc, json_document, report, write_spec


def test_runner_exits_when_nothing_is_left_to_run_for_the_wait(torc: Torc, api: Api) -> None:
    """A job left `pending_failed` keeps the workflow from completing but gives the runner
    nothing to run: it exits after the workflow's wait. (Jobs too big for the machine are
    refused before the run starts: test_oversized.py.)"""
    spec = write_spec(
        torc.cwd,
        """
        name: WORKFLOW_NAME
        compute_node_wait_for_new_jobs_seconds: 2
        use_pending_failed: true
        jobs:
          - name: small
            command: "true"
          - name: fails
            command: "exit 3"
        """,
    )
    started = time.monotonic()
    done = torc("-f", "json", "run", str(spec), "-o", "out", "-p", "0.5")
    elapsed = time.monotonic() - started
    assert done.returncode == 1, report(done)  # not every job completed
    summary = json_document(done.stdout)
    workflow_id = summary["workflow_id"]
    assert summary["completed"] == 1 and summary["pending_failed"] == 1, summary
    assert api.statuses(workflow_id) == {"small": "completed", "fails": "pending_failed"}
    assert 2 <= elapsed < 60, elapsed  # the workflow's wait, not the default 90 s
    [node] = api.compute_nodes(workflow_id)
    assert node["is_active"] is False
    assert node["duration_seconds"] >= 2
    assert node["num_cpus"] == 2  # as offered with --num-cpus
    [log] = (torc.cwd / "out").glob("job_runner_*.log")
    assert "no new jobs for 2 s; exiting" in log.read_text()


def test_running_an_unknown_workflow_is_one_clear_error(torc: Torc) -> None:
    done = torc("run", "999999", "-o", "out")
    assert done.returncode == 1, report(done)
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("torc: "), done.stderr
    assert "999999" in done.stderr


def test_running_a_missing_spec_file_is_one_clear_error(torc: Torc) -> None:
    done = torc("run", "no_such_spec.yaml")
    assert done.returncode == 1, report(done)
    assert done.stderr.strip() == (
        "torc: no_such_spec.yaml is neither a workflow id nor an existing spec file"
    )
