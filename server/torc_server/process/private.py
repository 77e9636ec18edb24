"""A private torc-server: one that a client starts for itself and stops when done (`torc -s`,
`torc tui --standalone`, `torc-dash --standalone`).

It listens on 127.0.0.1 (port 0: a free one, announced on stdout as `TORC_SERVER_PORT=<port>`),
ignores the configuration files' `[server]` settings (they describe a shared server), and runs in
a session of its own, so that a Ctrl-C in the terminal reaches the client, which stops it cleanly.
Its stdin is a pipe that only the client holds: when the client ends in any way, `kill -9`
included, the pipe closes and the server stops as if it had been sent SIGTERM (an in-memory
database is saved). Nothing here imports more than the standard library: clients import it while
they start.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from typing import IO

BASE_PATH = "/torc-service/v1"
OWNER_PIPE_ENV = "TORC_SERVER_OWNER_PIPE"
"""Set for a private server: its stdin closing means the client that started it is gone."""
PORT_LINE = "TORC_SERVER_PORT="
FIRST_OPERATIONS = frozenset(
    (
        *("ping", "get_health", "get_version", "create_workflow_from_spec", "get_workflow"),
        *("get_workflow_status", "is_workflow_uninitialized", "is_workflow_complete"),
        *("list_required_existing_files", "list_missing_user_data", "initialize_jobs"),
        *("list_files", "list_user_data", "list_resource_requirements", "list_jobs"),
        *("list_job_ids", "create_compute_node", "update_compute_node"),
        *("get_workflow_actions", "get_pending_actions", "claim_action"),
        *("complete_jobs", "start_job", "complete_job", "manage_status_change", "retry_job"),
        # runs of workflows with files, user data, failure handlers; runs again; gone runners
        *("get_file", "update_file", "get_user_data", "get_failure_handler"),
        *("get_resource_requirements", "list_job_file_relationships"),
        *("list_job_user_data_relationships", "process_changed_job_inputs"),
        *("reset_workflow_status", "update_workflow_status", "reset_job_status"),
        *("list_compute_nodes", "release_compute_node_jobs"),
    )
)
"""The operations `torc -s run` and `torc -s exec` call: a private server answers them without
Litestar (`torc_server.http.direct`) and builds the Litestar app when another request first
needs it; once built, the app registers their routes first and the others when a request first
needs one (`torc_server.http.later_routes`)."""


def command(
    database: str,
    *,
    port: int = 0,
    executable: str | None = None,
    log_level: str | None = None,
    completion_check_interval_secs: float | None = None,
    snapshot_interval_seconds: float | None = None,
) -> list[str]:
    """`torc-server run` for a private server (`executable`: a torc-server other than this
    Python's)."""
    if executable is None or (executable == "torc-server" and shutil.which(executable) is None):
        # this installation's server: `torc-server run` without its command-line parser
        head = [sys.executable, "-m", "torc_server.standalone"]
    else:
        found = shutil.which(executable)
        if found is None:
            raise FileNotFoundError(f"torc-server binary not found: {executable}")
        head = [found, "run"]
    argv = [*head, "--host", "127.0.0.1", "--port", str(port), "--database", database]
    argv.append("--ignore-config")  # a shared server's [server] settings are not this one's
    if log_level is not None:
        argv += ["--log-level", log_level]
    if completion_check_interval_secs is not None:
        argv += ["--completion-check-interval-secs", str(completion_check_interval_secs)]
    if snapshot_interval_seconds:
        argv += ["--snapshot-interval-seconds", str(snapshot_interval_seconds)]
    return argv


def launch(
    argv: list[str],
    *,
    stderr: IO[str] | int | None,
    env: Mapping[str, str] | None = None,
    merge_output: bool = False,
) -> subprocess.Popen[str]:
    """Start the server; read its port with `read_port` (or its stdout yourself)."""
    return subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,  # the owner pipe: never written, closed when the client ends
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merge_output else stderr,
        text=True,
        start_new_session=True,
        env={**(os.environ if env is None else env), OWNER_PIPE_ENV: "1", "PYTHONUNBUFFERED": "1"},
    )


def read_port(process: subprocess.Popen[str], deadline: float) -> int | None:
    """The port the server announces on stdout, or None when it exits or time runs out."""
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.startswith(PORT_LINE):
            return int(line.strip()[len(PORT_LINE) :])
        if not line and process.poll() is not None:
            return None
    return None


def _exited_within(process: subprocess.Popen[str], seconds: float) -> bool:
    """Whether the process exits within `seconds`, noticed the moment it does (a pidfd; Popen's
    own wait with a timeout looks every 50 ms, a twentieth of a second added to every command)."""
    try:
        pidfd = os.pidfd_open(process.pid)
    except (AttributeError, OSError):  # no pidfd (an old kernel), or reaped already
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return False
        return True
    try:
        readable, _, _ = select.select([pidfd], [], [], seconds)
    finally:
        os.close(pidfd)
    return bool(readable)


def url(port: int) -> str:
    return f"http://127.0.0.1:{port}{BASE_PATH}"


def stop(
    process: subprocess.Popen[str] | None, *, timeout: float = 20.0, clean: bool = True
) -> None:
    """SIGTERM and wait (`clean`: the server saves an in-memory database), then SIGKILL to its
    process group when it does not end in time."""
    if process is None or process.poll() is not None:
        return
    try:
        if clean:
            process.send_signal(signal.SIGTERM)
            if _exited_within(process, timeout):
                process.wait()
                return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # its own session: the server's group
        process.wait()
    finally:
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()
