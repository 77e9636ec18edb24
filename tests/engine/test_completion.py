"""start_job, complete_job and their batched forms: run_id and status checks, results, and the
release (or cancellation, transitively) of dependents in the same transaction."""

from __future__ import annotations

from typing import Any

import pytest

from torc_server.engine import Engine, lifecycle
from torc_server.errors import NotFound, StateConflict
from torc_server.storage import records
from torc_server.storage.tables import JOB

from . import builders as b


def claimed_diamond(engine: Engine) -> tuple[b.Built, int]:
    """The diamond, initialized, in run 1, with preprocess claimed; and a compute node."""
    d = b.diamond(engine)
    b.initialize(engine, d.wf)
    b.bump_run(engine, d.wf)
    assert b.claim(engine, d.wf) == [d["preprocess"]]
    return d, b.compute_node(engine, d.wf)


# ---------------------------------------------------------------------------------------------
# start_job


def test_start_job_runs_a_claimed_job_on_a_node(engine: Engine) -> None:
    d, node = claimed_diamond(engine)
    started = b.start(engine, d["preprocess"], node)
    assert started["status"] == "running"
    row = engine.db.conn.execute(
        "SELECT active_compute_node_id FROM job WHERE id = ?", (d["preprocess"],)
    ).fetchone()
    assert row[0] == node
    (event,) = b.events(engine, d.wf, category="job")
    assert event["type"] == "job_started"
    assert (event["job_id"], event["compute_node_id"], event["severity"]) == (
        d["preprocess"],
        node,
        "info",
    )


@pytest.mark.parametrize("state", ["blocked", "ready", "running", "completed"])
def test_only_a_pending_job_can_start(engine: Engine, state: str) -> None:
    d, node = claimed_diamond(engine)
    job = {
        "blocked": d["work1"],
        "ready": None,
        "running": d["preprocess"],
        "completed": d["preprocess"],
    }[state]
    if state == "ready":
        job = b.add_jobs(engine, d.wf, {"extra": {}})["extra"]
        b.initialize(engine, d.wf)
    if state in ("running", "completed"):
        b.start(engine, job, node)
    if state == "completed":
        b.complete(engine, job, node)
    assert b.status(engine, job) == state
    before = b.snapshot(engine, d.wf)
    with pytest.raises(StateConflict, match=f"{state}.*pending"):
        b.start(engine, job, node)
    assert b.snapshot(engine, d.wf) == before


def test_start_job_checks_run_id_node_and_job(engine: Engine) -> None:
    d, node = claimed_diamond(engine)
    before = b.snapshot(engine, d.wf)
    with pytest.raises(StateConflict, match=r"run_id 0 does not match .* 1"):
        b.start(engine, d["preprocess"], node, run=0)
    with pytest.raises(NotFound, match=r"Compute node.*777"):
        b.start(engine, d["preprocess"], 777)
    with pytest.raises(NotFound, match=r"Job.*778"):
        b.start(engine, 778, node, run=1)
    assert b.snapshot(engine, d.wf) == before


def test_start_jobs_starts_several_all_or_nothing(engine: Engine) -> None:
    flow = b.independent(engine, 4)
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    first, second, third, fourth = [*b.claim(engine, flow.wf, 3), flow["j003"]]
    before = b.snapshot(engine, flow.wf)
    for bad, error in (
        ([first, fourth], StateConflict),  # fourth is ready, not claimed
        ([first, first], StateConflict),
        ([first, 9999], NotFound),
    ):
        with pytest.raises(error), engine.change() as conn:
            lifecycle.start_jobs(conn, flow.wf, 0, node, bad, engine.events)
        assert b.snapshot(engine, flow.wf) == before
    with pytest.raises(StateConflict, match="run_id"), engine.change() as conn:
        lifecycle.start_jobs(conn, flow.wf, 5, node, [first], engine.events)
    other = b.independent(engine, 1)
    b.initialize(engine, other.wf)
    (foreign,) = b.claim(engine, other.wf)
    with pytest.raises(NotFound, match="not a job of workflow"), engine.change() as conn:
        lifecycle.start_jobs(conn, flow.wf, 0, node, [first, foreign], engine.events)
    assert b.snapshot(engine, flow.wf) == before

    with engine.change() as conn:
        started = lifecycle.start_jobs(conn, flow.wf, 0, node, [third, first], engine.events)
    assert [(j["id"], j["status"]) for j in started] == [(third, "running"), (first, "running")]
    assert b.status(engine, second) == "pending"
    assert b.event_types(engine, flow.wf, category="job") == ["job_started", "job_started"]


# ---------------------------------------------------------------------------------------------
# complete_job


def test_completion_makes_dependents_claimable_at_once(engine: Engine) -> None:
    d, node = claimed_diamond(engine)
    b.start(engine, d["preprocess"], node)
    with engine.change() as conn:
        done = lifecycle.complete_job(
            conn, d["preprocess"], "completed", 1, b.result(node, 0), engine.events
        )
        # Inside the same transaction the dependents are already ready.
        ready = conn.execute(
            "SELECT id FROM job WHERE workflow_id = ? AND status = 2 ORDER BY id", (d.wf,)
        ).fetchall()
        assert [r[0] for r in ready] == d.ids("work1", "work2")
    assert done["status"] == "completed"
    assert b.claim(engine, d.wf) == d.ids("work1", "work2")
    assert b.status(engine, d["postprocess"]) == "blocked"


def test_completion_stores_the_result_and_clears_the_node(engine: Engine) -> None:
    d, node = claimed_diamond(engine)
    b.start(engine, d["preprocess"], node)
    b.complete(engine, d["preprocess"], node, exec_time_minutes=2.5, peak_memory_bytes=1024)
    (result,) = b.results(engine, d.wf, current_only=True)
    assert result["job_id"] == d["preprocess"]
    assert (result["run_id"], result["attempt_id"], result["status"]) == (1, 1, "completed")
    assert (result["return_code"], result["exec_time_minutes"]) == (0, 2.5)
    assert (result["compute_node_id"], result["peak_memory_bytes"]) == (node, 1024)
    with engine.change() as conn:
        page = records.list_page(conn, JOB, {"active_compute_node_id": node}, offset=0, limit=10)
    assert page.items == []
    completed = b.events(engine, d.wf, category="job")[-1]
    assert (completed["type"], completed["severity"], completed["return_code"]) == (
        "job_completed",
        "info",
        0,
    )


def test_the_body_cannot_redirect_a_result(engine: Engine) -> None:
    d, node = claimed_diamond(engine)
    body = b.result(node, 0, job_id=d["work1"], workflow_id=999, run_id=7)
    with engine.change() as conn:
        lifecycle.complete_job(conn, d["preprocess"], "completed", 1, body, engine.events)
    (result,) = b.results(engine, d.wf)
    assert (result["job_id"], result["workflow_id"], result["run_id"]) == (
        d["preprocess"],
        d.wf,
        1,
    )


@pytest.mark.parametrize("status", ["ready", "running", "uninitialized", "disabled"])
def test_completion_needs_a_final_status(engine: Engine, status: str) -> None:
    d, node = claimed_diamond(engine)
    before = b.snapshot(engine, d.wf)
    with pytest.raises(StateConflict, match=status):
        b.complete(engine, d["preprocess"], node, status)
    assert b.snapshot(engine, d.wf) == before


def test_completing_twice_or_with_a_stale_run_id_changes_nothing(engine: Engine) -> None:
    d, node = claimed_diamond(engine)
    before = b.snapshot(engine, d.wf)
    with pytest.raises(StateConflict, match="run_id 0"):
        b.complete(engine, d["preprocess"], node, run=0)
    assert b.snapshot(engine, d.wf) == before
    b.complete(engine, d["preprocess"], node)
    after_first = b.snapshot(engine, d.wf)
    for status in ("completed", "failed"):
        with pytest.raises(StateConflict, match="already complete"):
            b.complete(engine, d["preprocess"], node, status)
    assert b.snapshot(engine, d.wf) == after_first


def test_completion_of_missing_job_or_on_missing_node_is_not_found(engine: Engine) -> None:
    d, node = claimed_diamond(engine)
    before = b.snapshot(engine, d.wf)
    with pytest.raises(NotFound, match=r"Job.*5555"):
        b.complete(engine, 5555, node, run=1)
    with pytest.raises(NotFound, match=r"Compute node.*5556"):
        b.complete(engine, d["preprocess"], 5556)
    assert b.snapshot(engine, d.wf) == before


def test_a_job_need_not_be_running_to_complete(engine: Engine) -> None:
    d, node = claimed_diamond(engine)
    assert b.complete(engine, d["work1"], node)["status"] == "completed"  # it was blocked
    assert b.status(engine, d["postprocess"]) == "blocked"  # work2 is not done


# ---------------------------------------------------------------------------------------------
# failures and cancellation


def test_a_failure_cancels_every_job_below_it(engine: Engine) -> None:
    d, node = claimed_diamond(engine)
    b.start(engine, d["preprocess"], node)
    b.fail(engine, d["preprocess"], node)
    assert b.statuses(engine, d.wf) == {
        "preprocess": "failed",
        "work1": "canceled",
        "work2": "canceled",
        "postprocess": "canceled",
    }
    with engine.change() as conn:
        assert lifecycle.is_complete(conn, d.wf)["is_complete"] is True
    canceled = [e for e in b.events(engine, d.wf) if e["type"] == "job_canceled"]
    assert sorted(e["job_id"] for e in canceled) == d.ids("work1", "work2", "postprocess")
    assert {e["severity"] for e in canceled} == {"warning"}
    # Canceled jobs get no result; the failed one does.
    assert [r["job_id"] for r in b.results(engine, d.wf)] == [d["preprocess"]]
    assert b.results(engine, d.wf)[0]["status"] == "failed"


def test_a_dependent_is_canceled_as_soon_as_a_dependency_fails(engine: Engine) -> None:
    # Design decision 2: canceled at once, not when its other dependencies finish.
    d, node = claimed_diamond(engine)
    b.run_to_end(engine, d["preprocess"], node)
    w1, w2 = b.claim(engine, d.wf)
    b.start(engine, w1, node)
    b.start(engine, w2, node)
    b.fail(engine, w1, node)
    assert b.status(engine, d["postprocess"]) == "canceled"
    assert b.status(engine, w2) == "running"
    b.complete(engine, w2, node)
    assert b.status(engine, d["postprocess"]) == "canceled"


def test_a_terminated_job_holds_its_dependents_until_it_runs_again(engine: Engine) -> None:
    flow = b.chain(engine, "a", "b", "c")
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    b.complete(engine, flow["a"], node, "terminated")
    assert b.statuses(engine, flow.wf) == {"a": "terminated", "b": "blocked", "c": "blocked"}
    with engine.change() as conn:
        assert lifecycle.is_complete(conn, flow.wf)["is_complete"] is False
        lifecycle.manage_status_change(conn, flow["a"], "ready", 0, engine.events)
    assert b.claim(engine, flow.wf) == [flow["a"]]
    b.run_to_end(engine, flow["a"], node)
    assert b.statuses(engine, flow.wf) == {"a": "completed", "b": "ready", "c": "blocked"}


@pytest.mark.parametrize("status", ["failed", "canceled"])
def test_every_unsuccessful_status_cancels_dependents(engine: Engine, status: str) -> None:
    flow = b.chain(engine, "a", "b", "c")
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    b.complete(engine, flow["a"], node, status)
    assert b.statuses(engine, flow.wf) == {"a": status, "b": "canceled", "c": "canceled"}


def test_a_canceled_job_counts_as_failed_further_down(engine: Engine) -> None:
    # x fails -> y canceled; z needs y and w. When w completes, z is canceled (y failed for it).
    wf = b.workflow(engine)
    ids = b.add_jobs(
        engine, wf, {"x": {}, "w": {}, "y": {"after": ["x"]}, "z": {"after": ["y", "w"]}}
    )
    b.initialize(engine, wf)
    node = b.compute_node(engine, wf)
    b.fail(engine, ids["x"], node)
    # y is canceled, and z with it at once: y counts as failed for z, whatever w does.
    assert b.statuses(engine, wf) == {"x": "failed", "w": "ready", "y": "canceled", "z": "canceled"}
    b.complete(engine, ids["w"], node)
    assert b.status(engine, ids["z"]) == "canceled"


def test_without_cancel_on_failure_a_dependent_runs_anyway(engine: Engine) -> None:
    wf = b.workflow(engine)
    ids = b.add_jobs(
        engine,
        wf,
        {
            "a": {},
            "tolerant": {"after": ["a"], "cancel_on_blocking_job_failure": False},
            "strict": {"after": ["a"]},
            "below_tolerant": {"after": ["tolerant"]},
        },
    )
    b.initialize(engine, wf)
    node = b.compute_node(engine, wf)
    b.fail(engine, ids["a"], node)
    assert b.statuses(engine, wf) == {
        "a": "failed",
        "tolerant": "ready",
        "strict": "canceled",
        "below_tolerant": "blocked",
    }
    b.complete(engine, ids["tolerant"], node)
    assert b.status(engine, ids["below_tolerant"]) == "ready"


def test_cancellation_stops_at_a_tolerant_job_below_a_canceled_one(engine: Engine) -> None:
    wf = b.workflow(engine)
    ids = b.add_jobs(
        engine,
        wf,
        {
            "a": {},
            "b": {"after": ["a"]},
            "c": {"after": ["b"], "cancel_on_blocking_job_failure": False},
            "d": {"after": ["c"]},
        },
    )
    b.initialize(engine, wf)
    node = b.compute_node(engine, wf)
    b.fail(engine, ids["a"], node)
    assert b.statuses(engine, wf) == {"a": "failed", "b": "canceled", "c": "ready", "d": "blocked"}


def test_a_long_chain_is_canceled_in_one_completion(engine: Engine) -> None:
    names = [f"n{i:04d}" for i in range(1500)]
    flow = b.chain(engine, *names)
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    b.fail(engine, flow["n0000"], node)
    assert set(list(b.statuses(engine, flow.wf).values())[1:]) == {"canceled"}


def test_pending_failed_holds_dependents_and_the_workflow(engine: Engine) -> None:
    flow = b.chain(engine, "a", "b")
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    b.complete(engine, flow["a"], node, "pending_failed")
    assert b.statuses(engine, flow.wf) == {"a": "pending_failed", "b": "blocked"}
    with engine.change() as conn:
        assert lifecycle.is_complete(conn, flow.wf)["is_complete"] is False
    # Recovery decides it failed after all: now the dependent is canceled.
    b.fail(engine, flow["a"], node)
    assert b.statuses(engine, flow.wf) == {"a": "failed", "b": "canceled"}
    assert [r["status"] for r in b.results(engine, flow.wf)] == ["failed"]


def test_a_refused_completion_rolls_back_everything(engine: Engine) -> None:
    d, node = claimed_diamond(engine)
    before = b.snapshot(engine, d.wf)
    with pytest.raises(RuntimeError), engine.change() as conn:
        lifecycle.complete_job(conn, d["preprocess"], "completed", 1, b.result(node), engine.events)
        raise RuntimeError("the request fails after the completion")
    assert b.snapshot(engine, d.wf) == before


# ---------------------------------------------------------------------------------------------
# complete_jobs


def completions(node: int, *items: tuple[int, str]) -> list[tuple[int, str, dict[str, Any]]]:
    return [
        (job_id, status, b.result(node, 0 if status == "completed" else 1))
        for job_id, status in items
    ]


def test_complete_jobs_finishes_several_and_releases_dependents(engine: Engine) -> None:
    d, node = claimed_diamond(engine)
    b.run_to_end(engine, d["preprocess"], node)
    w1, w2 = b.claim(engine, d.wf)
    with engine.change() as conn:
        finished = lifecycle.complete_jobs(
            conn, d.wf, 1, completions(node, (w2, "completed"), (w1, "completed")), engine.events
        )
    assert [(j["id"], j["status"]) for j in finished] == [(w2, "completed"), (w1, "completed")]
    assert b.status(engine, d["postprocess"]) == "ready"
    assert len(b.results(engine, d.wf, current_only=True)) == 3


def test_complete_jobs_with_a_failure_cancels_dependents(engine: Engine) -> None:
    d, node = claimed_diamond(engine)
    b.run_to_end(engine, d["preprocess"], node)
    w1, w2 = b.claim(engine, d.wf)
    with engine.change() as conn:
        lifecycle.complete_jobs(
            conn, d.wf, 1, completions(node, (w1, "failed"), (w2, "completed")), engine.events
        )
    assert b.status(engine, d["postprocess"]) == "canceled"


def test_complete_jobs_is_all_or_nothing(engine: Engine) -> None:
    d, node = claimed_diamond(engine)
    b.run_to_end(engine, d["preprocess"], node)
    w1, w2 = b.claim(engine, d.wf)
    other = b.chain(engine, "elsewhere")
    before = b.snapshot(engine, d.wf)
    cases: list[tuple[list[tuple[int, str, dict[str, Any]]], type[Exception], str]] = [
        (
            completions(node, (w1, "completed"), (d["preprocess"], "completed")),
            StateConflict,
            "already complete",
        ),
        (completions(node, (w1, "completed"), (w1, "failed")), StateConflict, "more than once"),
        (completions(node, (w1, "completed"), (w2, "running")), StateConflict, "running"),
        (
            completions(node, (w1, "completed"), (other["elsewhere"], "completed")),
            NotFound,
            "not a job",
        ),
        (completions(node, (w1, "completed"), (424242, "completed")), NotFound, "424242"),
    ]
    for items, error, message in cases:
        with pytest.raises(error, match=message), engine.change() as conn:
            lifecycle.complete_jobs(conn, d.wf, 1, items, engine.events)
        assert b.snapshot(engine, d.wf) == before
    with pytest.raises(StateConflict, match="run_id"), engine.change() as conn:
        lifecycle.complete_jobs(conn, d.wf, 2, completions(node, (w1, "completed")), engine.events)
    with pytest.raises(NotFound), engine.change() as conn:
        lifecycle.complete_jobs(conn, 8080, 1, completions(node, (w1, "completed")), engine.events)
    assert b.snapshot(engine, d.wf) == before


def test_complete_jobs_may_hold_a_job_and_its_dependent(engine: Engine) -> None:
    flow = b.chain(engine, "a", "b", "c")
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    with engine.change() as conn:
        lifecycle.complete_jobs(
            conn,
            flow.wf,
            0,
            completions(node, (flow["a"], "completed"), (flow["b"], "completed")),
            engine.events,
        )
    assert b.statuses(engine, flow.wf) == {"a": "completed", "b": "completed", "c": "ready"}


# ---------------------------------------------------------------------------------------------
# active compute nodes (the old "orphaned jobs" checks)


def test_active_node_is_set_by_start_and_cleared_by_completion_and_reset(engine: Engine) -> None:
    flow = b.independent(engine, 4)
    b.initialize(engine, flow.wf)
    n1 = b.compute_node(engine, flow.wf, "n1")
    n2 = b.compute_node(engine, flow.wf, "n2")
    j0, j1, j2, j3 = b.claim(engine, flow.wf, 4)
    b.start(engine, j0, n1)
    b.start(engine, j1, n1)
    b.start(engine, j2, n2)

    def on(node: int) -> list[int]:
        page = records.list_page(
            engine.db.conn,
            JOB,
            {"active_compute_node_id": node},
            offset=0,
            limit=100,
            base_conditions=[("t.workflow_id = ?", (flow.wf,))],
        )
        return [job["id"] for job in page.items]

    assert (on(n1), on(n2)) == ([j0, j1], [j2])
    b.complete(engine, j0, n1)
    assert on(n1) == [j1]
    with engine.change() as conn:
        lifecycle.reset_job_status(conn, flow.wf, failed_only=False, sink=engine.events)
    assert (on(n1), on(n2)) == ([], [])
    assert b.status(engine, j3) == "uninitialized"
