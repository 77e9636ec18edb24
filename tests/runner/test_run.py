"""`torc run` on this machine: what a job sees (environment, working directory, invocation
script), where its output goes (the file names of the guide's Debugging chapter), declared output
files, the final summary and exit code, the compute node, and `torc workflows run`."""

from __future__ import annotations

import socket
from pathlib import Path

import psutil

from tests.runner.conftest import Api, Torc, created_id, json_document, report, write_spec


def test_job_environment_stdio_files_and_runner_log(torc: Torc, api: Api) -> None:
    spec = write_spec(
        torc.cwd,
        """
        name: WORKFLOW_NAME
        jobs:
          - name: show_env
            command: >-
              echo "wf=$TORC_WORKFLOW_ID job=$TORC_JOB_ID name=$TORC_JOB_NAME url=$TORC_API_URL
              out=$TORC_OUTPUT_DIR attempt=$TORC_ATTEMPT_ID pwd=$(pwd)"
          - name: to_stderr
            command: echo "to stderr" >&2 && echo "to stdout"
          - name: prefixed
            invocation_script: env TORC_TEST_MARK=prefixed
            command: printenv TORC_TEST_MARK
        """,
    )
    done = torc.ok("run", str(spec), "-o", "out", "-p", "0.5")
    workflow_id = created_id(done.stdout)
    out = (torc.cwd / "out").resolve()
    jobs = api.jobs(workflow_id)
    run_id = api.get(f"/workflows/{workflow_id}/status")["run_id"]
    assert {j["status"] for j in jobs.values()} == {"completed"}

    def stdio(name: str, suffix: str) -> Path:
        # the Debugging chapter: output/job_stdio/job_<workflow_id>_<job_id>_<run_id>.o/.e
        return out / "job_stdio" / f"job_{workflow_id}_{jobs[name]['id']}_{run_id}.{suffix}"

    env_line = stdio("show_env", "o").read_text().split()
    seen = dict(item.split("=", 1) for item in env_line)
    assert seen == {
        "wf": str(workflow_id),
        "job": str(jobs["show_env"]["id"]),
        "name": "show_env",
        "url": torc.url,
        "out": str(out),
        "attempt": "1",
        "pwd": str(torc.cwd),  # jobs run in the runner's directory, not the output directory
    }
    assert stdio("show_env", "e").read_text() == ""
    assert stdio("to_stderr", "o").read_text() == "to stdout\n"
    assert stdio("to_stderr", "e").read_text() == "to stderr\n"
    assert stdio("prefixed", "o").read_text() == "prefixed\n"  # `<invocation_script> <command>`

    # output/job_runner_<hostname>_<workflow_id>_<run_id>.log
    log = out / f"job_runner_{socket.gethostname()}_{workflow_id}_{run_id}.log"
    text = log.read_text()
    for job in jobs.values():
        assert f"job {job['id']} ({job['name']}) completed" in text, text

    # the summary line, from the server's counts
    assert f"Workflow {workflow_id}: 3 completed in " in done.stdout, report(done)
    assert "jobs/s)" in done.stdout

    # the runner's compute node: registered, then inactive with its duration
    [node] = api.compute_nodes(workflow_id)
    assert node["is_active"] is False
    assert node["duration_seconds"] > 0
    assert node["hostname"] == socket.gethostname()
    assert node["compute_node_type"] == "local"
    assert node["num_cpus"] == psutil.cpu_count()  # detected
    results = api.results(workflow_id)
    assert {r["compute_node_id"] for r in results} == {node["id"]}
    assert all(r["return_code"] == 0 and r["exec_time_minutes"] >= 0 for r in results)


def test_declared_outputs_are_checked_and_timed(torc: Torc, api: Api) -> None:
    spec = write_spec(
        torc.cwd,
        """
        name: WORKFLOW_NAME
        jobs:
          - name: writes
            command: mkdir -p data && echo made > ${files.output.made}
          - name: forgets
            command: echo "exits 0 without writing its output"
            output_files: [missing]
          - name: uses_made
            command: cat ${files.input.made}
          - name: uses_missing
            command: cat ${files.input.missing}
          - name: after_uses_missing
            command: "true"
            depends_on: [uses_missing]
        files:
          - name: made
            path: data/made.txt
          - name: missing
            path: data/missing.txt
        """,
    )
    done = torc("-f", "json", "run", str(spec), "-o", "out", "-p", "0.5")
    assert done.returncode == 1, report(done)
    summary = json_document(done.stdout)  # -f json: exactly one document on stdout
    workflow_id = summary["workflow_id"]
    statuses = api.statuses(workflow_id)
    # exit 0 without the declared output: failed; what needs it is canceled at once
    assert statuses == {
        "writes": "completed",
        "forgets": "failed",
        "uses_made": "completed",
        "uses_missing": "canceled",
        "after_uses_missing": "canceled",
    }
    assert summary["completed"] == 2
    assert summary["failed"] == 1
    assert summary["canceled"] == 2  # counted from the server: the cascade too
    assert summary["total"] == 5
    assert summary["exit_code"] == 1
    failed = [
        r for r in api.results(workflow_id) if r["job_id"] == api.jobs(workflow_id)["forgets"]["id"]
    ]
    assert [r["return_code"] for r in failed] == [1]
    files = api.files(workflow_id)
    made = torc.cwd / "data" / "made.txt"
    # the producer's output: its modification time recorded, its name kept
    assert abs(files["made"]["st_mtime"] - made.stat().st_mtime) < 0.01
    assert files["made"]["path"] == "data/made.txt"
    assert files["missing"].get("st_mtime") is None


def test_text_summary_counts_the_cascade(torc: Torc) -> None:
    spec = write_spec(
        torc.cwd,
        """
        name: WORKFLOW_NAME
        jobs:
          - name: ok
            command: "true"
          - name: fails
            command: exit 3
          - name: child
            command: "true"
            depends_on: [fails]
          - name: grandchild
            command: "true"
            depends_on: [child]
        """,
    )
    done = torc("run", str(spec), "-o", "out", "-p", "0.5")
    assert done.returncode == 1, report(done)
    workflow_id = created_id(done.stdout)
    assert f"Workflow {workflow_id}: 1 completed, 1 failed, 2 canceled in " in done.stdout, report(
        done
    )


def test_workflows_run_runs_an_existing_workflow(torc: Torc, api: Api) -> None:
    spec = write_spec(
        torc.cwd,
        """
        name: WORKFLOW_NAME
        jobs:
          - name: first
            command: echo one > first.txt
          - name: second
            command: cat first.txt > second.txt
            depends_on: [first]
        """,
    )
    workflow_id = created_id(torc.ok("workflows", "create", str(spec)).stdout)
    done = torc.ok("workflows", "run", str(workflow_id), "-p", "0.5", "--max-parallel-jobs", "2")
    assert f"Workflow {workflow_id}: 2 completed" in done.stdout
    assert (torc.cwd / "second.txt").read_text() == "one\n"
    assert (torc.cwd / "output" / "job_stdio").is_dir()  # the default output directory
    assert set(api.statuses(workflow_id).values()) == {"completed"}
    # nothing left to do: a second run changes nothing and succeeds
    again = torc.ok("run", str(workflow_id), "-o", "output", "-p", "0.5")
    assert f"Workflow {workflow_id}: 2 completed" in again.stdout
