"""Small builders for the engine tests: workflows, jobs and runs made with the storage functions
and driven through the engine inside `engine.change()`, as the HTTP layer does.

Jobs are named; the helpers answer ids by name so that a test reads like the workflow it builds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from torc_server.engine import Engine, actions, lifecycle, reports
from torc_server.storage import jobs, records, workflows
from torc_server.storage.tables import (
    COMPUTE_NODE,
    EVENT,
    FILE,
    RESULT,
    USER_DATA,
    WORKFLOW_ACTION,
)

# ---------------------------------------------------------------------------------------------
# records


def workflow(engine: Engine, **fields: Any) -> int:
    with engine.change() as conn:
        return workflows.create(conn, {"name": "wf", "user": "tester", **fields})["id"]


def requirements(engine: Engine, wf: int, name: str, **fields: Any) -> int:
    """Resource requirements: num_cpus, num_gpus, num_nodes, memory ("2g"), runtime ("PT1H")."""
    with engine.change() as conn:
        return workflows.create_requirements(conn, {"workflow_id": wf, "name": name, **fields})


def file(engine: Engine, wf: int, name: str) -> int:
    with engine.change() as conn:
        return records.insert(conn, FILE, {"workflow_id": wf, "name": name, "path": f"/d/{name}"})


def user_data(
    engine: Engine, wf: int, name: str, data: Any = None, *, is_ephemeral: bool = False
) -> int:
    values = {"workflow_id": wf, "name": name, "is_ephemeral": is_ephemeral, "data": data}
    with engine.change() as conn:
        return records.insert(conn, USER_DATA, values)


def set_user_data(engine: Engine, user_data_id: int, data: Any) -> None:
    with engine.change() as conn:
        conn.execute("UPDATE user_data SET data = ? WHERE id = ?", (json.dumps(data), user_data_id))


def compute_node(engine: Engine, wf: int, hostname: str = "node-1") -> int:
    values = {
        "workflow_id": wf,
        "hostname": hostname,
        "pid": 4242,
        "start_time": "2024-01-31T12:00:00.000Z",
        "is_active": True,
        "num_cpus": 8,
        "memory_gb": 16.0,
        "num_gpus": 0,
        "num_nodes": 1,
        "compute_node_type": "local",
    }
    with engine.change() as conn:
        return records.insert(conn, COMPUTE_NODE, values)


def add_jobs(engine: Engine, wf: int, specs: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """Create jobs in one transaction. Each spec holds job fields; `after` lists names of jobs
    (created earlier in the same mapping) the job depends on explicitly. Answers name -> id."""
    ids: dict[str, int] = {}
    with engine.change() as conn:
        for name, spec in specs.items():
            values = {k: v for k, v in spec.items() if k != "after"}
            after = [ids[n] for n in spec.get("after", ())]
            if after:
                values["depends_on_job_ids"] = [*values.get("depends_on_job_ids", []), *after]
            (created,) = jobs.create_many(
                conn,
                [{"workflow_id": wf, "name": name, "command": f"run {name}", **values}],
            )
            ids[name] = created["id"]
    return ids


def add_action(
    engine: Engine,
    wf: int,
    trigger: str,
    job_ids: Sequence[int] | None = None,
    *,
    persistent: bool = False,
    action_type: str = "run_commands",
    config: Mapping[str, Any] | None = None,
    is_recovery: bool = False,
) -> int:
    values = {
        "trigger_type": trigger,
        "action_type": action_type,
        "action_config": dict(config or {"commands": [f"echo {trigger}"]}),
        "job_ids": list(job_ids) if job_ids is not None else None,
        "persistent": persistent,
        "is_recovery": is_recovery,
    }
    with engine.change() as conn:
        return actions.create(conn, wf, values)["id"]


# ---------------------------------------------------------------------------------------------
# shapes


@dataclass
class Built:
    """A workflow and its jobs by name."""

    wf: int
    jobs: dict[str, int]
    files: dict[str, int] = field(default_factory=dict)
    user_data: dict[str, int] = field(default_factory=dict)

    def __getitem__(self, name: str) -> int:
        return self.jobs[name]

    def ids(self, *names: str) -> list[int]:
        return [self.jobs[n] for n in names]


def diamond(engine: Engine, **job_fields: Any) -> Built:
    """The user guide's diamond, wired through files only (the engine derives the edges):

    preprocess: f1 -> f2, f3;  work1: f2 -> f4;  work2: f3 -> f5;  postprocess: f4, f5 -> f6.
    """
    wf = workflow(engine, description="diamond")
    files = {n: file(engine, wf, n) for n in ("f1", "f2", "f3", "f4", "f5", "f6")}

    def f(*names: str) -> list[int]:
        return [files[n] for n in names]

    ids = add_jobs(
        engine,
        wf,
        {
            "preprocess": {"input_file_ids": f("f1"), "output_file_ids": f("f2", "f3")},
            "work1": {"input_file_ids": f("f2"), "output_file_ids": f("f4")},
            "work2": {"input_file_ids": f("f3"), "output_file_ids": f("f5")},
            "postprocess": {"input_file_ids": f("f4", "f5"), "output_file_ids": f("f6")},
        },
    )
    if job_fields:
        set_job_fields(engine, ids.values(), **job_fields)
    return Built(wf, ids, files=files)


def chain(engine: Engine, *names: str, **job_fields: Any) -> Built:
    """Jobs in a line through explicit edges: names[0] <- names[1] <- ..."""
    wf = workflow(engine)
    specs: dict[str, dict[str, Any]] = {}
    for index, name in enumerate(names):
        specs[name] = {**job_fields, "after": [names[index - 1]] if index else []}
    return Built(wf, add_jobs(engine, wf, specs))


def independent(engine: Engine, count: int, **job_fields: Any) -> Built:
    wf = workflow(engine)
    return Built(wf, add_jobs(engine, wf, {f"j{i:03d}": dict(job_fields) for i in range(count)}))


def set_job_fields(engine: Engine, job_ids: Iterable[int], **fields: Any) -> None:
    """Change columns directly (as a test fixture, not through the API rules)."""
    with engine.change() as conn:
        for job_id in job_ids:
            for name, value in fields.items():
                conn.execute(f"UPDATE job SET {name} = ? WHERE id = ?", (value, job_id))


# ---------------------------------------------------------------------------------------------
# driving the engine


def initialize(engine: Engine, wf: int, *, only_uninitialized: bool = False) -> None:
    with engine.change() as conn:
        lifecycle.initialize_jobs(
            conn, wf, only_uninitialized=only_uninitialized, sink=engine.events
        )


def run_id(engine: Engine, wf: int) -> int:
    return workflows.get_status(engine.db.conn, wf)["run_id"]


def bump_run(engine: Engine, wf: int) -> int:
    """What a client does before a run: run_id + 1."""
    with engine.change() as conn:
        conn.execute("UPDATE workflow_status SET run_id = run_id + 1 WHERE id = ?", (wf,))
    return run_id(engine, wf)


def claim(engine: Engine, wf: int, limit: int = 100) -> list[int]:
    with engine.change() as conn:
        return [job["id"] for job in lifecycle.claim_next_jobs(conn, wf, limit)]


def offer(
    num_cpus: int = 4,
    memory_gb: float = 8.0,
    num_gpus: int = 0,
    num_nodes: int = 1,
    **extra: Any,
) -> dict[str, Any]:
    """A runner's free resources, the body of claim_jobs_based_on_resources."""
    return {
        "num_cpus": num_cpus,
        "memory_gb": memory_gb,
        "num_gpus": num_gpus,
        "num_nodes": num_nodes,
        **extra,
    }


def claim_resources(
    engine: Engine,
    wf: int,
    resources: Mapping[str, Any],
    limit: int = 100,
    *,
    sort_method: str | None = "none",
    strict_scheduler_match: bool = False,
    requirements_read: bool = False,
) -> list[int]:
    """`requirements_read`: the workflow's resource requirements are read first, as a runner's
    report reads them (then a claim that one requirement answers takes one statement)."""
    with engine.change() as conn:
        requirements = (
            reports.open_report(conn, wf, None, None, claims=True).requirements
            if requirements_read
            else None
        )
        claimed, _ = lifecycle.claim_jobs_based_on_resources(
            conn,
            wf,
            limit,
            resources,
            sort_method=sort_method,
            strict_scheduler_match=strict_scheduler_match,
            requirements=requirements,
        )
    return [job["id"] for job in claimed]


def result(node: int, return_code: int = 0, **fields: Any) -> dict[str, Any]:
    return {
        "compute_node_id": node,
        "return_code": return_code,
        "exec_time_minutes": 0.5,
        "completion_time": "2024-01-31T12:30:00.000Z",
        **fields,
    }


def start(engine: Engine, job_id: int, node: int, run: int | None = None) -> dict[str, Any]:
    with engine.change() as conn:
        run = _run(conn, job_id) if run is None else run
        return lifecycle.start_job(conn, job_id, run, node, engine.events)


def complete(
    engine: Engine,
    job_id: int,
    node: int,
    status: str = "completed",
    return_code: int | None = None,
    run: int | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """complete_job; the return code follows the status unless given."""
    code = return_code if return_code is not None else (0 if status == "completed" else 1)
    with engine.change() as conn:
        run = _run(conn, job_id) if run is None else run
        return lifecycle.complete_job(
            conn, job_id, status, run, result(node, code, **fields), engine.events
        )


def fail(engine: Engine, job_id: int, node: int, **fields: Any) -> dict[str, Any]:
    return complete(engine, job_id, node, "failed", **fields)


def run_to_end(engine: Engine, job_id: int, node: int, status: str = "completed") -> None:
    """Start a claimed (pending) job and finish it."""
    start(engine, job_id, node)
    complete(engine, job_id, node, status)


def drain(engine: Engine, wf: int, node: int, failing: Iterable[int] = ()) -> list[int]:
    """Claim and run every job that becomes ready until none is left; `failing` jobs fail.
    Answers the job ids in the order they were claimed."""
    failing = set(failing)
    order: list[int] = []
    while batch := claim(engine, wf, 1000):
        for job_id in batch:
            run_to_end(engine, job_id, node, "failed" if job_id in failing else "completed")
        order.extend(batch)
    return order


def _run(conn: Any, job_id: int) -> int:
    (wf,) = conn.execute("SELECT workflow_id FROM job WHERE id = ?", (job_id,)).fetchone()
    return workflows.get_status(conn, wf)["run_id"]


# ---------------------------------------------------------------------------------------------
# reading state


def statuses(engine: Engine, wf: int) -> dict[str, str]:
    """Job name -> status name."""
    with engine.change() as conn:
        rows = conn.execute("SELECT id FROM job WHERE workflow_id = ? ORDER BY id", (wf,))
        return {job["name"]: job["status"] for job in (jobs.get(conn, r[0]) for r in rows)}


def status(engine: Engine, job_id: int) -> str:
    return jobs.get(engine.db.conn, job_id)["status"]


def job(engine: Engine, job_id: int) -> dict[str, Any]:
    return jobs.get(engine.db.conn, job_id)


def snapshot(engine: Engine, wf: int) -> dict[str, list[tuple[Any, ...]]]:
    """Every row a lifecycle change could touch, to check that a refused request changed
    nothing."""
    conn = engine.db.conn
    queries = {
        "job": "SELECT * FROM job WHERE workflow_id = ? ORDER BY id",
        "status": "SELECT * FROM workflow_status WHERE id = ?",
        "result": "SELECT * FROM result WHERE workflow_id = ? ORDER BY id",
        "event": "SELECT * FROM event WHERE workflow_id = ? ORDER BY id",
        "action": "SELECT * FROM workflow_action WHERE workflow_id = ? ORDER BY id",
        "depends": "SELECT * FROM job_depends_on WHERE workflow_id = ? ORDER BY 1, 2",
    }
    return {name: [tuple(r) for r in conn.execute(sql, (wf,))] for name, sql in queries.items()}


def results(engine: Engine, wf: int, *, current_only: bool = False) -> list[dict[str, Any]]:
    sql = "SELECT * FROM result t WHERE t.workflow_id = ?"
    if current_only:
        sql += " AND t.id IN (SELECT current_result_id FROM job WHERE workflow_id = ?)"
    sql += " ORDER BY t.id"
    params = (wf, wf) if current_only else (wf,)
    return [records.from_row(RESULT, row) for row in engine.db.conn.execute(sql, params)]


def events(engine: Engine, wf: int, **filters: Any) -> list[dict[str, Any]]:
    """The persisted events' data, oldest first, through the same list query as the API."""
    page = records.list_page(
        engine.db.conn,
        EVENT,
        filters,
        offset=0,
        limit=10_000,
        base_conditions=[("t.workflow_id = ?", (wf,))],
    )
    return [{**item["data"], "timestamp": item["timestamp"]} for item in page.items]


def event_types(engine: Engine, wf: int, **filters: Any) -> list[str]:
    return [event["type"] for event in events(engine, wf, **filters)]


def action(engine: Engine, action_id: int) -> dict[str, Any]:
    return records.fetch(engine.db.conn, WORKFLOW_ACTION, action_id)


def pending_actions(engine: Engine, wf: int, *triggers: str) -> list[int]:
    return [a["id"] for a in actions.list_for(engine.db.conn, wf, pending=True, triggers=triggers)]
