"""A private server (`torc -s`) serves before Litestar is imported: its direct routes answer
every operation `torc -s run` and `torc -s exec` call (`process.private.FIRST_OPERATIONS`), and
the first request they do not take builds the Litestar app.

The same requests go to two real private servers (started as the CLI starts them, each on a
fresh database): one as it runs, and one with TORC_SERVER_DIRECT_ROUTES=0 (every request through
Litestar). Every answer must be the same: status, content type and body, for good requests and
for each kind of bad one (a missing record, a bad query value, a missing required parameter, a
body that is not JSON or not an object, a path spelled so that only Litestar takes it).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.helpers import compute_node_body
from tests.server.test_direct_routes import Answers, _conversation, _Sender, _without_clock
from torc_server.process import private

THROUGH_LITESTAR = {"TORC_SERVER_DIRECT_ROUTES": "0"}
BUILT = "Litestar app built for "


class PrivateServer:
    """A private server as `torc -s` starts it, its log in a file."""

    def __init__(self, directory: Path, env: dict[str, str] | None = None) -> None:
        self.log = directory / "server.log"
        with open(self.log, "w") as out:
            self.process = private.launch(
                private.command(str(directory / "torc.db")),
                stderr=out,
                env={**os.environ, **(env or {})},
            )
        port = private.read_port(self.process, time.monotonic() + 30)
        assert port is not None, self.log.read_text()
        self.url = private.url(port)

    def stop(self) -> None:
        private.stop(self.process)


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[PrivateServer]]:
    started: list[PrivateServer] = []
    try:
        for name, env in (("direct", None), ("litestar", THROUGH_LITESTAR)):
            started.append(PrivateServer(tmp_path_factory.mktemp(name), env))
        yield started
    finally:
        for server in started:
            server.stop()


def _spec() -> dict[str, Any]:
    return {
        "name": "private",
        "user": "me",
        "jobs": [
            {"name": "first", "command": "true", "resource_requirements": "small"},
            {"name": "second", "command": "true", "depends_on": ["first"]},
            {"name": "reader", "command": "cat in.txt", "input_files": ["in"]},
            {"name": "user", "command": "true", "input_user_data": ["settings"]},
        ],
        "files": [{"name": "in", "path": "in.txt"}],
        "user_data": [{"name": "settings", "data": {"a": 1}}],
        "resource_requirements": [
            {"name": "small", "num_cpus": 1, "memory": "1g", "runtime": "P0DT1M"}
        ],
        "actions": [
            {
                "trigger_type": "on_workflow_start",
                "action_type": "run_commands",
                "action_config": {"commands": ["true"]},
            }
        ],
    }


def _node(workflow_id: Any) -> dict[str, Any]:
    return compute_node_body(workflow_id, hostname="n1", pid=1, num_cpus=4, memory_gb=8.0)


def _first_operations(url: str) -> Answers:
    """What `torc -s run` asks before its first job and at its end, and the mistakes."""
    answers: Answers = []
    send = _Sender(url, answers)
    with send.http:
        send("GET", "/ping")
        send("GET", "/health")
        send("GET", "/version")
        send("POST", "/workflow_specs", raw=b"")
        send("POST", "/workflow_specs", raw=b"{nope")
        send("POST", "/workflow_specs", {"name": "x", "user": "me", "jobs": [{"name": 3}]})
        send("POST", "/workflow_specs", {"name": "x", "user": None, "jobs": []})
        send("POST", "/workflow_specs", {"name": "x", "user": "me", "jobs": [{"name": "a"}]})
        wf = send("POST", "/workflow_specs", _spec())["workflow"]["id"]
        for missing in (wf, 999):
            for path in (
                *("", "/status", "/is_uninitialized", "/is_complete"),
                *("/required_existing_files", "/missing_user_data", "/job_ids", "/actions"),
                "/actions/pending",
            ):
                send("GET", f"/workflows/{missing}{path}")
        init = f"/workflows/{wf}/initialize_jobs"
        send("POST", f"{init}?only_uninitialized=maybe")
        send("POST", init, raw=b"[1]")
        send("POST", init, raw=b"{nope")
        send("POST", "/workflows/999/initialize_jobs")
        send("POST", f"{init}?only_uninitialized=false&clear_ephemeral_user_data=true", {})
        send("POST", f"{init}?only_uninitialized=1&start_run_if_uninitialized=")
        for collection in ("files", "user_data", "resource_requirements", "jobs"):
            send("GET", f"/{collection}")
            send("GET", f"/{collection}?workflow_id=x")
            send("GET", f"/{collection}?workflow_id=999")
            send("GET", f"/{collection}?workflow_id={wf}")
            send("GET", f"/{collection}?workflow_id={wf}&offset=1&limit=1&reverse_sort=true")
            send("GET", f"/{collection}?workflow_id={wf}&limit=-1")
            send("GET", f"/{collection}?workflow_id={wf}&sort_by=nonsense")
            send("GET", f"/{collection}?workflow_id={wf}&sort_by=name&workflow_id={wf}")
            send("GET", f"/{collection}?workflow_id={wf}&offset=&limit=99999999999999999999")
        for status in ("ready", "blocked", "completed", "bogus", ""):
            send("GET", f"/jobs?workflow_id={wf}&status={status}&limit=1")
        send("GET", f"/jobs?workflow_id={wf}&include_relationships=true&sort_by=status")
        send("GET", f"/jobs?workflow_id={wf}&needs_file_id=1&upstream_job_id=x")
        send("GET", f"/files?workflow_id={wf}&is_output=false&name=in")
        send("GET", f"/user_data?workflow_id={wf}&is_ephemeral=no&name=settings%20x")
        send("GET", f"/resource_requirements?workflow_id={wf}&num_cpus=1&memory=1g")
        node = send("POST", "/compute_nodes", _node(wf))["id"]
        send("POST", "/compute_nodes", {**_node(wf), "num_cpus": "4"})
        send("POST", "/compute_nodes", _node(999))
        send("POST", "/compute_nodes", raw=b"[]")
        send("PUT", f"/compute_nodes/{node}", {**_node(wf), "is_active": False})
        send("PUT", "/compute_nodes/999", _node(wf))
        send("PUT", f"/compute_nodes/{node}", {"hostname": 5})
        pending = f"/workflows/{wf}/actions/pending"
        send("GET", f"{pending}?trigger_type=on_workflow_start&trigger_type=on_worker_start")
        send("GET", f"{pending}?trigger_type=on_workflow_complete")
        send("GET", f"{pending}?trigger_type=")
        action = send("GET", f"/workflows/{wf}/actions")[0]["id"]
        claim = f"/workflows/{wf}/actions/{action}/claim"
        send("POST", claim, raw=b"[]")
        send("POST", claim, {"compute_node_id": "x"})
        send("POST", claim, {"compute_node_id": node})
        send("POST", claim, {"compute_node_id": node})  # claimed already
        send("POST", f"/workflows/{wf}/actions/999/claim", {})
        # a job run and failed, then retried
        status = send("GET", f"/workflows/{wf}/status")
        run = status["run_id"]
        exchange = f"/workflows/{wf}/complete_jobs/{run}"
        claim_body = {
            "completions": [],
            "compute_node_id": node,
            "claim": {
                "compute_node_id": node,
                "limit": 1,
                "resources": {"num_cpus": 4, "memory_gb": 8.0, "num_gpus": 0, "num_nodes": 1},
                "start": True,
            },
        }
        job = send("POST", exchange, claim_body)["claimed"][0]["id"]
        result = {
            "job_id": job,
            "workflow_id": wf,
            "run_id": run,
            "compute_node_id": node,
            "return_code": 1,
            "exec_time_minutes": 0.5,
            "completion_time": "2024-01-31T12:30:00.000Z",
            "status": "failed",
        }
        send("POST", f"/jobs/{job}/complete_job/failed/{run}", result)
        retry = f"/jobs/{job}/retry/{run}"
        send("POST", f"{retry}?max_retries=x")
        send("POST", retry, raw=b"{nope")
        send("POST", f"{retry}?max_retries=0")
        send("POST", f"{retry}?max_retries=3", {"return_code": "x"})
        send("POST", f"{retry}?max_retries=3", {"return_code": 1})
        send("POST", f"/jobs/{job + 1}/retry/{run}")  # not failed
        send("POST", f"{retry}?max_retries=3", {**result, "exec_time_minutes": 0.25})
        send("POST", retry)  # ready again, not failed
        send("POST", "/jobs/999/retry/1")
        send("GET", f"/workflows/{wf}/is_complete")
        # what runs of workflows with files and user data, and runs again, ask
        file_id = send("GET", f"/files?workflow_id={wf}")["items"][0]["id"]
        data_id = send("GET", f"/user_data?workflow_id={wf}")["items"][0]["id"]
        requirements = send("GET", f"/resource_requirements?workflow_id={wf}")["items"][0]["id"]
        file = send("GET", f"/files/{file_id}")
        send("PUT", f"/files/{file_id}", {**file, "st_mtime": 1700000000.5})
        send("PUT", f"/files/{file_id}", {**file, "st_mtime": "soon"})
        for path in ("files", "user_data", "failure_handlers", "resource_requirements"):
            send("GET", f"/{path}/999")
        send("GET", f"/user_data/{data_id}")
        send("GET", f"/resource_requirements/{requirements}")
        for relationships in ("job_file_relationships", "job_user_data_relationships"):
            send("GET", f"/workflows/{wf}/{relationships}?limit=5")
            send("GET", f"/workflows/{wf}/{relationships}?offset=x")
        send("GET", f"/compute_nodes?workflow_id={wf}&is_active=false")
        send("GET", f"/compute_nodes?workflow_id={wf}&hostname=n1&sort_by=bogus")
        send("POST", f"/workflows/{wf}/release_compute_node_jobs", {"compute_node_ids": [node]})
        send("POST", f"/workflows/{wf}/release_compute_node_jobs", {"compute_node_ids": "x"})
        send("POST", f"/workflows/{wf}/process_changed_job_inputs?dry_run=true")
        send("POST", f"/workflows/{wf}/process_changed_job_inputs?dry_run=perhaps")
        send("POST", f"/workflows/{wf}/reset_status?force=false")
        send("POST", f"/workflows/{wf}/reset_status?force=true")
        send("POST", f"/workflows/{wf}/reset_job_status?failed_only=true")
        send("POST", f"/workflows/{wf}/reset_job_status?failed_only=x")
        current = send("GET", f"/workflows/{wf}/status")
        send("PUT", f"/workflows/{wf}/status", {**current, "is_canceled": False})
        send("PUT", f"/workflows/{wf}/status", {**current, "run_id": "x"})
        send("PUT", "/workflows/999/status", current)
        # spellings only Litestar takes: the same answer, from it
        send("GET", f"/workflows/{wf}/")
        send("GET", "/workflows/abc/status")
        send("HEAD", "/ping")
        send("DELETE", "/ping")
    return answers


def _built(server: PrivateServer) -> list[str]:
    return [line for line in server.log.read_text().splitlines() if BUILT in line]


def test_the_first_operations_answer_as_litestar_does(servers: list[PrivateServer]) -> None:
    direct, through_litestar = (_first_operations(s.url) for s in servers)
    assert len(direct) == len(through_litestar)
    for mine, theirs in zip(direct, through_litestar, strict=True):
        assert _without_clock(mine) == _without_clock(theirs)
    statuses = {status for _, status, _, _ in direct}
    assert {200, 400, 404, 405, 409, 422} <= statuses  # the mistakes were mistakes
    # The direct server built Litestar's app once, for the first spelling only Litestar takes
    # (the conversation's last four requests): every operation before it was answered without
    # it. The other built it for its first request.
    assert "Serving the first operations directly; Litestar not imported yet" in (
        servers[0].log.read_text()
    )
    assert [line.split(BUILT)[1].split(" (")[0] for line in _built(servers[0])] == [
        "GET /torc-service/v1/workflows/1/"
    ]
    assert [line.split(BUILT)[1].split(" (")[0] for line in _built(servers[1])] == [
        "GET /torc-service/v1/ping"
    ]
    # and the runner's operations answer as Litestar's too
    for mine, theirs in zip(*(_conversation(s.url) for s in servers), strict=True):
        assert _without_clock(mine) == _without_clock(theirs)


def test_a_private_server_starts_without_litestar(tmp_path: Path) -> None:
    server = PrivateServer(tmp_path)
    try:
        answers: Answers = []
        send = _Sender(server.url, answers)
        with send.http:
            wf = send("POST", "/workflow_specs", _spec())["workflow"]["id"]
            send("POST", f"/workflows/{wf}/initialize_jobs")
            send("GET", f"/jobs?workflow_id={wf}&status=ready&limit=1")
            assert _built(server) == []
            # another operation: the app is built for it, once
            listed = send("GET", "/workflows?limit=5")
            send("GET", "/workflows?limit=5")
        assert [status for _, status, _, _ in answers] == [200] * 5
        assert [w["id"] for w in listed["items"]] == [wf]
        assert len(_built(server)) == 1 and "GET /torc-service/v1/workflows" in _built(server)[0]
        assert "Litestar not imported yet" in server.log.read_text()
    finally:
        server.stop()
    assert server.process.returncode == 0
    assert "torc-server stopped" in server.log.read_text()
