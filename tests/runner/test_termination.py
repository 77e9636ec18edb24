"""Stopping a run: SIGTERM (or SIGINT) to `torc run` sends SIGTERM to jobs that support
termination and SIGKILL to the others, reports them `terminated`, marks the compute node
inactive and exits; nothing else changes, and the next `torc run` finishes the workflow."""

from __future__ import annotations

import signal
from pathlib import Path

from tests.runner.conftest import Api, Torc, created_id, report, stop, wait_for, write_spec

# First run: `checkpointing` traps SIGTERM, writes its checkpoint and exits; `long` just sleeps.
# Started again they find their marker files and finish at once.
JOBS = [
    {"name": "quick", "command": "echo done > quick.txt"},
    {
        "name": "checkpointing",
        "supports_termination": True,
        "command": (
            "if [ -f checkpoint.txt ]; then echo resumed > resumed.txt; exit 0; fi; "
            "trap 'echo \"checkpoint at SIGTERM\" > checkpoint.txt; exit 0' TERM; "
            "touch trap_ready; sleep 60 & wait"
        ),
    },
    {
        "name": "long",
        "command": "if [ -f long_started ]; then exit 0; fi; touch long_started; sleep 60",
    },
    {
        "name": "after_both",
        "command": "echo after > after.txt",
        "depends_on": ["checkpointing", "long"],
    },
    {"name": "after_quick", "command": "true", "depends_on": ["quick"]},
]


def test_sigterm_terminates_jobs_and_a_second_run_finishes(torc: Torc, api: Api) -> None:
    workflow_id = api.create({"jobs": JOBS})
    run = torc.start("run", str(workflow_id), "-o", "out", "-p", "0.5", "--max-parallel-jobs", "4")
    try:
        wait_for(lambda: (torc.cwd / "trap_ready").exists(), what="the trap to be set")
        wait_for(lambda: (torc.cwd / "long_started").exists(), what="the long job")
        wait_for(
            lambda: api.statuses(workflow_id)["after_quick"] == "completed",
            what="the quick jobs",
        )
        before = api.statuses(workflow_id)
        code = stop(run, signal.SIGTERM)
    finally:
        if run.poll() is None:
            run.kill()
    out, err = run.communicate()
    assert code == 128 + signal.SIGTERM, f"{code}\n{out}\n{err}"
    assert "Traceback" not in err, err
    # the job that handles SIGTERM ran its handler; the other was killed
    assert (torc.cwd / "checkpoint.txt").read_text() == "checkpoint at SIGTERM\n"
    after = api.statuses(workflow_id)
    assert before["checkpointing"] == before["long"] == "running"
    assert after["checkpointing"] == after["long"] == "terminated"
    # nothing else changed: finished jobs stay finished, the dependent waits
    assert {k: v for k, v in after.items() if k not in ("checkpointing", "long")} == {
        k: v for k, v in before.items() if k not in ("checkpointing", "long")
    }
    assert after["after_both"] == "blocked"
    assert f"Workflow {workflow_id}: 2 completed, 2 terminated, 1 blocked" in out
    [node] = api.compute_nodes(workflow_id)
    assert node["is_active"] is False and node["duration_seconds"] > 0
    results = {r["job_id"]: r for r in api.results(workflow_id)}
    jobs = api.jobs(workflow_id)
    assert results[jobs["checkpointing"]["id"]]["status"] == "terminated"
    assert results[jobs["checkpointing"]["id"]]["return_code"] == 0  # its handler's exit
    assert results[jobs["long"]["id"]]["return_code"] == -signal.SIGKILL

    # a second run starts the terminated jobs again and finishes the workflow
    done = torc("run", str(workflow_id), "-o", "out", "-p", "0.5")
    assert done.returncode == 0, report(done)
    assert set(api.statuses(workflow_id).values()) == {"completed"}
    assert (torc.cwd / "resumed.txt").read_text() == "resumed\n"
    assert (torc.cwd / "after.txt").read_text() == "after\n"
    assert f"Workflow {workflow_id}: 5 completed" in done.stdout
    assert [n["is_active"] for n in api.compute_nodes(workflow_id)] == [False, False]


def test_sigint_stops_the_run_too(torc: Torc, api: Api) -> None:
    workflow_id = api.create(
        {"jobs": [{"name": "sleeper", "command": "touch started && sleep 60"}]}
    )
    run = torc.start("run", str(workflow_id), "-o", "out", "-p", "0.5")
    try:
        wait_for(lambda: (torc.cwd / "started").exists(), what="the job")
        code = stop(run, signal.SIGINT)
    finally:
        if run.poll() is None:
            run.kill()
    out, err = run.communicate()
    assert code == 128 + signal.SIGINT, f"{code}\n{out}\n{err}"
    assert "Traceback" not in err, err
    assert api.statuses(workflow_id) == {"sleeper": "terminated"}


def test_standalone_sigterm_then_continue(standalone: Torc) -> None:
    """`torc -s run`: the ephemeral server is shut down cleanly at the signal, its database
    keeps the state, and `torc -s run <id>` continues."""
    spec = write_spec(
        standalone.cwd,
        """
        name: WORKFLOW_NAME
        jobs:
          - name: long
            command: >-
              if [ -f long_started ]; then exit 0; fi; touch long_started; sleep 60
          - name: after
            command: echo after > after.txt
            depends_on: [long]
        """,
    )
    run = standalone.start("-s", "run", str(spec))
    try:
        wait_for(lambda: (standalone.cwd / "long_started").exists(), what="the job")
        code = stop(run, signal.SIGTERM)
    finally:
        if run.poll() is None:
            run.kill()
    out, err = run.communicate()
    assert code == 128 + signal.SIGTERM, f"{code}\n{out}\n{err}"
    workflow_id = created_id(out)
    assert "1 terminated, 1 blocked" in out, out
    database = standalone.cwd / "torc_output" / "torc.db"
    assert database.exists()
    done = standalone("-s", "run", str(workflow_id))
    assert done.returncode == 0, report(done)
    assert f"Workflow {workflow_id}: 2 completed" in done.stdout
    assert (standalone.cwd / "after.txt").read_text() == "after\n"
    assert not _servers_left(standalone.cwd)


def _servers_left(cwd: Path) -> list[int]:
    """torc-server processes still running on this directory's database."""
    import psutil

    found = []
    for proc in psutil.process_iter(["cmdline", "cwd"]):
        try:
            cmdline = proc.info["cmdline"] or []
            server = {"torc_server.cli", "torc_server.standalone"} & set(cmdline)
            if server and proc.info["cwd"] == str(cwd):
                found.append(proc.pid)
        except psutil.Error:
            continue
    return found
