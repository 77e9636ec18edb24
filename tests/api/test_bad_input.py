"""Client mistakes: each answers the right 4xx with `{"error": {"message": ...}}` naming the
problem, and changes nothing (checked by reading the state again)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import RunningServer, tls_context

from .helpers import (
    JSON_HEADERS,
    create_file,
    create_job,
    create_user_data,
    create_workflow,
    delete_json,
    error,
    items,
    ok,
    total,
    unique,
)

TOO_BIG = 2**64 + 5  # beyond the 64-bit range of ids


def snapshot(http: httpx.Client, wf: int) -> dict[str, Any]:
    """Everything a bad request could have changed in the target workflow: the workflow and its
    records. (How many workflows there are is checked around each test, see `world`.)"""
    return {
        "workflow": ok(http.get(f"/workflows/{wf}")),
        "status": ok(http.get(f"/workflows/{wf}/status")),
        "jobs": items(http, "/jobs", workflow_id=wf, include_relationships=True),
        "files": items(http, "/files", workflow_id=wf),
        "user_data": items(http, "/user_data", workflow_id=wf),
        "requirements": items(http, "/resource_requirements", workflow_id=wf),
        "events": items(http, "/events", workflow_id=wf),
        "actions": ok(http.get(f"/workflows/{wf}/actions")),
    }


class World:
    """A small workflow to aim bad requests at."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http
        self.workflow = create_workflow(http, description="target")
        self.wf = self.workflow["id"]
        self.file = create_file(http, self.wf)
        self.user_data = create_user_data(http, self.wf, data={"k": "v"})
        self.job = create_job(http, self.wf, "target", input_file_ids=[self.file["id"]])
        self.before = snapshot(http, self.wf)

    def unchanged(self) -> None:
        # A change fails the test that made it; the next test compares with the changed state,
        # so the failure does not cascade.
        before, self.before = self.before, snapshot(self.http, self.wf)
        assert self.before == before


@pytest.fixture(scope="module")
def shared_world(server: RunningServer) -> Iterator[World]:
    """One target for the module's tests: as each of them must leave it unchanged, each finds it
    as it was created (a fresh one per test would only cost requests)."""
    with httpx.Client(base_url=server.url, timeout=30.0, verify=tls_context()) as http:
        yield World(http)


@pytest.fixture
def world(http: httpx.Client, shared_world: World) -> Iterator[World]:
    """The target; every test in this module that uses it also checks that nothing changed: the
    target workflow and its records, and how many workflows the server has."""
    workflows = total(http, "/workflows")
    yield shared_world
    shared_world.unchanged()
    assert total(http, "/workflows") == workflows, "a workflow was created or deleted"


# ---------------------------------------------------------------------------------------------
# bodies


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/workflows"),
        ("PUT", "/workflows/{wf}"),
        ("POST", "/jobs"),
        ("POST", "/bulk_jobs"),
        ("PUT", "/jobs/{job}"),
        ("POST", "/files"),
        ("PUT", "/user_data/{ud}"),
        ("PUT", "/workflows/{wf}/status"),
        ("POST", "/workflows/{wf}/actions"),
    ],
)
@pytest.mark.parametrize(
    "content", [b"{bad json", b'{"name": "x",}', b"\x00\xff", b'{"name": "unterminated']
)
def test_malformed_json_is_400(
    http: httpx.Client, world: World, method: str, path: str, content: bytes
) -> None:
    url = path.format(wf=world.wf, job=world.job["id"], ud=world.user_data["id"])
    response = http.request(method, url, content=content, headers=JSON_HEADERS)
    error(response, 400, "JSON")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/workflows"),
        ("PUT", "/workflows/{wf}"),
        ("POST", "/jobs"),
        ("POST", "/bulk_jobs"),
        ("PUT", "/jobs/{job}"),
        ("POST", "/files"),
        ("POST", "/resource_requirements"),
    ],
)
def test_missing_body_is_400(http: httpx.Client, world: World, method: str, path: str) -> None:
    url = path.format(wf=world.wf, job=world.job["id"])
    response = http.request(method, url, headers=JSON_HEADERS, content=b"")
    error(response, 400, "body")


@pytest.mark.parametrize("content", [b"[]", b"null", b'"workflow"', b"42"])
def test_body_that_is_not_an_object_is_400(
    http: httpx.Client, world: World, content: bytes
) -> None:
    response = http.post("/workflows", content=content, headers=JSON_HEADERS)
    error(response, 400, "object")


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/workflows", {"name": 1, "user": "u"}, "name"),
        (
            "/workflows",
            {"name": "n", "user": "u", "compute_node_ignore_workflow_completion": "yes"},
            "compute_node_ignore_workflow_completion",
        ),
        (
            "/workflows",
            {"name": "n", "user": "u", "jobs_sort_method": "fastest"},
            "jobs_sort_method",
        ),
        ("/workflows", {"name": "n", "user": "u", "metadata": {"k": 1}}, "metadata"),
        ("/jobs", {"workflow_id": "{wf}", "name": "n", "command": ["echo"]}, "command"),
        (
            "/jobs",
            {"workflow_id": "{wf}", "name": "n", "command": "c", "status": "happy"},
            "status",
        ),
        (
            "/jobs",
            {"workflow_id": "{wf}", "name": "n", "command": "c", "input_file_ids": "1"},
            "input_file_ids",
        ),
        (
            "/jobs",
            {"workflow_id": "{wf}", "name": "n", "command": "c", "depends_on_job_ids": ["a"]},
            "depends_on_job_ids",
        ),
        (
            "/files",
            {"workflow_id": "{wf}", "name": "n", "path": "p", "st_mtime": "yesterday"},
            "st_mtime",
        ),
        (
            "/resource_requirements",
            {"workflow_id": "{wf}", "name": "n", "num_cpus": 1.5},
            "num_cpus",
        ),
        ("/events", {"workflow_id": "{wf}", "timestamp": "now", "data": {}}, "timestamp"),
        ("/bulk_jobs", {"jobs": {"workflow_id": "{wf}"}}, "jobs"),
    ],
)
def test_wrong_types_in_body_are_400_naming_the_field(
    http: httpx.Client, world: World, path: str, body: dict[str, Any], field: str
) -> None:
    body = {k: (world.wf if v == "{wf}" else v) for k, v in body.items()}
    if isinstance(body.get("jobs"), dict):
        body["jobs"] = {k: (world.wf if v == "{wf}" else v) for k, v in body["jobs"].items()}
    error(http.post(path, json=body), 400, field)


@pytest.mark.parametrize(
    ("field", "value"),
    [("compute_node_wait_for_new_jobs_seconds", "90"), ("use_pending_failed", "true")],
)
def test_numbers_and_booleans_sent_as_strings_are_400(
    http: httpx.Client, field: str, value: str
) -> None:
    user = unique("user")
    response = http.post("/workflows", json={"name": "n", "user": user, field: value})
    try:
        error(response, 400, field)
    finally:
        for workflow in items(http, "/workflows", user=user):  # undo what a bug created
            ok(http.delete(f"/workflows/{workflow['id']}"))


def test_wrong_type_in_one_of_many_bulk_jobs_is_400(http: httpx.Client, world: World) -> None:
    jobs = [{"workflow_id": world.wf, "name": f"j{i}", "command": "c"} for i in range(3)]
    jobs[2]["name"] = 7
    error(http.post("/bulk_jobs", json={"jobs": jobs}), 400, "name")


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/workflows", {"user": "u"}, "name"),
        ("/workflows", {"name": "n"}, "user"),
        ("/jobs", {"workflow_id": "{wf}", "name": "n"}, "command"),
        ("/jobs", {"name": "n", "command": "c"}, "workflow_id"),
        ("/bulk_jobs", {}, "jobs"),
        ("/files", {"workflow_id": "{wf}", "path": "p"}, "name"),
        ("/user_data", {"workflow_id": "{wf}"}, "name"),
        ("/resource_requirements", {"workflow_id": "{wf}"}, "name"),
        ("/events", {"workflow_id": "{wf}", "timestamp": 0}, "data"),
        ("/compute_nodes", {"workflow_id": "{wf}", "hostname": "h", "pid": 1}, "start_time"),
    ],
)
def test_missing_required_fields_are_400_naming_the_field(
    http: httpx.Client, world: World, path: str, body: dict[str, Any], field: str
) -> None:
    body = {k: (world.wf if v == "{wf}" else v) for k, v in body.items()}
    error(http.post(path, json=body), 400, field)


def test_missing_required_field_in_update_is_400(http: httpx.Client, world: World) -> None:
    error(http.put(f"/workflows/{world.wf}/status", json={"run_id": 5}), 400, "is_canceled")
    error(
        http.put(f"/jobs/{world.job['id']}", json={"workflow_id": world.wf, "name": "x"}),
        400,
        "command",
    )


def test_wrong_type_in_update_is_400(http: httpx.Client, world: World) -> None:
    body = {**world.job, "name": "renamed", "resource_requirements_id": "default"}
    error(http.put(f"/jobs/{world.job['id']}", json=body), 400, "resource_requirements_id")
    status = {**world.before["status"], "run_id": "next"}
    error(http.put(f"/workflows/{world.wf}/status", json=status), 400, "run_id")


# ---------------------------------------------------------------------------------------------
# unknown ids


@pytest.mark.parametrize(
    ("method", "path", "body", "kind"),
    [
        ("GET", "/workflows/{missing}", None, "Workflow"),
        ("PUT", "/workflows/{missing}", {"name": "n", "user": "u"}, "Workflow"),
        ("DELETE", "/workflows/{missing}", None, "Workflow"),
        ("GET", "/jobs/{missing}", None, "Job"),
        ("PUT", "/jobs/{missing}", {"workflow_id": "{wf}", "name": "n", "command": "c"}, "Job"),
        ("DELETE", "/jobs/{missing}", None, "Job"),
        ("GET", "/files/{missing}", None, "File"),
        ("PUT", "/files/{missing}", {"workflow_id": "{wf}", "name": "n", "path": "p"}, "File"),
        ("DELETE", "/user_data/{missing}", None, "User data"),
        ("GET", "/workflows/{missing}/status", None, "Workflow"),
        ("POST", "/workflows/{missing}/initialize_jobs", None, "Workflow"),
        ("GET", "/workflows/{missing}/is_complete", None, "Workflow"),
        ("POST", "/workflows/{missing}/claim_next_jobs", None, "Workflow"),
        ("GET", "/jobs?workflow_id={missing}", None, "Workflow"),
        ("DELETE", "/files?workflow_id={missing}", None, "Workflow"),
        ("POST", "/files", {"workflow_id": "{missing}", "name": "n", "path": "p"}, "Workflow"),
        ("POST", "/jobs", {"workflow_id": "{missing}", "name": "n", "command": "c"}, "Workflow"),
        (
            "POST",
            "/bulk_jobs",
            {"jobs": [{"workflow_id": "{missing}", "name": "n", "command": "c"}]},
            "Workflow",
        ),
        (
            "POST",
            "/jobs",
            {"workflow_id": "{wf}", "name": "n", "command": "c", "input_file_ids": ["{missing}"]},
            "input_file_ids",
        ),
        (
            "PUT",
            "/jobs/{job}",
            {
                "workflow_id": "{wf}",
                "name": "target",
                "command": "true",
                "failure_handler_id": "{missing}",
            },
            "failure_handler_id",
        ),
    ],
)
def test_unknown_ids_are_404(
    http: httpx.Client, world: World, method: str, path: str, body: Any, kind: str
) -> None:
    missing = 987654321987

    def fill(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v) for v in value]
        if value == "{missing}":
            return missing
        if value == "{wf}":
            return world.wf
        return value

    url = path.format(missing=missing, wf=world.wf, job=world.job["id"])
    kwargs: dict[str, Any] = {"headers": JSON_HEADERS}
    if body is not None:
        kwargs["json"] = fill(body)
    error(http.request(method, url, **kwargs), 404, kind, str(missing))


@pytest.mark.parametrize("path", ["/jobs/abc", "/workflows/1.5", "/workflows/abc/status"])
def test_non_integer_path_id_is_400(http: httpx.Client, world: World, path: str) -> None:
    error(http.get(path), 400, "id")


def test_unknown_route_is_404_json(http: httpx.Client, world: World) -> None:
    error(http.get("/no_such_thing"), 404)
    error(http.get(f"/workflows/{world.wf}/no_such_thing"), 404)


def test_wrong_method_is_405_json(http: httpx.Client, world: World) -> None:
    error(http.patch(f"/workflows/{world.wf}", json={"name": "x"}), 405, "PATCH")


# ---------------------------------------------------------------------------------------------
# query parameters


@pytest.mark.parametrize(
    "path", ["/workflows", "/jobs", "/files", "/user_data", "/events", "/results", "/compute_nodes"]
)
def test_unknown_sort_field_is_400(http: httpx.Client, world: World, path: str) -> None:
    params = {"sort_by": "no_such_column; DROP TABLE job"}
    if path != "/workflows":
        params["workflow_id"] = str(world.wf)
    error(http.get(path, params=params), 400, "sort", "no_such_column")


@pytest.mark.parametrize(
    "path", ["/workflows", "/jobs", "/files", "/resource_requirements", "/access_groups"]
)
def test_limit_over_maximum_is_400(http: httpx.Client, world: World, path: str) -> None:
    params = {"limit": "10001"}
    if path not in ("/workflows", "/access_groups"):
        params["workflow_id"] = str(world.wf)
    error(http.get(path, params=params), 400, "limit", "10000")


def test_limit_over_maximum_on_workflow_sublists_is_400(http: httpx.Client, world: World) -> None:
    for sub in ("failure_handlers", "job_dependencies", "job_file_relationships"):
        error(http.get(f"/workflows/{world.wf}/{sub}", params={"limit": 10001}), 400, "limit")


@pytest.mark.parametrize("path", ["/workflows", "/jobs", "/events"])
@pytest.mark.parametrize(("name", "value"), [("offset", "-1"), ("limit", "-5")])
def test_negative_paging_is_400(
    http: httpx.Client, world: World, path: str, name: str, value: str
) -> None:
    params = {name: value}
    if path != "/workflows":
        params["workflow_id"] = str(world.wf)
    error(http.get(path, params=params), 400, name)


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/workflows", {"limit": "ten"}, "limit"),
        ("/workflows", {"offset": "1.5"}, "offset"),
        ("/workflows", {"is_archived": "maybe"}, "is_archived"),
        ("/workflows", {"reverse_sort": "backwards"}, "reverse_sort"),
        ("/jobs", {"workflow_id": "first"}, "workflow_id"),
        ("/jobs", {"workflow_id": "{wf}", "status": "happy"}, "status"),
        (
            "/jobs",
            {"workflow_id": "{wf}", "include_relationships": "please"},
            "include_relationships",
        ),
        ("/jobs", {"workflow_id": "{wf}", "needs_file_id": "f1"}, "needs_file_id"),
        ("/results", {"workflow_id": "{wf}", "all_runs": "all"}, "all_runs"),
        ("/events", {"workflow_id": "{wf}", "after_timestamp": "yesterday"}, "after_timestamp"),
    ],
)
def test_wrong_query_types_are_400(
    http: httpx.Client, world: World, path: str, params: dict[str, str], name: str
) -> None:
    params = {k: (str(world.wf) if v == "{wf}" else v) for k, v in params.items()}
    error(http.get(path, params=params), 400, name)


@pytest.mark.parametrize(
    "path",
    [
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
    ],
)
def test_missing_workflow_id_is_400(http: httpx.Client, world: World, path: str) -> None:
    error(http.get(path), 400, "workflow_id")
    error(http.get(path, params={"workflow_id": ""}), 400, "workflow_id")
    # A bulk delete without its workflow must not delete anything (the fixture checks).
    error(delete_json(http, path), 400, "workflow_id")


def test_bad_query_on_bulk_delete_deletes_nothing(http: httpx.Client, world: World) -> None:
    error(delete_json(http, "/jobs", workflow_id="all"), 400, "workflow_id")
    error(delete_json(http, "/files", workflow_id=-1), 404)


def test_bad_claim_limit_is_400(http: httpx.Client, world: World) -> None:
    error(
        http.post(f"/workflows/{world.wf}/claim_next_jobs", params={"limit": "many"}), 400, "limit"
    )
    error(http.post(f"/workflows/{world.wf}/claim_next_jobs", params={"limit": "-1"}), 400, "limit")


# ---------------------------------------------------------------------------------------------
# ids beyond the 64-bit range


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/workflows/{big}"),
        ("DELETE", "/workflows/{big}"),
        ("GET", "/jobs/{big}"),
        ("PUT", "/jobs/{big}/start_job/1/1"),
        ("GET", "/files/{big}"),
        ("GET", "/workflows/{big}/status"),
    ],
)
def test_path_id_beyond_64_bits_is_400(
    http: httpx.Client, world: World, method: str, path: str
) -> None:
    error(http.request(method, path.format(big=TOO_BIG), headers=JSON_HEADERS), 400, str(TOO_BIG))


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/jobs", {"workflow_id": TOO_BIG}),
        ("/files", {"workflow_id": TOO_BIG}),
        ("/workflows", {"offset": TOO_BIG}),
        ("/jobs", {"workflow_id": "{wf}", "upstream_job_id": TOO_BIG}),
        ("/jobs", {"workflow_id": "{wf}", "needs_file_id": TOO_BIG}),
    ],
)
def test_query_id_beyond_64_bits_is_400(
    http: httpx.Client, world: World, path: str, params: dict[str, Any]
) -> None:
    params = {k: (world.wf if v == "{wf}" else v) for k, v in params.items()}
    error(http.get(path, params=params), 400, str(TOO_BIG))
    if "workflow_id" in params and params["workflow_id"] == TOO_BIG:
        error(delete_json(http, path, workflow_id=TOO_BIG), 400, str(TOO_BIG))


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/jobs", {"workflow_id": TOO_BIG, "name": "n", "command": "c"}),
        (
            "/jobs",
            {"workflow_id": "{wf}", "name": "n", "command": "c", "input_file_ids": [TOO_BIG]},
        ),
        ("/files", {"workflow_id": TOO_BIG, "name": "n", "path": "p"}),
        (
            "/workflows",
            {"name": "n", "user": "u", "compute_node_wait_for_new_jobs_seconds": TOO_BIG},
        ),
    ],
)
def test_body_number_beyond_64_bits_is_400(
    http: httpx.Client, world: World, path: str, body: dict[str, Any]
) -> None:
    body = {k: (world.wf if v == "{wf}" else v) for k, v in body.items()}
    error(http.post(path, json=body), 400)


# ---------------------------------------------------------------------------------------------
# what must be accepted


def test_delete_with_json_content_type_and_empty_body_is_accepted(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    job = create_job(http, wf)
    f = create_file(http, wf)
    ud = create_user_data(http, wf)

    assert ok(delete_json(http, f"/jobs/{job['id']}"))["id"] == job["id"]
    assert ok(delete_json(http, f"/files/{f['id']}"))["id"] == f["id"]
    assert ok(delete_json(http, f"/user_data/{ud['id']}"))["id"] == ud["id"]
    assert ok(delete_json(http, "/events", workflow_id=wf)) == {"count": 0}
    assert ok(delete_json(http, f"/workflows/{wf}"))["id"] == wf
    error(http.get(f"/workflows/{wf}"), 404)


def test_delete_with_an_empty_object_body_is_accepted(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    job = create_job(http, wf)
    response = http.request("DELETE", f"/jobs/{job['id']}", json={})
    assert ok(response)["id"] == job["id"]
    response = http.request("DELETE", f"/workflows/{wf}", headers=JSON_HEADERS, content=b"{}")
    assert ok(response)["id"] == wf


def test_optional_bodies_may_be_empty_or_an_object(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    create_job(http, wf)
    url = f"/workflows/{wf}/initialize_jobs"
    ok(http.post(url, headers=JSON_HEADERS, content=b""))
    ok(http.post(url, json={}))
    ok(http.post(url))
    assert ok(http.post(f"/workflows/{wf}/claim_next_jobs", json={}))["jobs"]


def test_unknown_fields_in_a_body_are_ignored(http: httpx.Client) -> None:
    name = unique("wf")
    workflow = ok(
        http.post(
            "/workflows",
            json={"name": name, "user": "u", "colour": "blue", "nested": {"x": [1]}},
        )
    )
    assert workflow["name"] == name
    assert "colour" not in workflow and "nested" not in workflow
    assert "colour" not in ok(http.get(f"/workflows/{workflow['id']}"))

    wf = workflow["id"]
    (job,) = ok(
        http.post(
            "/bulk_jobs",
            json={
                "jobs": [{"workflow_id": wf, "name": "j", "command": "c", "priority": 9}],
                "dry_run": True,
            },
        )
    )["jobs"]
    assert "priority" not in job
    updated = ok(http.put(f"/jobs/{job['id']}", json={**job, "command": "d", "colour": "red"}))
    assert updated["command"] == "d"
    assert "colour" not in updated
    assert (
        ok(http.put(f"/workflows/{wf}/status", json={"run_id": 1, "is_canceled": False, "x": 1}))[
            "run_id"
        ]
        == 1
    )
