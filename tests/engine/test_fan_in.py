"""A job waiting for many others: each completion decrements its count of unfinished
dependencies; the last one makes it ready, whatever happened to the others meanwhile."""

from __future__ import annotations

from torc_server.engine import Engine

from . import builders as b
from .test_resets import set_status


def fan_in(engine: Engine, width: int, **end_fields: object) -> b.Built:
    wf = b.workflow(engine)
    specs: dict[str, dict[str, object]] = {f"m{i}": {} for i in range(width)}
    specs["end"] = {"after": [f"m{i}" for i in range(width)], **end_fields}
    built = b.Built(wf, b.add_jobs(engine, wf, specs))
    b.initialize(engine, wf)
    b.bump_run(engine, wf)
    return built


def unfinished(engine: Engine, job_id: int) -> int:
    row = engine.db.conn.execute("SELECT unfinished_deps FROM job WHERE id = ?", (job_id,))
    return row.fetchone()[0]


def test_the_last_completion_releases_a_wide_fan_in(engine: Engine) -> None:
    d = fan_in(engine, 50)
    node = b.compute_node(engine, d.wf)
    assert unfinished(engine, d["end"]) == 50
    *first, last = b.claim(engine, d.wf)
    for job_id in first:
        b.run_to_end(engine, job_id, node)
        assert b.status(engine, d["end"]) == "blocked"
    assert unfinished(engine, d["end"]) == 1
    b.run_to_end(engine, last, node)
    assert b.status(engine, d["end"]) == "ready"


def test_a_dependency_sent_back_to_ready_keeps_the_job_waiting(engine: Engine) -> None:
    """Its count went low when the dependency first finished; the job is recounted, not
    released, when the count reaches zero while that dependency runs again."""
    d = fan_in(engine, 3)
    node = b.compute_node(engine, d.wf)
    first, second, third = b.claim(engine, d.wf)
    b.run_to_end(engine, first, node)
    set_status(engine, first, "ready", b.run_id(engine, d.wf))
    b.run_to_end(engine, second, node)
    b.run_to_end(engine, third, node)
    assert b.status(engine, d["end"]) == "blocked"
    assert unfinished(engine, d["end"]) == 1
    (again,) = b.claim(engine, d.wf)
    assert again == first
    b.run_to_end(engine, first, node)
    assert b.status(engine, d["end"]) == "ready"


def test_a_failure_cancels_a_fan_in_at_once_and_the_rest_leaves_it_canceled(
    engine: Engine,
) -> None:
    d = fan_in(engine, 4)
    node = b.compute_node(engine, d.wf)
    first, *others = b.claim(engine, d.wf)
    b.start(engine, first, node)
    b.fail(engine, first, node)
    assert b.status(engine, d["end"]) == "canceled"
    for job_id in others:
        b.run_to_end(engine, job_id, node)
    assert b.status(engine, d["end"]) == "canceled"


def test_a_fan_in_that_ignores_failures_runs_after_all_finish(engine: Engine) -> None:
    d = fan_in(engine, 3, cancel_on_blocking_job_failure=False)
    node = b.compute_node(engine, d.wf)
    first, *others = b.claim(engine, d.wf)
    b.start(engine, first, node)
    b.fail(engine, first, node)
    assert b.status(engine, d["end"]) == "blocked"
    for job_id in others:
        b.run_to_end(engine, job_id, node)
    assert b.status(engine, d["end"]) == "ready"


def test_setting_a_job_blocked_recounts_what_it_waits_for(engine: Engine) -> None:
    d = fan_in(engine, 3)
    node = b.compute_node(engine, d.wf)
    first, *_ = b.claim(engine, d.wf)
    b.run_to_end(engine, first, node)
    set_status(engine, d["end"], "ready", b.run_id(engine, d.wf))
    set_status(engine, d["end"], "blocked", b.run_id(engine, d.wf))
    assert unfinished(engine, d["end"]) == 2
