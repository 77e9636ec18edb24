"""`POST /workflow_specs` reads its jobs a chunk at a time (http/spec_body.py): a mistake in any
job is still refused with 400 naming `jobs[N]` and the field, nulls and whole floats are treated as
everywhere else, and a valid spec answers every job id in order."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .helpers import error, ok, unique

MANY = 25_001  # more than two decode chunks of 10,000


def spec(jobs: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    return {"name": unique("wf"), "user": "tester", "jobs": jobs, **fields}


def jobs(count: int) -> list[dict[str, Any]]:
    return [{"name": f"j{i}", "command": f"run {i}"} for i in range(count)]


def test_many_jobs_answer_their_ids_in_order(http: httpx.Client) -> None:
    created = ok(http.post("/workflow_specs", json=spec(jobs(MANY)), timeout=120))
    ids = created["job_ids"]
    assert len(ids) == MANY and ids == list(range(ids[0], ids[0] + MANY))
    wf = created["workflow"]["id"]
    last = ok(http.get(f"/jobs/{ids[-1]}"))
    assert (last["name"], last["command"], last["workflow_id"]) == (
        f"j{MANY - 1}",
        f"run {MANY - 1}",
        wf,
    )
    page = ok(http.get("/jobs", params={"workflow_id": wf, "limit": 0}))
    assert page["total_count"] == MANY


@pytest.mark.parametrize(
    ("bad", "fragments"),
    [
        ({"name": "x", "command": 7}, ("jobs[20005].command", "str")),
        ({"name": "x"}, ("jobs[20005]", "command")),
        ({"name": "x", "command": "c", "depends_on": "a"}, ("jobs[20005].depends_on", "array")),
        ("not a job", ("jobs[20005]",)),
        ({"name": "x", "command": None}, ("jobs[20005].command", "null")),
    ],
    ids=["wrong type", "missing field", "not a list", "not an object", "null"],
)
def test_a_bad_job_deep_in_the_list_is_named(
    http: httpx.Client, bad: Any, fragments: tuple[str, ...]
) -> None:
    body = jobs(20_010)
    body[20_005] = bad
    before = ok(http.get("/workflows", params={"limit": 0}))["total_count"]
    error(http.post("/workflow_specs", json=spec(body), timeout=120), 400, *fragments)
    assert ok(http.get("/workflows", params={"limit": 0}))["total_count"] == before


def test_a_null_outside_the_jobs_is_refused(http: httpx.Client) -> None:
    error(
        http.post("/workflow_specs", json=spec(jobs(2), description=None, files=None)),
        400,
        "must not be null",
    )


def test_whole_floats_count_as_integers(http: httpx.Client) -> None:
    body = spec(
        [{"name": "a", "command": "true", "resource_requirements": "r"}],
        resource_requirements=[{"name": "r", "num_cpus": 4.0, "memory": "1g"}],
        compute_node_expiration_buffer_seconds=60.0,
    )
    created = ok(http.post("/workflow_specs", json=body))
    workflow = ok(http.get(f"/workflows/{created['workflow']['id']}"))
    assert workflow["compute_node_expiration_buffer_seconds"] == 60
    requirements = ok(http.get(f"/resource_requirements/{created['resource_requirements_ids'][0]}"))
    assert requirements["num_cpus"] == 4


def test_a_command_mentioning_null_is_not_a_null(http: httpx.Client) -> None:
    body = spec(
        [{"name": "a", "command": "run > /dev/null", "cancel_on_blocking_job_failure": False}]
    )
    created = ok(http.post("/workflow_specs", json=body))
    job = ok(http.get(f"/jobs/{created['job_ids'][0]}"))
    assert (job["command"], job["cancel_on_blocking_job_failure"]) == ("run > /dev/null", False)


def test_the_answer_is_whole_whatever_the_names_say(http: httpx.Client) -> None:
    name = 'wf "job_ids":[] ' + unique()
    created = ok(http.post("/workflow_specs", json={**spec(jobs(3)), "description": name}))
    assert created["workflow"]["description"] == name
    assert [ok(http.get(f"/jobs/{i}"))["name"] for i in created["job_ids"]] == ["j0", "j1", "j2"]
    assert created["resource_requirements_ids"] == []
    assert ok(http.post("/workflow_specs", json=spec([])))["job_ids"] == []
