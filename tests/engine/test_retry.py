"""retry_job: another attempt of the same job; attempt ids go up and every attempt's result is
kept."""

from __future__ import annotations

from typing import Any

import pytest

from torc_server.engine import Engine, lifecycle
from torc_server.errors import NotFound, StateConflict

from . import builders as b


def retry(
    engine: Engine,
    job_id: int,
    run: int = 0,
    max_retries: int | None = None,
    result: dict[str, Any] | None = None,
) -> dict[str, Any]:
    with engine.change() as conn:
        return lifecycle.retry_job(conn, job_id, run, max_retries, engine.events, result=result)


def running_job(engine: Engine) -> tuple[b.Built, int]:
    flow = b.chain(engine, "flaky", "after")
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    (job,) = b.claim(engine, flow.wf)
    b.start(engine, job, node)
    return flow, node


def test_retry_sends_a_running_job_back_to_ready_with_the_next_attempt(engine: Engine) -> None:
    flow, node = running_job(engine)
    retried = retry(engine, flow["flaky"], result=b.result(node, 3, status="failed"))
    assert (retried["status"], retried["attempt_id"]) == ("ready", 2)
    assert b.status(engine, flow["after"]) == "blocked"
    row = engine.db.conn.execute(
        "SELECT active_compute_node_id FROM job WHERE id = ?", (flow["flaky"],)
    ).fetchone()
    assert row[0] is None
    (event,) = [e for e in b.events(engine, flow.wf) if e["type"] == "job_retried"]
    assert (event["job_id"], event["attempt_id"]) == (flow["flaky"], 2)

    # The second attempt runs and succeeds; both attempts' results are kept.
    assert b.claim(engine, flow.wf) == [flow["flaky"]]
    b.run_to_end(engine, flow["flaky"], node)
    history = [(r["attempt_id"], r["status"], r["return_code"]) for r in b.results(engine, flow.wf)]
    assert history == [(1, "failed", 3), (2, "completed", 0)]
    (current,) = b.results(engine, flow.wf, current_only=True)
    assert current["attempt_id"] == 2
    assert b.status(engine, flow["after"]) == "ready"


def test_attempts_keep_counting(engine: Engine) -> None:
    flow, node = running_job(engine)
    for attempt in (2, 3, 4):
        assert retry(engine, flow["flaky"], result=b.result(node, 1))["attempt_id"] == attempt
        b.claim(engine, flow.wf)
        b.start(engine, flow["flaky"], node)
    assert [r["attempt_id"] for r in b.results(engine, flow.wf)] == [1, 2, 3]


def test_retry_without_a_result_stores_none(engine: Engine) -> None:
    flow, _ = running_job(engine)
    retry(engine, flow["flaky"])
    assert b.results(engine, flow.wf) == []


@pytest.mark.parametrize("status", ["failed", "terminated", "pending_failed"])
def test_finished_unsuccessful_jobs_can_be_retried(engine: Engine, status: str) -> None:
    flow, node = running_job(engine)
    b.complete(engine, flow["flaky"], node, status)
    retried = retry(engine, flow["flaky"])
    assert (retried["status"], retried["attempt_id"]) == ("ready", 2)
    # The first attempt's result (from complete_job) is still there.
    assert [(r["attempt_id"], r["status"]) for r in b.results(engine, flow.wf)] == [(1, status)]


@pytest.mark.parametrize("state", ["blocked", "ready", "pending", "completed", "canceled"])
def test_other_statuses_cannot_be_retried(engine: Engine, state: str) -> None:
    flow = b.chain(engine, "a", "b")
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    job = flow["b"] if state == "blocked" else flow["a"]
    if state in ("pending", "completed"):
        b.claim(engine, flow.wf)
    if state == "completed":
        b.run_to_end(engine, job, node)
    if state == "canceled":
        b.complete(engine, job, node, "canceled")
    assert b.status(engine, job) == state
    before = b.snapshot(engine, flow.wf)
    with pytest.raises(StateConflict, match=state):
        retry(engine, job)
    assert b.snapshot(engine, flow.wf) == before


def test_retry_checks_run_id_budget_and_job(engine: Engine) -> None:
    flow, node = running_job(engine)
    before = b.snapshot(engine, flow.wf)
    with pytest.raises(StateConflict, match="run_id 3"):
        retry(engine, flow["flaky"], run=3)
    with pytest.raises(StateConflict, match="1 of 1"):
        retry(engine, flow["flaky"], max_retries=1)
    with pytest.raises(NotFound, match="31337"):
        retry(engine, 31337)
    assert b.snapshot(engine, flow.wf) == before
    assert retry(engine, flow["flaky"], max_retries=2)["attempt_id"] == 2
    b.claim(engine, flow.wf)
    b.start(engine, flow["flaky"], node)
    with pytest.raises(StateConflict, match="2 of 2"):
        retry(engine, flow["flaky"], max_retries=2)


def test_results_are_kept_per_run(engine: Engine) -> None:
    flow = b.chain(engine, "a")
    node = b.compute_node(engine, flow.wf)
    for run in (1, 2):
        assert b.bump_run(engine, flow.wf) == run
        with engine.change() as conn:
            lifecycle.reset_job_status(conn, flow.wf, failed_only=False, sink=engine.events)
        b.initialize(engine, flow.wf)
        b.drain(engine, flow.wf, node)
    assert [(r["run_id"], r["attempt_id"]) for r in b.results(engine, flow.wf)] == [
        (1, 1),
        (2, 1),
    ]
    (current,) = b.results(engine, flow.wf, current_only=True)
    assert current["run_id"] == 2
