"""Workflow actions: config validation, trigger counting for the six trigger types, persistent
and one-shot claims, the pending list, and the reset on reinitialization."""

from __future__ import annotations

from typing import Any

import pytest

from torc_server.engine import Engine, actions, lifecycle
from torc_server.errors import Conflict, NotFound, StateConflict

from . import builders as b


def claim_action(engine: Engine, wf: int, action_id: int, node: int | None = None) -> None:
    with engine.change() as conn:
        actions.claim(conn, wf, action_id, node)


def create(engine: Engine, wf: int, **values: Any) -> dict[str, Any]:
    body = {
        "trigger_type": "on_workflow_start",
        "action_type": "run_commands",
        "action_config": {"commands": ["echo hi"]},
        **values,
    }
    with engine.change() as conn:
        return actions.create(conn, wf, body)


# ---------------------------------------------------------------------------------------------
# creation


def test_created_actions_start_unexecuted_with_their_required_count(engine: Engine) -> None:
    flow = b.independent(engine, 3)
    plain = create(engine, flow.wf, trigger_count=5, executed=True, required_triggers=9)
    assert (plain["trigger_count"], plain["required_triggers"], plain["executed"]) == (0, 1, False)
    assert plain["persistent"] is False
    listed = create(
        engine, flow.wf, trigger_type="on_jobs_complete", job_ids=flow.ids("j000", "j002")
    )
    assert (listed["required_triggers"], listed["job_ids"]) == (2, flow.ids("j000", "j002"))
    unlisted = create(engine, flow.wf, trigger_type="on_jobs_ready")
    assert unlisted["required_triggers"] == 1
    worker = create(engine, flow.wf, trigger_type="on_worker_start", job_ids=flow.ids("j000"))
    assert worker["required_triggers"] == 1  # only job triggers count their jobs


def test_the_path_workflow_wins_over_the_body(engine: Engine) -> None:
    wf = b.workflow(engine)
    other = b.workflow(engine)
    action = create(engine, wf, workflow_id=other)
    assert action["workflow_id"] == wf


@pytest.mark.parametrize(
    ("action_type", "config", "fragment"),
    [
        ("run_commands", {"commands": []}, "commands"),
        ("run_commands", {"commands": "echo"}, "commands"),
        ("run_commands", {"commands": ["ok", 3]}, "commands"),
        ("run_commands", {"commands": ["ok", "  "]}, "commands"),
        ("run_commands", {}, "commands"),
        ("run_commands", {"commands": ["x"], "cwd": "/tmp"}, "cwd"),
        ("schedule_nodes", {"num_allocations": "2"}, "num_allocations"),
        ("schedule_nodes", {"scheduler_id": True}, "scheduler_id"),
        ("schedule_nodes", {"start_one_worker_per_node": 1}, "start_one_worker_per_node"),
        ("schedule_nodes", {"scheduler": "gpu"}, "scheduler"),
    ],
)
def test_action_config_is_checked(
    engine: Engine, action_type: str, config: dict[str, Any], fragment: str
) -> None:
    wf = b.workflow(engine)
    with pytest.raises(StateConflict, match=fragment):
        create(engine, wf, action_type=action_type, action_config=config)
    assert actions.list_for(engine.db.conn, wf) == []


def test_valid_configs_are_stored_as_given(engine: Engine) -> None:
    wf = b.workflow(engine)
    schedule = {
        "scheduler_id": 1,
        "scheduler_type": "slurm",
        "num_allocations": 2,
        "start_one_worker_per_node": True,
        "max_parallel_jobs": 8,
    }
    assert (
        create(engine, wf, action_type="schedule_nodes", action_config=schedule)["action_config"]
        == schedule
    )
    custom = {"anything": [1, {"goes": None}]}
    assert create(engine, wf, action_type="notify", action_config=custom)["action_config"] == custom


def test_unknown_trigger_or_foreign_jobs_are_refused(engine: Engine) -> None:
    wf = b.workflow(engine)
    foreign = b.independent(engine, 1)
    with pytest.raises(StateConflict, match="on_tuesday"):
        create(engine, wf, trigger_type="on_tuesday")
    with pytest.raises(NotFound, match=str(foreign["j000"])):
        create(engine, wf, trigger_type="on_jobs_ready", job_ids=[foreign["j000"]])
    with pytest.raises(NotFound, match="9191"):
        create(engine, 9191)
    assert actions.list_for(engine.db.conn, wf) == []


# ---------------------------------------------------------------------------------------------
# triggers


def test_start_and_worker_triggers_fire_on_initialization(engine: Engine) -> None:
    flow = b.chain(engine, "a", "b")
    ids = {
        trigger: b.add_action(engine, flow.wf, trigger)
        for trigger in ("on_workflow_start", "on_worker_start", "on_worker_complete")
    }
    assert b.pending_actions(engine, flow.wf) == []
    b.initialize(engine, flow.wf)
    assert b.pending_actions(engine, flow.wf) == sorted(ids.values())
    assert b.pending_actions(engine, flow.wf, "on_worker_start") == [ids["on_worker_start"]]
    assert b.pending_actions(engine, flow.wf, "on_worker_start", "on_workflow_start") == [
        ids["on_workflow_start"],
        ids["on_worker_start"],
    ]


def test_on_jobs_ready_fires_when_the_last_listed_job_is_ready(engine: Engine) -> None:
    d = b.diamond(engine)
    middle = b.add_action(engine, d.wf, "on_jobs_ready", d.ids("work1", "work2"))
    first = b.add_action(engine, d.wf, "on_jobs_ready", d.ids("preprocess"))
    b.initialize(engine, d.wf)
    assert b.pending_actions(engine, d.wf) == [first]
    assert b.action(engine, middle)["trigger_count"] == 0
    node = b.compute_node(engine, d.wf)
    b.run_to_end(engine, b.claim(engine, d.wf)[0], node)
    assert b.action(engine, middle)["trigger_count"] == 2
    assert b.pending_actions(engine, d.wf) == [middle, first]


def test_on_jobs_ready_counts_each_listed_job_as_it_becomes_ready(engine: Engine) -> None:
    wf = b.workflow(engine)
    ids = b.add_jobs(engine, wf, {"a": {}, "b": {}, "x": {"after": ["a"]}, "y": {"after": ["b"]}})
    action = b.add_action(engine, wf, "on_jobs_ready", [ids["x"], ids["y"]])
    b.initialize(engine, wf)
    node = b.compute_node(engine, wf)
    b.complete(engine, ids["a"], node)
    assert b.action(engine, action)["trigger_count"] == 1
    assert b.pending_actions(engine, wf) == []
    b.complete(engine, ids["b"], node)
    assert b.pending_actions(engine, wf) == [action]


def test_on_jobs_ready_does_not_fire_for_canceled_jobs(engine: Engine) -> None:
    flow = b.chain(engine, "a", "b")
    action = b.add_action(engine, flow.wf, "on_jobs_ready", flow.ids("b"))
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    b.fail(engine, flow["a"], node)
    assert b.status(engine, flow["b"]) == "canceled"
    # b never became ready: allocating nodes for it would be wasted.
    assert b.action(engine, action)["trigger_count"] == 0
    assert b.pending_actions(engine, flow.wf) == []


def test_on_jobs_complete_counts_failures_and_cancellations(engine: Engine) -> None:
    d = b.diamond(engine)
    action = b.add_action(engine, d.wf, "on_jobs_complete", d.ids("work1", "postprocess"))
    b.initialize(engine, d.wf)
    node = b.compute_node(engine, d.wf)
    b.run_to_end(engine, b.claim(engine, d.wf)[0], node)
    assert b.action(engine, action)["trigger_count"] == 0
    w1, w2 = b.claim(engine, d.wf)
    b.start(engine, w1, node)
    b.fail(engine, w1, node)  # postprocess is canceled by the same completion
    assert b.status(engine, d["postprocess"]) == "canceled"
    assert b.action(engine, action)["trigger_count"] == 2
    assert b.pending_actions(engine, d.wf) == [action]
    b.run_to_end(engine, w2, node)


def test_job_triggers_without_jobs_watch_the_whole_workflow(engine: Engine) -> None:
    flow = b.chain(engine, "a", "b")
    off = b.add_jobs(engine, flow.wf, {"off": {}})["off"]
    b.set_job_fields(engine, [off], status=9)
    ready = b.add_action(engine, flow.wf, "on_jobs_ready")
    done = b.add_action(engine, flow.wf, "on_jobs_complete")
    b.initialize(engine, flow.wf)
    assert b.pending_actions(engine, flow.wf) == []
    node = b.compute_node(engine, flow.wf)
    b.complete(engine, flow["a"], node)
    assert b.pending_actions(engine, flow.wf) == [ready]
    b.complete(engine, flow["b"], node)
    assert b.pending_actions(engine, flow.wf) == [ready, done]


def test_on_workflow_complete_fires_when_the_last_job_finishes(engine: Engine) -> None:
    d = b.diamond(engine)
    action = b.add_action(engine, d.wf, "on_workflow_complete")
    b.initialize(engine, d.wf)
    node = b.compute_node(engine, d.wf)
    b.run_to_end(engine, b.claim(engine, d.wf)[0], node)
    b.drain(engine, d.wf, node)
    assert b.pending_actions(engine, d.wf) == [action]


def test_on_workflow_complete_fires_when_a_cascade_ends_the_workflow(engine: Engine) -> None:
    d = b.diamond(engine)
    action = b.add_action(engine, d.wf, "on_workflow_complete")
    b.initialize(engine, d.wf)
    node = b.compute_node(engine, d.wf)
    b.fail(engine, d["preprocess"], node)
    assert b.pending_actions(engine, d.wf) == [action]


def test_on_workflow_complete_fires_on_cancellation(engine: Engine) -> None:
    d = b.diamond(engine)
    action = b.add_action(engine, d.wf, "on_workflow_complete")
    b.initialize(engine, d.wf)
    assert b.pending_actions(engine, d.wf) == []
    with engine.change() as conn:
        lifecycle.cancel_workflow(conn, d.wf, engine.events)
    assert b.pending_actions(engine, d.wf) == [action]


def test_on_workflow_complete_waits_for_pending_failed_jobs(engine: Engine) -> None:
    flow = b.chain(engine, "a")
    action = b.add_action(engine, flow.wf, "on_workflow_complete")
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    b.complete(engine, flow["a"], node, "pending_failed")
    assert b.pending_actions(engine, flow.wf) == []
    b.fail(engine, flow["a"], node)
    assert b.pending_actions(engine, flow.wf) == [action]


# ---------------------------------------------------------------------------------------------
# claims


def test_a_one_shot_action_is_claimed_once(engine: Engine) -> None:
    flow = b.chain(engine, "a")
    action = b.add_action(engine, flow.wf, "on_workflow_start")
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    claim_action(engine, flow.wf, action, node)
    stored = b.action(engine, action)
    assert (stored["executed"], stored["executed_by"]) == (True, node)
    assert isinstance(stored["executed_at"], str)
    assert b.pending_actions(engine, flow.wf) == []
    with pytest.raises(Conflict, match="already claimed") as refused:
        claim_action(engine, flow.wf, action, node)
    assert refused.value.extra == {"claimed": False}
    assert b.action(engine, action) == stored


def test_a_persistent_action_is_claimed_by_every_worker(engine: Engine) -> None:
    flow = b.chain(engine, "a")
    action = b.add_action(engine, flow.wf, "on_worker_start", persistent=True)
    b.initialize(engine, flow.wf)
    nodes = [b.compute_node(engine, flow.wf, f"n{i}") for i in range(3)]
    for node in nodes:
        claim_action(engine, flow.wf, action, node)
        assert b.pending_actions(engine, flow.wf) == [action]
    stored = b.action(engine, action)
    assert stored["executed"] is False
    assert stored["executed_by"] == nodes[-1]
    claim_action(engine, flow.wf, action)  # a claim without a compute node


def test_claims_of_missing_or_foreign_actions_are_not_found(engine: Engine) -> None:
    wf = b.workflow(engine)
    other = b.workflow(engine)
    foreign = b.add_action(engine, other, "on_workflow_start")
    with pytest.raises(NotFound, match="does not belong"):
        claim_action(engine, wf, foreign)
    with pytest.raises(NotFound, match="4321"):
        claim_action(engine, wf, 4321)
    with pytest.raises(NotFound, match="Compute node"):
        claim_action(engine, other, foreign, 4322)
    assert b.action(engine, foreign)["executed"] is False


# ---------------------------------------------------------------------------------------------
# reinitialization


def test_reinitializing_resets_actions_and_recounts_from_job_states(engine: Engine) -> None:
    # The user guide's scenario: job1 fails, job2 succeeds; postprocess needs both.
    wf = b.workflow(engine)
    ids = b.add_jobs(engine, wf, {"job1": {}, "job2": {}, "post": {"after": ["job1", "job2"]}})
    start = b.add_action(engine, wf, "on_workflow_start")
    ready = b.add_action(engine, wf, "on_jobs_ready", [ids["post"]])
    both = b.add_action(engine, wf, "on_jobs_complete", [ids["job1"], ids["job2"]])
    b.initialize(engine, wf)
    # A recovery action added during the run is dropped by the next initialization.
    recovery = b.add_action(engine, wf, "on_workflow_start", is_recovery=True)
    node = b.compute_node(engine, wf)
    claim_action(engine, wf, start, node)
    b.drain(engine, wf, node, failing=[ids["job1"]])
    assert b.status(engine, ids["post"]) == "canceled"
    claim_action(engine, wf, both, node)
    assert b.action(engine, ready)["trigger_count"] == 0
    assert [a["id"] for a in actions.list_for(engine.db.conn, wf)][-1] == recovery

    with engine.change() as conn:
        lifecycle.reset_job_status(conn, wf, failed_only=True, sink=engine.events)
    b.initialize(engine, wf, only_uninitialized=True)
    assert [a["id"] for a in actions.list_for(engine.db.conn, wf)] == [start, ready, both]
    assert b.action(engine, start)["executed"] is False
    assert b.action(engine, both)["executed"] is False
    # job2 is still completed: it counts toward the jobs-complete trigger.
    assert b.action(engine, both)["trigger_count"] == 1
    assert b.pending_actions(engine, wf) == [start]
    b.drain(engine, wf, node)
    assert b.pending_actions(engine, wf) == [start, ready, both]
