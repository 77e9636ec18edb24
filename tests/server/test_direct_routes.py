"""The runner's hot operations, answered without Litestar's pipeline (torc_server.http.direct),
answer exactly as Litestar does.

The same requests go to two real servers on fresh databases: one as it runs (the hot operations
are answered directly) and one with TORC_SERVER_DIRECT_ROUTES=0 (every request through
Litestar). Every answer must be the same: status, content type and body, for good requests and
for each kind of bad one; and, on servers with logins and access control, for each kind of
refusal (the guard decides on both paths).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.helpers import compute_node_body
from tests.auth.conftest import ADMIN, PASSWORDS, AuthServer, start_auth_server
from tests.conftest import RunningServer, start_server, stop_server

BASE = "/torc-service/v1"
THROUGH_LITESTAR = {"TORC_SERVER_DIRECT_ROUTES": "0"}


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    direct = start_server(tmp_path_factory.mktemp("direct") / "torc.db")
    through_litestar: RunningServer | None = None
    try:
        through_litestar = start_server(
            tmp_path_factory.mktemp("litestar") / "torc.db", env=THROUGH_LITESTAR
        )
        yield direct.url, through_litestar.url
    finally:
        stop_server(direct)
        if through_litestar is not None:
            stop_server(through_litestar)


@pytest.fixture(scope="module")
def guarded_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[AuthServer]]:
    """Two servers with --require-auth --enforce-access-control: direct, and through Litestar."""
    flags = ("--require-auth", "--enforce-access-control", "--admin-user", ADMIN, "--log-level")
    started: list[AuthServer] = []
    try:
        for name, env in (("direct", None), ("litestar", THROUGH_LITESTAR)):
            started.append(
                start_auth_server(tmp_path_factory.mktemp(name), *flags, "debug", env=env)
            )
        yield started
    finally:
        for running in started:
            stop_server(running.server)


def _result(job_id: int, run_id: int, node_id: int, **fields: Any) -> dict[str, Any]:
    return {
        "job_id": job_id,
        "workflow_id": 1,
        "run_id": run_id,
        "compute_node_id": node_id,
        "return_code": 0,
        "exec_time_minutes": 0.5,
        "completion_time": "2024-01-31T12:30:00.000Z",
        "status": "completed",
        **fields,
    }


def _claim(node_id: int, limit: int) -> dict[str, Any]:
    return {
        "compute_node_id": node_id,
        "limit": limit,
        "resources": {"num_cpus": 4, "memory_gb": 8.0, "num_gpus": 0, "num_nodes": 1},
        "start": False,
    }


Answers = list[tuple[str, int, str, Any]]  # (request, status, content type, body)


class _Sender:
    """Sends requests as one user (or anonymously) and notes every answer."""

    def __init__(self, url: str, answers: Answers, auth: tuple[str, str] | None = None) -> None:
        self.http = httpx.Client(base_url=url, timeout=30.0, auth=auth)
        self.answers = answers

    def __call__(self, method: str, path: str, body: Any = None, raw: bytes | None = None) -> Any:
        content = raw if raw is not None else None if body is None else json.dumps(body)
        response = self.http.request(method, path, content=content)
        try:
            payload = response.json()
        except ValueError:
            payload = response.text
        self.answers.append(
            (
                f"{method} {path} {response.headers.get('www-authenticate', '')}",
                response.status_code,
                response.headers["content-type"],
                payload,
            )
        )
        return payload


def _workflow(send: _Sender, jobs: int) -> tuple[int, int, int]:
    """A workflow of `jobs` ready jobs and a compute node: (workflow id, run id, node id)."""
    wf = send("POST", "/workflows", {"name": "w", "user": "me"})["id"]
    send("POST", "/bulk_jobs", {"jobs": [
        {"workflow_id": wf, "name": f"j{i}", "command": "true"} for i in range(jobs)
    ]})  # fmt: skip
    send("POST", f"/workflows/{wf}/initialize_jobs")
    run = send("GET", f"/workflows/{wf}/status")["run_id"]
    node = send(
        "POST",
        "/compute_nodes",
        compute_node_body(wf, hostname="n1", pid=1, num_cpus=4, memory_gb=8.0),
    )["id"]
    return wf, run, node


def _conversation(url: str) -> Answers:
    """One runner's life plus every kind of mistake."""
    answers: Answers = []
    send = _Sender(url, answers)
    with send.http:
        wf, run, node = _workflow(send, 6)
        exchange = f"/workflows/{wf}/complete_jobs/{run}"
        claimed = send(
            "POST", exchange, {"completions": [], "compute_node_id": node, "claim": _claim(node, 2)}
        )["claimed"]
        first, second = (job["id"] for job in claimed)
        body = {
            "completions": [{"job_id": first, "status": "completed", "result": _result(first, run, node)}],
            "started": [first, second],
            "compute_node_id": node,
            "request_id": "r-1",
            "claim": _claim(node, 1),
        }  # fmt: skip
        send("POST", exchange, body)
        send("POST", exchange, body)  # a repeat: the stored answer
        send("POST", exchange, {**body, "request_id": "r-1", "claim": _claim(node, 3)})
        send("POST", f"/workflows/{wf}/complete_jobs/{run + 7}", {"completions": []})
        send(
            "POST", f"/workflows/999/complete_jobs/{run}", {"completions": [], "compute_node_id": 5}
        )
        send("POST", exchange, {"completions": [], "started": [second]})
        send("POST", exchange, {"completions": [], "compute_node_id": 999, "request_id": "x"})
        # bodies
        send("POST", exchange, raw=b"")
        send("POST", exchange, raw=b"{not json")
        send("POST", exchange, raw=b"[1, 2]")
        send("POST", exchange, {"completions": [], "compute_node_id": "1"})
        send("POST", exchange, {"completions": None})
        send(
            "POST", exchange, {"completions": [], "compute_node_id": 1.0, "claim": _claim(node, 0)}
        )
        # paths: a spelling the direct routes leave to Litestar answers the same
        send("POST", f"/workflows/abc/complete_jobs/{run}", {"completions": []})
        send("POST", f"/workflows/{wf}/complete_jobs/99999999999999999999", {"completions": []})
        send("POST", f"/workflows/{wf}/complete_jobs/{run}/", {"completions": []})
        send("GET", exchange)
        # the single-job operations
        third = send("POST", exchange, {"completions": [], "claim": _claim(node, 1)})["claimed"][0]
        send("PUT", f"/jobs/{third['id']}/start_job/{run}/{node}")
        send("PUT", f"/jobs/{third['id']}/start_job/{run}/{node}")  # not pending any more
        send("PUT", f"/jobs/{third['id']}/start_job/{run}/{node}", raw=b"[]")
        send("PUT", f"/jobs/{third['id']}/start_job/{run}/{node}", raw=b"{oops")
        send("PUT", f"/jobs/999/start_job/{run}/{node}")
        send(
            "POST",
            f"/jobs/{third['id']}/complete_job/done/{run}",
            _result(third["id"], run, node),
        )
        send("POST", f"/jobs/{third['id']}/complete_job/failed/{run}", {"job_id": "x"})
        send(
            "POST",
            f"/jobs/{third['id']}/complete_job/failed/{run}",
            _result(third["id"], run, node, return_code=1, exec_time_minutes=None),
        )
        send(
            "POST",
            f"/jobs/{third['id']}/complete_job/failed/{run}",
            _result(third["id"], run, node, return_code=1),
        )
        send("PUT", f"/jobs/{second}/manage_status_change/ready/{run}")
        send("PUT", f"/jobs/{second}/manage_status_change/nonsense/{run}")
        send("PUT", f"/jobs/{second}/manage_status_change/ready/{run}", raw=b'"x"')
        send("PUT", f"/jobs/{second}/manage_status_change/re%20ady/{run}")
    return answers


def _guarded_conversation(url: str) -> Answers:
    """bob's workflow, reported on by bob, by alice (an admin), by carol (no access), anonymously
    and with a wrong password."""
    answers: Answers = []
    bob, alice, carol = (
        _Sender(url, answers, (u, PASSWORDS[u])) for u in ("bob", "alice", "carol")
    )
    anonymous = _Sender(url, answers)
    wrong = _Sender(url, answers, ("bob", "not-the-password"))
    wf, run, node = _workflow(bob, 4)
    exchange = f"/workflows/{wf}/complete_jobs/{run}"
    claim = {"completions": [], "compute_node_id": node, "claim": _claim(node, 1)}
    for send in (anonymous, wrong, carol):
        send("POST", exchange, claim)
    job = bob("POST", exchange, claim)["claimed"][0]["id"]
    for send in (anonymous, carol, bob):
        send("PUT", f"/jobs/{job}/start_job/{run}/{node}")
    for send in (carol, alice):
        send("POST", f"/jobs/{job}/complete_job/done/{run}", _result(job, run, node))
    for send in (carol, bob):
        send("PUT", f"/jobs/{job}/manage_status_change/ready/{run}")
    carol("POST", f"/workflows/999/complete_jobs/{run}", {"completions": []})  # no such workflow
    carol("PUT", f"/jobs/999/start_job/{run}/{node}")
    alice("POST", exchange, claim)
    for send in (bob, alice, carol, anonymous, wrong):
        send.http.close()
    return answers


def test_the_guard_decides_the_same_on_both_paths(guarded_servers: list[AuthServer]) -> None:
    direct, through_litestar = (_guarded_conversation(s.url) for s in guarded_servers)
    for mine, theirs in zip(direct, through_litestar, strict=True):
        assert _without_clock(mine) == _without_clock(theirs)
    statuses = [status for _, status, _, _ in direct]
    # carol four times; alice twice (being an admin gives no access to others' workflows)
    assert statuses.count(401) == 3 and statuses.count(403) == 6 and 404 in statuses
    assert all('Basic realm="torc"' in request for request, status, _, _ in direct if status == 401)
    # the first server answered the runner's operations itself, the second through Litestar
    logs = [s.log.read_text() for s in guarded_servers]
    assert "/complete_jobs/" in logs[1] and " (direct)" not in logs[1]
    refused = [
        line for line in logs[0].splitlines() if "/complete_jobs/" in line and " 403 " in line
    ]
    assert refused and all(line.endswith(" (direct)") for line in refused)


def _without_clock(value: Any) -> Any:
    """The answer with the server's own timestamps (when a record was made) left out."""
    if isinstance(value, dict):
        return {
            k: _without_clock(v) for k, v in value.items() if k not in ("timestamp", "last_seen")
        }
    if isinstance(value, list | tuple):
        return [_without_clock(item) for item in value]
    return value


def test_the_direct_answers_are_litestars(servers: tuple[str, str]) -> None:
    direct, through_litestar = (_conversation(url) for url in servers)
    assert len(direct) == len(through_litestar)
    for mine, theirs in zip(direct, through_litestar, strict=True):
        assert _without_clock(mine) == _without_clock(theirs)
    statuses = {status for _, status, _, _ in direct}
    assert {200, 400, 404, 405, 422} <= statuses  # the mistakes were mistakes


def test_a_debug_log_names_each_direct_request(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    with open(log, "w") as out:
        server = start_server(tmp_path / "torc.db", "--log-level", "debug", stderr=out)
    try:
        answer = httpx.put(f"{server.url}/jobs/7/start_job/0/1")
        assert answer.status_code == 404
    finally:
        stop_server(server)
    lines = [line for line in log.read_text().splitlines() if "/start_job/0/1 404" in line]
    assert lines and f"PUT {BASE}/jobs/7/start_job/0/1 404" in lines[0]


def test_the_hot_operations_are_answered_directly() -> None:
    """The plain server's answers above came from the direct routes, not from Litestar."""
    from torc_server.app import HANDLERS, Settings, app_services, create_app
    from torc_server.http.direct import DirectRoutes

    app = create_app(Settings(database=":memory:"))
    direct = DirectRoutes(HANDLERS, app_services(app))
    assert direct.answer("PUT", f"{BASE}/jobs/7/start_job/0/1", b"") == (
        404,
        b'{"error":{"message":"Job not found with ID: 7"}}',
    )
    status, _ = direct.answer(
        "POST", f"{BASE}/workflows/1/complete_jobs/0", b'{"completions": []}'
    ) or (0, b"")
    assert status == 200
    for method, path in [
        ("PUT", f"{BASE}/jobs/abc/start_job/0/1"),  # Litestar says which parameter is wrong
        ("GET", f"{BASE}/workflows/1/complete_jobs/0"),
        ("POST", f"{BASE}/workflows"),
        ("PUT", f"{BASE}/jobs/1/manage_status_change/re%20ady/0"),
    ]:
        assert direct.answer(method, path, b"{}") is None
