"""The server goes away while a runner works: the runner keeps its jobs running and its reports,
tries again for the workflow's `compute_node_wait_for_healthy_database_minutes`, and carries on
when the server is back; past that time it kills its jobs and exits with a one-line error."""

from __future__ import annotations

import dataclasses
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from tests.runner.conftest import Torc, json_document, wait_for, write_spec


class Server:
    """torc-server on a fixed port and database, so that it can be killed and started again."""

    def __init__(self, database: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.database = database
        self.url = f"http://127.0.0.1:{self.port}/torc-service/v1"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "torc_server.cli", "run", "--port", str(self.port)]
        self.process = subprocess.Popen(
            [*command, "--database", str(self.database)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(self._answers, what="the server to answer")

    def _answers(self) -> bool:
        try:
            return httpx.get(f"{self.url}/ping", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def crash(self) -> None:
        """SIGKILL to the server and its worker, as when its node fails."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.crash()


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[Server]:
    server = Server(tmp_path / "server.db")
    server.start()
    yield server
    server.stop()


def start_run(torc: Torc, server: Server, *args: str) -> subprocess.Popen[str]:
    """`torc -f json run ARGS` against `server`, not yet waited for."""
    return dataclasses.replace(torc, url=server.url).start("-f", "json", "run", *args)


def runner_log(cwd: Path) -> str:
    return "".join(log.read_text() for log in (cwd / "out").glob("job_runner_*.log"))


def test_a_server_restart_does_not_stop_the_run(own_server: Server, torc: Torc) -> None:
    spec = write_spec(
        torc.cwd,
        """
        name: WORKFLOW_NAME
        compute_node_wait_for_healthy_database_minutes: 2
        jobs:
          - name: job_{i}
            command: "sleep 1 && echo {i} > ${files.output.result_{i}}"
            parameters:
              i: "1:6"
        files:
          - name: result_{i}
            path: result_{i}.txt
            parameters:
              i: "1:6"
        """,
    )
    run = start_run(
        torc, own_server, str(spec), "-o", "out", "--max-parallel-jobs", "2", "-p", "0.5"
    )
    try:
        wait_for(lambda: "started job" in runner_log(torc.cwd), what="a job to start")
    except AssertionError:
        run.kill()
        raise AssertionError(run.communicate()) from None
    own_server.crash()
    time.sleep(2.5)  # jobs end meanwhile; their reports wait
    own_server.start()
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, f"exit {run.returncode}\n{out}\n{err}"
    summary = json_document(out)
    assert summary["completed"] == summary["total"] == 6, summary
    log = runner_log(torc.cwd)
    assert "cannot reach the server" in log, log
    assert "the server answers again after" in log, log
    # the output files' modification times, recorded after the outage for the jobs that ended
    # during it
    files = httpx.get(
        f"{own_server.url}/files", params={"workflow_id": summary["workflow_id"]}, timeout=10
    ).json()["items"]
    assert sorted(f["name"] for f in files if f.get("st_mtime")) == [
        f"result_{i}" for i in range(1, 7)
    ], files


def test_past_the_wait_the_runner_kills_its_jobs_and_says_why(
    own_server: Server, torc: Torc
) -> None:
    spec = write_spec(
        torc.cwd,
        """
        name: WORKFLOW_NAME
        compute_node_wait_for_healthy_database_minutes: 0
        jobs:
          - name: long
            command: "sleep 60 & echo $! > sleeper.pid; wait"
        """,
    )
    run = start_run(torc, own_server, str(spec), "-o", "out", "-p", "0.5")
    pid_file = torc.cwd / "sleeper.pid"
    wait_for(lambda: pid_file.exists() and pid_file.read_text().strip(), what="the job")
    sleeper = int(pid_file.read_text())

    def reported_running() -> bool:  # no report in flight when the server goes
        jobs = httpx.get(f"{own_server.url}/jobs", params={"workflow_id": 1}, timeout=10)
        return [job["status"] for job in jobs.json()["items"]] == ["running"]

    wait_for(reported_running, what="the job reported running")
    time.sleep(0.2)  # and the answer to that report received
    own_server.crash()
    out, err = run.communicate(timeout=60)
    assert run.returncode == 1, f"exit {run.returncode}\n{out}\n{err}"
    assert "Traceback" not in err, err
    last = err.strip().splitlines()[-1]
    assert last.startswith("torc: ") and "cannot connect to the torc server" in last, err
    assert "giving up" in runner_log(torc.cwd)
    wait_for(
        lambda: (
            not psutil.pid_exists(sleeper)
            or psutil.Process(sleeper).status() == psutil.STATUS_ZOMBIE
        ),
        what="the job to be killed",
    )


def test_a_job_failing_during_an_outage_is_reported_failed_not_retried(
    own_server: Server, torc: Torc
) -> None:
    """A failure handler's retry needs the server; without it the job is reported failed once
    the server answers again, and the runner carries on."""
    spec = write_spec(
        torc.cwd,
        """
        name: WORKFLOW_NAME
        failure_handlers:
          - name: again
            rules:
              - exit_codes: [3]
                max_retries: 2
        jobs:
          - name: fails
            command: "touch started && sleep 1 && exit 3"
            failure_handler: again
          - name: fine
            command: "sleep 1"
        """,
    )
    run = start_run(torc, own_server, str(spec), "-o", "out", "-p", "0.5")
    wait_for(lambda: (torc.cwd / "started").exists(), what="the failing job")
    own_server.crash()
    time.sleep(3)  # both jobs end while the server is down
    own_server.start()
    out, err = run.communicate(timeout=120)
    assert run.returncode == 1, f"exit {run.returncode}\n{out}\n{err}"  # not every job completed
    summary = json_document(out)
    assert (summary["completed"], summary["failed"], summary["retried"]) == (1, 1, 0), summary
    assert "failed while the server cannot be reached: no retry" in runner_log(torc.cwd)
