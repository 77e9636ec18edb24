"""The job state machine: initialize, claim, start, complete, retry, reset, cancel.

Every function runs inside the caller's write transaction, so a change to many rows (a completion
and the dependents it releases, a cancellation and its cascade) is all or nothing. Dependents
become ready in the same transaction that completes their last dependency.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from torc_server.engine import group_claim, inputs, reports, triggers
from torc_server.engine.events import EventSink
from torc_server.errors import InvalidRequest, NotFound, StateConflict
from torc_server.storage import jobs, records, workflows
from torc_server.storage.schema import JOB_STATUS_CODES as S
from torc_server.storage.schema import JOB_STATUS_NAMES
from torc_server.storage.tables import JOB, RESULT
from torc_server.units import duration_to_seconds

# A dependency is done when it completed, failed or was canceled: its dependents may proceed
# (or are canceled). A terminated job was interrupted (a stopped runner, an allocation that ran
# out): it holds its dependents until a later run finishes it, like pending_failed.
DONE = (S["completed"], S["failed"], S["canceled"])
FAILED = (S["failed"], S["canceled"])
FINISHED = (*DONE, S["terminated"], S["pending_failed"])
TERMINAL = {"completed", "failed", "canceled", "terminated", "pending_failed"}
ACTIVE = (S["pending"], S["running"])
_DONE_SQL = ",".join(map(str, DONE))
_FAILED_SQL = ",".join(map(str, FAILED))


def _run_id(conn: sqlite3.Connection, workflow_id: int) -> int:
    return workflows.get_status(conn, workflow_id)["run_id"]


def check_run_id(conn: sqlite3.Connection, workflow_id: int, run_id: int) -> None:
    current = _run_id(conn, workflow_id)
    if run_id != current:
        raise StateConflict(
            f"run_id {run_id} does not match the workflow's current run_id {current}"
        )


def _job_row(conn: sqlite3.Connection, job_id: int) -> sqlite3.Row:
    records.check_id(job_id)
    row = conn.execute(
        "SELECT id, workflow_id, name, status, attempt_id FROM job WHERE id = ?", (job_id,)
    ).fetchone()
    if row is None:
        raise NotFound.record("Job", job_id)
    return row


# ---------------------------------------------------------------------------------------------
# initialization


def initialize_jobs(
    conn: sqlite3.Connection,
    workflow_id: int,
    *,
    only_uninitialized: bool,
    clear_ephemeral_user_data: bool = True,
    sink: EventSink,
) -> None:
    """Resolve dependencies from files and user data, then mark jobs blocked or ready."""
    workflows.require(conn, workflow_id)
    if clear_ephemeral_user_data:
        conn.execute(
            "UPDATE user_data SET data = NULL WHERE workflow_id = ? AND is_ephemeral = 1",
            (workflow_id,),
        )
    for consumers, producers, key in (
        ("job_input_file", "job_output_file", "file_id"),
        ("job_input_user_data", "job_output_user_data", "user_data_id"),
    ):
        conn.execute(
            f"""
            INSERT OR IGNORE INTO job_depends_on (job_id, depends_on_job_id, workflow_id)
            SELECT i.job_id, o.job_id, i.workflow_id FROM {consumers} i
            JOIN {producers} o ON o.{key} = i.{key}
            WHERE i.workflow_id = ? AND i.job_id != o.job_id
            """,
            (workflow_id,),
        )
    if only_uninitialized:
        _spread_uninitialized(conn, workflow_id)
        targets = (S["uninitialized"],)
    else:
        targets = (S["uninitialized"], S["blocked"], S["ready"])
    marks = ",".join(map(str, targets))
    conn.execute(
        f"""
        UPDATE job SET unfinished_deps = (
            SELECT COUNT(*) FROM job_depends_on d JOIN job u ON u.id = d.depends_on_job_id
            WHERE d.job_id = job.id AND u.status NOT IN ({_DONE_SQL}))
        WHERE workflow_id = ? AND status IN ({marks})
        -- a job that waits for nothing keeps its 0 (a million rows not rewritten)
        AND (unfinished_deps != 0 OR EXISTS (SELECT 1 FROM job_depends_on d WHERE d.job_id = job.id))
        """,
        (workflow_id,),
    )
    # The targets become blocked or ready; every job's inputs are hashed in the same pass.
    hashed, hash_params = inputs.plain_hashes(conn, workflow_id)
    conn.execute(
        f"""
        UPDATE job SET status = CASE WHEN status NOT IN ({marks}) THEN status
          WHEN unfinished_deps > 0 THEN {S["blocked"]} ELSE {S["ready"]} END,
          input_hash = {hashed}
        WHERE workflow_id = ?
        """,
        (*hash_params, workflow_id),
    )
    # Jobs that cancel on a blocking failure and have a failed dependency can never run.
    doomed = [
        row[0]
        for row in conn.execute(
            f"""
            SELECT j.id FROM job j WHERE j.workflow_id = ?
            AND j.status IN ({S["ready"]}, {S["blocked"]})
            AND j.cancel_on_blocking_job_failure = 1 AND EXISTS (
                SELECT 1 FROM job_depends_on d JOIN job u ON u.id = d.depends_on_job_id
                WHERE d.job_id = j.id AND u.status IN ({_FAILED_SQL}))
            """,
            (workflow_id,),
        )
    ]
    if doomed:
        _cancel_cascade(conn, doomed, sink)
    conn.execute(
        "UPDATE job SET current_result_id = NULL WHERE workflow_id = ? "
        f"AND status NOT IN ({_DONE_SQL}) AND current_result_id IS NOT NULL",
        (workflow_id,),
    )
    inputs.store_related(conn, workflow_id)
    triggers.rearm(conn, workflow_id)
    sink.emit(
        conn,
        workflow_id,
        "workflow_reinitialized" if only_uninitialized else "workflow_started",
        "info",
        {"only_uninitialized": only_uninitialized},
    )


def _downstream(conn: sqlite3.Connection, start: Iterable[int]) -> list[int]:
    """Every job that depends, directly or not, on one of `start` (excluding `start`)."""
    seeds = records.to_json(sorted(set(start)))
    rows = conn.execute(
        """
        WITH RECURSIVE below(id) AS (
            SELECT d.job_id FROM job_depends_on d
            WHERE d.depends_on_job_id IN (SELECT value FROM json_each(?))
            UNION
            SELECT d.job_id FROM job_depends_on d JOIN below b ON d.depends_on_job_id = b.id
        )
        SELECT id FROM below
        """,
        (seeds,),
    )
    return [row[0] for row in rows]


def _spread_uninitialized(conn: sqlite3.Connection, workflow_id: int) -> None:
    start = [
        row[0]
        for row in conn.execute(
            "SELECT id FROM job WHERE workflow_id = ? AND status = ?",
            (workflow_id, S["uninitialized"]),
        )
    ]
    below = _downstream(conn, start)
    if below:
        conn.execute(
            f"UPDATE job SET status = {S['uninitialized']} WHERE status != {S['disabled']} "
            "AND id IN (SELECT value FROM json_each(?))",
            (records.to_json(below),),
        )


# ---------------------------------------------------------------------------------------------
# claims


def _canceled(conn: sqlite3.Connection, workflow_id: int) -> bool:
    row = conn.execute(
        "SELECT is_canceled FROM workflow_status WHERE id = ?", (workflow_id,)
    ).fetchone()
    if row is None:
        raise NotFound.record("Workflow", workflow_id)
    return bool(row[0])


_CLAIMED_KEYS = ("id", *JOB.columns)
_CLAIMED = ", ".join(_CLAIMED_KEYS)


def _mark_pending(
    conn: sqlite3.Connection,
    ids: list[int],
    holder: int | None = None,
    *,
    start: bool = False,
    related: bool = True,
) -> list[dict[str, Any]]:
    """Claimed jobs become pending (held by compute node `holder`, when given), or, with
    `start`, running on `holder`; answers them as clients see them, in the order of `ids`
    (`related` false: the caller knows that no job of the workflow has relationships)."""
    if not ids:
        return []
    condition, params = records.among(ids)
    marking, marking_params = _marking(holder, start)
    rows = conn.execute(
        f"UPDATE job SET {marking} WHERE id {condition} RETURNING {_CLAIMED}",
        [*marking_params, *params],
    ).fetchall()
    by_id = {row[0]: row for row in rows}
    return _claimed(conn, [by_id[i] for i in ids], related)


def _marking(holder: int | None, start: bool) -> tuple[str, list[Any]]:
    """The SET clause (and its parameters) that marks claimed jobs (see `_mark_pending`)."""
    status = S["running"] if start else S["pending"]
    if holder is None:
        return f"status = {status}", []
    return f"status = {status}, active_compute_node_id = ?", [holder]


def _claimed(
    conn: sqlite3.Connection, rows: list[sqlite3.Row], related: bool
) -> list[dict[str, Any]]:
    """Claimed jobs' rows (id first, then `JOB.columns`) as clients see them."""
    claimed = [records.from_row(JOB, row, _CLAIMED_KEYS) for row in rows]
    jobs.attach_relationships(conn, claimed, read=related)
    return claimed


def claim_next_jobs(
    conn: sqlite3.Connection,
    workflow_id: int,
    limit: int,
    holder: int | None = None,
    *,
    canceled: bool | None = None,
    start: bool = False,
    related: bool = True,
) -> list[dict[str, Any]]:
    """Hand out up to `limit` ready jobs, in id order, marking them pending (held by compute
    node `holder`, when given; running on it with `start`). `canceled`: whether the workflow
    is canceled, when the caller read it in this transaction; `related`: see `_mark_pending`."""
    if limit < 0:
        raise InvalidRequest(f"limit must be 0 or more, got {limit}")
    if _canceled(conn, workflow_id) if canceled is None else canceled:
        return []
    ids = [
        row[0]
        for row in conn.execute(
            "SELECT id FROM job WHERE workflow_id = ? AND status = ? ORDER BY id LIMIT ?",
            (workflow_id, S["ready"], limit),
        )
    ]
    return _mark_pending(conn, ids, holder, start=start, related=related)


_SORTS = {
    "gpus_runtime_memory": "rr.num_gpus DESC, rr.runtime_s DESC, rr.memory_bytes DESC, j.id",
    "gpus_memory_runtime": "rr.num_gpus DESC, rr.memory_bytes DESC, rr.runtime_s DESC, j.id",
    "none": "j.id",
}


_ANY_SCHEDULER = object()
# Past this many fitting requirement groups one query over all ready jobs is cheaper than one
# query per group.
MAX_GROUP_QUERIES = 16


def _claim_candidates(
    conn: sqlite3.Connection,
    workflow_id: int,
    offer: tuple[int, int, int, int, int | None],
    scheduler: object,
    sort_method: str,
    limit: int,
    requirements: list[list[int]] | None = None,
) -> list[tuple[int, int, int, int, int]]:
    """The first `limit` ready jobs that fit the offer on their own, in claim order
    (`requirements`: all of the workflow's, in id order, when the caller read them).

    The order depends on the resource requirements first, so the requirements that fit are
    read and sorted (a workflow has few), and then each one's ready jobs are read in id order
    through the index of ready jobs (`idx_job_claim`), `limit` at most each
    (`group_claim.ready_jobs_sql`). A
    claim then costs the same whether 10 or 100,000 jobs are ready; sorting every ready job on
    every claim made a long run quadratic."""
    if requirements is not None:
        fitting: list[Any] = _fitting(requirements, offer)
    else:
        cpus, gpus, nodes, memory, seconds = offer
        sql = """
            SELECT id, num_cpus, num_gpus, num_nodes, memory_bytes, runtime_s
            FROM resource_requirements WHERE workflow_id = ? AND num_cpus <= ? AND num_gpus <= ?
            AND num_nodes <= ? AND memory_bytes <= ?
        """
        params: list[Any] = [workflow_id, cpus, gpus, nodes, memory]
        if seconds is not None:
            sql += " AND runtime_s <= ?"
            params.append(seconds)
        fitting = conn.execute(sql, params).fetchall()
    if not fitting or limit == 0:
        return []
    scheduler_sql, scheduler_params = _scheduler_condition(scheduler)
    if len(fitting) > MAX_GROUP_QUERIES:
        rr_ids = records.to_json([row[0] for row in fitting])
        rows = conn.execute(
            ready_jobs_of_many_sql(scheduler_sql, sort_method),
            [workflow_id, rr_ids, *scheduler_params, limit],
        ).fetchall()
        return [tuple(row) for row in rows]  # type: ignore[misc]
    key = _GROUP_KEYS[sort_method]
    groups: dict[tuple[int, ...], list[sqlite3.Row]] = {}
    for row in sorted(fitting, key=key):
        groups.setdefault(key(row), []).append(row)
    found: list[tuple[int, int, int, int, int]] = []
    for members in groups.values():
        batch: list[tuple[int, int, int, int, int]] = []
        for rr_id, need_cpus, need_gpus, need_nodes, need_memory, _ in members:
            ids = conn.execute(
                group_claim.ready_jobs_sql(scheduler_sql),
                [workflow_id, rr_id, *scheduler_params, limit - len(found)],
            ).fetchall()
            batch.extend((row[0], need_cpus, need_gpus, need_nodes, need_memory) for row in ids)
        batch.sort()  # ties between requirements with the same sort key go by job id
        found.extend(batch[: limit - len(found)])
        if len(found) >= limit:
            break
    return found


def _fitting(
    requirements: list[list[int]], offer: tuple[int, int, int, int, int | None]
) -> list[list[int]]:
    """The requirements (id, cpus, gpus, nodes, memory bytes, runtime) one job may have to fit
    in the offer."""
    cpus, gpus, nodes, memory, seconds = offer
    return [
        r
        for r in requirements
        if r[1] <= cpus
        and r[2] <= gpus
        and r[3] <= nodes
        and r[4] <= memory
        and (seconds is None or r[5] <= seconds)
    ]


def _scheduler_condition(scheduler: object) -> tuple[str, list[Any]]:
    """The ready jobs' condition on their scheduler (`_ANY_SCHEDULER`: none)."""
    if scheduler is _ANY_SCHEDULER:
        return "", []
    # Without a scheduler_config_id only jobs without a scheduler match.
    return " AND (j.scheduler_id IS NULL OR j.scheduler_id = ?)", [scheduler]


def ready_jobs_of_many_sql(scheduler_sql: str, sort_method: str) -> str:
    """The first ready jobs of many resource requirements (parameters: workflow id, the
    requirements' ids as a JSON list, those of `scheduler_sql`, the count), in claim order.
    Named index: left to choose, SQLite's planner takes the (workflow_id, status) index and
    reads every ready job of the workflow (29 ms instead of 0.2 for 2,000 jobs of the fitting
    requirements among 200,000 ready)."""
    return f"""
        SELECT j.id, rr.num_cpus, rr.num_gpus, rr.num_nodes, rr.memory_bytes
        FROM job j INDEXED BY idx_job_claim
        JOIN resource_requirements rr ON rr.id = j.resource_requirements_id
        WHERE j.workflow_id = ? AND j.status = {S["ready"]}
          AND j.resource_requirements_id IN (SELECT value FROM json_each(?)){scheduler_sql}
        ORDER BY {_SORTS[sort_method]} LIMIT ?"""


# Sort keys of resource requirement rows (id, cpus, gpus, nodes, memory, runtime) matching _SORTS.
_GROUP_KEYS: dict[str, Callable[[sqlite3.Row], tuple[int, ...]]] = {
    "gpus_runtime_memory": lambda r: (-r[2], -r[5], -r[4]),
    "gpus_memory_runtime": lambda r: (-r[2], -r[4], -r[5]),
    "none": lambda r: (),
}


def claim_jobs_based_on_resources(
    conn: sqlite3.Connection,
    workflow_id: int,
    limit: int,
    resources: Mapping[str, Any],
    *,
    sort_method: str | None,
    strict_scheduler_match: bool,
    per_job: Mapping[str, Any] | None = None,
    holder: int | None = None,
    canceled: bool | None = None,
    start: bool = False,
    related: bool = True,
    requirements: list[list[int]] | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """Hand out ready jobs that fit, together, in the offered resources (and each one in
    `per_job`, when given), held by compute node `holder` when given (`canceled`, `start`,
    `related`: see `claim_next_jobs`; `requirements`: see `_claim_candidates`)."""
    if limit < 0:
        raise InvalidRequest(f"limit must be 0 or more, got {limit}")
    if _canceled(conn, workflow_id) if canceled is None else canceled:
        return [], "Workflow is canceled"
    cpus, gpus, nodes, memory, seconds = _offer(resources)
    each = (cpus, gpus, nodes, memory, seconds)
    if per_job is not None:
        each = tuple(  # type: ignore[assignment]
            b if a is None else a if b is None else min(a, b)
            for a, b in zip(_offer(per_job), each, strict=True)
        )
    config_id = resources.get("scheduler_config_id")
    if (sort_method or "none") not in _SORTS:
        raise InvalidRequest(
            f"unknown sort_method '{sort_method}'; use one of {', '.join(sorted(_SORTS))}"
        )

    fitting = None if requirements is None else _fitting(requirements, each)
    if fitting is not None and len(fitting) == 1 and limit > 0:
        fits = group_claim.how_many(fitting[0], (cpus, gpus, nodes, memory))
        count = limit if fits is None else min(limit, fits)
        if count == 0:
            return [], None
        marking = _marking(holder, start)
        for scheduler in (config_id, _ANY_SCHEDULER):
            condition = _scheduler_condition(scheduler)
            rows = group_claim.claim(
                conn, workflow_id, fitting[0][0], count, condition, marking, _CLAIMED
            )
            if rows or strict_scheduler_match:
                break
        return _claimed(conn, rows, related), None

    def candidates(match_scheduler: bool) -> list[tuple[int, int, int, int, int]]:
        return _claim_candidates(
            conn,
            workflow_id,
            each,
            config_id if match_scheduler else _ANY_SCHEDULER,
            sort_method or "none",
            limit,
            requirements,
        )

    rows = candidates(True)
    if not rows and not strict_scheduler_match:
        rows = candidates(False)
    chosen: list[int] = []
    used_cpus = used_gpus = used_memory = used_nodes = 0
    for job_id, need_cpus, need_gpus, need_nodes, need_memory in rows:
        if (
            used_cpus + need_cpus > cpus
            or used_gpus + need_gpus > gpus
            or used_memory + need_memory > memory
        ):
            continue
        if need_nodes > 1:
            if used_nodes + need_nodes > nodes:
                continue
            used_nodes += need_nodes
        used_cpus += need_cpus
        used_gpus += need_gpus
        used_memory += need_memory
        chosen.append(job_id)
    return _mark_pending(conn, chosen, holder, start=start, related=related), None


def _offer(resources: Mapping[str, Any]) -> tuple[int, int, int, int, int | None]:
    """CPUs, GPUs, nodes, memory bytes and runtime seconds (None: no limit) of an offer."""
    time_limit = resources.get("time_limit")
    try:
        seconds = duration_to_seconds(time_limit) if time_limit else None
    except InvalidRequest as exc:
        raise StateConflict(f"time_limit: {exc.message}") from None
    return (
        resources["num_cpus"],
        resources["num_gpus"],
        resources["num_nodes"],
        # more memory than SQLite's integers hold is as good as unlimited
        int(min(max(resources["memory_gb"], 0) * 1024**3, 2**63 - 1)),
        seconds,
    )


def ready_job_requirements(
    conn: sqlite3.Connection, workflow_id: int, scheduler_config_id: int | None
) -> dict[str, Any]:
    """What the ready jobs need in total, to size an allocation."""
    workflows.require(conn, workflow_id)
    sql = f"""
        SELECT COUNT(*), COALESCE(SUM(rr.num_cpus), 0), COALESCE(SUM(rr.num_gpus), 0),
               COALESCE(SUM(rr.memory_bytes), 0), COALESCE(MAX(rr.num_nodes), 0),
               COALESCE(MAX(rr.runtime_s), 0)
        FROM job j INDEXED BY idx_job_claim
        JOIN resource_requirements rr ON rr.id = j.resource_requirements_id
        WHERE j.workflow_id = ? AND j.status = {S["ready"]}
    """
    params: list[Any] = [workflow_id]
    if scheduler_config_id is not None:
        sql += " AND j.scheduler_id = ?"
        params.append(scheduler_config_id)
    count, cpus, gpus, memory, max_nodes, max_runtime = conn.execute(sql, params).fetchone()
    from torc_server.units import seconds_to_duration

    return {
        "num_jobs": count,
        "num_cpus": cpus,
        "num_gpus": gpus,
        "memory_gb": memory / 1024**3,
        "max_num_nodes": max_nodes,
        "max_runtime": seconds_to_duration(max_runtime),
    }


# ---------------------------------------------------------------------------------------------
# running and completing jobs


def start_job(
    conn: sqlite3.Connection, job_id: int, run_id: int, compute_node_id: int, sink: EventSink
) -> dict[str, Any]:
    read = reports.read_jobs(conn, [job_id])
    job = reports.reported(read, job_id)
    check_run_id(conn, job.workflow_id, run_id)
    _check_node(conn, compute_node_id)
    events: list[reports.Event] = []
    reports.start(conn, compute_node_id, [job_id], read, events)
    sink.emit_many(conn, events)
    triggers.recount(conn, job.workflow_id)
    return jobs.get(conn, job_id)


def start_jobs(
    conn: sqlite3.Connection,
    workflow_id: int,
    run_id: int,
    compute_node_id: int,
    job_ids: list[int],
    sink: EventSink,
    *,
    answer: bool = True,
    checked: bool = False,
    recount: bool = True,
    node_known: bool = False,
) -> list[dict[str, Any]]:
    """Several claimed jobs start in one transaction; all or nothing. With `answer` false the
    started jobs are not read back. `checked`: the caller made sure of the workflow, the run
    and the node in this transaction (`check`; `node_known`: of the node only); without
    `recount` the caller brings the triggers up to date once it is done."""
    if not checked:
        check(conn, workflow_id, run_id, compute_node_id, node_known=node_known)
    events: list[reports.Event] = []
    read = reports.read_jobs(conn, job_ids)
    reports.start(conn, compute_node_id, job_ids, read, events, workflow_id=workflow_id)
    sink.emit_many(conn, events)
    if recount:
        triggers.recount(conn, workflow_id)
    return reports.read_back(conn, job_ids) if answer else []


def claim_and_start(
    conn: sqlite3.Connection,
    workflow_id: int,
    run_id: int,
    compute_node_id: int,
    limit: int,
    resources: Mapping[str, Any] | None,
    *,
    sort_method: str | None,
    strict_scheduler_match: bool,
    sink: EventSink,
    start: bool = True,
    per_job: Mapping[str, Any] | None = None,
    checked: bool = False,
    canceled: bool | None = None,
    related: bool = True,
    recount: bool = True,
    requirements: list[list[int]] | None = None,
) -> list[dict[str, Any]]:
    """Claim ready jobs (by resources, or the next ones) and start them on the compute node,
    or, without `start`, leave them pending, held by it, for the runner to start later
    (`checked`, `recount`: see `start_jobs`; `canceled`, `related`: see `claim_next_jobs`)."""
    if not checked:
        check_run_id(conn, workflow_id, run_id)
        _check_node(conn, compute_node_id)
    if resources is not None:
        claimed, _ = claim_jobs_based_on_resources(
            conn,
            workflow_id,
            limit,
            resources,
            sort_method=sort_method,
            strict_scheduler_match=strict_scheduler_match,
            per_job=per_job,
            holder=compute_node_id,
            canceled=canceled,
            start=start,
            related=related,
            requirements=requirements,
        )
    else:
        claimed = claim_next_jobs(
            conn,
            workflow_id,
            limit,
            compute_node_id,
            canceled=canceled,
            start=start,
            related=related,
        )
    if not claimed or not start:
        return claimed
    sink.emit_many(
        conn,
        [
            (
                workflow_id,
                "job_started",
                "info",
                {"job_id": job["id"], "job_name": job["name"], "compute_node_id": compute_node_id},
            )
            for job in claimed
        ],
    )
    if recount:
        triggers.recount(conn, workflow_id)
    return claimed


def check(
    conn: sqlite3.Connection,
    workflow_id: int,
    run_id: int,
    compute_node_id: int,
    *,
    node_known: bool = False,
) -> None:
    """The workflow exists, runs `run_id`, and the compute node exists: what a runner's report
    needs, checked once for all its parts (`node_known`: the caller saw the node in this
    transaction)."""
    _check_workflow_run(conn, workflow_id, run_id)
    if not node_known:
        _check_node(conn, compute_node_id)


def _check_workflow_run(conn: sqlite3.Connection, workflow_id: int, run_id: int) -> None:
    """The workflow exists and runs `run_id`, in one read (its status row exists with it)."""
    in_range = -(2**63) <= workflow_id < 2**63  # SQLite cannot bind a larger integer
    row = (
        conn.execute("SELECT run_id FROM workflow_status WHERE id = ?", (workflow_id,)).fetchone()
        if in_range
        else None
    )
    if row is None:
        raise NotFound.record("Workflow", workflow_id)
    if run_id != row[0]:
        raise StateConflict(
            f"run_id {run_id} does not match the workflow's current run_id {row[0]}"
        )


def _check_node(conn: sqlite3.Connection, compute_node_id: int) -> None:
    if not records.exists(conn, "compute_node", compute_node_id):
        raise NotFound.record("Compute node", compute_node_id)


def complete_job(
    conn: sqlite3.Connection,
    job_id: int,
    status: str,
    run_id: int,
    result: Mapping[str, Any],
    sink: EventSink,
) -> dict[str, Any]:
    """Record the result, set the job's final status and release or cancel its dependents."""
    read = reports.read_jobs(conn, [job_id], run_id)
    events: list[reports.Event] = []
    done = reports.finish(conn, run_id, [(job_id, status, result)], read, events)
    sink.emit_many(conn, events)
    if done:
        release_dependents(conn, done, sink)
    triggers.recount(conn, read[job_id].workflow_id)
    return jobs.get(conn, job_id)


def complete_jobs(
    conn: sqlite3.Connection,
    workflow_id: int,
    run_id: int,
    completions: list[tuple[int, str, Mapping[str, Any]]],
    sink: EventSink,
    *,
    answer: bool = True,
    checked_node: int | None = None,
    recount: bool = True,
) -> list[dict[str, Any]]:
    """Several completions in one transaction; all or nothing. The finished jobs are read back
    unless `answer` is false. `checked_node`: the caller checked the workflow, the run and this
    compute node (`check`) in this transaction; `recount`: see `start_jobs`."""
    if checked_node is None:
        _check_workflow_run(conn, workflow_id, run_id)
    nodes = set() if checked_node is None else {checked_node}  # known to exist
    ids = [job_id for job_id, _, _ in completions]
    events: list[reports.Event] = []
    read = reports.read_jobs(conn, ids, run_id)
    done = reports.finish(
        conn, run_id, completions, read, events, workflow_id=workflow_id, nodes=nodes
    )
    sink.emit_many(conn, events)
    if done:
        release_dependents(conn, done, sink)
    if recount:
        triggers.recount(conn, workflow_id)
    return reports.read_back(conn, ids) if answer else []


def release_dependents(conn: sqlite3.Connection, finished: list[int], sink: EventSink) -> None:
    """Decide the blocked dependents of jobs that just finished.

    A dependent that cancels on a blocking failure is canceled as soon as one of its
    dependencies failed or was canceled, without waiting for the others, and the cancellation
    spreads at once to everything below it that can no longer run. Any other dependent becomes
    ready when all its dependencies are done.

    The cost is proportional to the finished jobs' edges, not to the dependents' fan-in: each
    blocked job keeps a count of its unfinished dependencies (set when the workflow is
    initialized), which a completion decrements. Only a job whose count reaches zero has all of
    its dependencies read, once, to confirm it (a count can only be low if a dependency was
    reset meanwhile; then it is recounted). The spread goes level by level in a loop, so a
    failure at the top of a long chain cannot exhaust the stack."""
    frontier = finished
    while frontier:
        condition, params = records.among(frontier)
        edges = conn.execute(
            "SELECT d.job_id, u.status FROM job_depends_on d "
            f"JOIN job u ON u.id = d.depends_on_job_id WHERE d.depends_on_job_id {condition}",
            params,
        ).fetchall()
        done_now: dict[int, int] = {}
        failed_now: set[int] = set()
        for dependent, status in edges:
            done_now[dependent] = done_now.get(dependent, 0) + 1
            if status in FAILED:
                failed_now.add(dependent)
        if not done_now:
            return
        rows = conn.execute(
            f"""
            UPDATE job SET unfinished_deps = unfinished_deps - c.n
            FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS n
                  FROM json_each(?)) AS c
            WHERE job.id = c.id AND job.status = {S["blocked"]}
            RETURNING job.id, job.unfinished_deps, job.cancel_on_blocking_job_failure
            """,
            (records.to_json(list(done_now.items())),),
        ).fetchall()
        cancel = [job_id for job_id, _, cancels in rows if cancels and job_id in failed_now]
        settled = set(cancel)
        confirm = [job_id for job_id, left, _ in rows if left <= 0 and job_id not in settled]
        ready: list[int] = []
        if confirm:
            for job_id, cancels, failed_dep, unfinished in conn.execute(
                f"""
                SELECT j.id, j.cancel_on_blocking_job_failure,
                       EXISTS (SELECT 1 FROM job_depends_on d JOIN job u ON u.id = d.depends_on_job_id
                               WHERE d.job_id = j.id AND u.status IN ({_FAILED_SQL})),
                       (SELECT COUNT(*) FROM job_depends_on d JOIN job u ON u.id = d.depends_on_job_id
                        WHERE d.job_id = j.id AND u.status NOT IN ({_DONE_SQL}))
                FROM job j WHERE j.id IN (SELECT value FROM json_each(?))
                """,
                (records.to_json(confirm),),
            ).fetchall():
                if unfinished:
                    conn.execute(
                        "UPDATE job SET unfinished_deps = ? WHERE id = ?", (unfinished, job_id)
                    )
                elif cancels and failed_dep:
                    cancel.append(job_id)
                else:
                    ready.append(job_id)
        if ready:
            conn.execute(
                f"UPDATE job SET status = {S['ready']} WHERE id IN (SELECT value FROM json_each(?))",
                (records.to_json(ready),),
            )
        _cancel(conn, cancel, sink)
        frontier = cancel


def _count_unfinished(conn: sqlite3.Connection, ids: list[int]) -> None:
    """Recount the unfinished dependencies of jobs that became blocked."""
    conn.execute(
        f"""
        UPDATE job SET unfinished_deps = (
            SELECT COUNT(*) FROM job_depends_on d JOIN job u ON u.id = d.depends_on_job_id
            WHERE d.job_id = job.id AND u.status NOT IN ({_DONE_SQL}))
        WHERE id IN (SELECT value FROM json_each(?))
        """,
        (records.to_json(ids),),
    )


def _cancel_cascade(conn: sqlite3.Connection, ids: list[int], sink: EventSink) -> None:
    """Cancel jobs that can no longer run; a canceled job counts as failed further down."""
    _cancel(conn, ids, sink)
    release_dependents(conn, ids, sink)


def _cancel(conn: sqlite3.Connection, ids: list[int], sink: EventSink) -> None:
    if not ids:
        return
    rows = conn.execute(
        f"UPDATE job SET status = {S['canceled']} WHERE id IN (SELECT value FROM json_each(?)) "
        "RETURNING id, workflow_id, name",
        (records.to_json(ids),),
    ).fetchall()
    for job_id, workflow_id, name in rows:
        sink.emit(
            conn,
            workflow_id,
            "job_canceled",
            "warning",
            {"job_id": job_id, "job_name": name, "reason": "a job it depends on did not succeed"},
        )


def manage_status_change(
    conn: sqlite3.Connection, job_id: int, status: str, run_id: int, sink: EventSink
) -> dict[str, Any]:
    if status in TERMINAL - {"pending_failed"} or status not in S:
        raise StateConflict(
            f"'{status}' cannot be set here; completion statuses go through complete_job"
        )
    job = _job_row(conn, job_id)
    check_run_id(conn, job["workflow_id"], run_id)
    if job["status"] == S[status]:
        return jobs.get(conn, job_id)
    conn.execute(
        "UPDATE job SET status = ?, active_compute_node_id = CASE WHEN ? THEN "
        "active_compute_node_id END WHERE id = ?",
        (S[status], S[status] in ACTIVE, job_id),
    )
    if status == "blocked":
        _count_unfinished(conn, [job_id])
    if status == "uninitialized" and job["status"] in DONE:
        below = _downstream(conn, [job_id])
        if below:
            conn.execute(
                f"UPDATE job SET status = {S['uninitialized']} WHERE status != {S['disabled']} "
                "AND id IN (SELECT value FROM json_each(?))",
                (records.to_json(below),),
            )
    sink.emit(
        conn,
        job["workflow_id"],
        "job_status_changed",
        "info",
        {
            "job_id": job_id,
            "job_name": job["name"],
            "previous_status": JOB_STATUS_NAMES[job["status"]],
            "status": status,
        },
    )
    triggers.recount(conn, job["workflow_id"])
    return jobs.get(conn, job_id)


def retry_job(
    conn: sqlite3.Connection,
    job_id: int,
    run_id: int,
    max_retries: int | None,
    sink: EventSink,
    result: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Send a failed attempt back to ready for another attempt; the failed attempt's result,
    when given, is kept in the job's history."""
    job = _job_row(conn, job_id)
    check_run_id(conn, job["workflow_id"], run_id)
    allowed = (S["running"], S["failed"], S["terminated"], S["pending_failed"])
    if job["status"] not in allowed:
        raise StateConflict(
            f"job {job_id} is {JOB_STATUS_NAMES[job['status']]}; only a running, failed or "
            "terminated job can be retried"
        )
    if max_retries is not None and job["attempt_id"] >= max_retries:
        raise StateConflict(
            f"job {job_id} has used {job['attempt_id']} of {max_retries} allowed attempts"
        )
    if result is not None:
        values = {
            **result,
            "job_id": job_id,
            "workflow_id": job["workflow_id"],
            "run_id": run_id,
            "attempt_id": job["attempt_id"],
        }
        values.setdefault("status", "failed")
        values.pop("id", None)
        conn.execute(
            "DELETE FROM result WHERE job_id = ? AND run_id = ? AND attempt_id = ?",
            (job_id, run_id, job["attempt_id"]),
        )
        records.insert(conn, RESULT, values)
    conn.execute(
        "UPDATE job SET status = ?, attempt_id = attempt_id + 1, active_compute_node_id = NULL "
        "WHERE id = ?",
        (S["ready"], job_id),
    )
    sink.emit(
        conn,
        job["workflow_id"],
        "job_retried",
        "warning",
        {"job_id": job_id, "job_name": job["name"], "attempt_id": job["attempt_id"] + 1},
    )
    return jobs.get(conn, job_id)


# ---------------------------------------------------------------------------------------------
# workflow-wide changes


def process_changed_job_inputs(
    conn: sqlite3.Connection, workflow_id: int, *, dry_run: bool, sink: EventSink
) -> list[str]:
    """Names of jobs whose inputs changed since they were initialized; unless `dry_run`, those
    that are not pending or running go back to uninitialized so they run again."""
    workflows.require(conn, workflow_id)
    found = inputs.changed(conn, workflow_id)
    if found and not dry_run:
        conn.execute(
            f"UPDATE job SET status = {S['uninitialized']} WHERE status NOT IN (?, ?, ?) "
            "AND id IN (SELECT value FROM json_each(?))",
            (*ACTIVE, S["disabled"], records.to_json([job_id for job_id, _ in found])),
        )
        sink.emit(
            conn,
            workflow_id,
            "job_inputs_changed",
            "info",
            {"job_ids": [job_id for job_id, _ in found]},
        )
    return [name for _, name in found]


def reset_job_status(
    conn: sqlite3.Connection, workflow_id: int, *, failed_only: bool, sink: EventSink
) -> int:
    workflows.require(conn, workflow_id)
    if failed_only:
        targets = [
            row[0]
            for row in conn.execute(
                f"SELECT id FROM job WHERE workflow_id = ? AND status IN ({_FAILED_SQL}, ?, ?)",
                (workflow_id, S["terminated"], S["pending_failed"]),
            )
        ]
        ids = sorted(set(targets) | set(_downstream(conn, targets)))
        cursor = conn.execute(
            f"UPDATE job SET status = {S['uninitialized']}, active_compute_node_id = NULL "
            f"WHERE status NOT IN ({S['disabled']}, {S['uninitialized']}) "
            "AND id IN (SELECT value FROM json_each(?))",
            (records.to_json(ids),),
        )
    else:
        cursor = conn.execute(
            f"UPDATE job SET status = {S['uninitialized']}, active_compute_node_id = NULL "
            f"WHERE workflow_id = ? AND status NOT IN ({S['disabled']}, {S['uninitialized']})",
            (workflow_id,),
        )
    count = cursor.rowcount
    sink.emit(
        conn,
        workflow_id,
        "jobs_reset",
        "info",
        {"failed_only": failed_only, "updated_count": count},
    )
    return count


def reset_workflow_status(
    conn: sqlite3.Connection, workflow_id: int, *, force: bool, sink: EventSink
) -> dict[str, Any]:
    status = workflows.get_status(conn, workflow_id)
    if status.get("is_archived"):
        raise StateConflict("Cannot reset archived workflow status. Unarchive the workflow first.")
    if not force:
        (active,) = conn.execute(
            "SELECT COUNT(*) FROM job WHERE workflow_id = ? AND status IN (?, ?)",
            (workflow_id, *ACTIVE),
        ).fetchone()
        (nodes,) = conn.execute(
            "SELECT COUNT(*) FROM scheduled_compute_node WHERE workflow_id = ? "
            "AND status IN ('pending', 'active')",
            (workflow_id,),
        ).fetchone()
        if active or nodes:
            raise StateConflict(
                f"workflow {workflow_id} has {active} pending or running jobs and {nodes} pending "
                "or active scheduled compute nodes; wait for them or reset with force"
            )
    conn.execute(
        "UPDATE workflow_status SET is_canceled = 0, is_archived = 0, "
        "has_detected_need_to_run_completion_script = 0 WHERE id = ?",
        (workflow_id,),
    )
    sink.emit(conn, workflow_id, "workflow_reset", "info", {"force": force})
    return workflows.get_status(conn, workflow_id)


def cancel_workflow(conn: sqlite3.Connection, workflow_id: int, sink: EventSink) -> dict[str, Any]:
    workflows.get_status(conn, workflow_id)
    conn.execute("UPDATE workflow_status SET is_canceled = 1 WHERE id = ?", (workflow_id,))
    conn.execute(
        f"UPDATE job SET status = {S['canceled']}, active_compute_node_id = NULL "
        "WHERE workflow_id = ? AND status IN (?, ?)",
        (workflow_id, *ACTIVE),
    )
    sink.emit(conn, workflow_id, "workflow_canceled", "warning", {})
    triggers.recount(conn, workflow_id)
    return workflows.get_status(conn, workflow_id)


def is_complete(conn: sqlite3.Connection, workflow_id: int) -> dict[str, bool]:
    status = workflows.get_status(conn, workflow_id)
    canceled = bool(status.get("is_canceled"))
    (remaining,) = conn.execute(
        f"SELECT COUNT(*) FROM job WHERE workflow_id = ? AND status NOT IN ({_DONE_SQL}, ?)",
        (workflow_id, S["disabled"]),
    ).fetchone()
    return {
        "is_canceled": canceled,
        "is_complete": canceled or remaining == 0,
        "needs_to_run_completion_script": bool(
            status.get("has_detected_need_to_run_completion_script")
        ),
    }


def is_uninitialized(conn: sqlite3.Connection, workflow_id: int) -> bool:
    workflows.require(conn, workflow_id)
    (other,) = conn.execute(
        "SELECT COUNT(*) FROM job WHERE workflow_id = ? AND status NOT IN (?, ?)",
        (workflow_id, S["uninitialized"], S["disabled"]),
    ).fetchone()
    return other == 0
