"""Jobs through the HTTP API: create one or in bulk, list with filters, update rules, delete."""

from __future__ import annotations

import httpx

from .helpers import (
    create_file,
    create_job,
    create_jobs,
    create_requirements,
    create_user_data,
    create_workflow,
    default_requirements,
    delete_json,
    error,
    ids,
    initialize,
    items,
    ok,
    page,
    total,
)

RELATIONSHIP_FIELDS = (
    "depends_on_job_ids",
    "input_file_ids",
    "output_file_ids",
    "input_user_data_ids",
    "output_user_data_ids",
)


# ---------------------------------------------------------------------------------------------
# create


def test_create_job_fills_in_defaults(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    job = ok(http.post("/jobs", json={"workflow_id": wf, "name": "one", "command": "echo 1"}))

    assert isinstance(job["id"], int)
    assert job["workflow_id"] == wf
    assert job["name"] == "one"
    assert job["command"] == "echo 1"
    assert job["status"] == "uninitialized"
    assert job["attempt_id"] == 1
    assert job["cancel_on_blocking_job_failure"] is True
    assert job["supports_termination"] is False
    assert job["resource_requirements_id"] == default_requirements(http, wf)["id"]

    fetched = ok(http.get(f"/jobs/{job['id']}"))
    for key, value in job.items():
        assert fetched[key] == value, key


def test_create_job_keeps_given_values(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    rr = create_requirements(http, wf, num_cpus=4)
    handler = ok(
        http.post("/failure_handlers", json={"workflow_id": wf, "name": "fh", "rules": "[]"})
    )
    job = create_job(
        http,
        wf,
        "custom",
        invocation_script="bash -c",
        cancel_on_blocking_job_failure=False,
        supports_termination=True,
        resource_requirements_id=rr["id"],
        failure_handler_id=handler["id"],
        scheduler_id=77,
    )
    assert job["invocation_script"] == "bash -c"
    assert job["cancel_on_blocking_job_failure"] is False
    assert job["supports_termination"] is True
    assert job["resource_requirements_id"] == rr["id"]
    assert job["failure_handler_id"] == handler["id"]
    assert job["scheduler_id"] == 77


def test_create_job_ignores_client_status_and_id(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    job = create_job(http, wf, id=123456789, status="completed", attempt_id=1)
    assert job["id"] != 123456789
    assert job["status"] == "uninitialized"
    assert ok(http.get(f"/jobs/{job['id']}"))["status"] == "uninitialized"


def test_create_job_echoes_relationships(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    upstream = create_job(http, wf, "upstream")
    f_in, f_out = create_file(http, wf), create_file(http, wf)
    u_in, u_out = create_user_data(http, wf), create_user_data(http, wf)
    job = create_job(
        http,
        wf,
        "downstream",
        depends_on_job_ids=[upstream["id"]],
        input_file_ids=[f_in["id"]],
        output_file_ids=[f_out["id"]],
        input_user_data_ids=[u_in["id"]],
        output_user_data_ids=[u_out["id"]],
    )
    expected = {
        "depends_on_job_ids": [upstream["id"]],
        "input_file_ids": [f_in["id"]],
        "output_file_ids": [f_out["id"]],
        "input_user_data_ids": [u_in["id"]],
        "output_user_data_ids": [u_out["id"]],
    }
    for field, value in expected.items():
        assert job[field] == value, field
        assert ok(http.get(f"/jobs/{job['id']}"))[field] == value, field


def test_create_job_for_unknown_workflow_is_404(http: httpx.Client) -> None:
    error(
        http.post("/jobs", json={"workflow_id": 999999996, "name": "x", "command": "y"}),
        404,
        "999999996",
    )


def test_bulk_create_answers_in_order_with_ids(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    upstream = create_job(http, wf, "upstream")
    shared_in = create_file(http, wf)
    ud = create_user_data(http, wf)
    outputs = [create_file(http, wf) for _ in range(3)]
    count = 1200
    body = []
    for i in range(count):
        job = {"workflow_id": wf, "name": f"job-{i:05d}", "command": f"echo {i}"}
        if i % 100 == 0:
            job["depends_on_job_ids"] = [upstream["id"]]
            job["input_file_ids"] = [shared_in["id"]]
            job["input_user_data_ids"] = [ud["id"]]
        if i < len(outputs):
            job["output_file_ids"] = [outputs[i]["id"]]
        body.append(job)

    created = create_jobs(http, body)

    assert len(created) == count
    assert [job["name"] for job in created] == [job["name"] for job in body]
    assert [job["command"] for job in created] == [job["command"] for job in body]
    created_ids = ids(created)
    assert all(isinstance(i, int) for i in created_ids)
    assert len(set(created_ids)) == count
    assert created_ids == sorted(created_ids)
    for sent, job in zip(body, created, strict=True):
        assert job["workflow_id"] == wf
        assert job["status"] == "uninitialized"
        for field in RELATIONSHIP_FIELDS:
            if field in sent:
                assert job[field] == sent[field], (job["name"], field)
            else:
                assert job.get(field, []) == [], (job["name"], field)

    assert total(http, "/jobs", workflow_id=wf) == count + 1
    assert ids(items(http, "/jobs", workflow_id=wf, upstream_job_id=upstream["id"])) == [
        created[i]["id"] for i in range(0, count, 100)
    ]
    # The server stored what it answered.
    stored = ok(http.get(f"/jobs/{created[0]['id']}"))
    assert stored["input_file_ids"] == [shared_in["id"]]
    assert stored["output_file_ids"] == [outputs[0]["id"]]


def test_bulk_create_with_no_jobs(http: httpx.Client) -> None:
    assert create_jobs(http, []) == []


def test_bulk_create_mixed_workflows_is_422_and_creates_nothing(http: httpx.Client) -> None:
    wf1 = create_workflow(http)["id"]
    wf2 = create_workflow(http)["id"]
    response = http.post(
        "/bulk_jobs",
        json={
            "jobs": [
                {"workflow_id": wf1, "name": "a", "command": "x"},
                {"workflow_id": wf2, "name": "b", "command": "x"},
            ]
        },
    )
    error(response, 422, "workflow")
    assert total(http, "/jobs", workflow_id=wf1) == 0
    assert total(http, "/jobs", workflow_id=wf2) == 0


def test_bulk_create_with_file_of_another_workflow_is_404_and_creates_nothing(
    http: httpx.Client,
) -> None:
    wf = create_workflow(http)["id"]
    other = create_workflow(http)["id"]
    own = create_file(http, wf)
    foreign = create_file(http, other)
    response = http.post(
        "/bulk_jobs",
        json={
            "jobs": [
                {"workflow_id": wf, "name": "fine", "command": "x", "input_file_ids": [own["id"]]},
                {
                    "workflow_id": wf,
                    "name": "bad",
                    "command": "x",
                    "input_file_ids": [foreign["id"]],
                },
            ]
        },
    )
    error(response, 404, str(foreign["id"]))
    assert total(http, "/jobs", workflow_id=wf) == 0
    assert total(http, "/jobs", workflow_id=other) == 0


def test_create_with_unknown_references_is_404_and_creates_nothing(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    other = create_workflow(http)["id"]
    foreign_rr = default_requirements(http, other)["id"]
    foreign_job = create_job(http, other)["id"]
    for field, value in (
        ("resource_requirements_id", foreign_rr),
        ("depends_on_job_ids", [foreign_job]),
        ("output_user_data_ids", [999999995]),
        ("failure_handler_id", 999999994),
    ):
        response = http.post(
            "/jobs", json={"workflow_id": wf, "name": "x", "command": "y", field: value}
        )
        missing = value[0] if isinstance(value, list) else value
        error(response, 404, str(missing))
    assert total(http, "/jobs", workflow_id=wf) == 0


def test_job_without_requirements_gets_the_default_in_bulk(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    default_id = default_requirements(http, wf)["id"]
    # Names need not be unique: a second record named `default` does not replace the first.
    rr = create_requirements(http, wf, name="default")
    created = create_jobs(
        http,
        [
            {"workflow_id": wf, "name": "a", "command": "x"},
            {"workflow_id": wf, "name": "b", "command": "x", "resource_requirements_id": rr["id"]},
        ],
    )
    assert created[0]["resource_requirements_id"] == default_id
    assert created[1]["resource_requirements_id"] == rr["id"]


# ---------------------------------------------------------------------------------------------
# list


def test_list_includes_relationships_only_when_asked(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    f = create_file(http, wf)
    upstream = create_job(http, wf, "up", output_file_ids=[f["id"]])
    down = create_job(
        http, wf, "down", input_file_ids=[f["id"]], depends_on_job_ids=[upstream["id"]]
    )

    plain = items(http, "/jobs", workflow_id=wf)
    assert ids(plain) == [upstream["id"], down["id"]]
    for job in plain:
        for field in RELATIONSHIP_FIELDS:
            assert field not in job

    assert ids(items(http, "/jobs", workflow_id=wf, include_relationships=False)) == ids(plain)
    for job in items(http, "/jobs", workflow_id=wf, include_relationships=False):
        assert not set(RELATIONSHIP_FIELDS) & set(job)

    full = {
        job["name"]: job for job in items(http, "/jobs", workflow_id=wf, include_relationships=True)
    }
    assert full["up"]["output_file_ids"] == [f["id"]]
    assert full["up"]["input_file_ids"] == []
    assert full["up"]["depends_on_job_ids"] == []
    assert full["down"]["input_file_ids"] == [f["id"]]
    assert full["down"]["depends_on_job_ids"] == [upstream["id"]]
    assert full["down"]["output_user_data_ids"] == []


def test_list_filters_by_status(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    first = create_job(http, wf, "first")
    second = create_job(http, wf, "second", depends_on_job_ids=[first["id"]])
    third = create_job(http, wf, "third")

    assert ids(items(http, "/jobs", workflow_id=wf, status="uninitialized")) == [
        first["id"],
        second["id"],
        third["id"],
    ]
    initialize(http, wf)
    assert ids(items(http, "/jobs", workflow_id=wf, status="ready")) == [first["id"], third["id"]]
    assert ids(items(http, "/jobs", workflow_id=wf, status="blocked")) == [second["id"]]
    assert items(http, "/jobs", workflow_id=wf, status="uninitialized") == []
    assert items(http, "/jobs", workflow_id=wf, status="completed") == []


def test_list_filters_by_needs_file_and_upstream_job(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    f1, f2 = create_file(http, wf), create_file(http, wf)
    a = create_job(http, wf, "a", output_file_ids=[f1["id"]])
    b = create_job(http, wf, "b", input_file_ids=[f1["id"]], depends_on_job_ids=[a["id"]])
    c = create_job(
        http, wf, "c", input_file_ids=[f1["id"], f2["id"]], depends_on_job_ids=[a["id"], b["id"]]
    )

    assert ids(items(http, "/jobs", workflow_id=wf, needs_file_id=f1["id"])) == [b["id"], c["id"]]
    assert ids(items(http, "/jobs", workflow_id=wf, needs_file_id=f2["id"])) == [c["id"]]
    assert ids(items(http, "/jobs", workflow_id=wf, upstream_job_id=a["id"])) == [b["id"], c["id"]]
    assert ids(items(http, "/jobs", workflow_id=wf, upstream_job_id=b["id"])) == [c["id"]]
    assert items(http, "/jobs", workflow_id=wf, upstream_job_id=c["id"]) == []
    assert ids(
        items(http, "/jobs", workflow_id=wf, needs_file_id=f1["id"], upstream_job_id=b["id"])
    ) == [c["id"]]


def test_list_sorts_and_pages(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    by_name = {name: create_job(http, wf, name)["id"] for name in ("b", "c", "a")}
    assert ids(items(http, "/jobs", workflow_id=wf, sort_by="name")) == [
        by_name["a"],
        by_name["b"],
        by_name["c"],
    ]
    assert ids(items(http, "/jobs", workflow_id=wf, sort_by="name", reverse_sort=True)) == [
        by_name["c"],
        by_name["b"],
        by_name["a"],
    ]
    first = page(http, "/jobs", workflow_id=wf, limit=2)
    assert (first["count"], first["total_count"], first["has_more"]) == (2, 3, True)
    rest = page(http, "/jobs", workflow_id=wf, offset=2, limit=2)
    assert (rest["count"], rest["has_more"]) == (1, False)


def test_list_only_lists_jobs_of_the_workflow(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    other = create_workflow(http)["id"]
    mine = create_job(http, wf)
    create_job(http, other)
    assert ids(items(http, "/jobs", workflow_id=wf)) == [mine["id"]]


# ---------------------------------------------------------------------------------------------
# update


def test_update_while_uninitialized_changes_definition(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    up = create_job(http, wf, "up")
    f = create_file(http, wf)
    job = create_job(http, wf, "before", command="old")
    updated = ok(
        http.put(
            f"/jobs/{job['id']}",
            json={
                **job,
                "name": "after",
                "command": "new",
                "depends_on_job_ids": [up["id"]],
                "input_file_ids": [f["id"]],
            },
        )
    )
    assert updated["name"] == "after"
    assert updated["command"] == "new"
    assert updated["depends_on_job_ids"] == [up["id"]]
    assert updated["input_file_ids"] == [f["id"]]
    stored = ok(http.get(f"/jobs/{job['id']}"))
    assert (stored["name"], stored["command"]) == ("after", "new")
    assert stored["depends_on_job_ids"] == [up["id"]]


def test_update_after_initialization_refuses_definition_changes(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    up = create_job(http, wf, "up")
    job = create_job(http, wf, "job", command="cmd")
    initialize(http, wf)
    current = ok(http.get(f"/jobs/{job['id']}"))
    assert current["status"] == "ready"

    for change in (
        {"name": "renamed"},
        {"command": "other"},
        {"depends_on_job_ids": [up["id"]]},
    ):
        response = http.put(f"/jobs/{job['id']}", json={**current, **change})
        error(response, 422, "uninitialized")
        assert ok(http.get(f"/jobs/{job['id']}")) == current

    # Sending the job back unchanged (as clients do) is accepted.
    assert ok(http.put(f"/jobs/{job['id']}", json=current)) == current


def test_update_requirements_any_time(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    job = create_job(http, wf)
    rr = create_requirements(http, wf, num_cpus=8)
    initialize(http, wf)
    current = ok(http.get(f"/jobs/{job['id']}"))
    updated = ok(
        http.put(f"/jobs/{job['id']}", json={**current, "resource_requirements_id": rr["id"]})
    )
    assert updated["resource_requirements_id"] == rr["id"]
    assert updated["status"] == "ready"
    assert ok(http.get(f"/jobs/{job['id']}"))["resource_requirements_id"] == rr["id"]


def test_update_requirements_of_another_workflow_is_404(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    other = create_workflow(http)["id"]
    job = create_job(http, wf)
    foreign = default_requirements(http, other)["id"]
    error(http.put(f"/jobs/{job['id']}", json={**job, "resource_requirements_id": foreign}), 404)
    assert (
        ok(http.get(f"/jobs/{job['id']}"))["resource_requirements_id"]
        == job["resource_requirements_id"]
    )


def test_update_status_only_to_disabled(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    job = create_job(http, wf)

    for status in ("completed", "running", "ready", "blocked", "failed"):
        error(http.put(f"/jobs/{job['id']}", json={**job, "status": status}), 422, status)
        assert ok(http.get(f"/jobs/{job['id']}"))["status"] == "uninitialized"

    disabled = ok(http.put(f"/jobs/{job['id']}", json={**job, "status": "disabled"}))
    assert disabled["status"] == "disabled"
    assert ok(http.get(f"/jobs/{job['id']}"))["status"] == "disabled"


def test_update_status_after_initialization_is_refused(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    job = create_job(http, wf)
    initialize(http, wf)
    current = ok(http.get(f"/jobs/{job['id']}"))
    for status in ("completed", "running", "uninitialized"):
        error(http.put(f"/jobs/{job['id']}", json={**current, "status": status}), 422, status)
        assert ok(http.get(f"/jobs/{job['id']}")) == current


def test_update_relationship_lists_left_out_keep_their_value(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    f = create_file(http, wf)
    up = create_job(http, wf, "up")
    job = create_job(http, wf, "job", input_file_ids=[f["id"]], depends_on_job_ids=[up["id"]])
    (listed,) = [j for j in items(http, "/jobs", workflow_id=wf) if j["id"] == job["id"]]
    assert "input_file_ids" not in listed

    updated = ok(http.put(f"/jobs/{job['id']}", json={**listed, "command": "changed"}))
    assert updated["command"] == "changed"
    assert updated["input_file_ids"] == [f["id"]]
    assert updated["depends_on_job_ids"] == [up["id"]]

    cleared = ok(http.put(f"/jobs/{job['id']}", json={**updated, "input_file_ids": []}))
    assert cleared["input_file_ids"] == []
    assert cleared["depends_on_job_ids"] == [up["id"]]
    assert items(http, "/jobs", workflow_id=wf, needs_file_id=f["id"]) == []


def test_update_cannot_move_a_job_to_another_workflow(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    other = create_workflow(http)["id"]
    job = create_job(http, wf)
    error(http.put(f"/jobs/{job['id']}", json={**job, "workflow_id": other}), 422)
    assert ok(http.get(f"/jobs/{job['id']}"))["workflow_id"] == wf


def test_update_unknown_job_is_404(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    response = http.put("/jobs/999999993", json={"workflow_id": wf, "name": "x", "command": "y"})
    error(response, 404, "Job", "999999993")


# ---------------------------------------------------------------------------------------------
# delete


def test_delete_one_job(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    f = create_file(http, wf)
    keep = create_job(http, wf, "keep")
    doomed = create_job(
        http, wf, "doomed", input_file_ids=[f["id"]], depends_on_job_ids=[keep["id"]]
    )

    deleted = ok(http.delete(f"/jobs/{doomed['id']}"))
    assert deleted["id"] == doomed["id"]
    assert deleted["name"] == "doomed"
    assert deleted["input_file_ids"] == [f["id"]]

    error(http.get(f"/jobs/{doomed['id']}"), 404, str(doomed["id"]))
    error(http.delete(f"/jobs/{doomed['id']}"), 404, str(doomed["id"]))
    assert ids(items(http, "/jobs", workflow_id=wf)) == [keep["id"]]
    assert items(http, "/jobs", workflow_id=wf, needs_file_id=f["id"]) == []
    assert items(http, "/jobs", workflow_id=wf, upstream_job_id=keep["id"]) == []
    ok(http.get(f"/files/{f['id']}"))  # its files stay


def test_bulk_delete_jobs_answers_the_count(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    other = create_workflow(http)["id"]
    create_jobs(http, [{"workflow_id": wf, "name": f"j{i}", "command": "x"} for i in range(5)])
    survivor = create_job(http, other)

    assert ok(delete_json(http, "/jobs", workflow_id=wf)) == {"count": 5}
    assert total(http, "/jobs", workflow_id=wf) == 0
    assert ok(delete_json(http, "/jobs", workflow_id=wf)) == {"count": 0}
    assert ids(items(http, "/jobs", workflow_id=other)) == [survivor["id"]]


def test_bulk_delete_jobs_of_unknown_workflow_is_404(http: httpx.Client) -> None:
    error(delete_json(http, "/jobs", workflow_id=999999992), 404, "999999992")
