"""Creating a whole workflow from an expanded specification, in the caller's one transaction.

Records in a specification refer to each other by name; names are resolved here, after every
record of a kind exists, so the order of sections in the file does not matter. Any mistake raises
before the transaction commits, and nothing is left behind.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from graphlib import CycleError, TopologicalSorter
from typing import Any

import msgspec

from torc_server import limits
from torc_server.engine.actions import TRIGGERS, validate_config
from torc_server.errors import StateConflict
from torc_server.storage import records, workflows
from torc_server.storage.jobs import RELATIONSHIPS
from torc_server.storage.tables import (
    FAILURE_HANDLER,
    FILE,
    LOCAL_SCHEDULER,
    SLURM_SCHEDULER,
    USER_DATA,
    WORKFLOW,
    WORKFLOW_ACTION,
)

# The workflow settings a spec may set (the server stamps the creation time itself).
_WORKFLOW_FIELDS = tuple(c for c in WORKFLOW.columns if c != "timestamp")
# job spec field -> (relationship field, section the names refer to)
_JOB_REFERENCES = {
    "depends_on": ("depends_on_job_ids", "jobs"),
    "input_files": ("input_file_ids", "files"),
    "output_files": ("output_file_ids", "files"),
    "input_user_data": ("input_user_data_ids", "user_data"),
    "output_user_data": ("output_user_data_ids", "user_data"),
}
JOB_TRIGGERS = ("on_jobs_ready", "on_jobs_complete")
CHUNK = 10_000
"""Jobs inserted per statement batch."""
_INSERT_JOBS = """
INSERT INTO job (workflow_id, name, command, invocation_script, cancel_on_blocking_job_failure,
    supports_termination, resource_requirements_id, scheduler_id, failure_handler_id)
SELECT ?1, json_extract(j.value, '$.name'), json_extract(j.value, '$.command'),
    json_extract(j.value, '$.invocation_script'),
    -- null is the same as absent: the defaults are true and false
    coalesce(json_extract(j.value, '$.cancel_on_blocking_job_failure'), 1),
    coalesce(json_extract(j.value, '$.supports_termination'), 0),
    (SELECT r.id FROM resource_requirements r WHERE r.workflow_id = ?1 AND r.name =
        coalesce(nullif(json_extract(j.value, '$.resource_requirements'), ''), 'default')),
    (SELECT s.id FROM slurm_scheduler s
        WHERE s.workflow_id = ?1 AND s.name = json_extract(j.value, '$.scheduler')),
    (SELECT h.id FROM failure_handler h
        WHERE h.workflow_id = ?1 AND h.name = json_extract(j.value, '$.failure_handler'))
FROM json_each(?2) j ORDER BY j.key
"""
_REFERENCE_KEYS = frozenset(_JOB_REFERENCES)
_encode = msgspec.json.encode


def _index(section: str, items: Sequence[Mapping[str, Any]], ids: Sequence[int]) -> dict[str, int]:
    names: dict[str, int] = {}
    for item, record_id in zip(items, ids, strict=True):
        name = item.get("name")
        if name in names:
            raise StateConflict(f"{section}: the name '{name}' is used more than once")
        if name is not None:
            names[name] = record_id
    return names


def _resolve(names: Mapping[str, int], name: str, section: str, where: str) -> int:
    try:
        return names[name]
    except KeyError:
        raise StateConflict(f"{where} refers to {section} '{name}', which is not defined") from None


def _insert_all(
    conn: sqlite3.Connection, table: records.Table, rows: Iterable[Mapping[str, Any]]
) -> list[int]:
    return [records.insert(conn, table, row) for row in rows]


def _chunks(items: Iterable[Mapping[str, Any]], size: int) -> Iterator[list[Mapping[str, Any]]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _check_names(
    chunk: Sequence[Mapping[str, Any]], names: Mapping[str, Mapping[str, int]]
) -> None:
    """Every record a job names by a single field exists (checked for the chunk as a set)."""
    for field, section, default in (
        ("resource_requirements", "resource_requirements", "default"),
        ("scheduler", "slurm_schedulers", None),
        ("failure_handler", "failure_handlers", None),
    ):
        used = {job.get(field) or default for job in chunk}
        used.discard(None)
        if used <= names[section].keys():
            continue
        for job in chunk:
            if name := job.get(field) or default:
                _resolve(names[section], name, section, f"job '{job['name']}'")


def _insert_jobs(
    conn: sqlite3.Connection,
    wid: int,
    jobs: Iterable[Mapping[str, Any]],
    names: Mapping[str, Mapping[str, int]],
) -> range:
    """Insert the jobs a chunk at a time: each chunk goes to SQLite as one JSON array, which
    unpacks it (a million jobs are never all Python objects, nor Python rows). The names jobs
    refer to go to a temporary table, resolved once every job exists. Answers the new jobs'
    ids, in the order of `jobs`."""
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS spec_reference "
        "(job_id INTEGER NOT NULL, field INTEGER NOT NULL, name TEXT NOT NULL)"
    )
    conn.execute("DELETE FROM temp.spec_reference")
    first = count = 0
    for chunk in _chunks(jobs, CHUNK):
        _check_names(chunk, names)
        conn.execute(_INSERT_JOBS, (wid, _encode(chunk)))
        # One writer inside one transaction: the chunk's ids are consecutive, ending here.
        (last,) = conn.execute("SELECT last_insert_rowid()").fetchone()
        start = last - len(chunk) + 1
        if not count:
            first = start
        references = [
            (start + offset, number, name)
            for offset, job in enumerate(chunk)
            if not _REFERENCE_KEYS.isdisjoint(job)
            for number, field in enumerate(_JOB_REFERENCES)
            for name in job.get(field) or ()
        ]
        if references:
            conn.executemany(
                "INSERT INTO temp.spec_reference (job_id, field, name) VALUES (?, ?, ?)",
                references,
            )
        count += len(chunk)
    stored = conn.execute(
        "SELECT COUNT(*), MIN(id), MAX(id) FROM job WHERE workflow_id = ?", (wid,)
    ).fetchone()
    if count and tuple(stored) != (count, first, first + count - 1):
        raise RuntimeError(f"job ids of workflow {wid} are not consecutive: {tuple(stored)}")
    return range(first, first + count)


def _check_unique_names(conn: sqlite3.Connection, wid: int) -> None:
    row = conn.execute(
        "SELECT name FROM job WHERE workflow_id = ? GROUP BY name HAVING COUNT(*) > 1 "
        "ORDER BY MIN(id) LIMIT 1",
        (wid,),
    ).fetchone()
    if row is not None:
        raise StateConflict(f"jobs: the name '{row[0]}' is used more than once")


def _link_references(conn: sqlite3.Connection, wid: int) -> None:
    """Resolve the names jobs refer to (now that every record exists) into relationship rows;
    refuse a name that is not defined, naming the first such reference."""
    for number, (spec_field, (field, section)) in enumerate(_JOB_REFERENCES.items()):
        table, column, target, _ = RELATIONSHIPS[field]
        missing = conn.execute(
            f"""
            SELECT j.name, r.name FROM temp.spec_reference r JOIN job j ON j.id = r.job_id
            WHERE r.field = ? AND NOT EXISTS (
                SELECT 1 FROM {target} t WHERE t.workflow_id = ? AND t.name = r.name)
            ORDER BY r.rowid LIMIT 1
            """,
            (number, wid),
        ).fetchone()
        if missing is not None:
            job, name = missing
            if section == "jobs":
                message = f"job '{job}' depends_on job '{name}', which is not defined"
            else:
                message = (
                    f"job '{job}' ({spec_field}) refers to {section} '{name}', which is not defined"
                )
            raise StateConflict(message)
        conn.execute(
            f"""
            INSERT OR IGNORE INTO {table} (job_id, {column}, workflow_id)
            SELECT r.job_id, (
                SELECT t.id FROM {target} t WHERE t.workflow_id = ? AND t.name = r.name
                ORDER BY t.id LIMIT 1), ?
            FROM temp.spec_reference r WHERE r.field = ? ORDER BY r.rowid
            """,
            (wid, wid, number),
        )
    conn.execute("DELETE FROM temp.spec_reference")


def _check_acyclic(conn: sqlite3.Connection, wid: int) -> None:
    """Refuse a dependency cycle, naming every job in it."""
    graph: dict[int, list[int]] = {}
    for job_id, upstream in conn.execute(
        "SELECT job_id, depends_on_job_id FROM job_depends_on WHERE workflow_id = ?", (wid,)
    ):
        graph.setdefault(job_id, []).append(upstream)
    if not graph:
        return
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        cycle = exc.args[1]
        named = dict(
            conn.execute(
                "SELECT id, name FROM job WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(set(cycle))),),
            ).fetchall()
        )
        raise StateConflict(
            f"the job dependencies form a cycle: {' -> '.join(named[i] for i in cycle)}"
        ) from None


def _job_id(conn: sqlite3.Connection, wid: int, name: str, where: str) -> int:
    row = conn.execute(
        "SELECT id FROM job WHERE workflow_id = ? AND name = ?", (wid, name)
    ).fetchone()
    if row is None:
        raise StateConflict(f"{where} refers to jobs '{name}', which is not defined")
    return row[0]


def create(
    conn: sqlite3.Connection,
    spec: Mapping[str, Any],
    jobs: Iterable[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Create the workflow and all its records; answer the workflow and the ids in order.

    `jobs`, when given, stands for `spec["jobs"]`: an iterable read once, a chunk at a time (a
    million jobs need not be held as Python objects all at once)."""
    workflow = workflows.create(
        conn, {k: spec[k] for k in _WORKFLOW_FIELDS if spec.get(k) is not None}
    )
    wid = workflow["id"]

    files = spec.get("files") or []
    file_ids = _insert_all(conn, FILE, ({**f, "workflow_id": wid} for f in files))
    user_data = spec.get("user_data") or []
    user_data_ids = _insert_all(conn, USER_DATA, ({**u, "workflow_id": wid} for u in user_data))

    requirement_ids: list[int] = []
    default_id = conn.execute(
        "SELECT id FROM resource_requirements WHERE workflow_id = ? AND name = 'default'", (wid,)
    ).fetchone()[0]
    for rr in spec.get("resource_requirements") or []:
        values = {
            **workflows.DEFAULT_REQUIREMENTS,
            **{k: v for k, v in rr.items() if v is not None},
        }
        where = f"resource requirements '{rr.get('name')}': "
        if rr.get("name") == "default":
            limits.check(values, where)
            conn.execute(
                "UPDATE resource_requirements SET num_cpus = ?, num_gpus = ?, num_nodes = ?, "
                "memory = ?, runtime = ?, memory_bytes = ?, runtime_s = ? WHERE id = ?",
                (
                    values["num_cpus"],
                    values["num_gpus"],
                    values["num_nodes"],
                    values["memory"],
                    values["runtime"],
                    limits.memory_bytes(values["memory"], where),
                    limits.runtime_seconds(values["runtime"], where),
                    default_id,
                ),
            )
            requirement_ids.append(default_id)
        else:
            requirement_ids.append(
                workflows.create_requirements(conn, {**values, "workflow_id": wid}, where)
            )

    slurm = spec.get("slurm_schedulers") or []
    slurm_ids = _insert_all(
        conn, SLURM_SCHEDULER, ({"nodes": 1, **s, "workflow_id": wid} for s in slurm)
    )
    local = spec.get("local_schedulers") or []
    local_ids = _insert_all(conn, LOCAL_SCHEDULER, ({**s, "workflow_id": wid} for s in local))
    handlers = spec.get("failure_handlers") or []
    handler_ids = _insert_all(
        conn,
        FAILURE_HANDLER,
        (
            {"workflow_id": wid, "name": h["name"], "rules": json.dumps(h.get("rules") or [])}
            for h in handlers
        ),
    )

    names = {
        "files": _index("files", files, file_ids),
        "user_data": _index("user_data", user_data, user_data_ids),
        "resource_requirements": {
            "default": default_id,
            **_index(
                "resource_requirements", spec.get("resource_requirements") or [], requirement_ids
            ),
        },
        "slurm_schedulers": _index("slurm_schedulers", slurm, slurm_ids),
        "failure_handlers": _index("failure_handlers", handlers, handler_ids),
    }

    job_ids = _insert_jobs(conn, wid, spec["jobs"] if jobs is None else jobs, names)
    _check_unique_names(conn, wid)
    _link_references(conn, wid)
    _check_acyclic(conn, wid)

    action_ids = []
    for number, action in enumerate(spec.get("actions") or [], start=1):
        where = f"action {number} ({action['trigger_type']})"
        if action["trigger_type"] not in TRIGGERS:
            raise StateConflict(f"{where}: unknown trigger_type; use one of {', '.join(TRIGGERS)}")
        config = dict(action.get("action_config") or {})
        if action["action_type"] == "schedule_nodes" and "scheduler" in config:
            config["scheduler_id"] = _resolve(
                names["slurm_schedulers"], config.pop("scheduler"), "slurm_schedulers", where
            )
            config.setdefault("scheduler_type", "slurm")
        validate_config(action["action_type"], config)
        listed = [_job_id(conn, wid, n, where) for n in dict.fromkeys(action.get("jobs") or ())]
        trigger = action["trigger_type"]
        required = max(1, len(listed)) if trigger in JOB_TRIGGERS else 1
        action_ids.append(
            records.insert(
                conn,
                WORKFLOW_ACTION,
                {
                    "workflow_id": wid,
                    "trigger_type": trigger,
                    "action_type": action["action_type"],
                    "action_config": config,
                    "job_ids": listed or None,
                    "trigger_count": 0,
                    "required_triggers": required,
                    "executed": False,
                    "persistent": bool(action.get("persistent")),
                    "is_recovery": False,
                },
            )
        )

    return {
        "workflow": workflow,
        "job_ids": job_ids,
        "file_ids": file_ids,
        "user_data_ids": user_data_ids,
        "resource_requirements_ids": requirement_ids,
        "slurm_scheduler_ids": slurm_ids,
        "local_scheduler_ids": local_ids,
        "failure_handler_ids": handler_ids,
        "action_ids": action_ids,
    }
