"""A small workflow with one record of every kind, for the schemathesis run to find.

Random inputs mostly carry ids that do not exist and so only reach the 404 branches. The run
seeds this data set before each operation and substitutes its ids for some of the generated ones
(see `substitute_ids`), so that requests also reach the handlers' success and state branches.

The seeded workflow has five jobs: `a` (completed, with a result), `b` (depends on `a`; claimed,
so pending), `c` (running), `d` (ready) and `e` (created after initialization, so
uninitialized). It has an input file that exists, an output file, user data, resource
requirements (one used, one not), a local and a Slurm scheduler, a scheduled and an active
compute node, an event, a failure handler, a workflow action and a remote worker, and it is
shared with an access group that has a member (a second group is empty).
"""

from __future__ import annotations

import itertools
import os
import random
import re
import uuid
from typing import Any

import httpx
from schemathesis.core.parameters import ParameterLocation

USER = "alice"
WORKER = "worker-host:22"
Ids = dict[str, list[Any]]
_INTEGER = re.compile(r"-?[0-9]+")
_names = itertools.count(1)


def unique(prefix: str) -> str:
    """A name no other seed (in this or another xdist worker) uses."""
    return f"{prefix}-{os.getpid()}-{next(_names)}-{uuid.uuid4().hex[:6]}"


def _ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, (
        f"seeding: {response.request.method} {response.request.url} -> "
        f"{response.status_code}: {response.text}"
    )
    return response.json()


def seed(http: httpx.Client) -> Ids:
    """Create the data set; answer its ids by kind (the kinds `ID_KINDS` refers to)."""
    post = lambda url, body=None, **params: _ok(http.post(url, json=body, params=params))  # noqa: E731
    put = lambda url, body=None: _ok(http.put(url, json=body))  # noqa: E731
    get = lambda url, **params: _ok(http.get(url, params=params))  # noqa: E731

    workflow = post("/workflows", {"name": unique("seed"), "user": USER, "description": "seed"})
    wf = workflow["id"]

    rr = post("/resource_requirements", {"workflow_id": wf, "name": "small", "num_cpus": 1})
    spare = post("/resource_requirements", {"workflow_id": wf, "name": "spare", "num_gpus": 1})
    local = post("/local_schedulers", {"workflow_id": wf, "name": "local", "num_cpus": 4})
    slurm = post(
        "/slurm_schedulers",
        {"workflow_id": wf, "name": "slurm", "account": "acct", "nodes": 1, "walltime": "01:00:00"},
    )
    source = post("/files", {"workflow_id": wf, "name": "in", "path": __file__, "st_mtime": 1.0})
    target = post("/files", {"workflow_id": wf, "name": "out", "path": "/nonexistent/out"})
    given = post("/user_data", {"workflow_id": wf, "name": "given", "data": {"x": 1}})
    made = post("/user_data", {"workflow_id": wf, "name": "made"})
    handler = post(
        "/failure_handlers",
        {"workflow_id": wf, "name": "retry", "rules": '[{"exit_codes": [1], "max_retries": 2}]'},
    )
    a = post(
        "/jobs",
        {
            "workflow_id": wf,
            "name": "a",
            "command": "true",
            "input_file_ids": [source["id"]],
            "output_file_ids": [target["id"]],
            "input_user_data_ids": [given["id"]],
            "output_user_data_ids": [made["id"]],
            "resource_requirements_id": rr["id"],
            "scheduler_id": local["id"],
        },
    )
    b, c, d = post(
        "/bulk_jobs",
        {
            "jobs": [
                {
                    "workflow_id": wf,
                    "name": "b",
                    "command": "true",
                    "depends_on_job_ids": [a["id"]],
                    "input_file_ids": [target["id"]],
                    "failure_handler_id": handler["id"],
                },
                {"workflow_id": wf, "name": "c", "command": "sleep 1"},
                {"workflow_id": wf, "name": "d", "command": "false"},
            ]
        },
    )["jobs"]
    action = post(
        f"/workflows/{wf}/actions",
        {
            "workflow_id": wf,
            "trigger_type": "on_workflow_start",
            "action_type": "run_commands",
            "action_config": {"commands": ["true"]},
        },
    )
    post(f"/workflows/{wf}/remote_workers", [WORKER])
    scheduled = post(
        "/scheduled_compute_nodes",
        {
            "workflow_id": wf,
            "scheduler_id": 1001,
            "scheduler_config_id": slurm["id"],
            "scheduler_type": "slurm",
            "status": "active",
        },
    )
    node = post(
        "/compute_nodes",
        {
            "workflow_id": wf,
            "hostname": "node1",
            "pid": 4242,
            "start_time": "2024-01-01T00:00:00Z",
            "num_cpus": 8,
            "memory_gb": 16.0,
            "num_gpus": 0,
            "num_nodes": 1,
            "compute_node_type": "local",
            "is_active": True,
        },
    )
    event = post("/events", {"workflow_id": wf, "timestamp": 1, "data": {"category": "seed"}})
    group = post("/access_groups", {"name": unique("group"), "description": "seed"})
    post(f"/access_groups/{group['id']}/members", {"user_name": USER, "group_id": group["id"]})
    post(f"/workflows/{wf}/access_groups/{group['id']}")
    empty_group = post("/access_groups", {"name": unique("empty")})  # no members, no workflows

    # Run `a` to completion so that `b` becomes ready, claim `b` (pending) and `c`, start `c`
    # (running), and leave `d` ready.
    post(f"/workflows/{wf}/initialize_jobs")
    run_id = get(f"/workflows/{wf}/status")["run_id"]
    claimed = post(f"/workflows/{wf}/claim_next_jobs", limit=1)["jobs"]
    assert [job["id"] for job in claimed] == [a["id"]], claimed
    put(f"/jobs/{a['id']}/start_job/{run_id}/{node['id']}")
    post(
        f"/jobs/{a['id']}/complete_job/completed/{run_id}",
        {
            "job_id": a["id"],
            "workflow_id": wf,
            "run_id": run_id,
            "compute_node_id": node["id"],
            "return_code": 0,
            "exec_time_minutes": 0.5,
            "completion_time": "2024-01-01T00:01:00Z",
            "status": "completed",
        },
    )
    claimed = post(f"/workflows/{wf}/claim_next_jobs", limit=2)["jobs"]
    assert [job["id"] for job in claimed] == [b["id"], c["id"]], claimed
    put(f"/jobs/{c['id']}/start_job/{run_id}/{node['id']}")
    results = get("/results", workflow_id=wf)["items"]
    e = post("/jobs", {"workflow_id": wf, "name": "e", "command": "true"})  # after initializing

    return {
        "workflow": [wf],
        "job": [a["id"], b["id"], c["id"], d["id"], e["id"]],
        "file": [source["id"], target["id"]],
        "user_data": [given["id"], made["id"]],
        "resource_requirements": [rr["id"], spare["id"]],
        "compute_node": [node["id"]],
        "scheduled_compute_node": [scheduled["id"]],
        "result": [r["id"] for r in results],
        "event": [event["id"]],
        "local_scheduler": [local["id"]],
        "slurm_scheduler": [slurm["id"]],
        "scheduler": [local["id"], slurm["id"]],
        "failure_handler": [handler["id"]],
        "action": [action["id"]],
        "access_group": [group["id"], empty_group["id"]],
        "run": [run_id],
        "user_name": [USER],
        "worker": [WORKER],
    }


# Which kind of record an id-valued name refers to, wherever it appears (path, query, body).
ID_KINDS = {
    "workflow_id": "workflow",
    "job_id": "job",
    "consumer_job_id": "job",
    "producer_job_id": "job",
    "upstream_job_id": "job",
    "produced_by_job_id": "job",
    "depends_on_job_ids": "job",
    "job_ids": "job",
    "needs_file_id": "file",
    "input_file_ids": "file",
    "output_file_ids": "file",
    "input_user_data_ids": "user_data",
    "output_user_data_ids": "user_data",
    "resource_requirements_id": "resource_requirements",
    "compute_node_id": "compute_node",
    "active_compute_node_id": "compute_node",
    "scheduled_compute_node_id": "scheduled_compute_node",
    "scheduler_id": "scheduler",
    "scheduler_config_id": "scheduler",
    "failure_handler_id": "failure_handler",
    "action_id": "action",
    "group_id": "access_group",
    "run_id": "run",
    "user_name": "user_name",
    "worker": "worker",
}

# The kind of the path parameter `id`, by the first segment of the path.
PATH_ID_KINDS = {
    "workflows": "workflow",
    "jobs": "job",
    "files": "file",
    "user_data": "user_data",
    "resource_requirements": "resource_requirements",
    "compute_nodes": "compute_node",
    "scheduled_compute_nodes": "scheduled_compute_node",
    "results": "result",
    "events": "event",
    "local_schedulers": "local_scheduler",
    "slurm_schedulers": "slurm_scheduler",
    "failure_handlers": "failure_handler",
    "access_groups": "access_group",
}

# With this probability a case gets every id replaced by a seeded one (so that bodies with many
# references can be entirely valid); otherwise each id is replaced with `SUBSTITUTE_EACH`.
SUBSTITUTE_ALL = 0.6
SUBSTITUTE_EACH = 0.4


def _replacement(rng: random.Random, kind: str | None, value: Any, ids: Ids, p: float) -> Any:
    """A seeded id of the kind in place of `value` with probability `p`, if the types agree."""
    if kind is None or not ids.get(kind) or rng.random() >= p:
        return value
    choice = rng.choice(ids[kind])
    if isinstance(value, str) and isinstance(choice, int) and _INTEGER.fullmatch(value):
        return str(choice)  # path and query values may be generated as strings
    if isinstance(value, bool) or type(value) is not type(choice):
        return value  # a negative case with a wrongly typed value: keep it as generated
    return choice


def _walk(rng: random.Random, value: Any, ids: Ids, p: float) -> None:
    """Substitute ids in place in a JSON body (objects, arrays of objects, arrays of ids)."""
    if isinstance(value, list):
        for item in value:
            _walk(rng, item, ids, p)
    elif isinstance(value, dict):
        for key, item in value.items():
            kind = ID_KINDS.get(key)
            if kind is None:
                _walk(rng, item, ids, p)
            elif isinstance(item, list):
                value[key] = [_replacement(rng, kind, x, ids, p) for x in item]
            else:
                value[key] = _replacement(rng, kind, item, ids, p)


def substitute_ids(case: Any, ids: Ids) -> None:
    """Replace some generated ids of a schemathesis case with seeded ones, deterministically.

    The choices are a pure function of the generated case, so a derandomized run sends the same
    requests every time.
    """
    rng = random.Random(
        repr((case.operation.label, case.path_parameters, case.query, getattr(case, "body", None)))
    )
    p = 1.0 if rng.random() < SUBSTITUTE_ALL else SUBSTITUTE_EACH
    first_segment = case.operation.path.strip("/").split("/")[0]
    meta = getattr(case, "meta", None)

    def negative(location: ParameterLocation) -> bool:
        """A part generated to violate the schema stays as generated: replacing its value
        with a valid id would make schemathesis expect a refusal of a valid request."""
        return meta is not None and (
            meta.generation.mode.is_negative or meta.is_negative_at(location)
        )

    for name, value in list((case.path_parameters or {}).items()):
        if negative(ParameterLocation.PATH):
            break
        kind = PATH_ID_KINDS.get(first_segment) if name == "id" else ID_KINDS.get(name)
        case.path_parameters[name] = _replacement(rng, kind, value, ids, p)
    for name, value in list((case.query or {}).items()):
        if negative(ParameterLocation.QUERY):
            break
        kind = ID_KINDS.get(name)
        if isinstance(value, list):
            case.query[name] = [_replacement(rng, kind, x, ids, p) for x in value]
        else:
            case.query[name] = _replacement(rng, kind, value, ids, p)
    body = getattr(case, "body", None)
    if isinstance(body, (dict, list)) and not negative(ParameterLocation.BODY):
        _walk(rng, body, ids, p)
