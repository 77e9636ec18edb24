"""cancel_workflow, reset_workflow_status, reset_job_status (failed_only and downstream),
manage_status_change, is_workflow_complete; and the rerun of what failed."""

from __future__ import annotations

import pytest

from torc_server.engine import Engine, lifecycle
from torc_server.errors import NotFound, StateConflict
from torc_server.storage import records, workflows
from torc_server.storage.tables import SCHEDULED_COMPUTE_NODE

from . import builders as b


def cancel(engine: Engine, wf: int) -> dict:
    with engine.change() as conn:
        return lifecycle.cancel_workflow(conn, wf, engine.events)


def reset_status(engine: Engine, wf: int, *, force: bool = False) -> dict:
    with engine.change() as conn:
        return lifecycle.reset_workflow_status(conn, wf, force=force, sink=engine.events)


def reset_jobs(engine: Engine, wf: int, *, failed_only: bool = False) -> int:
    with engine.change() as conn:
        return lifecycle.reset_job_status(conn, wf, failed_only=failed_only, sink=engine.events)


def set_status(engine: Engine, job_id: int, status: str, run: int = 0) -> dict:
    with engine.change() as conn:
        return lifecycle.manage_status_change(conn, job_id, status, run, engine.events)


def is_complete(engine: Engine, wf: int) -> dict[str, bool]:
    return lifecycle.is_complete(engine.db.conn, wf)


def archive(engine: Engine, wf: int, archived: bool = True) -> None:
    with engine.change() as conn:
        conn.execute("UPDATE workflow_status SET is_archived = ? WHERE id = ?", (archived, wf))


# ---------------------------------------------------------------------------------------------
# cancel_workflow


def test_cancel_stops_claimed_and_running_jobs_and_leaves_the_rest(engine: Engine) -> None:
    wf = b.workflow(engine)
    ids = b.add_jobs(
        engine,
        wf,
        {"run": {}, "claimed": {}, "waiting": {}, "below": {"after": ["run"]}, "done": {}},
    )
    b.initialize(engine, wf)
    node = b.compute_node(engine, wf)
    b.complete(engine, ids["done"], node)
    run, _claimed = b.claim(engine, wf, 2)
    b.start(engine, run, node)
    status = cancel(engine, wf)
    assert status["is_canceled"] is True
    assert b.statuses(engine, wf) == {
        "run": "canceled",
        "claimed": "canceled",
        "waiting": "ready",
        "below": "blocked",
        "done": "completed",
    }
    assert (
        engine.db.conn.execute(
            "SELECT COUNT(*) FROM job WHERE workflow_id = ? AND active_compute_node_id IS NOT NULL",
            (wf,),
        ).fetchone()[0]
        == 0
    )
    assert is_complete(engine, wf) == {
        "is_canceled": True,
        "is_complete": True,
        "needs_to_run_completion_script": False,
    }
    assert b.claim(engine, wf) == []
    assert b.event_types(engine, wf, category="workflow")[-1] == "workflow_canceled"


def test_cancel_on_missing_workflow_is_not_found(engine: Engine) -> None:
    with pytest.raises(NotFound, match="6060"):
        cancel(engine, 6060)


# ---------------------------------------------------------------------------------------------
# reset_workflow_status


def test_reset_status_clears_cancellation_and_keeps_run_id_and_jobs(engine: Engine) -> None:
    flow = b.independent(engine, 2)
    b.initialize(engine, flow.wf)
    b.bump_run(engine, flow.wf)
    cancel(engine, flow.wf)
    jobs_before = b.statuses(engine, flow.wf)
    status = reset_status(engine, flow.wf)
    assert (status["is_canceled"], status["run_id"]) == (False, 1)
    assert b.statuses(engine, flow.wf) == jobs_before
    assert b.event_types(engine, flow.wf, category="workflow")[-1] == "workflow_reset"
    assert len(b.claim(engine, flow.wf)) == 2


def test_reset_status_waits_for_active_jobs_unless_forced(engine: Engine) -> None:
    flow = b.independent(engine, 1)
    b.initialize(engine, flow.wf)
    b.claim(engine, flow.wf)
    cancel_flag = workflows.get_status(engine.db.conn, flow.wf)
    before = b.snapshot(engine, flow.wf)
    with pytest.raises(StateConflict, match="1 pending or running jobs"):
        reset_status(engine, flow.wf)
    assert b.snapshot(engine, flow.wf) == before
    assert reset_status(engine, flow.wf, force=True)["run_id"] == cancel_flag["run_id"]


@pytest.mark.parametrize("node_status", ["pending", "active"])
def test_reset_status_waits_for_allocations_unless_forced(engine: Engine, node_status: str) -> None:
    wf = b.workflow(engine)
    with engine.change() as conn:
        records.insert(
            conn,
            SCHEDULED_COMPUTE_NODE,
            {
                "workflow_id": wf,
                "scheduler_id": 12345,
                "scheduler_config_id": 1,
                "scheduler_type": "slurm",
                "status": node_status,
            },
        )
    with pytest.raises(StateConflict, match="1 pending or active scheduled compute nodes"):
        reset_status(engine, wf)
    reset_status(engine, wf, force=True)


def test_an_archived_workflow_refuses_resets_even_forced(engine: Engine) -> None:
    flow = b.independent(engine, 1)
    b.initialize(engine, flow.wf)
    cancel(engine, flow.wf)
    archive(engine, flow.wf)
    before = b.snapshot(engine, flow.wf)
    for force in (False, True):
        with pytest.raises(StateConflict) as refused:
            reset_status(engine, flow.wf, force=force)
        assert refused.value.message == (
            "Cannot reset archived workflow status. Unarchive the workflow first."
        )
    assert b.snapshot(engine, flow.wf) == before
    archive(engine, flow.wf, False)
    assert reset_status(engine, flow.wf)["is_canceled"] is False


def test_reset_status_of_missing_workflow_is_not_found(engine: Engine) -> None:
    with pytest.raises(NotFound, match="6061"):
        reset_status(engine, 6061)


# ---------------------------------------------------------------------------------------------
# reset_job_status


def test_reset_all_jobs_keeps_disabled_ones(engine: Engine) -> None:
    d = b.diamond(engine)
    b.set_job_fields(engine, [d["work2"]], status=9)
    b.initialize(engine, d.wf)
    node = b.compute_node(engine, d.wf)
    b.drain(engine, d.wf, node)
    assert reset_jobs(engine, d.wf) == 3
    assert b.statuses(engine, d.wf) == {
        "preprocess": "uninitialized",
        "work1": "uninitialized",
        "work2": "disabled",
        "postprocess": "uninitialized",
    }
    assert reset_jobs(engine, d.wf) == 0  # nothing left to reset
    (event, _) = [e for e in b.events(engine, d.wf) if e["type"] == "jobs_reset"]
    assert (event["failed_only"], event["updated_count"]) == (False, 3)


def test_reset_failed_only_resets_failures_and_everything_below(engine: Engine) -> None:
    # The old completion-reversal test: a failed upstream job resets its whole chain; jobs that
    # are not downstream keep their status.
    wf = b.workflow(engine)
    ids = b.add_jobs(
        engine,
        wf,
        {
            "setup": {},
            "bad": {"after": ["setup"]},
            "tolerant": {"after": ["bad"], "cancel_on_blocking_job_failure": False},
            "strict": {"after": ["bad"]},
            "final": {"after": ["tolerant", "strict"]},
            "other": {"after": ["setup"]},
        },
    )
    b.initialize(engine, wf)
    node = b.compute_node(engine, wf)
    b.drain(engine, wf, node, failing=[ids["bad"]])
    assert b.statuses(engine, wf) == {
        "setup": "completed",
        "bad": "failed",
        "tolerant": "completed",  # ran despite the failure
        "strict": "canceled",
        "final": "canceled",
        "other": "completed",
    }
    assert reset_jobs(engine, wf, failed_only=True) == 4
    assert b.statuses(engine, wf) == {
        "setup": "completed",
        "bad": "uninitialized",
        "tolerant": "uninitialized",  # completed, but below a failure: it runs again
        "strict": "uninitialized",
        "final": "uninitialized",
        "other": "completed",
    }
    b.initialize(engine, wf, only_uninitialized=True)
    assert b.statuses(engine, wf) == {
        "setup": "completed",
        "bad": "ready",
        "tolerant": "blocked",
        "strict": "blocked",
        "final": "blocked",
        "other": "completed",
    }
    b.bump_run(engine, wf)
    order = b.drain(engine, wf, node)
    assert order == [ids["bad"], ids["tolerant"], ids["strict"], ids["final"]]
    assert set(b.statuses(engine, wf).values()) == {"completed"}


@pytest.mark.parametrize("status", ["failed", "canceled", "terminated", "pending_failed"])
def test_reset_failed_only_covers_every_unsuccessful_status(engine: Engine, status: str) -> None:
    wf = b.workflow(engine)
    ids = b.add_jobs(engine, wf, {"x": {}, "ok": {}})
    b.initialize(engine, wf)
    node = b.compute_node(engine, wf)
    b.complete(engine, ids["x"], node, status)
    b.complete(engine, ids["ok"], node)
    assert reset_jobs(engine, wf, failed_only=True) == 1
    assert b.statuses(engine, wf) == {"x": "uninitialized", "ok": "completed"}


def test_reset_on_missing_workflow_is_not_found(engine: Engine) -> None:
    with pytest.raises(NotFound, match="6062"):
        reset_jobs(engine, 6062)


def test_the_diamond_rerun_repeats_only_what_failed(engine: Engine) -> None:
    d = b.diamond(engine)
    b.initialize(engine, d.wf)
    b.bump_run(engine, d.wf)
    node = b.compute_node(engine, d.wf)
    b.drain(engine, d.wf, node, failing=[d["work1"]])
    assert b.statuses(engine, d.wf) == {
        "preprocess": "completed",
        "work1": "failed",
        "work2": "completed",
        "postprocess": "canceled",
    }
    assert is_complete(engine, d.wf)["is_complete"] is True

    reset_jobs(engine, d.wf, failed_only=True)
    b.bump_run(engine, d.wf)
    reset_status(engine, d.wf)
    b.initialize(engine, d.wf, only_uninitialized=True)
    assert b.statuses(engine, d.wf) == {
        "preprocess": "completed",
        "work1": "ready",
        "work2": "completed",
        "postprocess": "blocked",
    }
    assert b.drain(engine, d.wf, node) == d.ids("work1", "postprocess")
    runs = sorted((r["job_id"], r["run_id"]) for r in b.results(engine, d.wf))
    assert runs == sorted(
        [
            (d["preprocess"], 1),
            (d["work1"], 1),
            (d["work2"], 1),
            (d["work1"], 2),
            (d["postprocess"], 2),
        ]
    )
    current = {r["job_id"]: r["run_id"] for r in b.results(engine, d.wf, current_only=True)}
    assert current == {d["preprocess"]: 1, d["work2"]: 1, d["work1"]: 2, d["postprocess"]: 2}


# ---------------------------------------------------------------------------------------------
# manage_status_change


def test_sending_a_finished_job_back_resets_what_is_below_it(engine: Engine) -> None:
    wf = b.workflow(engine)
    ids = b.add_jobs(
        engine,
        wf,
        {"a": {}, "b": {"after": ["a"]}, "c": {"after": ["b"]}, "side": {"after": ["a"]}},
    )
    b.set_job_fields(engine, [ids["side"]], status=9)
    b.initialize(engine, wf)
    node = b.compute_node(engine, wf)
    b.drain(engine, wf, node)
    changed = set_status(engine, ids["b"], "uninitialized")
    assert changed["status"] == "uninitialized"
    assert b.statuses(engine, wf) == {
        "a": "completed",
        "b": "uninitialized",
        "c": "uninitialized",
        "side": "disabled",
    }
    (event,) = [e for e in b.events(engine, wf) if e["type"] == "job_status_changed"]
    assert (event["job_id"], event["previous_status"], event["status"]) == (
        ids["b"],
        "completed",
        "uninitialized",
    )
    b.initialize(engine, wf, only_uninitialized=True)
    assert b.statuses(engine, wf)["b"] == "ready"


@pytest.mark.parametrize("status", ["completed", "failed", "canceled", "terminated"])
def test_completion_statuses_go_through_complete_job(engine: Engine, status: str) -> None:
    flow = b.chain(engine, "a")
    b.initialize(engine, flow.wf)
    before = b.snapshot(engine, flow.wf)
    with pytest.raises(StateConflict, match="complete_job"):
        set_status(engine, flow["a"], status)
    assert b.snapshot(engine, flow.wf) == before


def test_manage_status_change_checks_run_id_and_job(engine: Engine) -> None:
    flow = b.chain(engine, "a")
    b.initialize(engine, flow.wf)
    before = b.snapshot(engine, flow.wf)
    with pytest.raises(StateConflict, match="run_id 9"):
        set_status(engine, flow["a"], "uninitialized", run=9)
    with pytest.raises(NotFound, match="7070"):
        set_status(engine, 7070, "uninitialized")
    assert b.snapshot(engine, flow.wf) == before


def test_setting_the_same_status_changes_nothing(engine: Engine) -> None:
    flow = b.chain(engine, "a")
    b.initialize(engine, flow.wf)
    before = b.snapshot(engine, flow.wf)
    assert set_status(engine, flow["a"], "ready")["status"] == "ready"
    assert b.snapshot(engine, flow.wf) == before


def test_pending_failed_can_be_set_for_recovery(engine: Engine) -> None:
    flow = b.chain(engine, "a", "b")
    b.initialize(engine, flow.wf)
    assert set_status(engine, flow["a"], "pending_failed")["status"] == "pending_failed"
    assert b.status(engine, flow["b"]) == "blocked"


# ---------------------------------------------------------------------------------------------
# is_workflow_complete


def test_is_complete_counts_finished_and_disabled_jobs(engine: Engine) -> None:
    wf = b.workflow(engine)
    ids = b.add_jobs(engine, wf, {"a": {}, "b": {}, "off": {}})
    b.set_job_fields(engine, [ids["off"]], status=9)
    b.initialize(engine, wf)
    node = b.compute_node(engine, wf)
    assert is_complete(engine, wf)["is_complete"] is False
    b.complete(engine, ids["a"], node, "failed")
    assert is_complete(engine, wf)["is_complete"] is False
    b.complete(engine, ids["b"], node, "terminated")
    # An interrupted (terminated) job still has to run: the workflow is not complete.
    assert is_complete(engine, wf)["is_complete"] is False
    with engine.change() as conn:
        lifecycle.manage_status_change(conn, ids["b"], "ready", 0, engine.events)
    assert b.claim(engine, wf) == [ids["b"]]
    b.run_to_end(engine, ids["b"], node)
    assert is_complete(engine, wf) == {
        "is_canceled": False,
        "is_complete": True,
        "needs_to_run_completion_script": False,
    }
    with pytest.raises(NotFound):
        is_complete(engine, 8888)
