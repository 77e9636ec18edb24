"""Workflows through the HTTP API: create, read, update, delete (with its cascade), list, status."""

from __future__ import annotations

import contextlib
import re
import sqlite3

import httpx
import pytest

from tests.conftest import RunningServer

from .helpers import (
    MAX_LIMIT,
    create_compute_node,
    create_file,
    create_job,
    create_user_data,
    create_workflow,
    default_requirements,
    error,
    ids,
    items,
    ok,
    page,
    result_body,
    unique,
)

TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


# ---------------------------------------------------------------------------------------------
# create


def test_create_fills_in_defaults(http: httpx.Client) -> None:
    name = unique("wf")
    workflow = ok(http.post("/workflows", json={"name": name, "user": "alice"}))

    assert isinstance(workflow["id"], int)
    assert workflow["name"] == name
    assert workflow["user"] == "alice"
    assert workflow["compute_node_expiration_buffer_seconds"] == 180
    assert workflow["compute_node_wait_for_new_jobs_seconds"] == 90
    assert workflow["compute_node_ignore_workflow_completion"] is False
    assert workflow["compute_node_wait_for_healthy_database_minutes"] == 20
    assert workflow["compute_node_min_time_for_new_jobs_seconds"] == 300
    assert workflow["jobs_sort_method"] == "gpus_runtime_memory"
    assert workflow["use_pending_failed"] is False
    assert TIMESTAMP.match(workflow["timestamp"]), workflow["timestamp"]
    assert workflow["status_id"] == workflow["id"]
    # Absent means omitted, never null.
    assert None not in workflow.values()
    assert "description" not in workflow


def test_create_keeps_given_values(http: httpx.Client) -> None:
    fields = {
        "description": "given values",
        "project": "proj",
        "metadata": '{"key": [1, 2]}',
        "compute_node_expiration_buffer_seconds": 60,
        "compute_node_wait_for_new_jobs_seconds": 5,
        "compute_node_ignore_workflow_completion": True,
        "compute_node_wait_for_healthy_database_minutes": 1,
        "compute_node_min_time_for_new_jobs_seconds": 30,
        "jobs_sort_method": "none",
        "resource_monitor_config": '{"enabled": true}',
        "slurm_defaults": '{"account": "x"}',
        "use_pending_failed": True,
    }
    workflow = create_workflow(http, **fields)
    for key, value in fields.items():
        assert workflow[key] == value, key
    assert ok(http.get(f"/workflows/{workflow['id']}")) == workflow


def test_create_ignores_client_id_and_status_id(http: httpx.Client) -> None:
    workflow = create_workflow(http, id=987654321, status_id=5)
    assert workflow["id"] != 987654321
    assert workflow["status_id"] == workflow["id"]


def test_create_adds_default_resource_requirements(http: httpx.Client) -> None:
    workflow = create_workflow(http)
    listed = page(http, "/resource_requirements", workflow_id=workflow["id"])

    assert listed["total_count"] == 1
    (record,) = listed["items"]
    assert record == {
        "id": record["id"],
        "workflow_id": workflow["id"],
        "name": "default",
        "num_cpus": 1,
        "num_gpus": 0,
        "num_nodes": 1,
        "memory": "1m",
        "runtime": "P0DT1M",
    }


def test_each_workflow_gets_its_own_default_requirements(http: httpx.Client) -> None:
    first = default_requirements(http, create_workflow(http)["id"])
    second = default_requirements(http, create_workflow(http)["id"])
    assert first["id"] != second["id"]


# ---------------------------------------------------------------------------------------------
# get, update, delete


def test_get_answers_the_created_workflow(http: httpx.Client) -> None:
    workflow = create_workflow(http, description="to read")
    assert ok(http.get(f"/workflows/{workflow['id']}")) == workflow


def test_get_unknown_workflow_is_404(http: httpx.Client) -> None:
    error(http.get("/workflows/999999999"), 404, "Workflow", "999999999")


def test_update_replaces_the_fields(http: httpx.Client) -> None:
    workflow = create_workflow(
        http, description="before", compute_node_wait_for_new_jobs_seconds=7, project="p1"
    )
    updated = ok(
        http.put(
            f"/workflows/{workflow['id']}",
            json={
                "name": "renamed",
                "user": workflow["user"],
                "description": "after",
                "compute_node_expiration_buffer_seconds": 240,
                "jobs_sort_method": "gpus_memory_runtime",
            },
        )
    )

    assert updated["name"] == "renamed"
    assert updated["description"] == "after"
    assert updated["compute_node_expiration_buffer_seconds"] == 240
    assert updated["jobs_sort_method"] == "gpus_memory_runtime"
    # PUT replaces the record: fields the body left out go back to their defaults or are
    # cleared; the identity and creation time do not move.
    assert updated["compute_node_wait_for_new_jobs_seconds"] == 90
    assert "project" not in updated
    assert updated["timestamp"] == workflow["timestamp"]
    assert updated["id"] == updated["status_id"] == workflow["id"]
    assert ok(http.get(f"/workflows/{workflow['id']}")) == updated


def test_update_accepts_the_whole_object_echoed_back(http: httpx.Client) -> None:
    workflow = create_workflow(http, project="p", metadata='{"a": 1}')
    body = {**workflow, "description": "echoed"}
    updated = ok(http.put(f"/workflows/{workflow['id']}", json=body))
    assert updated == body


def test_update_cannot_change_id_or_status_id(http: httpx.Client) -> None:
    workflow = create_workflow(http)
    body = {**workflow, "id": workflow["id"] + 1000, "status_id": workflow["id"] + 1000}
    updated = ok(http.put(f"/workflows/{workflow['id']}", json=body))
    assert updated["id"] == updated["status_id"] == workflow["id"]


def test_update_unknown_workflow_is_404(http: httpx.Client) -> None:
    error(http.put("/workflows/999999998", json={"name": "x", "user": "y"}), 404, "999999998")


def test_delete_answers_the_deleted_workflow(http: httpx.Client) -> None:
    workflow = create_workflow(http, description="doomed")
    assert ok(http.delete(f"/workflows/{workflow['id']}")) == workflow
    error(http.get(f"/workflows/{workflow['id']}"), 404, str(workflow["id"]))
    error(http.delete(f"/workflows/{workflow['id']}"), 404, str(workflow["id"]))


def _populate(http: httpx.Client, workflow_id: int) -> dict[str, int]:
    """One record of every kind that belongs to a workflow; returns their ids by path."""
    file = create_file(http, workflow_id)
    user_data = create_user_data(http, workflow_id, data={"k": 1})
    requirements = ok(
        http.post("/resource_requirements", json={"workflow_id": workflow_id, "name": "big"})
    )
    job = create_job(
        http,
        workflow_id,
        input_file_ids=[file["id"]],
        output_user_data_ids=[user_data["id"]],
        resource_requirements_id=requirements["id"],
    )
    node = create_compute_node(http, workflow_id)
    result = ok(http.post("/results", json=result_body(job["id"], workflow_id, 0, node["id"])))
    event = ok(
        http.post(
            "/events",
            json={"workflow_id": workflow_id, "timestamp": 0, "data": {"category": "test"}},
        )
    )
    scheduled = ok(
        http.post(
            "/scheduled_compute_nodes",
            json={
                "workflow_id": workflow_id,
                "scheduler_id": 1,
                "scheduler_config_id": 1,
                "scheduler_type": "local",
                "status": "pending",
            },
        )
    )
    local = ok(http.post("/local_schedulers", json={"workflow_id": workflow_id, "num_cpus": 2}))
    slurm = ok(
        http.post(
            "/slurm_schedulers",
            json={"workflow_id": workflow_id, "account": "acct", "nodes": 1, "walltime": "1:00:00"},
        )
    )
    handler = ok(
        http.post(
            "/failure_handlers",
            json={"workflow_id": workflow_id, "name": "fh", "rules": "[]"},
        )
    )
    ok(
        http.post(
            f"/workflows/{workflow_id}/actions",
            json={
                "workflow_id": workflow_id,
                "trigger_type": "on_workflow_start",
                "action_type": "run_commands",
                "action_config": {"commands": ["echo hi"]},
            },
        )
    )
    ok(http.post(f"/workflows/{workflow_id}/remote_workers", json=["worker-a"]))
    return {
        "/files": file["id"],
        "/user_data": user_data["id"],
        "/resource_requirements": requirements["id"],
        "/jobs": job["id"],
        "/compute_nodes": node["id"],
        "/results": result["id"],
        "/events": event["id"],
        "/scheduled_compute_nodes": scheduled["id"],
        "/local_schedulers": local["id"],
        "/slurm_schedulers": slurm["id"],
        "/failure_handlers": handler["id"],
    }


PER_WORKFLOW_LISTS = [
    "/jobs",
    "/files",
    "/user_data",
    "/resource_requirements",
    "/compute_nodes",
    "/scheduled_compute_nodes",
    "/results",
    "/events",
    "/local_schedulers",
    "/slurm_schedulers",
]


def test_delete_cascades_to_everything_of_the_workflow(
    http: httpx.Client, server: RunningServer
) -> None:
    doomed = create_workflow(http)["id"]
    kept = create_workflow(http)["id"]
    doomed_ids = _populate(http, doomed)
    kept_ids = _populate(http, kept)
    kept_totals = {
        path: page(http, path, workflow_id=kept)["total_count"] for path in PER_WORKFLOW_LISTS
    }

    ok(http.delete(f"/workflows/{doomed}"))

    for path in PER_WORKFLOW_LISTS:
        error(http.get(path, params={"workflow_id": doomed}), 404, "Workflow", str(doomed))
    for path, record_id in doomed_ids.items():
        error(http.get(f"{path}/{record_id}"), 404, str(record_id))
    for sub in ("actions", "failure_handlers", "remote_workers", "status"):
        error(http.get(f"/workflows/{doomed}/{sub}"), 404, str(doomed))

    # The other workflow keeps every one of its records.
    for path in PER_WORKFLOW_LISTS:
        assert page(http, path, workflow_id=kept)["total_count"] == kept_totals[path], path
    for path, record_id in kept_ids.items():
        ok(http.get(f"{path}/{record_id}"))
    assert len(ok(http.get(f"/workflows/{kept}/actions"))) == 1
    assert ok(http.get(f"/workflows/{kept}/remote_workers")) == [
        {"worker": "worker-a", "workflow_id": kept}
    ]
    job = ok(http.get(f"/jobs/{kept_ids['/jobs']}"))
    assert job["input_file_ids"] == [kept_ids["/files"]]
    assert job["output_user_data_ids"] == [kept_ids["/user_data"]]

    # In the database: no row of the deleted workflow anywhere, and no row left pointing at one.
    assert _rows_of(server, doomed) == {}


def _rows_of(server: RunningServer, workflow_id: int) -> dict[str, int]:
    """The workflow's rows left in each table (none listed: none left), checking on the way
    that no row anywhere points at a row that is gone."""
    left = {}
    with contextlib.closing(sqlite3.connect(f"file:{server.database}?mode=ro", uri=True)) as db:
        tables = [
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for table in tables:
            columns = {row[1] for row in db.execute(f"PRAGMA table_info('{table}')")}
            if "workflow_id" in columns:
                query = f"SELECT count(*) FROM {table} WHERE workflow_id = ?"
                count = db.execute(query, (workflow_id,)).fetchone()[0]
                if count:
                    left[table] = count
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    return left


def test_deleting_all_jobs_takes_what_belongs_to_them_only(
    http: httpx.Client, server: RunningServer
) -> None:
    doomed = create_workflow(http)["id"]
    kept = create_workflow(http)["id"]
    _populate(http, doomed)
    _populate(http, kept)
    before = _rows_of(server, doomed)
    assert ok(http.delete("/jobs", params={"workflow_id": doomed})) == {"count": 1}
    after = _rows_of(server, doomed)
    # the jobs, their links and results go; everything else stays
    gone = {"job", "job_input_file", "job_output_user_data", "result"}
    assert gone <= set(before) and not gone & set(after)
    assert after == {table: n for table, n in before.items() if table not in gone}
    assert "job" in _rows_of(server, kept)


# ---------------------------------------------------------------------------------------------
# list


def test_list_without_parameters_returns_every_workflow(http: httpx.Client) -> None:
    created = {create_workflow(http)["id"] for _ in range(3)}
    body = ok(http.get("/workflows"))
    assert body["offset"] == 0
    assert body["max_limit"] == MAX_LIMIT
    assert body["has_more"] is False
    assert body["count"] == body["total_count"] == len(body["items"])
    assert created <= set(ids(body["items"]))
    listed_ids = ids(body["items"])
    assert listed_ids == sorted(listed_ids)


def test_list_filters_by_name_user_and_description(http: httpx.Client) -> None:
    user = unique("user")
    name = unique("name")
    a = create_workflow(http, user=user, name=name, description="alpha")
    b = create_workflow(http, user=user, name=unique("name"), description="beta")
    c = create_workflow(http, user=user, name=name, description="beta")
    create_workflow(http, name=name)  # another user

    assert ids(items(http, "/workflows", user=user)) == [a["id"], b["id"], c["id"]]
    assert ids(items(http, "/workflows", user=user, name=name)) == [a["id"], c["id"]]
    assert ids(items(http, "/workflows", user=user, description="beta")) == [b["id"], c["id"]]
    assert ids(items(http, "/workflows", name=name, description="alpha")) == [a["id"]]
    assert items(http, "/workflows", user=user, name="no such name") == []


def test_list_filters_by_is_archived(http: httpx.Client) -> None:
    user = unique("user")
    active = create_workflow(http, user=user)
    archived = create_workflow(http, user=user)
    status = ok(http.get(f"/workflows/{archived['id']}/status"))
    ok(http.put(f"/workflows/{archived['id']}/status", json={**status, "is_archived": True}))

    assert ids(items(http, "/workflows", user=user, is_archived=True)) == [archived["id"]]
    assert ids(items(http, "/workflows", user=user, is_archived=False)) == [active["id"]]
    assert ids(items(http, "/workflows", user=user)) == [active["id"], archived["id"]]


def test_list_sorts_by_field_and_direction(http: httpx.Client) -> None:
    user = unique("user")
    by_name = {n: create_workflow(http, user=user, name=f"{user}-{n}")["id"] for n in "cab"}

    default = ids(items(http, "/workflows", user=user))
    assert default == sorted(by_name.values())
    assert ids(items(http, "/workflows", user=user, sort_by="name")) == [
        by_name["a"],
        by_name["b"],
        by_name["c"],
    ]
    assert ids(items(http, "/workflows", user=user, sort_by="name", reverse_sort=True)) == [
        by_name["c"],
        by_name["b"],
        by_name["a"],
    ]
    assert ids(items(http, "/workflows", user=user, reverse_sort=True)) == sorted(
        by_name.values(), reverse=True
    )


def test_list_pages_with_offset_and_limit(http: httpx.Client) -> None:
    user = unique("user")
    created = [create_workflow(http, user=user)["id"] for _ in range(5)]

    first = page(http, "/workflows", user=user, limit=2)
    assert (first["offset"], first["count"], first["total_count"], first["has_more"]) == (
        0,
        2,
        5,
        True,
    )
    assert ids(first["items"]) == created[:2]

    middle = page(http, "/workflows", user=user, offset=2, limit=2)
    assert ids(middle["items"]) == created[2:4]
    assert middle["offset"] == 2
    assert middle["has_more"] is True

    last = page(http, "/workflows", user=user, offset=4, limit=2)
    assert ids(last["items"]) == created[4:]
    assert (last["count"], last["total_count"], last["has_more"]) == (1, 5, False)

    beyond = page(http, "/workflows", user=user, offset=10, limit=2)
    assert (beyond["items"], beyond["count"], beyond["total_count"], beyond["has_more"]) == (
        [],
        0,
        5,
        False,
    )

    empty = page(http, "/workflows", user=user, limit=0)
    assert (empty["count"], empty["total_count"], empty["has_more"]) == (0, 5, True)

    # A client paging with offset += count while has_more sees each workflow once, in order.
    collected: list[int] = []
    offset = 0
    while True:
        body = page(http, "/workflows", user=user, offset=offset, limit=2)
        collected += ids(body["items"])
        if not body["has_more"]:
            break
        offset += body["count"]
    assert collected == created


def test_list_accepts_the_maximum_limit(http: httpx.Client) -> None:
    user = unique("user")
    created = create_workflow(http, user=user)
    body = page(http, "/workflows", user=user, limit=MAX_LIMIT)
    assert ids(body["items"]) == [created["id"]]


# ---------------------------------------------------------------------------------------------
# status


def test_new_workflow_status(http: httpx.Client) -> None:
    workflow = create_workflow(http)
    status = ok(http.get(f"/workflows/{workflow['id']}/status"))
    assert status == {
        "id": workflow["id"],
        "run_id": 0,
        "is_canceled": False,
        "is_archived": False,
        "has_detected_need_to_run_completion_script": False,
    }


def test_update_status(http: httpx.Client) -> None:
    workflow = create_workflow(http)
    url = f"/workflows/{workflow['id']}/status"
    updated = ok(
        http.put(
            url,
            json={
                "id": workflow["id"],
                "run_id": 3,
                "is_canceled": False,
                "is_archived": True,
                "has_detected_need_to_run_completion_script": True,
            },
        )
    )
    assert updated == {
        "id": workflow["id"],
        "run_id": 3,
        "is_canceled": False,
        "is_archived": True,
        "has_detected_need_to_run_completion_script": True,
    }
    assert ok(http.get(url)) == updated

    # Only the required fields: PUT replaces the status, the flags left out go back to false.
    again = ok(http.put(url, json={"run_id": 4, "is_canceled": True}))
    assert again == {
        "id": workflow["id"],
        "run_id": 4,
        "is_canceled": True,
        "is_archived": False,
        "has_detected_need_to_run_completion_script": False,
    }


def test_update_status_cannot_move_it_to_another_workflow(http: httpx.Client) -> None:
    workflow = create_workflow(http)
    other = create_workflow(http)
    url = f"/workflows/{workflow['id']}/status"
    updated = ok(http.put(url, json={"id": other["id"], "run_id": 2, "is_canceled": False}))
    assert updated["id"] == workflow["id"]
    assert ok(http.get(f"/workflows/{other['id']}/status"))["run_id"] == 0


def test_status_of_unknown_workflow_is_404(http: httpx.Client) -> None:
    error(http.get("/workflows/999999997/status"), 404, "999999997")
    error(
        http.put("/workflows/999999997/status", json={"run_id": 1, "is_canceled": False}),
        404,
        "999999997",
    )


@pytest.mark.parametrize(
    "field", ["compute_node_wait_for_new_jobs_seconds", "compute_node_expiration_buffer_seconds"]
)
def test_integer_fields_round_trip(http: httpx.Client, field: str) -> None:
    workflow = create_workflow(http, **{field: 12345})
    assert ok(http.get(f"/workflows/{workflow['id']}"))[field] == 12345
