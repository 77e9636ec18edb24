"""The per-workflow collections and the other record kinds through the HTTP API.

Files, user data, resource requirements, compute nodes, scheduled compute nodes, results, events,
local and Slurm schedulers share one shape (create, get, update, delete, list, bulk delete) and are
tested together first; what is particular to each kind follows, then failure handlers, remote
workers, access groups and workflow actions.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from .helpers import (
    compute_node_body,
    create_compute_node,
    create_job,
    create_requirements,
    create_user_data,
    create_workflow,
    delete_json,
    error,
    ids,
    items,
    ok,
    page,
    result_body,
    set_run_id,
    total,
    unique,
)

# ---------------------------------------------------------------------------------------------
# the shared shape


@dataclass(frozen=True)
class Kind:
    path: str
    kind: str  # how error messages name it
    body: Callable[[httpx.Client, int], dict[str, Any]]  # a valid create body for a workflow
    change: dict[str, Any]  # fields an update changes
    bulk_answer: Callable[[int], dict[str, Any]]  # the bulk delete answer for n deleted
    baseline: int = 0  # records a new workflow already has
    listing: tuple[tuple[str, Any], ...] = ()  # query parameters that list every record

    def list_params(self, workflow_id: int) -> dict[str, Any]:
        return {"workflow_id": workflow_id, **dict(self.listing)}

    def __str__(self) -> str:
        return self.path.strip("/")


def _count(n: int) -> dict[str, Any]:
    return {"count": n}


def _result(http: httpx.Client, wf: int) -> dict[str, Any]:
    job = create_job(http, wf)
    node = create_compute_node(http, wf)
    return result_body(job["id"], wf, 0, node["id"], peak_memory_bytes=1024, avg_cpu_percent=12.5)


KINDS = [
    Kind(
        "/files",
        "File",
        lambda http, wf: {"workflow_id": wf, "name": unique("f"), "path": "/tmp/in.txt"},
        {"path": "/tmp/moved.txt", "st_mtime": 1706702400.5},
        lambda n: {"deleted_count": n},
    ),
    Kind(
        "/user_data",
        "User data",
        lambda http, wf: {"workflow_id": wf, "name": unique("ud"), "data": {"a": [1, 2]}},
        {"data": {"b": {"c": True}}, "is_ephemeral": True},
        lambda n: {"message": f"Deleted {n} user data records", "deleted_count": n},
    ),
    Kind(
        "/resource_requirements",
        "Resource requirements",
        lambda http, wf: {
            "workflow_id": wf,
            "name": unique("rr"),
            "num_cpus": 4,
            "num_gpus": 1,
            "num_nodes": 2,
            "memory": "20g",
            "runtime": "PT30M",
        },
        {"num_cpus": 16, "memory": "512m", "runtime": "P1DT12H"},
        _count,
        baseline=1,
    ),
    Kind(
        "/compute_nodes",
        "Compute node",
        lambda http, wf: compute_node_body(wf, scheduler={"scheduler_id": 3}, time_limit="PT1H"),
        {"is_active": False, "duration_seconds": 61.5},
        _count,
    ),
    Kind(
        "/scheduled_compute_nodes",
        "Scheduled compute node",
        lambda http, wf: {
            "workflow_id": wf,
            "scheduler_id": 11,
            "scheduler_config_id": 2,
            "scheduler_type": "slurm",
            "status": "pending",
        },
        {"status": "active"},
        _count,
    ),
    Kind(
        "/results",
        "Result",
        _result,
        {"return_code": 3, "status": "failed", "exec_time_minutes": 2.25},
        _count,
        # Results stored directly are history: listed with all_runs (see the results tests).
        listing=(("all_runs", True),),
    ),
    Kind(
        "/events",
        "Event",
        lambda http, wf: {"workflow_id": wf, "timestamp": 0, "data": {"category": "user"}},
        {"timestamp": 1234, "data": {"category": "edited", "message": "m"}},
        _count,
    ),
    Kind(
        "/local_schedulers",
        "Local scheduler",
        lambda http, wf: {
            "workflow_id": wf,
            "name": unique("local"),
            "memory": "8g",
            "num_cpus": 4,
        },
        {"num_cpus": 8},
        _count,
    ),
    Kind(
        "/slurm_schedulers",
        "Slurm scheduler",
        lambda http, wf: {
            "workflow_id": wf,
            "name": unique("slurm"),
            "account": "acct",
            "nodes": 2,
            "walltime": "04:00:00",
            "partition": "short",
            "qos": "high",
            "gres": "gpu:2",
            "mem": "100G",
            "ntasks_per_node": 4,
            "tmp": "10G",
            "extra": "--exclusive",
        },
        {"walltime": "08:00:00", "nodes": 4},
        _count,
    ),
]


def _without(record: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in keys}


def test_events_are_stamped_by_the_server_in_id_order(http: httpx.Client) -> None:
    """The server stamps an event when it is created, never before an earlier one, so that a
    workflow's events list in id order from their (workflow_id, timestamp) index; an update
    may still set an event's timestamp."""
    wf = create_workflow(http)["id"]
    first = ok(http.post("/events", json={"workflow_id": wf, "timestamp": 5, "data": {}}))
    second = ok(http.post("/events", json={"workflow_id": wf, "timestamp": 1, "data": {}}))
    assert 5 < first["timestamp"] <= second["timestamp"]
    assert ids(items(http, "/events", workflow_id=wf)) == ids([first, second])
    assert ids(items(http, "/events", workflow_id=wf, reverse_sort=True)) == ids([second, first])
    edited = ok(http.put(f"/events/{first['id']}", json={**first, "timestamp": 1234}))
    assert edited["timestamp"] == 1234


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_create_get_update_delete(http: httpx.Client, kind: Kind) -> None:
    wf = create_workflow(http)["id"]
    body = kind.body(http, wf)

    created = ok(http.post(kind.path, json=body))
    assert isinstance(created["id"], int)
    for key, value in body.items():
        if key != "timestamp":  # the server stamps events
            assert created[key] == value, key
    url = f"{kind.path}/{created['id']}"
    assert ok(http.get(url)) == created

    updated = ok(http.put(url, json={**created, **kind.change}))
    assert updated == {**created, **kind.change}
    assert ok(http.get(url)) == updated
    assert updated in items(http, kind.path, **kind.list_params(wf))

    assert ok(http.delete(url)) == updated
    error(http.get(url), 404, kind.kind, str(created["id"]))
    error(http.put(url, json={**created, **kind.change}), 404, str(created["id"]))
    error(http.delete(url), 404, str(created["id"]))
    assert created["id"] not in ids(items(http, kind.path, **kind.list_params(wf)))


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_list_and_bulk_delete(http: httpx.Client, kind: Kind) -> None:
    wf = create_workflow(http)["id"]
    other = create_workflow(http)["id"]
    created = [ok(http.post(kind.path, json=kind.body(http, wf))) for _ in range(3)]
    kept = ok(http.post(kind.path, json=kind.body(http, other)))

    listed = page(http, kind.path, **kind.list_params(wf))
    assert listed["total_count"] == kind.baseline + 3
    assert ids(listed["items"])[kind.baseline :] == ids(created)
    assert ids(items(http, kind.path, reverse_sort=True, **kind.list_params(wf))) == sorted(
        ids(listed["items"]), reverse=True
    )
    two = page(http, kind.path, offset=kind.baseline, limit=2, **kind.list_params(wf))
    assert (ids(two["items"]), two["has_more"]) == (ids(created)[:2], True)

    assert ok(delete_json(http, kind.path, workflow_id=wf)) == kind.bulk_answer(kind.baseline + 3)
    assert total(http, kind.path, **kind.list_params(wf)) == 0
    assert ok(delete_json(http, kind.path, workflow_id=wf)) == kind.bulk_answer(0)
    for record in created:
        error(http.get(f"{kind.path}/{record['id']}"), 404)
    assert ok(http.get(f"{kind.path}/{kept['id']}")) == kept
    assert total(http, kind.path, **kind.list_params(other)) == kind.baseline + 1


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_unknown_workflow_is_404(http: httpx.Client, kind: Kind) -> None:
    wf = create_workflow(http)["id"]
    body = {**kind.body(http, wf), "workflow_id": 999999991}
    error(http.post(kind.path, json=body), 404, "999999991")
    error(http.get(kind.path, params={"workflow_id": 999999991}), 404, "Workflow", "999999991")
    error(delete_json(http, kind.path, workflow_id=999999991), 404, "999999991")
    assert total(http, kind.path, **kind.list_params(wf)) == kind.baseline


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_update_keeps_the_record_in_its_workflow(http: httpx.Client, kind: Kind) -> None:
    wf = create_workflow(http)["id"]
    other = create_workflow(http)["id"]
    created = ok(http.post(kind.path, json=kind.body(http, wf)))
    body = {**created, **kind.change, "workflow_id": other, "id": created["id"] + 1000}
    updated = ok(http.put(f"{kind.path}/{created['id']}", json=body))
    assert updated["id"] == created["id"]
    assert updated["workflow_id"] == wf
    assert total(http, kind.path, **kind.list_params(other)) == kind.baseline


# ---------------------------------------------------------------------------------------------
# files


def test_file_filters(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    a = ok(http.post("/files", json={"workflow_id": wf, "name": "a", "path": "/x/a"}))
    b = ok(http.post("/files", json={"workflow_id": wf, "name": "b", "path": "/x/b"}))
    producer = create_job(http, wf, "producer", output_file_ids=[b["id"]])

    assert ids(items(http, "/files", workflow_id=wf, name="a")) == [a["id"]]
    assert ids(items(http, "/files", workflow_id=wf, path="/x/b")) == [b["id"]]
    assert ids(items(http, "/files", workflow_id=wf, is_output=True)) == [b["id"]]
    assert ids(items(http, "/files", workflow_id=wf, is_output=False)) == [a["id"]]
    assert ids(items(http, "/files", workflow_id=wf, produced_by_job_id=producer["id"])) == [
        b["id"]
    ]
    assert ids(items(http, "/files", workflow_id=wf, sort_by="name", reverse_sort=True)) == [
        b["id"],
        a["id"],
    ]


# ---------------------------------------------------------------------------------------------
# user data


def test_user_data_put_replaces_data_whole(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    record = create_user_data(http, wf, data={"a": 1, "nested": {"b": 2, "c": [1, 2]}})
    updated = ok(
        http.put(f"/user_data/{record['id']}", json={**record, "data": {"nested": {"d": 4}}})
    )
    assert updated["data"] == {"nested": {"d": 4}}
    assert ok(http.get(f"/user_data/{record['id']}"))["data"] == {"nested": {"d": 4}}


def test_user_data_put_without_data_clears_it(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    record = create_user_data(http, wf, data={"a": 1}, is_ephemeral=True)
    body = {"workflow_id": wf, "name": "renamed"}
    updated = ok(http.put(f"/user_data/{record['id']}", json=body))
    assert updated == {
        "id": record["id"],
        "workflow_id": wf,
        "name": "renamed",
        "is_ephemeral": False,
    }
    assert ok(http.get(f"/user_data/{record['id']}")) == updated


def test_user_data_without_data(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    record = create_user_data(http, wf)
    assert "data" not in record
    assert record["is_ephemeral"] is False


def test_user_data_links_to_consumer_and_producer_jobs(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    producer = create_job(http, wf, "producer")
    consumer = create_job(http, wf, "consumer")
    record = create_user_data(
        http,
        wf,
        data={"x": 1},
        params={"consumer_job_id": consumer["id"], "producer_job_id": producer["id"]},
    )
    only_input = create_user_data(http, wf, params={"consumer_job_id": consumer["id"]})

    assert ok(http.get(f"/jobs/{producer['id']}"))["output_user_data_ids"] == [record["id"]]
    assert ok(http.get(f"/jobs/{consumer['id']}"))["input_user_data_ids"] == [
        record["id"],
        only_input["id"],
    ]
    assert ids(items(http, "/user_data", workflow_id=wf, consumer_job_id=consumer["id"])) == [
        record["id"],
        only_input["id"],
    ]
    assert ids(items(http, "/user_data", workflow_id=wf, producer_job_id=producer["id"])) == [
        record["id"]
    ]
    # The link makes the consumer wait for the producer.
    ok(http.post(f"/workflows/{wf}/initialize_jobs"))
    statuses = {job["name"]: job["status"] for job in items(http, "/jobs", workflow_id=wf)}
    assert statuses == {"producer": "ready", "consumer": "blocked"}


def test_user_data_link_to_job_of_another_workflow_is_404(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    other = create_workflow(http)["id"]
    foreign = create_job(http, other)
    for param in ("consumer_job_id", "producer_job_id"):
        response = http.post(
            "/user_data",
            json={"workflow_id": wf, "name": "x"},
            params={param: foreign["id"]},
        )
        error(response, 404, param, str(foreign["id"]))
    assert total(http, "/user_data", workflow_id=wf) == 0


def test_user_data_filters(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    kept = create_user_data(http, wf, name="kept")
    ephemeral = create_user_data(http, wf, name="eph", is_ephemeral=True)
    assert ids(items(http, "/user_data", workflow_id=wf, is_ephemeral=True)) == [ephemeral["id"]]
    assert ids(items(http, "/user_data", workflow_id=wf, is_ephemeral=False)) == [kept["id"]]
    assert ids(items(http, "/user_data", workflow_id=wf, name="kept")) == [kept["id"]]


# ---------------------------------------------------------------------------------------------
# resource requirements


def test_requirements_defaults(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    record = ok(http.post("/resource_requirements", json={"workflow_id": wf, "name": "small"}))
    assert _without(record, "id") == {
        "workflow_id": wf,
        "name": "small",
        "num_cpus": 1,
        "num_gpus": 0,
        "num_nodes": 1,
        "memory": "1m",
        "runtime": "P0DT1M",
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("memory", "12xb"),
        ("memory", "lots"),
        ("runtime", "PXYZ"),
        ("runtime", "1 hour"),
    ],
)
def test_requirements_with_unreadable_values_are_refused(
    http: httpx.Client, field: str, value: str
) -> None:
    wf = create_workflow(http)["id"]
    body = {"workflow_id": wf, "name": "bad", field: value}
    error(http.post("/resource_requirements", json=body), 400, value)
    assert total(http, "/resource_requirements", workflow_id=wf) == 1

    record = create_requirements(http, wf, memory="2g", runtime="PT2H")
    url = f"/resource_requirements/{record['id']}"
    error(http.put(url, json={**record, field: value}), 400, value)
    assert ok(http.get(url)) == record


@pytest.mark.parametrize(
    "memory", ["1m", "512k", "20g", "1.5t", "20G", "100gb", "1024"], ids=lambda m: m
)
def test_requirements_accept_memory_forms(http: httpx.Client, memory: str) -> None:
    wf = create_workflow(http)["id"]
    assert create_requirements(http, wf, memory=memory)["memory"] == memory


@pytest.mark.parametrize("runtime", ["P0DT1M", "PT30M", "P1DT12H", "PT90S", "P2D", "PT1H30M"])
def test_requirements_accept_duration_forms(http: httpx.Client, runtime: str) -> None:
    wf = create_workflow(http)["id"]
    assert create_requirements(http, wf, runtime=runtime)["runtime"] == runtime


def test_requirements_filters_use_parsed_runtime(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    half_hour = create_requirements(http, wf, runtime="PT30M", num_cpus=2, memory="4g")
    also_half_hour = create_requirements(http, wf, runtime="PT1800S", num_cpus=4)
    create_requirements(http, wf, runtime="PT1H")

    assert ids(items(http, "/resource_requirements", workflow_id=wf, runtime=1800)) == [
        half_hour["id"],
        also_half_hour["id"],
    ]
    assert ids(items(http, "/resource_requirements", workflow_id=wf, num_cpus=2)) == [
        half_hour["id"]
    ]
    assert ids(items(http, "/resource_requirements", workflow_id=wf, memory="4g")) == [
        half_hour["id"]
    ]


def test_requirements_filter_by_job(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    rr = create_requirements(http, wf)
    job = create_job(http, wf, resource_requirements_id=rr["id"])
    assert ids(items(http, "/resource_requirements", workflow_id=wf, job_id=job["id"])) == [
        rr["id"]
    ]


def test_deleting_requirements_in_use_is_refused(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    rr = create_requirements(http, wf)
    job = create_job(http, wf, resource_requirements_id=rr["id"])
    before = items(http, "/resource_requirements", workflow_id=wf)

    error(http.delete(f"/resource_requirements/{rr['id']}"), 409, "job")
    error(delete_json(http, "/resource_requirements", workflow_id=wf), 409, "job")
    assert items(http, "/resource_requirements", workflow_id=wf) == before
    assert ok(http.get(f"/jobs/{job['id']}"))["resource_requirements_id"] == rr["id"]

    ok(http.delete(f"/jobs/{job['id']}"))
    assert ok(http.delete(f"/resource_requirements/{rr['id']}")) == rr


def test_claims_use_parsed_memory_and_runtime(http: httpx.Client) -> None:
    """A job asking 2g for 2 hours fits a node with 2 GiB and a 2-hour limit, not less."""
    wf = create_workflow(http)["id"]
    rr = create_requirements(http, wf, memory="2g", runtime="PT2H")
    job = create_job(http, wf, resource_requirements_id=rr["id"])
    ok(http.post(f"/workflows/{wf}/initialize_jobs"))
    url = f"/workflows/{wf}/claim_jobs_based_on_resources/10"
    offer = {"num_cpus": 4, "num_gpus": 0, "num_nodes": 1, "memory_gb": 1.9, "time_limit": "PT3H"}

    assert ok(http.post(url, json=offer))["jobs"] == []
    assert ok(http.post(url, json={**offer, "memory_gb": 2.0, "time_limit": "PT1H"}))["jobs"] == []
    claimed = ok(http.post(url, json={**offer, "memory_gb": 2.0, "time_limit": "PT2H"}))["jobs"]
    assert ids(claimed) == [job["id"]]
    assert claimed[0]["status"] == "pending"


# ---------------------------------------------------------------------------------------------
# compute nodes and scheduled compute nodes


def test_compute_node_filters(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    a = create_compute_node(
        http, wf, hostname="alpha", is_active=True, scheduler={"scheduler_id": 7}
    )
    b = create_compute_node(http, wf, hostname="beta", is_active=False)
    assert ids(items(http, "/compute_nodes", workflow_id=wf, hostname="beta")) == [b["id"]]
    assert ids(items(http, "/compute_nodes", workflow_id=wf, is_active=True)) == [a["id"]]
    assert ids(items(http, "/compute_nodes", workflow_id=wf, scheduled_compute_node_id=7)) == [
        a["id"]
    ]
    assert ids(
        items(http, "/compute_nodes", workflow_id=wf, sort_by="hostname", reverse_sort=True)
    ) == [
        b["id"],
        a["id"],
    ]


def test_scheduled_compute_node_filters(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]

    def make(scheduler_id: int, status: str) -> dict[str, Any]:
        body = {
            "workflow_id": wf,
            "scheduler_id": scheduler_id,
            "scheduler_config_id": 1,
            "scheduler_type": "local",
            "status": status,
        }
        return ok(http.post("/scheduled_compute_nodes", json=body))

    pending = make(100, "pending")
    active = make(200, "active")
    assert ids(items(http, "/scheduled_compute_nodes", workflow_id=wf, status="active")) == [
        active["id"]
    ]
    assert ids(items(http, "/scheduled_compute_nodes", workflow_id=wf, scheduler_id="100")) == [
        pending["id"]
    ]


# ---------------------------------------------------------------------------------------------
# results


def test_results_list_current_runs_unless_all_runs(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    job = create_job(http, wf)
    node = create_compute_node(http, wf)
    ok(http.post(f"/workflows/{wf}/initialize_jobs"))
    set_run_id(http, wf, 1)
    ok(http.post(f"/workflows/{wf}/claim_next_jobs"))
    ok(http.put(f"/jobs/{job['id']}/start_job/1/{node['id']}"))
    ok(
        http.post(
            f"/jobs/{job['id']}/complete_job/completed/1",
            json=result_body(job["id"], wf, 1, node["id"], return_code=0),
        )
    )
    (current,) = items(http, "/results", workflow_id=wf)
    assert (current["job_id"], current["run_id"], current["status"]) == (job["id"], 1, "completed")

    # A result stored directly is history: listed with all_runs, not as the job's current result.
    older = ok(
        http.post(
            "/results",
            json=result_body(job["id"], wf, 0, node["id"], return_code=1, status="failed"),
        )
    )
    assert ids(items(http, "/results", workflow_id=wf)) == [current["id"]]
    assert ids(items(http, "/results", workflow_id=wf, all_runs=False)) == [current["id"]]
    assert ids(items(http, "/results", workflow_id=wf, all_runs=True)) == [
        current["id"],
        older["id"],
    ]
    assert ids(items(http, "/results", workflow_id=wf, all_runs=True, run_id=0)) == [older["id"]]
    assert ids(items(http, "/results", workflow_id=wf, all_runs=True, status="failed")) == [
        older["id"]
    ]
    assert ids(items(http, "/results", workflow_id=wf, all_runs=True, return_code=0)) == [
        current["id"]
    ]
    assert ids(items(http, "/results", workflow_id=wf, job_id=job["id"])) == [current["id"]]


def test_result_for_job_of_another_workflow_is_404(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    other = create_workflow(http)["id"]
    foreign = create_job(http, other)
    node = create_compute_node(http, wf)
    error(http.post("/results", json=result_body(foreign["id"], wf, 0, node["id"])), 404)
    assert total(http, "/results", workflow_id=wf, all_runs=True) == 0


# ---------------------------------------------------------------------------------------------
# events


def test_event_timestamp_is_set_by_the_server(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    before = int(time.time() * 1000)
    event = ok(
        http.post("/events", json={"workflow_id": wf, "timestamp": 5, "data": {"category": "x"}})
    )
    after = int(time.time() * 1000)
    assert isinstance(event["timestamp"], int)
    assert before - 1000 <= event["timestamp"] <= after + 1000
    assert ok(http.get(f"/events/{event['id']}"))["timestamp"] == event["timestamp"]


def test_events_filter_by_timestamp_and_category(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    stored = []
    for stamp, category in ((1000, "job"), (2000, "user"), (3000, "job")):
        event = ok(
            http.post(
                "/events", json={"workflow_id": wf, "timestamp": 0, "data": {"category": category}}
            )
        )
        stored.append(ok(http.put(f"/events/{event['id']}", json={**event, "timestamp": stamp})))
    first, second, third = ids(stored)

    assert ids(items(http, "/events", workflow_id=wf, after_timestamp=1500)) == [second, third]
    assert ids(items(http, "/events", workflow_id=wf, after_timestamp=2000)) == [third]
    assert items(http, "/events", workflow_id=wf, after_timestamp=3000) == []
    assert ids(items(http, "/events", workflow_id=wf, after_timestamp=0)) == [first, second, third]
    assert ids(items(http, "/events", workflow_id=wf, category="job")) == [first, third]
    assert ids(items(http, "/events", workflow_id=wf, category="user")) == [second]
    assert items(http, "/events", workflow_id=wf, category="none") == []
    assert ids(items(http, "/events", workflow_id=wf, category="job", after_timestamp=1000)) == [
        third
    ]
    assert ids(items(http, "/events", workflow_id=wf, sort_by="timestamp", reverse_sort=True)) == [
        third,
        second,
        first,
    ]


# ---------------------------------------------------------------------------------------------
# schedulers


def test_scheduler_defaults(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    local = ok(http.post("/local_schedulers", json={"workflow_id": wf}))
    assert local["name"] == "default"
    slurm = ok(
        http.post(
            "/slurm_schedulers",
            json={"workflow_id": wf, "account": "a", "nodes": 1, "walltime": "1:00:00"},
        )
    )
    assert slurm["qos"] == "normal"


def test_scheduler_filters(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    small = ok(
        http.post("/local_schedulers", json={"workflow_id": wf, "num_cpus": 2, "memory": "1g"})
    )
    ok(http.post("/local_schedulers", json={"workflow_id": wf, "num_cpus": 8, "memory": "8g"}))
    assert ids(items(http, "/local_schedulers", workflow_id=wf, num_cpus=2)) == [small["id"]]
    assert ids(items(http, "/local_schedulers", workflow_id=wf, memory="1g")) == [small["id"]]

    body = {"workflow_id": wf, "account": "a", "nodes": 1, "walltime": "1:00:00"}
    short = ok(http.post("/slurm_schedulers", json={**body, "partition": "short"}))
    ok(http.post("/slurm_schedulers", json={**body, "partition": "long", "account": "b"}))
    assert ids(items(http, "/slurm_schedulers", workflow_id=wf, partition="short")) == [short["id"]]
    assert ids(items(http, "/slurm_schedulers", workflow_id=wf, account="a")) == [short["id"]]


@pytest.mark.parametrize(
    ("path", "body", "missing"),
    [
        ("/slurm_schedulers", {"account": "a", "nodes": 1}, "walltime"),
        ("/compute_nodes", {"hostname": "h"}, "pid"),
        ("/files", {"name": "f"}, "path"),
    ],
)
def test_missing_required_fields_are_400(
    http: httpx.Client, path: str, body: dict[str, Any], missing: str
) -> None:
    wf = create_workflow(http)["id"]
    error(http.post(path, json={"workflow_id": wf, **body}), 400, missing)
    assert total(http, path, workflow_id=wf) == 0


# ---------------------------------------------------------------------------------------------
# failure handlers

RULES = '[{"exit_codes": [1, 2], "max_retries": 2}, {"match_all_exit_codes": true}]'


def test_failure_handlers(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    other = create_workflow(http)["id"]
    handler = ok(
        http.post("/failure_handlers", json={"workflow_id": wf, "name": "h", "rules": RULES})
    )
    assert _without(handler, "id") == {"workflow_id": wf, "name": "h", "rules": RULES}
    assert ok(http.get(f"/failure_handlers/{handler['id']}")) == handler

    second = ok(
        http.post("/failure_handlers", json={"workflow_id": wf, "name": "g", "rules": "[]"})
    )
    ok(http.post("/failure_handlers", json={"workflow_id": other, "name": "o", "rules": "[]"}))
    listed = page(http, f"/workflows/{wf}/failure_handlers")
    assert ids(listed["items"]) == [handler["id"], second["id"]]
    assert listed["total_count"] == 2
    first_page = page(http, f"/workflows/{wf}/failure_handlers", limit=1)
    assert (ids(first_page["items"]), first_page["has_more"]) == ([handler["id"]], True)

    # A job may use it.
    job = create_job(http, wf, failure_handler_id=handler["id"])
    assert job["failure_handler_id"] == handler["id"]

    assert ok(http.delete(f"/failure_handlers/{handler['id']}")) == handler
    error(
        http.get(f"/failure_handlers/{handler['id']}"), 404, "Failure handler", str(handler["id"])
    )
    error(http.delete(f"/failure_handlers/{handler['id']}"), 404, str(handler["id"]))
    assert ids(items(http, f"/workflows/{wf}/failure_handlers")) == [second["id"]]


def test_failure_handlers_of_unknown_workflow_are_404(http: httpx.Client) -> None:
    error(http.get("/workflows/999999990/failure_handlers"), 404, "999999990")
    response = http.post(
        "/failure_handlers", json={"workflow_id": 999999990, "name": "h", "rules": "[]"}
    )
    error(response, 404, "999999990")


@pytest.mark.parametrize("rules", ["not json", '{"exit_codes": [1]}', "[1, 2]"])
def test_failure_handler_rules_must_be_a_json_array_of_rules(
    http: httpx.Client, rules: str
) -> None:
    wf = create_workflow(http)["id"]
    response = http.post("/failure_handlers", json={"workflow_id": wf, "name": "h", "rules": rules})
    error(response, 422, "rules")
    assert page(http, f"/workflows/{wf}/failure_handlers")["total_count"] == 0


# ---------------------------------------------------------------------------------------------
# remote workers


def test_remote_workers(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    other = create_workflow(http)["id"]
    url = f"/workflows/{wf}/remote_workers"

    added = ok(http.post(url, json=["node-b", "user@node-a"]))
    assert added == [
        {"worker": "node-b", "workflow_id": wf},
        {"worker": "user@node-a", "workflow_id": wf},
    ]
    ok(http.post(url, json=["node-b"]))  # already there: kept once
    ok(http.post(f"/workflows/{other}/remote_workers", json=["node-b"]))
    assert sorted(w["worker"] for w in ok(http.get(url))) == ["node-b", "user@node-a"]

    assert ok(http.delete(f"{url}/node-b")) == {"worker": "node-b", "workflow_id": wf}
    assert ok(http.get(url)) == [{"worker": "user@node-a", "workflow_id": wf}]
    error(http.delete(f"{url}/node-b"), 404, "node-b")
    assert ok(http.get(f"/workflows/{other}/remote_workers")) == [
        {"worker": "node-b", "workflow_id": other}
    ]


def test_remote_workers_of_unknown_workflow_are_404(http: httpx.Client) -> None:
    error(http.get("/workflows/999999989/remote_workers"), 404, "999999989")
    error(http.post("/workflows/999999989/remote_workers", json=["x"]), 404, "999999989")


# ---------------------------------------------------------------------------------------------
# access groups


def test_access_group_create_get_list_delete(http: httpx.Client) -> None:
    name = unique("group")
    group = ok(http.post("/access_groups", json={"name": name, "description": "team"}))
    assert group["name"] == name
    assert group["description"] == "team"
    assert isinstance(group["id"], int)
    assert isinstance(group["created_at"], str)
    assert ok(http.get(f"/access_groups/{group['id']}")) == group

    listed = ok(http.get("/access_groups"))
    assert set(listed) >= {"items", "offset", "limit", "total_count", "has_more"}
    found = []
    offset = 0
    while True:
        body = ok(http.get("/access_groups", params={"offset": offset, "limit": 100}))
        found += body["items"]
        if not body["has_more"]:
            break
        offset += len(body["items"])
    assert group in found

    assert ok(http.delete(f"/access_groups/{group['id']}")) == group
    error(http.get(f"/access_groups/{group['id']}"), 404, str(group["id"]))
    error(http.delete(f"/access_groups/{group['id']}"), 404, str(group["id"]))


def test_access_group_duplicate_name_is_409(http: httpx.Client) -> None:
    name = unique("group")
    group = ok(http.post("/access_groups", json={"name": name}))
    error(http.post("/access_groups", json={"name": name, "description": "again"}), 409, name)
    assert ok(http.get(f"/access_groups/{group['id']}")) == group


def test_access_group_members(http: httpx.Client) -> None:
    group = ok(http.post("/access_groups", json={"name": unique("group")}))
    gid = group["id"]
    user = unique("user")
    member = ok(
        http.post(f"/access_groups/{gid}/members", json={"user_name": user, "group_id": gid})
    )
    assert (member["user_name"], member["group_id"], member["role"]) == (user, gid, "member")
    admin = ok(
        http.post(
            f"/access_groups/{gid}/members",
            json={"user_name": unique("admin"), "group_id": gid, "role": "admin"},
        )
    )
    assert admin["role"] == "admin"
    error(
        http.post(f"/access_groups/{gid}/members", json={"user_name": user, "group_id": gid}),
        409,
        user,
    )

    listed = ok(http.get(f"/access_groups/{gid}/members"))
    assert [m["user_name"] for m in listed["items"]] == sorted([user, admin["user_name"]])
    assert listed["total_count"] == 2
    assert ids(ok(http.get(f"/users/{user}/groups"))["items"]) == [gid]

    assert ok(http.delete(f"/access_groups/{gid}/members/{user}")) == member
    error(http.delete(f"/access_groups/{gid}/members/{user}"), 404, user)
    assert ok(http.get(f"/users/{user}/groups"))["items"] == []
    error(http.get("/access_groups/999999988/members"), 404, "999999988")


def test_workflow_access_groups_and_access_check(http: httpx.Client) -> None:
    owner = unique("owner")
    wf = create_workflow(http, user=owner)["id"]
    group = ok(http.post("/access_groups", json={"name": unique("group")}))
    gid = group["id"]
    member = unique("member")
    ok(http.post(f"/access_groups/{gid}/members", json={"user_name": member, "group_id": gid}))

    def has_access(user: str) -> bool:
        body = ok(http.get(f"/access_check/{wf}/{user}"))
        assert (body["user_name"], body["workflow_id"]) == (user, wf)
        return body["has_access"]

    assert has_access(owner)
    assert not has_access(member)

    shared = ok(http.post(f"/workflows/{wf}/access_groups/{gid}"))
    assert (shared["workflow_id"], shared["group_id"]) == (wf, gid)
    error(http.post(f"/workflows/{wf}/access_groups/{gid}"), 409)
    assert ids(ok(http.get(f"/workflows/{wf}/access_groups"))["items"]) == [gid]
    assert has_access(member)
    assert not has_access(unique("stranger"))

    removed = ok(http.delete(f"/workflows/{wf}/access_groups/{gid}"))
    assert (removed["workflow_id"], removed["group_id"]) == (wf, gid)
    error(http.delete(f"/workflows/{wf}/access_groups/{gid}"), 404)
    assert not has_access(member)
    error(http.post(f"/workflows/999999987/access_groups/{gid}"), 404, "999999987")
    error(http.post(f"/workflows/{wf}/access_groups/999999987"), 404, "999999987")
    error(http.get("/access_check/999999987/someone"), 404, "999999987")


# ---------------------------------------------------------------------------------------------
# workflow actions


def _action(wf: int, **fields: Any) -> dict[str, Any]:
    return {
        "workflow_id": wf,
        "trigger_type": "on_workflow_start",
        "action_type": "run_commands",
        "action_config": {"commands": ["echo start"]},
        **fields,
    }


def test_create_and_list_actions(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    jobs = [create_job(http, wf) for _ in range(2)]
    action = ok(http.post(f"/workflows/{wf}/actions", json=_action(wf)))
    assert action["workflow_id"] == wf
    assert action["trigger_type"] == "on_workflow_start"
    assert action["action_config"] == {"commands": ["echo start"]}
    assert action["executed"] is False
    assert action["persistent"] is False
    assert action["trigger_count"] == 0
    assert action["required_triggers"] == 1

    on_jobs = ok(
        http.post(
            f"/workflows/{wf}/actions",
            json=_action(
                wf,
                trigger_type="on_jobs_complete",
                action_type="schedule_nodes",
                action_config={"scheduler_id": 1, "scheduler_type": "slurm", "num_allocations": 2},
                job_ids=ids(jobs),
            ),
        )
    )
    assert on_jobs["job_ids"] == ids(jobs)
    assert on_jobs["required_triggers"] == 2

    assert ids(ok(http.get(f"/workflows/{wf}/actions"))) == [action["id"], on_jobs["id"]]
    assert ok(http.get(f"/workflows/{wf}/actions/pending")) == []
    error(http.get("/workflows/999999986/actions"), 404, "999999986")


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"action_config": {"commands": []}}, "commands"),
        ({"action_config": {"commands": "echo"}}, "commands"),
        ({"action_config": {"commands": ["x"], "shell": "bash"}}, "shell"),
        (
            {"action_type": "schedule_nodes", "action_config": {"num_allocations": "two"}},
            "num_allocations",
        ),
        ({"action_type": "schedule_nodes", "action_config": {"nodes": 2}}, "nodes"),
        ({"trigger_type": "on_tuesday"}, "on_tuesday"),
    ],
)
def test_invalid_action_is_422_and_creates_nothing(
    http: httpx.Client, fields: dict[str, Any], fragment: str
) -> None:
    wf = create_workflow(http)["id"]
    error(http.post(f"/workflows/{wf}/actions", json=_action(wf, **fields)), 422, fragment)
    assert ok(http.get(f"/workflows/{wf}/actions")) == []


def test_action_with_job_of_another_workflow_is_404(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    foreign = create_job(http, create_workflow(http)["id"])
    body = _action(wf, trigger_type="on_jobs_ready", job_ids=[foreign["id"]])
    error(http.post(f"/workflows/{wf}/actions", json=body), 404, str(foreign["id"]))
    assert ok(http.get(f"/workflows/{wf}/actions")) == []


def test_claim_one_shot_action_once(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    node = create_compute_node(http, wf)
    action = ok(http.post(f"/workflows/{wf}/actions", json=_action(wf)))
    url = f"/workflows/{wf}/actions/{action['id']}/claim"

    claimed = ok(http.post(url, json={"compute_node_id": node["id"]}))
    assert claimed["claimed"] is True
    assert claimed["action_id"] == action["id"]

    second = http.post(url, json={"compute_node_id": node["id"]})
    error(second, 409, "already claimed")
    assert second.json()["error"]["claimed"] is False

    (stored,) = ok(http.get(f"/workflows/{wf}/actions"))
    assert stored["executed"] is True
    assert stored["executed_by"] == node["id"]
    assert isinstance(stored["executed_at"], str)


def test_claim_without_body_and_persistent_actions(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    one_shot = ok(http.post(f"/workflows/{wf}/actions", json=_action(wf)))
    persistent = ok(http.post(f"/workflows/{wf}/actions", json=_action(wf, persistent=True)))

    assert ok(http.post(f"/workflows/{wf}/actions/{one_shot['id']}/claim"))["claimed"] is True
    for _ in range(2):
        answer = ok(http.post(f"/workflows/{wf}/actions/{persistent['id']}/claim", json={}))
        assert answer["claimed"] is True


def test_claim_unknown_or_foreign_action_is_404(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    other = create_workflow(http)["id"]
    action = ok(http.post(f"/workflows/{other}/actions", json=_action(other)))
    error(http.post(f"/workflows/{wf}/actions/{action['id']}/claim", json={}), 404)
    error(http.post(f"/workflows/{wf}/actions/999999985/claim", json={}), 404, "999999985")
    # The foreign action was not claimed by the refused request.
    assert ok(http.get(f"/workflows/{other}/actions"))[0]["executed"] is False
