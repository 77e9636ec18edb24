"""Requests JSON Schema allows are accepted and the ones it forbids are refused, whatever the
operation: an ignored body must still be an object, `1.0` is an integer, null is not a value
for a field that is not nullable, and a method the path does not serve says which it does."""

from __future__ import annotations

import httpx
import pytest

from .helpers import create_workflow, error, ok


@pytest.mark.parametrize("body", ["[null, null]", '"AAA"', "null", "3"])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("PUT", "/workflows/{wf}/cancel"),
        ("POST", "/workflows/{wf}/claim_next_jobs"),
        ("POST", "/workflows/{wf}/reset_job_status"),
        ("POST", "/workflows/{wf}/process_changed_job_inputs"),
        ("DELETE", "/jobs?workflow_id={wf}"),
        ("DELETE", "/events?workflow_id={wf}"),
    ],
)
def test_a_body_that_is_not_an_object_is_refused(
    http: httpx.Client, method: str, path: str, body: str
) -> None:
    wf = create_workflow(http)["id"]
    response = http.request(
        method, path.format(wf=wf), content=body, headers={"Content-Type": "application/json"}
    )
    error(response, 400, "JSON object")
    assert ok(http.get(f"/workflows/{wf}/status"))["is_canceled"] is False


def test_whole_floats_are_integers(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    created = ok(
        http.post(
            "/resource_requirements",
            json={"workflow_id": float(wf), "name": "r", "num_cpus": 4.0},
        )
    )
    assert created["num_cpus"] == 4 and created["workflow_id"] == wf
    error(http.post("/resource_requirements", json={"workflow_id": wf, "num_cpus": 4.5}), 400)


def test_null_is_refused_where_the_document_does_not_allow_it(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    body = {"workflow_id": wf, "name": "r", "num_cpus": None}
    error(http.post("/resource_requirements", json=body), 400, "num_cpus", "null")
    job = {"workflow_id": wf, "name": "j", "command": "true", "scheduler_id": None}
    assert ok(http.post("/jobs", json=job))["name"] == "j"  # the v1 client sends this null


def test_an_undeclared_method_answers_405_with_allow(http: httpx.Client) -> None:
    response = http.request("TRACE", "/workflows")
    error(response, 405)
    assert response.headers["Allow"] == "GET, POST"
    options = http.request("OPTIONS", "/workflows")
    assert options.status_code == 204
    assert set(options.headers["Allow"].split(", ")) == {"GET", "POST", "OPTIONS"}


@pytest.mark.parametrize("value", [[1, "two"], 3, 2.5, "text", True, {"k": {"n": [1]}}])
def test_user_data_holds_any_json_value(http: httpx.Client, value: object) -> None:
    wf = create_workflow(http)["id"]
    made = ok(http.post("/user_data", json={"workflow_id": wf, "name": "d", "data": value}))
    assert ok(http.get(f"/user_data/{made['id']}"))["data"] == value
    spec = {
        "name": "s",
        "user": "tester",
        "jobs": [{"name": "a", "command": "true", "input_user_data": ["d"]}],
        "user_data": [{"name": "d", "data": value}],
    }
    created = ok(http.post("/workflow_specs", json=spec))
    [ud_id] = created["user_data_ids"]
    assert ok(http.get(f"/user_data/{ud_id}"))["data"] == value


def test_a_body_that_is_not_json_is_400(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    response = http.put(
        f"/workflows/{wf}", content=b"1}\x05m", headers={"Content-Type": "application/json"}
    )
    error(response, 400, "not valid JSON")
