"""initialize_jobs: dependencies from explicit edges, files and user data; blocked or ready;
only_uninitialized; disabled jobs; results, hashes, ephemeral data and the event it records."""

from __future__ import annotations

import pytest

from torc_server.engine import Engine, lifecycle
from torc_server.errors import NotFound
from torc_server.storage import jobs

from . import builders as b


def edges(engine: Engine, wf: int) -> set[tuple[int, int]]:
    rows = engine.db.conn.execute(
        "SELECT job_id, depends_on_job_id FROM job_depends_on WHERE workflow_id = ?", (wf,)
    )
    return {(r[0], r[1]) for r in rows}


def test_explicit_edges_block_dependents(engine: Engine) -> None:
    flow = b.chain(engine, "a", "b", "c")
    assert set(b.statuses(engine, flow.wf).values()) == {"uninitialized"}
    b.initialize(engine, flow.wf)
    assert b.statuses(engine, flow.wf) == {"a": "ready", "b": "blocked", "c": "blocked"}


def test_file_edges_become_dependencies(engine: Engine) -> None:
    d = b.diamond(engine)
    assert edges(engine, d.wf) == set()  # nothing is derived before initialization
    b.initialize(engine, d.wf)
    pre, w1, w2, post = d.ids("preprocess", "work1", "work2", "postprocess")
    assert edges(engine, d.wf) == {(w1, pre), (w2, pre), (post, w1), (post, w2)}
    assert b.statuses(engine, d.wf) == {
        "preprocess": "ready",
        "work1": "blocked",
        "work2": "blocked",
        "postprocess": "blocked",
    }
    assert b.job(engine, post)["depends_on_job_ids"] == [w1, w2]


def test_user_data_edges_become_dependencies(engine: Engine) -> None:
    wf = b.workflow(engine)
    ud = b.user_data(engine, wf, "params")
    ids = b.add_jobs(
        engine,
        wf,
        {
            "consumer": {"input_user_data_ids": [ud]},
            "producer": {"output_user_data_ids": [ud]},
            "bystander": {},
        },
    )
    b.initialize(engine, wf)
    assert edges(engine, wf) == {(ids["consumer"], ids["producer"])}
    assert b.statuses(engine, wf) == {
        "consumer": "blocked",
        "producer": "ready",
        "bystander": "ready",
    }


def test_input_nobody_produces_adds_no_dependency(engine: Engine) -> None:
    wf = b.workflow(engine)
    given = b.file(engine, wf, "given")
    ids = b.add_jobs(engine, wf, {"reader": {"input_file_ids": [given]}})
    b.initialize(engine, wf)
    assert edges(engine, wf) == set()
    assert b.status(engine, ids["reader"]) == "ready"


def test_a_job_reading_its_own_output_does_not_depend_on_itself(engine: Engine) -> None:
    wf = b.workflow(engine)
    f = b.file(engine, wf, "state")
    ids = b.add_jobs(engine, wf, {"loop": {"input_file_ids": [f], "output_file_ids": [f]}})
    b.initialize(engine, wf)
    assert edges(engine, wf) == set()
    assert b.status(engine, ids["loop"]) == "ready"


def test_all_three_edge_kinds_together(engine: Engine) -> None:
    wf = b.workflow(engine)
    f = b.file(engine, wf, "f")
    ud = b.user_data(engine, wf, "ud")
    ids = b.add_jobs(
        engine,
        wf,
        {
            "a": {"output_file_ids": [f]},
            "b": {"output_user_data_ids": [ud]},
            "c": {},
            "d": {"input_file_ids": [f], "input_user_data_ids": [ud], "after": ["c"]},
        },
    )
    b.initialize(engine, wf)
    assert {up for down, up in edges(engine, wf) if down == ids["d"]} == {
        ids["a"],
        ids["b"],
        ids["c"],
    }
    # d becomes ready only after all three finished.
    node = b.compute_node(engine, wf)
    for name in ("a", "b"):
        b.complete(engine, ids[name], node)
        assert b.status(engine, ids["d"]) == "blocked"
    b.complete(engine, ids["c"], node)
    assert b.status(engine, ids["d"]) == "ready"


def test_reinitializing_keeps_finished_jobs_and_reevaluates_the_rest(engine: Engine) -> None:
    flow = b.chain(engine, "a", "b", "c", "d")
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    b.complete(engine, flow["a"], node)
    (claimed,) = b.claim(engine, flow.wf)
    b.start(engine, claimed, node)
    assert b.statuses(engine, flow.wf) == {
        "a": "completed",
        "b": "running",
        "c": "blocked",
        "d": "blocked",
    }
    b.initialize(engine, flow.wf)
    # Finished, running (and pending) jobs keep their status; blocked ones are evaluated again.
    assert b.statuses(engine, flow.wf) == {
        "a": "completed",
        "b": "running",
        "c": "blocked",
        "d": "blocked",
    }


def test_a_job_whose_dependencies_all_finished_is_ready_on_initialization(engine: Engine) -> None:
    flow = b.chain(engine, "a", "b")
    node = b.compute_node(engine, flow.wf)
    # complete_job does not require the job to be running: finish `a` before initializing.
    b.complete(engine, flow["a"], node)
    b.initialize(engine, flow.wf)
    assert b.statuses(engine, flow.wf) == {"a": "completed", "b": "ready"}


def test_only_uninitialized_leaves_the_rest_and_spreads_downstream(engine: Engine) -> None:
    flow = b.chain(engine, "a", "b", "c")
    side = b.add_jobs(engine, flow.wf, {"side": {}})["side"]
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    b.drain(engine, flow.wf, node)
    assert set(b.statuses(engine, flow.wf).values()) == {"completed"}

    # Only b is sent back (directly, without the downstream reset manage_status_change does);
    # initialize_jobs(only_uninitialized) sends c back too because it is below b.
    b.set_job_fields(engine, [flow["b"]], status=0)
    b.initialize(engine, flow.wf, only_uninitialized=True)
    assert b.statuses(engine, flow.wf) == {
        "a": "completed",
        "b": "ready",
        "c": "blocked",
        "side": "completed",
    }
    assert b.status(engine, side) == "completed"


def test_only_uninitialized_does_not_touch_blocked_or_ready_jobs(engine: Engine) -> None:
    wf = b.workflow(engine)
    ids = b.add_jobs(engine, wf, {"a": {}, "b": {"after": ["a"]}, "fresh": {}})
    b.initialize(engine, wf)
    b.set_job_fields(engine, [ids["b"]], status=2)  # a fixture state: b ready too early
    b.set_job_fields(engine, [ids["fresh"]], status=0)
    b.initialize(engine, wf, only_uninitialized=True)
    assert b.statuses(engine, wf) == {"a": "ready", "b": "ready", "fresh": "ready"}
    b.initialize(engine, wf)
    assert b.statuses(engine, wf) == {"a": "ready", "b": "blocked", "fresh": "ready"}


def test_disabled_jobs_keep_their_status(engine: Engine) -> None:
    wf = b.workflow(engine)
    ids = b.add_jobs(engine, wf, {"on": {}, "off": {}, "below_off": {"after": ["off"]}})
    with engine.change() as conn:
        jobs.update(conn, ids["off"], {"status": "disabled"})
        assert lifecycle.is_uninitialized(conn, wf) is True
    b.initialize(engine, wf)
    assert b.statuses(engine, wf) == {"on": "ready", "off": "disabled", "below_off": "blocked"}
    b.initialize(engine, wf, only_uninitialized=True)
    assert b.status(engine, ids["off"]) == "disabled"
    # A disabled job is never claimed, and does not keep the workflow from being complete.
    assert b.claim(engine, wf) == [ids["on"]]
    node = b.compute_node(engine, wf)
    b.run_to_end(engine, ids["on"], node)
    with engine.change() as conn:
        # below_off waits on a job that will never run (as the old server did).
        assert lifecycle.is_complete(conn, wf)["is_complete"] is False
        jobs.update(conn, ids["below_off"], {"status": "disabled"})
        assert lifecycle.is_complete(conn, wf)["is_complete"] is True


def test_initialization_drops_current_results_of_jobs_that_will_run_again(engine: Engine) -> None:
    flow = b.chain(engine, "a", "b")
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    b.drain(engine, flow.wf, node)
    assert len(b.results(engine, flow.wf, current_only=True)) == 2
    with engine.change() as conn:
        lifecycle.manage_status_change(conn, flow["b"], "uninitialized", 0, engine.events)
    b.initialize(engine, flow.wf, only_uninitialized=True)
    (current,) = b.results(engine, flow.wf, current_only=True)
    assert current["job_id"] == flow["a"]
    assert len(b.results(engine, flow.wf)) == 2  # the history stays


def test_initialization_records_every_input_hash(engine: Engine) -> None:
    d = b.diamond(engine)
    b.set_job_fields(engine, [d["work2"]], status=9)  # disabled jobs are hashed too
    b.initialize(engine, d.wf)
    hashes = dict(
        engine.db.conn.execute("SELECT id, input_hash FROM job WHERE workflow_id = ?", (d.wf,))
    )
    assert set(hashes) == set(d.jobs.values())
    assert all(isinstance(h, bytes) and len(h) == 32 for h in hashes.values())  # SHA-256
    assert len(set(hashes.values())) == 4


def test_ephemeral_user_data_is_cleared_unless_asked_not_to(engine: Engine) -> None:
    wf = b.workflow(engine)
    kept = b.user_data(engine, wf, "kept", {"x": 1})
    temp = b.user_data(engine, wf, "temp", {"y": 2}, is_ephemeral=True)
    with engine.change() as conn:
        lifecycle.initialize_jobs(
            conn, wf, only_uninitialized=False, clear_ephemeral_user_data=False, sink=engine.events
        )

    def data(ud: int) -> object:
        return engine.db.conn.execute("SELECT data FROM user_data WHERE id = ?", (ud,)).fetchone()[
            0
        ]

    assert data(temp) is not None
    b.initialize(engine, wf)
    assert data(temp) is None
    assert data(kept) is not None


def test_initialization_events_name_the_kind_of_start(engine: Engine) -> None:
    flow = b.chain(engine, "a")
    b.initialize(engine, flow.wf)
    b.initialize(engine, flow.wf, only_uninitialized=True)
    started, reinitialized = b.events(engine, flow.wf, category="workflow")
    assert (started["type"], started["only_uninitialized"]) == ("workflow_started", False)
    assert (reinitialized["type"], reinitialized["only_uninitialized"]) == (
        "workflow_reinitialized",
        True,
    )


def test_initializing_a_missing_workflow_is_not_found(engine: Engine) -> None:
    with pytest.raises(NotFound, match="999"), engine.change() as conn:
        lifecycle.initialize_jobs(conn, 999, only_uninitialized=False, sink=engine.events)


def test_is_uninitialized(engine: Engine) -> None:
    empty = b.workflow(engine)
    flow = b.chain(engine, "a", "b")
    conn = engine.db.conn
    assert lifecycle.is_uninitialized(conn, empty) is True
    assert lifecycle.is_uninitialized(conn, flow.wf) is True
    b.initialize(engine, flow.wf)
    assert lifecycle.is_uninitialized(conn, flow.wf) is False
    with pytest.raises(NotFound):
        lifecycle.is_uninitialized(conn, 999)
