"""Standalone mode: `torc -s run` and `torc -s exec` start an ephemeral server on 127.0.0.1 with
its database in ./torc_output/torc.db (or `--db`, or memory persisted at exit), run the work
here, and shut the server down. (`torc -s run` of the diamond is in test_examples_run.py.)"""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest

from tests.runner.conftest import (
    TIMED,
    Torc,
    json_document,
    max_concurrency,
    read_intervals,
    report,
)


def job_statuses(database: Path) -> dict[str, int]:
    """Job name -> status code, read from a database the server has closed."""
    db = sqlite3.connect(database)
    try:
        return dict(db.execute("SELECT name, status FROM job"))
    finally:
        db.close()


COMPLETED = 5  # the status code of `completed` in the database


def test_in_memory_database_is_written_at_exit(standalone: Torc) -> None:
    (standalone.cwd / "hello.yaml").write_text(
        "name: hello\njobs:\n  - name: job 1\n    command: echo hello\n"
    )
    done = standalone("-s", "--in-memory", "--snapshot-interval-seconds", "60", "run", "hello.yaml")
    assert done.returncode == 0, report(done)
    assert job_statuses(standalone.cwd / "torc_output" / "torc.db") == {"job 1": COMPLETED}


def test_db_option_and_exec_of_one_command(standalone: Torc) -> None:
    done = standalone("-s", "--db", "mine.db", "exec", "echo", "hi there")
    assert done.returncode == 0, report(done)
    assert job_statuses(standalone.cwd / "mine.db") == {"command_1": COMPLETED}
    assert not (standalone.cwd / "torc_output" / "torc.db").exists()
    [stdout] = (standalone.cwd / "torc_output" / "job_stdio").glob("*.o")
    assert stdout.read_text() == "hi there\n"


def test_exec_commands_file_in_parallel(standalone: Torc) -> None:
    lines = [TIMED.format(dir="times", sleep="0.3", name=f"c{i}") for i in range(10)]
    (standalone.cwd / "commands.txt").write_text(
        "# one command per line\n" + "\n".join(lines) + "\n\n"
    )
    done = standalone("-s", "-f", "json", "exec", "-C", "commands.txt", "-j", "4")
    assert done.returncode == 0, report(done)
    summary = json_document(done.stdout)
    assert summary["completed"] == summary["total"] == 10
    intervals = read_intervals(standalone.cwd / "times")
    assert len(intervals) == 10
    assert 2 <= max_concurrency(intervals) <= 4
    statuses = job_statuses(standalone.cwd / "torc_output" / "torc.db")
    assert sorted(statuses) == [f"command_{i:02d}" for i in range(1, 11)]


def test_exec_failure_sets_the_exit_code(torc: Torc) -> None:
    done = torc("exec", "exit 4")
    assert done.returncode == 1, report(done)
    assert "0 completed, 1 failed" in done.stdout


def servers_in(cwd: Path) -> list[int]:
    """Standalone servers still running in `cwd` (they run in sessions of their own, so the
    end of `torc` does not end them by itself)."""
    import psutil

    found = []
    for process in psutil.process_iter(["cmdline", "cwd"]):
        cmdline = process.info["cmdline"] or []
        server = any(part in ("torc_server.cli", "torc_server.standalone") for part in cmdline)
        if server and process.info["cwd"] == str(cwd):
            found.append(process.pid)
    return found


def test_a_wrong_command_line_leaves_no_server_behind(standalone: Torc) -> None:
    """The server starts before the command line is parsed; a mistake found afterwards stops it."""
    done = standalone("-s", "run", "no-such-spec.yaml")
    assert done.returncode == 1, report(done)
    assert "neither a workflow id nor an existing spec file" in done.stderr
    done = standalone("-s", "run", "--no-such-option", "x.yaml")
    assert done.returncode == 2, report(done)
    done = standalone("-s", "--format", "yaml", "run", "x.yaml")  # refused before `-s` applies
    assert done.returncode == 2, report(done)
    done = standalone("-s", "workflows", "list", "--help")
    assert done.returncode == 0, report(done)
    assert servers_in(standalone.cwd) == []


def test_the_installed_command_starts_one_server(standalone: Torc) -> None:
    """The `torc` script looks at the options before importing the rest, and the command line
    does not look again: one server, stopped at the end. `--db=FILE` (one token) is read like
    `--db FILE`."""
    done = standalone.installed()("--db=other.db", "-f", "json", "exec", "true")
    assert done.returncode == 0, report(done)
    assert job_statuses(standalone.cwd / "other.db") == {"command_1": COMPLETED}
    assert servers_in(standalone.cwd) == []


@pytest.mark.parametrize("delay", [0.05, 0.15, 0.3, 0.6, 1.5])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_at_any_moment_leaves_no_server_behind(
    standalone: Torc, delay: float, signum: int
) -> None:
    """Ctrl-C or SIGTERM while the server starts, while the command line is read, or while
    jobs run: the command exits 128 + the signal and its server is gone."""
    (standalone.cwd / "slow.yaml").write_text(
        "name: slow\njobs:\n  - name: wait\n    command: sleep 5\n"
    )
    proc = standalone.installed().start("-s", "run", "slow.yaml")
    time.sleep(delay)
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)
    # A signal that comes before torc handles signals (it has started nothing yet: on a loaded
    # machine, Python is still starting at 0.05 s) ends the process the way Python does by
    # default: SIGTERM kills it, SIGINT ends it with Python's own KeyboardInterrupt report.
    assert proc.returncode in {128 + signum, -signum}, f"exit {proc.returncode}\n{out}\n{err}"
    if proc.returncode == 128 + signum:
        assert "Traceback" not in err, err
    assert servers_in(standalone.cwd) == []


def test_a_killed_client_leaves_no_server_behind(standalone: Torc) -> None:
    """`kill -9` of `torc -s` gives it no chance to stop its server: the server sees its owner
    pipe close and stops by itself, saving the in-memory database as a clean stop does."""
    (standalone.cwd / "slow.yaml").write_text(
        "name: slow\njobs:\n  - name: wait\n    command: sleep 30\n"
    )
    proc = standalone.installed().start("-s", "--in-memory", "run", "slow.yaml")
    deadline = time.monotonic() + 60
    while not servers_in(standalone.cwd) and time.monotonic() < deadline:
        time.sleep(0.1)
    (server,) = servers_in(standalone.cwd)
    import psutil

    def job_started() -> bool:  # the workflow exists and its job runs
        for child in psutil.Process(proc.pid).children(recursive=True):
            try:
                if "sleep" in " ".join(child.cmdline()):
                    return True
            except psutil.Error:  # a process that just ended
                continue
        return False

    while not job_started() and time.monotonic() < deadline:
        time.sleep(0.1)
    proc.kill()
    proc.communicate(timeout=30)
    deadline = time.monotonic() + 30
    while servers_in(standalone.cwd) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert servers_in(standalone.cwd) == [], f"server {server} still running"
    log = (standalone.cwd / "torc_output" / "torc_server.log").read_text()
    assert "the client that started this server ended: stopping" in log
    assert "wait" in job_statuses(standalone.cwd / "torc_output" / "torc.db")  # saved


def test_the_standalone_server_entry_takes_the_cli_options_and_passes_on_the_rest() -> None:
    """`python -m torc_server.standalone` (what `torc -s` starts): the options the CLI gives,
    read without the command-line parser; anything else is `torc-server run`'s to read."""
    import subprocess
    import sys

    from torc_server.standalone import parse

    given = ["--host", "127.0.0.1", "--port", "0", "--database", "torc_output/torc.db"]
    assert parse([*given, "--ignore-config", "--snapshot-interval-seconds", "2.5"]) == {
        "server.url": "127.0.0.1",
        "server.port": 0,
        "server.database": "torc_output/torc.db",
        "ignore_config": True,
        "snapshot_interval_seconds": 2.5,
    }
    assert parse([*given, "--threads", "2"]) is None
    assert parse(["--port", "many"]) is None
    passed_on = subprocess.run(
        [sys.executable, "-m", "torc_server.standalone", "--port", "many"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert passed_on.returncode != 0
    assert "--port" in passed_on.stderr + passed_on.stdout  # torc-server run's own message
