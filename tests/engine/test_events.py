"""Events: persisted for every lifecycle change, listed with filters and after_timestamp, and
broadcast live (by level, per workflow) only once the change commits."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest

from torc_server.engine import Engine, events, lifecycle
from torc_server.engine.events import QUEUE_SIZE

from . import builders as b


def test_every_lifecycle_change_records_an_event(engine: Engine) -> None:
    d = b.diamond(engine)
    b.initialize(engine, d.wf)
    node = b.compute_node(engine, d.wf)
    (pre,) = b.claim(engine, d.wf)
    b.start(engine, pre, node)
    b.complete(engine, pre, node)
    w1, w2 = b.claim(engine, d.wf)
    b.start(engine, w1, node)
    with engine.change() as conn:
        lifecycle.retry_job(conn, w1, 0, None, engine.events)
    b.complete(engine, w1, node, "failed")  # postprocess is canceled at once
    b.complete(engine, w2, node, "terminated")
    with engine.change() as conn:
        lifecycle.manage_status_change(conn, w2, "uninitialized", 0, engine.events)
        lifecycle.reset_job_status(conn, d.wf, failed_only=True, sink=engine.events)
        lifecycle.reset_workflow_status(conn, d.wf, force=False, sink=engine.events)
    b.initialize(engine, d.wf, only_uninitialized=True)
    b.set_job_fields(engine, [pre], command="changed")
    with engine.change() as conn:
        lifecycle.process_changed_job_inputs(conn, d.wf, dry_run=False, sink=engine.events)
        lifecycle.cancel_workflow(conn, d.wf, engine.events)

    recorded = b.events(engine, d.wf)
    assert [e["type"] for e in recorded] == [
        "workflow_started",
        "job_started",
        "job_completed",
        "job_started",
        "job_retried",
        "job_failed",
        "job_canceled",
        "job_terminated",
        "job_status_changed",
        "jobs_reset",
        "workflow_reset",
        "workflow_reinitialized",
        "job_inputs_changed",
        "workflow_canceled",
    ]
    severities = {e["type"]: e["severity"] for e in recorded}
    assert severities["job_completed"] == "info"
    assert severities["job_failed"] == "error"
    assert severities["job_terminated"] == "warning"
    assert severities["job_canceled"] == "warning"
    # Every event names its category and, for jobs, the job.
    for event in recorded:
        assert event["category"] == event["type"].split("_")[0]
        if event["category"] == "job" and event["type"] != "job_inputs_changed":
            assert event["job_id"] in d.jobs.values()
    assert [e["job_id"] for e in recorded if e["type"] == "job_canceled"] == [d["postprocess"]]


def test_events_are_listed_by_category_and_after_a_timestamp(engine: Engine) -> None:
    flow = b.chain(engine, "a")
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    (job,) = b.claim(engine, flow.wf)
    b.start(engine, job, node)
    started_at = b.events(engine, flow.wf, category="job")[0]["timestamp"]
    time.sleep(0.005)
    b.complete(engine, job, node)
    assert b.event_types(engine, flow.wf, category="workflow") == ["workflow_started"]
    assert b.event_types(engine, flow.wf, category="job") == ["job_started", "job_completed"]
    assert b.event_types(engine, flow.wf, after_timestamp=started_at) == ["job_completed"]
    assert b.event_types(engine, flow.wf, category="job", after_timestamp=started_at) == [
        "job_completed"
    ]
    assert b.event_types(engine, flow.wf, category="compute") == []
    # Another workflow's events are not listed with this one.
    other = b.chain(engine, "z")
    b.initialize(engine, other.wf)
    assert b.event_types(engine, flow.wf, category="workflow") == ["workflow_started"]


def test_a_refused_change_records_no_event(engine: Engine) -> None:
    flow = b.chain(engine, "a", "b")
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    before = b.events(engine, flow.wf)
    with pytest.raises(RuntimeError), engine.change() as conn:
        lifecycle.complete_job(conn, flow["a"], "failed", 0, b.result(node, 1), engine.events)
        raise RuntimeError("rolled back")
    assert b.events(engine, flow.wf) == before
    assert engine.events._pending == []


# ---------------------------------------------------------------------------------------------
# live subscribers


async def _collect(engine: Engine, wf: int, level: str, count: int) -> list[tuple[str, str]]:
    """Read `count` frames from a subscription (or stop after a short wait)."""
    frames: list[tuple[str, str]] = []
    stream = engine.events.subscribe(wf, level)
    try:
        while len(frames) < count:
            frames.append(await asyncio.wait_for(anext(stream), 0.2))
    except TimeoutError:
        pass
    finally:
        await stream.aclose()
    return frames


def _live(engine: Engine, wf: int, levels: list[str], act: Any, count: int = 100) -> dict:
    """Subscribe at each level, run `act` (synchronous engine changes), answer the frames each
    subscriber received (event names)."""

    async def main() -> dict[str, list[str]]:
        tasks = {level: asyncio.create_task(_collect(engine, wf, level, count)) for level in levels}
        await asyncio.sleep(0.01)  # every subscriber is registered
        act()
        return {level: [name for name, _ in await task] for level, task in tasks.items()}

    return asyncio.run(main())


def test_live_events_are_filtered_by_level_and_workflow(engine: Engine) -> None:
    flow = b.chain(engine, "a", "b")
    other = b.chain(engine, "x")
    node = b.compute_node(engine, flow.wf)

    def act() -> None:
        b.initialize(engine, other.wf)
        b.initialize(engine, flow.wf)
        (job,) = b.claim(engine, flow.wf)
        b.start(engine, job, node)
        b.complete(engine, job, node, "failed")

    frames = _live(engine, flow.wf, ["debug", "info", "warning", "error"], act)
    assert frames["debug"] == [
        "workflow_started",
        "job_started",
        "job_failed",
        "job_canceled",
    ]
    assert frames["info"] == frames["debug"]
    assert frames["warning"] == ["job_failed", "job_canceled"]
    assert frames["error"] == ["job_failed"]


def test_live_frames_carry_the_event(engine: Engine) -> None:
    flow = b.chain(engine, "a")
    frames: list[tuple[str, str]] = []

    async def main() -> None:
        task = asyncio.create_task(_collect(engine, flow.wf, "info", 1))
        await asyncio.sleep(0.01)
        b.initialize(engine, flow.wf)
        frames.extend(await task)

    asyncio.run(main())
    ((name, data),) = frames
    payload = json.loads(data)
    assert name == "workflow_started"
    assert set(payload) == {"workflow_id", "timestamp", "event_type", "severity", "data"}
    assert (payload["workflow_id"], payload["event_type"], payload["severity"]) == (
        flow.wf,
        "workflow_started",
        "info",
    )
    assert payload["data"] == {"only_uninitialized": False}


def test_live_events_wait_for_the_commit_and_vanish_on_rollback(engine: Engine) -> None:
    flow = b.chain(engine, "a")

    def act() -> None:
        with pytest.raises(RuntimeError), engine.change() as conn:
            lifecycle.initialize_jobs(conn, flow.wf, only_uninitialized=False, sink=engine.events)
            raise RuntimeError("rolled back")
        with engine.change() as conn:
            lifecycle.initialize_jobs(conn, flow.wf, only_uninitialized=True, sink=engine.events)
            # Not yet published while the transaction is open.
            assert all(sub.queue.empty() for sub in engine.events._subscribers)

    assert _live(engine, flow.wf, ["debug"], act) == {"debug": ["workflow_reinitialized"]}


def test_a_slow_subscriber_is_told_how_many_events_it_missed(engine: Engine) -> None:
    flow = b.chain(engine, "a")
    extra = 7

    def act() -> None:
        with engine.change() as conn:
            for _ in range(QUEUE_SIZE + extra):
                engine.events.emit(conn, flow.wf, "job_started", "info", {}, persist=False)

    frames = _live(engine, flow.wf, ["info"], act, count=QUEUE_SIZE + 2)["info"]
    # The queue was full: the first frame read is the queued event, then the warning.
    assert frames.count("job_started") == QUEUE_SIZE
    assert "warning" in frames


@pytest.mark.parametrize(
    ("data", "stored"),
    [
        ({"job_id": 3}, '{"category":"job","type":"job_started","severity":"info","job_id":3}'),
        ({}, '{"category":"job","type":"job_started","severity":"info"}'),
        # data naming a heading's key takes its place, as a merged dict would
        ({"type": "x", "n": 1}, '{"category":"job","type":"x","severity":"info","n":1}'),
    ],
)
def test_an_events_stored_json_is_its_heading_then_its_data(
    data: dict[str, object], stored: str
) -> None:
    assert events._stored("job_started", "info", data) == stored
    assert events._stored("job_started", "info", data) == stored  # the heading cached


def test_events_are_stamped_in_id_order_when_the_clock_goes_back(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clock set back does not stamp an event before the one written earlier: a workflow's
    events list in id order from their timestamp index."""
    wf = b.workflow(engine)
    clock = iter([2_000_000.0, 1_000_000.0, 2_000_000.5])
    monkeypatch.setattr(events.time, "time", lambda: next(clock))
    with engine.change() as conn:
        for kind in ("first", "second", "third"):
            engine.events.emit(conn, wf, f"test_{kind}", "info", {})
    stamps = [e["timestamp"] for e in b.events(engine, wf, category="test")]
    assert stamps == [2_000_000_000, 2_000_000_000, 2_000_000_500]
