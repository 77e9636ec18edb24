"""What `torc run` asks the server before its first claim, read from the server's request log.

A run of a workflow the command has just created from a spec does not ask what creating it
answered (its status, whether it is initialized, its files, user data, actions and job count),
nor for jobs of earlier runners (there were none); a run of an existing workflow, or of a spec
with files, user data and actions, still asks what it needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import RunningServer, start_server, stop_server
from tests.runner.conftest import Torc, created_id, torc_env, write_spec

BASE = "/torc-service/v1"
REQUEST = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE) (/\S*) \d{3} [\d.]+ ms from")


class LoggedServer:
    """A server whose debug log names every request it answers."""

    def __init__(self, directory: Path) -> None:
        self.log = directory / "server.log"
        with open(self.log, "w") as out:
            self.server: RunningServer = start_server(
                directory / "torc.db", "--log-level", "debug", stderr=out
            )
        self.mark = 0

    def requests(self) -> list[str]:
        """`METHOD path` of every request answered since the last call (base path dropped)."""
        text = self.log.read_text()
        new, self.mark = text[self.mark :], len(text)
        return [
            f"{m.group(1)} {m.group(2).removeprefix(BASE)}"
            for m in (REQUEST.search(line) for line in new.splitlines())
            if m
        ]


@pytest.fixture(scope="module")
def logged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoggedServer]:
    served = LoggedServer(tmp_path_factory.mktemp("logged"))
    yield served
    stop_server(served.server)


@pytest.fixture
def run_here(logged: LoggedServer, tmp_path: Path) -> Torc:
    work = tmp_path / "work"
    work.mkdir()
    logged.requests()  # forget what earlier tests asked
    return Torc(work, torc_env(tmp_path / "home"), logged.server.url)


def before_first_claim(requests: list[str]) -> list[str]:
    claims = [i for i, r in enumerate(requests) if "/complete_jobs/" in r]
    assert claims, requests
    return requests[: claims[0]]


PLAIN = """\
name: plain
jobs:
  - name: job_{i}
    command: "true"
    parameters:
      i: "1:3"
"""


def _four_start_requests(logged: LoggedServer) -> None:
    start = [r.split("?")[0] for r in before_first_claim(logged.requests())]
    assert start == [
        "POST /workflow_specs",
        f"POST /workflows/{_id(start)}/initialize_jobs",
        "GET /resource_requirements",
        "POST /compute_nodes",
    ]


def test_a_just_created_workflow_starts_with_four_requests(
    run_here: Torc, logged: LoggedServer
) -> None:
    write_spec(run_here.cwd, PLAIN)
    run_here.ok("run", "workflow.yaml")
    _four_start_requests(logged)


def test_exec_starts_with_the_same_four_requests(run_here: Torc, logged: LoggedServer) -> None:
    run_here.ok("exec", "true", "-j", "2")
    _four_start_requests(logged)


def _id(start: list[str]) -> int:
    match = re.search(r"/workflows/(\d+)/initialize_jobs", " ".join(start))
    assert match, start
    return int(match.group(1))


def test_running_an_existing_workflow_still_asks(run_here: Torc, logged: LoggedServer) -> None:
    """`torc run <id>`: the command knows nothing of the workflow, so it asks (whether it is
    initialized, its status, its inputs, records and jobs of earlier runners)."""
    write_spec(run_here.cwd, PLAIN)
    workflow_id = created_id(run_here.ok("workflows", "create", "workflow.yaml").stdout)
    logged.requests()
    run_here.ok("run", str(workflow_id))
    start = before_first_claim(logged.requests())
    wf = f"/workflows/{workflow_id}"
    for asked in (
        f"GET {wf}/is_uninitialized",
        f"GET {wf}/status",
        f"GET {wf}",
        "GET /files",
        "GET /user_data",
        f"GET {wf}/job_ids",
        f"GET {wf}/actions",
        "GET /jobs",  # jobs of runners that are gone, terminated jobs
        f"GET {wf}/actions/pending",
    ):
        assert asked in start, (asked, start)


INPUTS = """\
name: inputs
files:
  - name: given
    path: given.txt
user_data:
  - name: settings
    data: {"a": 1}
jobs:
  - name: reader
    command: "cat given.txt > read.txt"
    input_files: [given]
    input_user_data: [settings]
actions:
  - trigger_type: on_workflow_start
    action_type: run_commands
    commands:
      - echo started > started.txt
"""


def test_a_created_workflow_with_inputs_and_actions_asks_for_them(
    run_here: Torc, logged: LoggedServer
) -> None:
    write_spec(run_here.cwd, INPUTS)
    (run_here.cwd / "given.txt").write_text("hello\n")
    run_here.ok("run", "workflow.yaml", "-o", "out")
    assert (run_here.cwd / "read.txt").read_text() == "hello\n"
    assert (run_here.cwd / "out" / "started.txt").read_text() == "started\n"
    start = [r.split("?")[0] for r in before_first_claim(logged.requests())]
    wf = f"/workflows/{_id(start)}"
    for asked in (
        f"GET {wf}/required_existing_files",
        f"GET {wf}/missing_user_data",
        "GET /files",
        "GET /user_data",
        f"GET {wf}/actions",
        f"GET {wf}/actions/pending",
    ):
        assert asked in start, (asked, start)
    assert start.count("GET /files") == 1  # listed once, for its times and for the runner
    assert f"GET {wf}/status" not in start
    assert "GET /jobs" not in start


def test_a_created_workflow_with_a_missing_input_is_refused(run_here: Torc) -> None:
    write_spec(run_here.cwd, INPUTS)
    done = run_here("run", "workflow.yaml")
    assert done.returncode == 1
    assert "required input files do not exist: given" in done.stderr
