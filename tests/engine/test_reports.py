"""A runner's report (engine/reports.py): starts, completions and a claim applied set-based in one
transaction, with the single-job operations' checks, results, events and releases; the facts
read with the opening read; the throttled heartbeat."""

from __future__ import annotations

from typing import Any

import pytest

from torc_server.engine import Engine, reports
from torc_server.engine.exchanges import Heartbeats
from torc_server.errors import InvalidRequest, NotFound, StateConflict
from torc_server.storage import jobs

from . import builders as b


def report(
    engine: Engine,
    wf: int,
    node: int,
    *,
    started: list[int] = (),  # type: ignore[assignment]
    completions: list[tuple[int, str, dict[str, Any]]] = (),  # type: ignore[assignment]
    claim: reports.Claim | None = None,
    run: int | None = None,
    read_first: bool = True,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One report from the runner of compute node `node`, as the complete_jobs handler sends
    it (`read_first`: the reported jobs read with the opening read, as the handler does)."""
    run = b.run_id(engine, wf) if run is None else run
    ids = [*started, *(job_id for job_id, _, _ in completions)] if read_first else []
    with engine.change() as conn:
        opening = reports.open_report(
            conn, wf, node, None, ids, run if completions else None, claims=claim is not None
        )
        return reports.apply(
            conn,
            wf,
            run,
            opening,
            node_id=node,
            started=list(started),
            completions=list(completions),
            claim=claim,
            sink=engine.events,
            known_node=node if opening.node_exists else None,
        )


def claim_of(node: int, limit: int = 10, *, start: bool = False) -> reports.Claim:
    return reports.Claim(compute_node_id=node, limit=limit, resources=None, start=start)


def done(job_id: int, node: int, status: str = "completed", **fields: Any) -> tuple:
    code = 0 if status == "completed" else 1
    return (job_id, status, b.result(node, code, **fields))


@pytest.mark.parametrize("read_first", [True, False])
def test_a_job_started_and_finished_in_one_report_is_written_as_both(
    engine: Engine, read_first: bool
) -> None:
    flow = b.independent(engine, 2)
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    _, claimed = report(engine, flow.wf, node, claim=claim_of(node))
    a, c = (job["id"] for job in claimed)
    assert [job["status"] for job in claimed] == ["pending", "pending"]
    finished, _ = report(
        engine, flow.wf, node, started=[a, c], completions=[done(a, node)], read_first=read_first
    )
    assert [(job["id"], job["status"]) for job in finished] == [(a, "completed")]
    assert b.status(engine, a) == "completed" and b.status(engine, c) == "running"
    held = engine.db.conn.execute(
        "SELECT id, active_compute_node_id FROM job WHERE workflow_id = ? ORDER BY id",
        (flow.wf,),
    ).fetchall()
    assert [tuple(row) for row in held] == [(a, None), (c, node)]
    assert [(e["type"], e["job_id"]) for e in b.events(engine, flow.wf, category="job")] == [
        ("job_started", a),
        ("job_started", c),
        ("job_completed", a),
    ]
    (result,) = b.results(engine, flow.wf, current_only=True)
    assert (result["job_id"], result["status"], result["attempt_id"]) == (a, "completed", 1)


def test_a_report_mixing_failures_and_completions_releases_and_cancels_dependents(
    engine: Engine,
) -> None:
    wf = b.workflow(engine)
    ids = b.add_jobs(
        engine,
        wf,
        {
            "a": {},
            "b": {},
            "after_a": {"after": ["a"]},  # cancels on a blocking failure (the default)
            "after_b": {"after": ["b"]},
            "after_both": {"after": ["a", "b"], "cancel_on_blocking_job_failure": False},
            "below": {"after": ["after_a"]},
        },
    )
    b.initialize(engine, wf)
    node = b.compute_node(engine, wf)
    _, claimed = report(engine, wf, node, claim=claim_of(node, start=True))
    assert [job["id"] for job in claimed] == [ids["a"], ids["b"]]
    report(
        engine,
        wf,
        node,
        completions=[done(ids["a"], node, "failed"), done(ids["b"], node)],
    )
    assert b.statuses(engine, wf) == {
        "a": "failed",
        "b": "completed",
        "after_a": "canceled",
        "after_b": "ready",
        "after_both": "ready",
        "below": "canceled",
    }
    kinds = [(e["type"], e["job_id"]) for e in b.events(engine, wf, category="job")]
    assert kinds[2:] == [
        ("job_failed", ids["a"]),
        ("job_completed", ids["b"]),
        ("job_canceled", ids["after_a"]),
        ("job_canceled", ids["below"]),
    ]
    severities = [e["severity"] for e in b.events(engine, wf, category="job")][2:4]
    assert severities == ["error", "info"]
    current = {r["job_id"]: r["status"] for r in b.results(engine, wf, current_only=True)}
    assert current == {ids["a"]: "failed", ids["b"]: "completed"}
    pairs = engine.db.conn.execute(
        "SELECT j.id, r.job_id FROM job j JOIN result r ON r.id = j.current_result_id "
        "WHERE j.workflow_id = ?",
        (wf,),
    ).fetchall()
    assert sorted(tuple(pair) for pair in pairs) == [(ids["a"], ids["a"]), (ids["b"], ids["b"])]


def test_a_finished_attempt_reported_again_replaces_its_result(engine: Engine) -> None:
    flow = b.independent(engine, 1)
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    (job,) = report(engine, flow.wf, node, claim=claim_of(node, start=True))[1]
    report(engine, flow.wf, node, completions=[done(job["id"], node, "pending_failed")])
    report(engine, flow.wf, node, completions=[done(job["id"], node, "failed")])
    (result,) = b.results(engine, flow.wf)
    assert (result["status"], result["return_code"]) == ("failed", 1)
    assert b.results(engine, flow.wf, current_only=True) == [result]


@pytest.mark.parametrize("count", [1, 2, 64, 65, 70])
def test_a_report_of_many_jobs_reads_and_writes_each_of_them(engine: Engine, count: int) -> None:
    """The opening read gives one job in its row, a few as a list of bound ids, many as one JSON
    list of ids: every reported job is found, finished, and a result it already had in the run
    (a pending_failed attempt reported again) is replaced rather than doubled."""
    flow = b.independent(engine, count)
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    ids = [job["id"] for job in report(engine, flow.wf, node, claim=claim_of(node, count))[1]]
    assert len(ids) == count
    retried = ids[-1]
    report(engine, flow.wf, node, started=ids, completions=[done(retried, node, "pending_failed")])
    finished, _ = report(
        engine,
        flow.wf,
        node,
        completions=[
            done(job_id, node, "failed" if job_id == retried else "completed") for job_id in ids
        ],
    )
    assert [job["id"] for job in finished] == ids
    assert [job["status"] for job in finished] == ["completed"] * (count - 1) + ["failed"]
    results = b.results(engine, flow.wf)
    assert sorted(result["job_id"] for result in results) == sorted(ids)
    (again,) = [result for result in results if result["job_id"] == retried]
    assert (again["status"], again["return_code"]) == ("failed", 1)


def test_claimed_jobs_carry_their_relationships_only_where_the_workflow_has_some(
    engine: Engine,
) -> None:
    d = b.diamond(engine)
    b.initialize(engine, d.wf)
    node = b.compute_node(engine, d.wf)
    _, (pre,) = report(engine, d.wf, node, claim=claim_of(node, start=True))
    _, claimed = report(
        engine, d.wf, node, completions=[done(pre["id"], node)], claim=claim_of(node)
    )
    assert [job["name"] for job in claimed] == ["work1", "work2"]
    assert claimed == [jobs.get(engine.db.conn, job["id"]) for job in claimed]
    assert all(job["depends_on_job_ids"] == [pre["id"]] for job in claimed)
    assert all(len(job["input_file_ids"]) == 1 for job in claimed)
    plain = b.independent(engine, 1)
    b.initialize(engine, plain.wf)
    other = b.compute_node(engine, plain.wf)
    _, (job,) = report(engine, plain.wf, other, claim=claim_of(other))
    assert job == jobs.get(engine.db.conn, job["id"])
    assert job["input_file_ids"] == [] and job["depends_on_job_ids"] == []


def test_the_opening_read_sees_the_workflows_facts(engine: Engine) -> None:
    plain = b.independent(engine, 1)
    d = b.diamond(engine)
    with engine.change() as conn:
        bare = reports.open_report(conn, plain.wf, None, None)
        wired = reports.open_report(conn, d.wf, None, None)
    assert (bare.armed, bare.linked, bare.related) == (False, False, False)
    assert (wired.linked, wired.related) == (False, True)  # edges come with initialization
    b.initialize(engine, d.wf)
    b.add_action(engine, d.wf, "on_workflow_complete")
    with engine.change() as conn:
        wired = reports.open_report(conn, d.wf, None, None)
        missing = reports.open_report(conn, 10**6, 10**6, "x")
        beyond = reports.open_report(conn, 2**70, 2**70, None)
    assert (wired.armed, wired.linked, wired.related) == (True, True, True)
    assert missing.run_id is None and not missing.node_exists and missing.stored is None
    assert beyond.run_id is None and not beyond.node_exists


def test_an_armed_action_fires_from_a_report(engine: Engine) -> None:
    flow = b.independent(engine, 1)
    action = b.add_action(engine, flow.wf, "on_workflow_complete")
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    (job,) = report(engine, flow.wf, node, claim=claim_of(node, start=True))[1]
    assert b.pending_actions(engine, flow.wf, "on_workflow_complete") == []
    report(engine, flow.wf, node, completions=[done(job["id"], node)])
    assert b.pending_actions(engine, flow.wf, "on_workflow_complete") == [action]


@pytest.mark.parametrize(
    ("case", "error", "message"),
    [
        ("wrong run", StateConflict, "does not match the workflow's current run_id"),
        ("unknown job", NotFound, "Job not found with ID: 999999"),
        ("other workflow", NotFound, "is not a job of workflow"),
        ("twice", StateConflict, "appears more than once in the request"),
        ("not a completion", StateConflict, "'running' is not a completion status"),
        ("already complete", StateConflict, "is already complete (completed)"),
        ("start unclaimed", StateConflict, "only a pending (claimed) job can start"),
        ("unknown node", NotFound, "Compute node not found with ID: 999999"),
        ("missing field", InvalidRequest, "missing required field(s): return_code"),
    ],
)
def test_a_refused_report_changes_nothing(
    engine: Engine, case: str, error: type[Exception], message: str
) -> None:
    flow = b.independent(engine, 3)
    other = b.independent(engine, 1)
    b.initialize(engine, flow.wf)
    node = b.compute_node(engine, flow.wf)
    _, claimed = report(engine, flow.wf, node, claim=claim_of(node, 2, start=True))
    first, second = (job["id"] for job in claimed)
    report(engine, flow.wf, node, completions=[done(second, node)])
    before = b.snapshot(engine, flow.wf)
    result = b.result(node)
    del result["return_code"]
    kwargs: dict[str, Any] = {
        "wrong run": {"completions": [done(first, node)], "run": 7},
        "unknown job": {"completions": [done(first, node), done(999999, node)]},
        "other workflow": {"completions": [done(other["j000"], node)]},
        "twice": {"completions": [done(first, node), done(first, node)]},
        "not a completion": {"completions": [done(first, node, "running")]},
        "already complete": {"completions": [done(first, node), done(second, node)]},
        "start unclaimed": {"started": [first], "completions": [done(first, node)]},
        "unknown node": {"completions": [(first, "completed", b.result(999999))]},
        "missing field": {"completions": [(first, "completed", result)]},
    }[case]
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        report(engine, flow.wf, node, **kwargs)
    assert b.snapshot(engine, flow.wf) == before


def test_the_heartbeat_is_written_at_most_once_an_interval(engine: Engine) -> None:
    wf = b.workflow(engine)
    node = b.compute_node(engine, wf)

    def beat(heartbeats: Heartbeats) -> str:
        with engine.change() as conn:
            conn.execute("UPDATE compute_node SET last_seen = 'then' WHERE id = ?", (node,))
            heartbeats.beat(conn, node)
            (seen,) = conn.execute(
                "SELECT last_seen FROM compute_node WHERE id = ?", (node,)
            ).fetchone()
        return seen

    slow = Heartbeats(interval=3600.0)
    assert beat(slow) != "then"  # the first report of a node is written
    assert beat(slow) == "then"  # the next, within the interval, is not
    every = Heartbeats(interval=0.0)
    assert beat(every) != "then"
    assert beat(every) != "then"


def test_a_report_for_a_missing_workflow_is_refused_as_the_single_operations_refuse_it(
    engine: Engine,
) -> None:
    flow = b.independent(engine, 1)
    node = b.compute_node(engine, flow.wf)
    missing = flow.wf + 1000
    with pytest.raises(NotFound, match=f"^Workflow not found with ID: {missing}$"):
        report(engine, missing, node, completions=[done(flow["j000"], node)], run=0)
    with pytest.raises(NotFound, match=f"^Workflow status not found with ID: {missing}$"):
        report(engine, missing, node, claim=claim_of(node), run=0)
    with pytest.raises(InvalidRequest, match="out of the 64-bit integer range"):
        report(engine, 2**64, node, claim=claim_of(node), run=0)


@pytest.mark.parametrize("groups", [4, 20], ids=["few-requirements", "many-requirements"])
@pytest.mark.parametrize("sort_method", ["gpus_runtime_memory", "gpus_memory_runtime", "none"])
def test_a_reports_claim_takes_what_a_claim_by_resources_takes(
    engine: Engine, sort_method: str, groups: int
) -> None:
    """The report reads the workflow's requirements with its opening read (when few) and
    picks the fitting ones itself: the same jobs, in the same order, as the claim operation."""

    def build() -> b.Built:
        wf = b.workflow(engine)
        rrs = [
            b.requirements(
                engine,
                wf,
                f"rr{i}",
                num_cpus=1 + i % 3,
                num_gpus=int(i % 4 == 3),  # none offered: never fits
                memory=f"{2 + 10 * (i % 5 == 1)}g",  # over the offer: never fits
                runtime=f"PT{10 + 3 * (i % 3)}M",  # over the offer's 14 minutes: never fits
            )
            for i in range(groups)
        ]
        specs = {f"j{i:02d}": {"resource_requirements_id": rrs[i % groups]} for i in range(30)}
        flow = b.Built(wf, b.add_jobs(engine, wf, specs))
        b.initialize(engine, wf)
        return flow

    offer = b.offer(num_cpus=6, memory_gb=9.0, num_gpus=0, time_limit="PT14M")
    direct = build()
    expected = b.claim_resources(engine, direct.wf, offer, 5, sort_method=sort_method)
    reported = build()
    node = b.compute_node(engine, reported.wf)
    claim = reports.Claim(
        compute_node_id=node, limit=5, resources=offer, sort_method=sort_method, start=False
    )
    with engine.change() as conn:
        opening = reports.open_report(conn, reported.wf, node, None, claims=True)
    assert (opening.requirements is None) == (groups > 16)
    _, claimed = report(engine, reported.wf, node, claim=claim)
    names = {job_id: name for name, job_id in direct.jobs.items()}
    assert expected and [job["name"] for job in claimed] == [names[i] for i in expected]
