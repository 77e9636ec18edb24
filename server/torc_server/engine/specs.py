"""Creating a whole workflow from an expanded specification, in the caller's one transaction.

Records in a specification refer to each other by name; names are resolved here, after every
record of a kind exists, so the order of sections in the file does not matter. Any mistake raises
before the transaction commits, and nothing is left behind.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from graphlib import CycleError, TopologicalSorter
from typing import Any

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


def _check_acyclic(jobs: Sequence[Mapping[str, Any]]) -> None:
    """Refuse a dependency cycle, naming every job in it."""
    graph = {job["name"]: job["depends_on"] for job in jobs if job.get("depends_on")}
    if not graph:
        return
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        cycle = exc.args[1]
        raise StateConflict(
            f"the job dependencies form a cycle: {' -> '.join(map(str, cycle))}"
        ) from None


def create(conn: sqlite3.Connection, spec: Mapping[str, Any]) -> dict[str, Any]:
    """Create the workflow and all its records; answer the workflow and the ids in order."""
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

    jobs = spec["jobs"]
    job_names: dict[str, int] = {}
    for job in jobs:
        if job["name"] in job_names:
            raise StateConflict(f"jobs: the name '{job['name']}' is used more than once")
        job_names[job["name"]] = -1
    for job in jobs:
        for name in job.get("depends_on") or ():
            if name not in job_names:
                raise StateConflict(
                    f"job '{job['name']}' depends_on job '{name}', which is not defined"
                )
    _check_acyclic(jobs)

    rows = []
    for job in jobs:
        where = f"job '{job['name']}'"
        scheduler = job.get("scheduler")
        handler = job.get("failure_handler")
        rows.append(
            (
                wid,
                job["name"],
                job["command"],
                job.get("invocation_script"),
                # null is the same as absent: the defaults are true and false
                int(job.get("cancel_on_blocking_job_failure") is not False),
                int(bool(job.get("supports_termination"))),
                _resolve(
                    names["resource_requirements"],
                    job.get("resource_requirements") or "default",
                    "resource_requirements",
                    where,
                ),
                _resolve(names["slurm_schedulers"], scheduler, "slurm_schedulers", where)
                if scheduler
                else None,
                _resolve(names["failure_handlers"], handler, "failure_handlers", where)
                if handler
                else None,
            )
        )
    conn.executemany(
        "INSERT INTO job (workflow_id, name, command, invocation_script, "
        "cancel_on_blocking_job_failure, supports_termination, resource_requirements_id, "
        "scheduler_id, failure_handler_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    # The workflow is new, so its jobs are exactly these rows, in insertion (id) order.
    job_ids = [
        row[0]
        for row in conn.execute("SELECT id FROM job WHERE workflow_id = ? ORDER BY id", (wid,))
    ]
    job_names = {job["name"]: job_id for job, job_id in zip(jobs, job_ids, strict=True)}

    links: dict[str, list[tuple[int, int, int]]] = {field: [] for field in RELATIONSHIPS}
    for job, job_id in zip(jobs, job_ids, strict=True):
        where = f"job '{job['name']}'"
        for spec_field, (field, section) in _JOB_REFERENCES.items():
            table = job_names if section == "jobs" else names[section]
            for name in dict.fromkeys(job.get(spec_field) or ()):
                other = _resolve(table, name, section, f"{where} ({spec_field})")
                links[field].append((job_id, other, wid))
    for field, rows in links.items():
        if rows:
            table, column, _, _ = RELATIONSHIPS[field]
            conn.executemany(
                f"INSERT OR IGNORE INTO {table} (job_id, {column}, workflow_id) VALUES (?, ?, ?)",
                rows,
            )

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
        listed = [
            _resolve(job_names, n, "jobs", where) for n in dict.fromkeys(action.get("jobs") or ())
        ]
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
