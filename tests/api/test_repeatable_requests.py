"""Requests a runner repeats: a report-and-claim repeated with its request id is answered as the
first time and changes nothing; starting a run unless already started starts exactly one; the
jobs of a compute node whose runner is gone go back to ready."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import start_server, stop_server, tls_context

from .helpers import (
    create_compute_node,
    create_job,
    create_workflow,
    error,
    initialize,
    job_statuses,
    ok,
    result_body,
    set_run_id,
)


def _workflow(http: httpx.Client) -> tuple[int, int, dict[str, int]]:
    wf = create_workflow(http)["id"]
    jobs = {name: create_job(http, wf, name=name)["id"] for name in ("a", "b", "c")}
    initialize(http, wf)
    set_run_id(http, wf, 1)
    return wf, create_compute_node(http, wf)["id"], jobs


@pytest.fixture(scope="module")
def in_memory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A server whose database is in memory (it holds its answers in the process)."""
    running = start_server(Path(":memory:"))
    try:
        with httpx.Client(base_url=running.url, timeout=30.0, verify=tls_context()) as client:
            yield client
    finally:
        stop_server(running)


def test_a_repeated_request_id_gets_the_first_answer(http: httpx.Client) -> None:
    _repeat_and_compare(http)


def test_an_in_memory_server_answers_a_repeat_as_the_first_time(in_memory: httpx.Client) -> None:
    _repeat_and_compare(in_memory)


def test_a_request_that_failed_keeps_no_answer_in_memory(in_memory: httpx.Client) -> None:
    wf, node, jobs = _workflow(in_memory)
    missing = 10**9
    failing = {
        "completions": [
            {"job_id": missing, "status": "completed", "result": result_body(missing, wf, 1, node)}
        ],
        "compute_node_id": node,
        "request_id": "f1",
    }
    error(in_memory.post(f"/workflows/{wf}/complete_jobs/1", json=failing), 404)
    # the same id again, now a claim: done as new work, not answered with the failure
    claim = {"compute_node_id": node, "limit": 1}
    claimed = ok(
        in_memory.post(
            f"/workflows/{wf}/complete_jobs/1",
            json={"completions": [], "claim": claim, "request_id": "f1"},
        )
    )["claimed"]
    assert [job["id"] for job in claimed] == [jobs["a"]]


def _repeat_and_compare(http: httpx.Client) -> None:
    wf, node, jobs = _workflow(http)
    claim = {"compute_node_id": node, "limit": 1}
    first = ok(
        http.post(
            f"/workflows/{wf}/complete_jobs/1",
            json={"completions": [], "claim": claim, "request_id": "r1"},
        )
    )
    assert [job["id"] for job in first["claimed"]] == [jobs["a"]]
    body = {
        "completions": [
            {
                "job_id": jobs["a"],
                "status": "completed",
                "result": result_body(jobs["a"], wf, 1, node),
            }
        ],
        "compute_node_id": node,
        "claim": claim,
        "request_id": "r2",
    }
    second = ok(http.post(f"/workflows/{wf}/complete_jobs/1", json=body))
    assert [job["id"] for job in second["claimed"]] == [jobs["b"]]
    # the answer was lost: the same request again is answered the same, and nothing moves
    again = ok(http.post(f"/workflows/{wf}/complete_jobs/1", json=body))
    assert again == second
    assert job_statuses(http, wf) == {"a": "completed", "b": "running", "c": "ready"}
    results = ok(http.get("/results", params={"workflow_id": wf}))["items"]
    assert len(results) == 1
    # a new id is new work (a finished job cannot finish again)
    error(http.post(f"/workflows/{wf}/complete_jobs/1", json={**body, "request_id": "r3"}), 422)


def test_a_request_id_needs_a_compute_node(http: httpx.Client) -> None:
    wf, _, _ = _workflow(http)
    response = http.post(
        f"/workflows/{wf}/complete_jobs/1", json={"completions": [], "request_id": "x"}
    )
    error(response, 422, "request_id")


def test_start_run_unless_initialized_starts_exactly_one_run(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    for name in ("a", "b"):
        create_job(http, wf, name=name)
    url = f"{http.base_url}workflows/{wf}/initialize_jobs"

    def start(_: int) -> dict:
        with httpx.Client(timeout=30) as client:
            return ok(client.post(url, params={"start_run_if_uninitialized": "true"}))

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(start, range(8)))
    assert sorted(a["initialized"] for a in answers) == [False] * 7 + [True]
    assert {a["run_id"] for a in answers} == {1}
    assert ok(http.get(f"/workflows/{wf}/status"))["run_id"] == 1
    assert set(job_statuses(http, wf).values()) == {"ready"}


def test_jobs_of_a_gone_compute_node_are_ready_again(http: httpx.Client) -> None:
    wf, node, _ = _workflow(http)
    other = create_compute_node(http, wf)["id"]
    queued = {"compute_node_id": node, "limit": 1, "start": False}
    ok(http.post(f"/workflows/{wf}/complete_jobs/1", json={"completions": [], "claim": queued}))
    ok(
        http.post(
            f"/workflows/{wf}/complete_jobs/1",
            json={"completions": [], "claim": {"compute_node_id": node, "limit": 1}},
        )
    )
    ok(
        http.post(
            f"/workflows/{wf}/complete_jobs/1",
            json={"completions": [], "claim": {"compute_node_id": other, "limit": 1}},
        )
    )
    assert job_statuses(http, wf) == {"a": "pending", "b": "running", "c": "running"}
    released = ok(
        http.post(f"/workflows/{wf}/release_compute_node_jobs", json={"compute_node_ids": [node]})
    )
    assert [job["name"] for job in released["jobs"]] == ["a", "b"]
    assert job_statuses(http, wf) == {"a": "ready", "b": "ready", "c": "running"}
    assert ok(http.get(f"/compute_nodes/{node}"))["is_active"] is False
    error(
        http.post(f"/workflows/{wf}/release_compute_node_jobs", json={"compute_node_ids": [10**9]}),
        404,
    )
