"""Workflow actions the local runner executes (`run_commands`: in the output directory, one after
the other, stopping at the first that fails), when their triggers fire; and failure-handler
retries with a recovery script."""

from __future__ import annotations

from tests.runner.conftest import Api, Torc, created_id, report, write_spec


def test_run_commands_actions_fire_once_in_the_output_directory(torc: Torc, api: Api) -> None:
    spec = write_spec(
        torc.cwd,
        """
        name: WORKFLOW_NAME
        jobs:
          - name: first
            command: "true"
          - name: second_{i}
            command: "true"
            depends_on: [first]
            parameters:
              i: "1:3"
          - name: last
            command: "true"
            depends_on_regexes: ["^second_"]
        actions:
          - trigger_type: on_workflow_start
            action_type: run_commands
            commands:
              - pwd > start_pwd.txt
              - echo start >> triggers.log
              - "false"
              - touch not_after_a_failure.txt
          - trigger_type: on_worker_start
            action_type: run_commands
            commands:
              - echo worker_start >> triggers.log
          - trigger_type: on_jobs_complete
            action_type: run_commands
            job_name_regexes: ["^second_"]
            commands:
              - echo seconds_complete >> triggers.log
          - trigger_type: on_workflow_complete
            action_type: run_commands
            commands:
              - echo workflow_complete >> triggers.log
          - trigger_type: on_worker_complete
            action_type: run_commands
            commands:
              - echo worker_complete >> triggers.log
        """,
    )
    done = torc.ok("run", str(spec), "-o", "out", "-p", "0.5")
    out = (torc.cwd / "out").resolve()
    workflow_id = created_id(done.stdout)
    assert set(api.statuses(workflow_id).values()) == {"completed"}
    # commands run with bash -c in the runner's output directory
    assert (out / "start_pwd.txt").read_text().strip() == str(out)
    # ... one after the other, and the rest are skipped after one fails
    assert not (out / "not_after_a_failure.txt").exists()
    lines = (out / "triggers.log").read_text().split()
    assert sorted(lines) == sorted(
        ["start", "worker_start", "seconds_complete", "workflow_complete", "worker_complete"]
    ), lines  # each once
    assert lines[:2] == ["start", "worker_start"]
    assert lines[-2:] == ["workflow_complete", "worker_complete"]
    # every action was claimed and ran
    actions = api.get(f"/workflows/{workflow_id}/actions")
    assert all(a.get("executed_at") for a in actions), [
        (a["trigger_type"], a.get("executed"), a.get("executed_at")) for a in actions
    ]


def test_failure_handler_retries_with_a_recovery_script(torc: Torc, api: Api) -> None:
    spec = write_spec(
        torc.cwd,
        """
        name: WORKFLOW_NAME
        failure_handlers:
          - name: handler
            rules:
              - exit_codes: [10]
                recovery_script: >-
                  echo "job=$TORC_JOB_ID code=$TORC_RETURN_CODE wf=$TORC_WORKFLOW_ID" >> recovery.log
                max_retries: 3
              - exit_codes: [11]
                max_retries: 2
        jobs:
          - name: flaky
            failure_handler: handler
            command: >-
              echo "attempt $TORC_ATTEMPT_ID" >> flaky.log;
              [ "$TORC_ATTEMPT_ID" -ge 2 ] || exit 10
          - name: always_11
            failure_handler: handler
            command: echo "attempt $TORC_ATTEMPT_ID" >> always_11.log; exit 11
          - name: unmatched
            failure_handler: handler
            command: exit 5
          - name: after_flaky
            command: echo ok > after_flaky.txt
            depends_on: [flaky]
        """,
    )
    done = torc("run", str(spec), "-o", "out", "-p", "0.5")
    assert done.returncode == 1, report(done)  # two jobs failed for good
    workflow_id = created_id(done.stdout)
    jobs = api.jobs(workflow_id)
    assert {name: job["status"] for name, job in jobs.items()} == {
        "flaky": "completed",
        "always_11": "failed",
        "unmatched": "failed",
        "after_flaky": "completed",
    }
    assert (torc.cwd / "flaky.log").read_text().split("\n")[:2] == ["attempt 1", "attempt 2"]
    assert jobs["flaky"]["attempt_id"] == 2
    # the recovery script ran once, before the retry, in the runner's directory, with the
    # failed job's id and exit code
    assert (torc.cwd / "recovery.log").read_text() == (
        f"job={jobs['flaky']['id']} code=10 wf={workflow_id}\n"
    )
    # max_retries caps the attempts: 2 for exit code 11
    assert (torc.cwd / "always_11.log").read_text().split() == ["attempt", "1", "attempt", "2"]
    assert jobs["unmatched"]["attempt_id"] == 1  # no matching rule: no retry
    assert "1 retried" not in done.stdout and "2 retried" in done.stdout
    # every attempt leaves a result
    attempts = sorted(
        (r["attempt_id"], r["return_code"])
        for r in api.results(workflow_id, all_runs="true")
        if r["job_id"] == jobs["flaky"]["id"]
    )
    assert attempts == [(1, 10), (2, 0)]


def test_failed_recovery_script_means_no_retry(torc: Torc, api: Api) -> None:
    spec = write_spec(
        torc.cwd,
        """
        name: WORKFLOW_NAME
        failure_handlers:
          - name: handler
            rules:
              - match_all_exit_codes: true
                recovery_script: exit 1
                max_retries: 3
        jobs:
          - name: fails
            failure_handler: handler
            command: exit 7
        """,
    )
    done = torc("run", str(spec), "-o", "out", "-p", "0.5")
    assert done.returncode == 1, report(done)
    jobs = api.jobs(created_id(done.stdout))
    assert jobs["fails"]["status"] == "failed"
    assert jobs["fails"]["attempt_id"] == 1
