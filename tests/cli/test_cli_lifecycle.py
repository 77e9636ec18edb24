"""Starting runs from the command line: initialize (with its dry run and its question),
reinitialize (changed files, missing outputs, interrupted jobs), reset-status (failed jobs
only, then a restart), and following a run live with `events monitor`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

from tests.cli.conftest import TORC, Cli

PIPELINE = """
name: NAME
jobs:
  - name: setup
    command: echo setup > ${files.output.stage}
  - name: work_a
    command: cat ${files.input.stage} ${files.input.source} > /dev/null
  - name: work_fail
    command: test -f ok_flag
    depends_on: [setup]
  - name: finalize
    command: echo done
    depends_on: [work_a, work_fail]
files:
  - name: stage
    path: stage.txt
  - name: source
    path: source.txt
"""


def statuses(cli: Cli, wid: int) -> dict[str, str]:
    return {j["name"]: j["status"] for j in cli.json("jobs", "list", str(wid))["jobs"]}


def test_initialize_checks_inputs_and_asks_before_starting_over(cli: Cli) -> None:
    wid = cli.create(PIPELINE)
    unsafe = cli("-f", "json", "workflows", "initialize", str(wid), "--dry-run")
    assert unsafe.returncode == 1  # the check fails: an input is missing
    check = json.loads(unsafe.stdout)
    assert check["safe"] is False and check["missing_input_file_count"] == 1
    assert "source.txt" in check["missing_input_files"][0]
    assert "source.txt" in cli.fails("workflows", "initialize", str(wid))

    (cli.cwd / "source.txt").write_text("data\n")
    assert "Safe to initialize" in cli.ok("workflows", "initialize", str(wid), "--dry-run")
    assert statuses(cli, wid)["setup"] == "uninitialized"  # a dry run changes nothing
    started = cli.json("workflows", "initialize-jobs", str(wid))  # the tutorials' name
    assert started["run_id"] == 1
    assert statuses(cli, wid) == {
        "setup": "ready",
        "work_a": "blocked",
        "work_fail": "blocked",
        "finalize": "blocked",
    }
    # already initialized: a second initialize needs an answer, or --no-prompts
    assert "--no-prompts" in cli.fails("workflows", "initialize", str(wid))
    again = cli.json("workflows", "initialize", str(wid), "--no-prompts")
    assert again["run_id"] == 2


def test_reset_failed_jobs_then_reinitialize_what_changed(cli: Cli) -> None:
    (cli.cwd / "source.txt").write_text("data\n")
    wid = cli.create(PIPELINE)
    assert cli("run", str(wid), "-p", "0.1").returncode == 1
    assert statuses(cli, wid) == {
        "setup": "completed",
        "work_a": "completed",
        "work_fail": "failed",
        "finalize": "canceled",
    }
    # the guide: setup, work_a stay completed; work_fail ready; finalize blocked
    reset = cli.json(
        "workflows", "reset-status", str(wid), "--failed-only", "--reinitialize", "--no-prompts"
    )
    assert reset["updated_count"] == 2 and reset["restarted"] and reset["run_id"] == 2
    assert statuses(cli, wid) == {
        "setup": "completed",
        "work_a": "completed",
        "work_fail": "ready",
        "finalize": "blocked",
    }
    (cli.cwd / "ok_flag").touch()
    assert cli("run", str(wid), "-p", "0.1").returncode == 0
    assert set(statuses(cli, wid).values()) == {"completed"}

    # an input file changed on disk: its reader and everything after it run again
    source = cli.cwd / "source.txt"
    os.utime(source, (time.time() + 5, time.time() + 5))
    plan = cli.json("workflows", "reinitialize", str(wid), "--dry-run")
    assert plan["reset_jobs"] == ["work_a"] and plan["changed_files"] == ["source.txt"]
    assert statuses(cli, wid)["work_a"] == "completed"  # a dry run changes nothing
    done = cli.json("workflows", "reinitialize", str(wid))
    assert done["run_id"] == 3 and done["reset_jobs"] == ["work_a"]
    assert statuses(cli, wid) == {
        "setup": "completed",
        "work_a": "ready",
        "work_fail": "completed",
        "finalize": "blocked",
    }
    assert cli("run", str(wid), "-p", "0.1").returncode == 0

    # an output disappeared: its producer runs again, and everything downstream
    (cli.cwd / "stage.txt").unlink()
    text = cli.ok("workflows", "reinitialize", str(wid))
    assert "Missing outputs" in text and "setup" in text
    assert statuses(cli, wid) == {
        "setup": "ready",
        "work_a": "blocked",
        "work_fail": "blocked",
        "finalize": "blocked",
    }

    # archived workflows cannot be reset
    cli.ok("workflows", "archive", "true", str(wid))
    line = cli.fails("workflows", "reset-status", str(wid), "--no-prompts")
    assert "Cannot reset archived workflow status. Unarchive the workflow first." in line
    assert "archived" in cli.fails("workflows", "reinitialize", str(wid))


def test_reinitialize_reruns_canceled_jobs(cli: Cli) -> None:
    (cli.cwd / "source.txt").write_text("data\n")
    (cli.cwd / "ok_flag").touch()
    wid = cli.create(PIPELINE)
    cli.ok("workflows", "initialize", str(wid))
    cli.ok("workflows", "cancel", str(wid))
    assert cli.json("workflows", "status", str(wid))["status"] == "canceled"
    cli.ok("workflows", "reinitialize", str(wid))
    assert cli.json("workflows", "status", str(wid))["status"] == "in_progress"
    assert cli("workflows", "run", str(wid), "-p", "0.1").returncode == 0
    assert set(statuses(cli, wid).values()) == {"completed"}


def _monitor(cli: Cli, *args: str) -> subprocess.Popen[str]:
    """`torc events monitor`, started and connected to the live stream."""
    proc = subprocess.Popen(
        [*TORC, "--url", cli.url, "-f", "json", "events", "monitor", *args],
        cwd=cli.cwd,
        env=cli.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()  # printed once the stream is open
    assert line.startswith("Monitoring events of workflow"), line
    return proc


def test_events_monitor_follows_a_run_until_interrupted(cli: Cli) -> None:
    (cli.cwd / "source.txt").write_text("data\n")
    (cli.cwd / "ok_flag").touch()
    wid = cli.create(PIPELINE)
    monitor = _monitor(cli, str(wid))
    only_jobs = _monitor(cli, str(wid), "-c", "job", "--duration", "60")
    assert cli("run", str(wid), "-p", "0.1").returncode == 0
    time.sleep(0.5)
    for proc in (monitor, only_jobs):
        proc.send_signal(signal.SIGINT)  # Ctrl-C
    out, err = monitor.communicate(timeout=30)
    assert monitor.returncode == 0, err
    assert "Traceback" not in err
    document = json.loads(out)  # one document, closed properly on Ctrl-C
    assert document["workflow_id"] == wid
    kinds = [e["event_type"] for e in document["events"]]
    assert "workflow_started" in kinds and "compute_node_started" in kinds
    assert kinds.count("job_started") == 4 and kinds.count("job_completed") == 4
    assert all(e["workflow_id"] == wid for e in document["events"])

    out, err = only_jobs.communicate(timeout=30)
    assert only_jobs.returncode == 0, err
    kinds = {e["event_type"] for e in json.loads(out)["events"]}
    assert kinds == {"job_started", "job_completed"}


def test_events_monitor_stops_after_its_duration(cli: Cli) -> None:
    wid = cli.json("workflows", "new", "-n", "quiet")["id"]
    started = time.monotonic()
    done = cli("events", "monitor", str(wid), "--duration", "0.03")  # 1.8 s
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 30
    assert done.stdout == ""  # table format: one line per event, and there were none
    assert "Monitoring events of workflow" in done.stderr


def test_events_monitor_shows_each_created_event_once_in_order(cli: Cli) -> None:
    """Events recorded with `torc events create` while monitoring are shown, each once, in the
    order they were recorded (the monitor says it is monitoring only once it is subscribed)."""
    wid = cli.json("workflows", "new", "-n", "watched")["id"]
    monitor = _monitor(cli, str(wid))
    for n in range(5):
        cli.ok("events", "create", str(wid), "-d", json.dumps({"type": "note", "n": n}))
    time.sleep(0.5)
    monitor.send_signal(signal.SIGINT)
    out, err = monitor.communicate(timeout=30)
    assert monitor.returncode == 0, err
    events = json.loads(out)["events"]
    assert [e["data"]["n"] for e in events] == [0, 1, 2, 3, 4], events
    assert {e["event_type"] for e in events} == {"note"}
