"""A runner's report: the jobs it started, the jobs it finished, and a claim for more.

A runner sends one `complete_jobs` request per turn. Its parts are applied in the caller's
transaction, set-based: the reported jobs are read by one statement, each status change is one
UPDATE over all the jobs it concerns, and the results, the current results and the events are
each written by one statement. A job reported started and finished in the same report (the usual
case for short jobs) is read once and written once. The checks, errors and events are those of
the single-job operations (`lifecycle.start_job`, `lifecycle.complete_job`, which call in here),
in the same order.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import msgspec

from torc_server.engine import lifecycle, triggers
from torc_server.engine.events import EventSink
from torc_server.errors import InvalidRequest, NotFound, StateConflict
from torc_server.storage import jobs, records
from torc_server.storage.schema import JOB_STATUS_CODES as S
from torc_server.storage.schema import JOB_STATUS_NAMES
from torc_server.storage.tables import JOB, RESULT

Event = tuple[int, str, str, dict[str, Any]]
"""An event to emit: workflow id, type, severity, data (see `EventSink.emit_many`)."""
Completion = tuple[int, str, Mapping[str, Any]]
"""A finished job: its id, its completion status and its result."""


def _bindable(value: int | None) -> int | None:
    """The id if SQLite can hold it (a larger one names no record), else None."""
    return value if value is not None and -(2**63) <= value < 2**63 else None


_JSON_DECODE = msgspec.json.Decoder().decode
_READ = "SELECT id, workflow_id, name, status, attempt_id FROM job"
_READ_IN_RUN = (
    "SELECT id, workflow_id, name, status, attempt_id, EXISTS (SELECT 1 FROM result r "
    "WHERE r.job_id = job.id AND r.run_id = ?) FROM job"
)
_SEVERITY = {"completed": "info", "failed": "error"}


@dataclass(slots=True)  # not frozen: a frozen dataclass costs microseconds to make
class Opening:
    """What a report needs to know first, read by one statement (`open_report`)."""

    run_id: int | None  # None: the workflow does not exist
    canceled: bool
    node_exists: bool  # the reporting compute node
    stored: tuple[int, int, bytes] | None  # an earlier answer to the same request id
    # Facts of the workflow that no part of a report changes, so a report skips the reads that
    # would find nothing: an action waits for its trigger (`triggers.recount`); a job depends on
    # another (`lifecycle.release_dependents`); a job has any relationship (claimed jobs' lists).
    armed: bool = True
    linked: bool = True
    related: bool = True
    jobs: Mapping[int, JobRow] = field(default_factory=dict)  # the reported jobs, by id
    jobs_read: bool = False  # whether `jobs` was read (else `apply` reads them)
    # The workflow's resource requirements (id, cpus, gpus, nodes, memory bytes, runtime
    # seconds) for a claim, when read and few (see `lifecycle._claim_candidates`).
    requirements: list[list[int]] | None = None


@dataclass(slots=True)
class Claim:
    """A report's request for more jobs (see `lifecycle.claim_and_start`)."""

    compute_node_id: int
    limit: int
    resources: Mapping[str, Any] | None
    per_job: Mapping[str, Any] | None = None
    sort_method: str | None = None
    strict_scheduler_match: bool = False
    start: bool = True


_RELATED = " OR ".join(
    f"EXISTS (SELECT 1 FROM {table} WHERE workflow_id = ?1)"
    for table in (
        "job_input_file",
        "job_output_file",
        "job_input_user_data",
        "job_output_user_data",
    )
)
_OPEN = f"""
    SELECT ws.run_id, ws.is_canceled, cn.id, ea.workflow_id, ea.run_id, ea.answer,
        EXISTS (SELECT 1 FROM workflow_action WHERE workflow_id = ?1 AND executed = 0
                AND trigger_count < required_triggers),
        EXISTS (SELECT 1 FROM job_depends_on WHERE workflow_id = ?1),
        {_RELATED}, {{requirements}}{{jobs}}
    FROM (SELECT 1)
    LEFT JOIN workflow_status ws ON ws.id = ?1
    LEFT JOIN compute_node cn ON cn.id = ?2
    LEFT JOIN exchange_answer ea ON ea.compute_node_id = ?2 AND ea.request_id = ?3{{join}}
"""


@functools.cache
def _requirements_sql() -> str:
    """The opening read's column of the workflow's resource requirements (a JSON list; one
    more than a claim takes from here, to tell that there are more)."""
    return f"""(
    SELECT json_group_array(json_array(id, num_cpus, num_gpus, num_nodes, memory_bytes, runtime_s))
    FROM (SELECT * FROM resource_requirements WHERE workflow_id = ?1 ORDER BY id
          LIMIT {lifecycle.MAX_GROUP_QUERIES + 1}))"""


_JOB_COLUMNS = ", j.id, j.workflow_id, j.name, j.status, j.attempt_id, {has_result}"
_JOB_JOIN = "\n    LEFT JOIN job j ON j.id = ?5"  # one job: its columns in the row
_JOBS = """,
        (SELECT json_group_array(json_array(j.id, j.workflow_id, j.name, j.status, j.attempt_id,
                                            {has_result}))
         FROM job j WHERE j.id IN ({among}))"""  # more: a JSON list in one column
_HAS_RESULT = "EXISTS (SELECT 1 FROM result r WHERE r.job_id = j.id AND r.run_id = ?4)"


class JobRow(NamedTuple):
    """A reported job as a report reads it (`has_result`: it has a result in the report's run
    already, or may have: see `finish`)."""

    id: int
    workflow_id: int
    name: str
    status: int
    attempt_id: int
    has_result: bool = True


def open_report(
    conn: sqlite3.Connection,
    workflow_id: int,
    compute_node_id: int | None,
    request_id: str | None,
    job_ids: Sequence[int] = (),
    run_id: int | None = None,
    *,
    claims: bool = False,
) -> Opening:
    """The workflow's run and cancellation, whether the compute node exists, the answer stored
    for the request id, the workflow's facts, the reported jobs (`job_ids`, with whether each
    has a result in `run_id`) and, when the report `claims`, the workflow's resource
    requirements: index lookups, one statement."""
    params: list[Any] = [_bindable(workflow_id), _bindable(compute_node_id), request_id]
    wanted = [job_id for job_id in dict.fromkeys(job_ids) if _bindable(job_id) is not None]
    if wanted:
        params.append(run_id)
        if len(wanted) <= records.MAX_LISTED_IDS:
            params.extend(wanted)
        else:
            params.append(records.to_json(wanted))
    shape = min(len(wanted), records.MAX_LISTED_IDS + 1)  # more: one JSON list of ids
    first = conn.execute(_open_sql(claims, shape, run_id is not None), params).fetchone()
    run, canceled, node, stored_workflow, stored_run, answer, armed, linked, related = first[:9]
    listed = None if first[9] is None else _JSON_DECODE(first[9])
    if listed is not None and (
        len(listed) > lifecycle.MAX_GROUP_QUERIES
        or not all(type(value) is int for row in listed for value in row)
    ):
        listed = None  # many, or of unusual types: the claim reads those that fit itself
    return Opening(
        run,
        bool(canceled),
        node is not None,
        None if answer is None else (stored_workflow, stored_run, answer),
        armed=bool(armed),
        linked=bool(linked),
        related=bool(linked or related),
        jobs=_reported_rows(first, len(wanted)),
        jobs_read=bool(job_ids),
        requirements=listed,
    )


@functools.lru_cache(maxsize=256)
def _open_sql(claims: bool, jobs: int, in_run: bool) -> str:
    """The opening read's text for a report that claims or not, reporting `jobs` jobs (one more
    than `records.MAX_LISTED_IDS`: as many as that, bound as one JSON list), with or without a
    run to look for their results in. The same string each time, for the statement cache."""
    requirements = _requirements_sql() if claims else "NULL"
    if not jobs:
        return _OPEN.format(requirements=requirements, jobs="", join="")
    has_result = _HAS_RESULT if in_run else "1"  # 1: may have one
    if jobs == 1:
        columns = _JOB_COLUMNS.format(has_result=has_result)
        return _OPEN.format(requirements=requirements, jobs=columns, join=_JOB_JOIN)
    if jobs <= records.MAX_LISTED_IDS:
        among = ", ".join(f"?{index}" for index in range(5, 5 + jobs))
    else:
        among = "SELECT value FROM json_each(?5)"
    listed = _JOBS.format(has_result=has_result, among=among)
    return _OPEN.format(requirements=requirements, jobs=listed, join="")


def _reported_rows(first: sqlite3.Row, wanted: int) -> dict[int, JobRow]:
    """The reported jobs of the opening read's row (see `_JOB_COLUMNS`, `_JOBS`)."""
    if wanted == 0:
        return {}
    if wanted == 1:
        return {} if first[10] is None else {first[10]: JobRow._make(first[10:])}
    return {row[0]: JobRow._make(row) for row in _JSON_DECODE(first[10])}


def apply(
    conn: sqlite3.Connection,
    workflow_id: int,
    run_id: int,
    opening: Opening,
    *,
    node_id: int | None,
    started: Sequence[int],
    completions: Sequence[Completion],
    claim: Claim | None,
    sink: EventSink,
    answer: bool = True,
    known_node: int | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Start, finish and claim as the report says; answers the finished jobs (read back when
    `answer`) and the claimed ones. `known_node`: a compute node the caller found in this
    transaction (the one reporting)."""
    nodes = set() if known_node is None else {known_node}
    if started or completions:
        _check_run(opening, workflow_id, run_id, "Workflow")
    if started:
        assert node_id is not None
        _check_nodes(conn, nodes, node_id)
    events: list[Event] = []
    finishing = [job_id for job_id, _, _ in completions]
    read = (
        opening.jobs
        if opening.jobs_read
        else read_jobs(conn, [*started, *finishing], run_id if completions else None)
    )
    if started:
        start(conn, node_id, started, read, events, workflow_id=workflow_id, finishing=finishing)  # type: ignore[arg-type]
    done = (
        finish(
            conn,
            run_id,
            completions,
            read,
            events,
            workflow_id=workflow_id,
            started=started,
            nodes=nodes,
        )
        if completions
        else []
    )
    sink.emit_many(conn, events)
    if done and opening.linked:
        lifecycle.release_dependents(conn, done, sink)
    if (started or completions) and opening.armed:
        triggers.recount(conn, workflow_id)
    finished = read_back(conn, finishing) if answer and completions else []
    if claim is None:
        return finished, []
    _check_run(opening, workflow_id, run_id, "Workflow status")
    _check_nodes(conn, nodes, claim.compute_node_id)
    claimed = lifecycle.claim_and_start(
        conn,
        workflow_id,
        run_id,
        claim.compute_node_id,
        claim.limit,
        claim.resources,
        sort_method=claim.sort_method,
        strict_scheduler_match=claim.strict_scheduler_match,
        sink=sink,
        start=claim.start,
        per_job=claim.per_job,
        checked=True,
        canceled=opening.canceled,
        related=opening.related,
        recount=opening.armed,
        requirements=opening.requirements,
    )
    return finished, claimed


def _check_run(opening: Opening, workflow_id: int, run_id: int, kind: str) -> None:
    """The workflow exists (else NotFound for `kind`, as the single-job check says it) and
    runs `run_id`."""
    if opening.run_id is None:
        if kind == "Workflow status":  # as `lifecycle.check_run_id` says it
            records.check_id(workflow_id)
        raise NotFound.record(kind, workflow_id)
    if run_id != opening.run_id:
        raise StateConflict(
            f"run_id {run_id} does not match the workflow's current run_id {opening.run_id}"
        )


def _check_nodes(conn: sqlite3.Connection, nodes: set[int], compute_node_id: int) -> None:
    """The compute node exists (`nodes`: the ones known to; it joins them)."""
    if compute_node_id not in nodes:
        if not records.exists(conn, "compute_node", compute_node_id):
            raise NotFound.record("Compute node", compute_node_id)
        nodes.add(compute_node_id)


def read_jobs(
    conn: sqlite3.Connection, ids: Sequence[int], run_id: int | None = None
) -> dict[int, JobRow]:
    """The reported jobs' rows by id, read by one statement (an id out of SQLite's range, or of
    no job, is absent: `reported` says so). With `run_id`, a sixth column says whether the job
    has a result in that run already (one that a completion may replace, see `finish`)."""
    wanted = [job_id for job_id in dict.fromkeys(ids) if _bindable(job_id) is not None]
    if not wanted:
        return {}
    select = _READ if run_id is None else _READ_IN_RUN
    params: list[Any] = [] if run_id is None else [run_id]
    condition, ids_params = records.among(wanted)
    rows = conn.execute(f"{select} WHERE id {condition}", [*params, *ids_params]).fetchall()
    return {row[0]: JobRow(*row) for row in rows}


def reported(read: Mapping[int, JobRow], job_id: int, workflow_id: int | None = None) -> JobRow:
    """A reported job's row; it must exist (and belong to `workflow_id`, when given)."""
    records.check_id(job_id)
    job = read.get(job_id)
    if job is None:
        raise NotFound.record("Job", job_id)
    if workflow_id is not None and job.workflow_id != workflow_id:
        raise NotFound(f"job {job_id} is not a job of workflow {workflow_id}")
    return job


def start(
    conn: sqlite3.Connection,
    compute_node_id: int,
    job_ids: Sequence[int],
    read: Mapping[int, JobRow],
    events: list[Event],
    *,
    workflow_id: int | None = None,
    finishing: Sequence[int] = (),
) -> None:
    """Claimed (pending) jobs start on the compute node; their events join `events`. Jobs in
    `finishing` are finished by the same report, which writes their final status: their running
    status is not written on the way."""
    if len(set(job_ids)) != len(job_ids):
        raise StateConflict("a job appears more than once in the request")
    for job_id in job_ids:
        job = reported(read, job_id, workflow_id)
        if job.status != S["pending"]:
            raise StateConflict(
                f"job {job_id} is {JOB_STATUS_NAMES[job.status]}; only a pending (claimed) "
                "job can start"
            )
        events.append(
            (
                job.workflow_id,
                "job_started",
                "info",
                {"job_id": job_id, "job_name": job.name, "compute_node_id": compute_node_id},
            )
        )
    skip = set(finishing)
    set_status(conn, [i for i in job_ids if i not in skip], S["running"], compute_node_id)


def set_status(
    conn: sqlite3.Connection, ids: Sequence[int], status: int, holder: int | None
) -> None:
    """Jobs take the status code, held by compute node `holder` (None: by none)."""
    if ids:
        condition, params = records.among(ids)
        conn.execute(_set_status_sql(condition), [status, holder, *params])


@functools.lru_cache(maxsize=128)
def _set_status_sql(condition: str) -> str:
    """A status change's text (the same string each time, for the statement cache)."""
    return f"UPDATE job SET status = ?, active_compute_node_id = ? WHERE id {condition}"


def finish(
    conn: sqlite3.Connection,
    run_id: int,
    completions: Sequence[Completion],
    read: Mapping[int, JobRow],
    events: list[Event],
    *,
    workflow_id: int | None = None,
    started: Sequence[int] = (),
    nodes: set[int] | None = None,
) -> list[int]:
    """Store the jobs' results and final statuses; their events join `events`. Answers the
    jobs whose dependents are to be decided (`lifecycle.release_dependents`, by the caller).
    `started`: jobs this report started (running now). `nodes`: the caller checked the run,
    and these compute nodes exist (a node found here joins them); None: check the run here."""
    running = set(started)
    seen: set[int] = set()
    rows: list[tuple[Any, ...]] = []
    replaced: list[tuple[int, int, int]] = []
    by_status: dict[int, list[int]] = {}
    done: list[int] = []
    for job_id, status, result in completions:
        if job_id in seen:
            raise StateConflict(f"job {job_id} appears more than once in the request")
        seen.add(job_id)
        job = reported(read, job_id, workflow_id)
        job_workflow = job.workflow_id
        if status not in lifecycle.TERMINAL:
            raise StateConflict(
                f"'{status}' is not a completion status for job {job_id}; use one of "
                f"{', '.join(sorted(lifecycle.TERMINAL))}"
            )
        if nodes is None:
            lifecycle.check_run_id(conn, job_workflow, run_id)
            nodes = set()
        current = S["running"] if job_id in running else job.status
        if current in lifecycle.FINISHED and current != S["pending_failed"]:
            raise StateConflict(f"job {job_id} is already complete ({JOB_STATUS_NAMES[current]})")
        node = result.get("compute_node_id")
        if node is not None:
            _check_nodes(conn, nodes, node)
        row = _result_row(result, job_workflow, job_id, run_id, status, job.attempt_id)
        if job.has_result:  # a result of this run exists: the same attempt's goes
            replaced.append((job_id, run_id, row[_RESULT_ATTEMPT]))
        rows.append(row)
        code = S[status]
        by_status.setdefault(code, []).append(job_id)
        if code in lifecycle.DONE:
            done.append(job_id)
        events.append(
            (
                job_workflow,
                f"job_{status}",
                _SEVERITY.get(status, "warning"),
                {
                    "job_id": job_id,
                    "job_name": job.name,
                    "return_code": result.get("return_code"),
                },
            )
        )
    if replaced:
        conn.executemany(
            "DELETE FROM result WHERE job_id = ? AND run_id = ? AND attempt_id = ?", replaced
        )
    store_results(conn, rows)
    for code, ids in by_status.items():
        condition, params = records.among(ids)
        conn.execute(_finish_sql(condition), [code, *params])
    return done


@functools.lru_cache(maxsize=128)
def _finish_sql(condition: str) -> str:
    """Finished jobs' final status, held by no compute node, with the result just stored as
    their current one (their newest: result ids only grow)."""
    return (
        "UPDATE job SET status = ?, active_compute_node_id = NULL, current_result_id = "
        f"(SELECT max(r.id) FROM result r WHERE r.job_id = job.id) WHERE id {condition}"
    )


_RESULT_COLUMNS = RESULT.columns
assert _RESULT_COLUMNS[:3] == ("workflow_id", "job_id", "run_id")
_RESULT_REQUIRED = [  # those a finished job's result must bring itself
    (i, c)
    for i, c in enumerate(_RESULT_COLUMNS)
    if c in RESULT.required and c not in ("workflow_id", "job_id", "run_id", "status")
]
_RESULT_STATUS = _RESULT_COLUMNS.index("status")
_RESULT_ATTEMPT = _RESULT_COLUMNS.index("attempt_id")


def _result_row(
    result: Mapping[str, Any], workflow_id: int, job_id: int, run_id: int, status: str, attempt: int
) -> tuple[Any, ...]:
    """A result's column values in `RESULT.columns` order: the job's, run's and status's own,
    the job's attempt unless the result names one (attempt 1 if it names none); its other wire
    values are its column values."""
    row = [result.get(c) for c in _RESULT_COLUMNS]
    row[0:3] = workflow_id, job_id, run_id
    missing = [c for i, c in _RESULT_REQUIRED if row[i] is None]
    if missing:
        raise InvalidRequest(f"{RESULT.kind} is missing required field(s): {', '.join(missing)}")
    row[_RESULT_STATUS] = S[status]
    if "attempt_id" not in result:
        row[_RESULT_ATTEMPT] = attempt
    if row[_RESULT_ATTEMPT] is None:
        row[_RESULT_ATTEMPT] = 1
    return tuple(row)


def store_results(conn: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert results (of jobs without a result of the same run and attempt); the UPDATE that
    finishes their jobs makes them current (`_finish_sql`)."""
    records.insert_rows(conn, "result", _RESULT_COLUMNS, rows)


def read_back(conn: sqlite3.Connection, ids: Sequence[int]) -> list[dict[str, Any]]:
    """The jobs as clients see them, in the order of `ids`."""
    condition, params = records.among(ids)
    rows = conn.execute(
        f"SELECT {jobs.SELECT} FROM job t WHERE t.id {condition}", params
    ).fetchall()
    by_id = {row["id"]: records.from_row(JOB, row) for row in rows}
    ordered = [by_id[i] for i in ids]
    jobs.attach_relationships(conn, ordered)
    return ordered
