"""Access control on a real server: every operation of the document, tried as a second user
and as an anonymous one against another user's records (which all exist), answers 403 or 401,
never data."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.auth.conftest import ADMIN, AuthServer
from tests.conformance.seed import ID_KINDS, PATH_ID_KINDS, WORKER, seed
from torc_server.auth import rules
from torc_server.contract.operations import OPERATIONS

# Operations anyone may call: they answer no workflow's data.
PUBLIC = {"ping", "get_version", "get_health"}
# Operations any logged-in user may call; their answers hold only the user's own records.
OWN = {"list_workflows", "create_workflow", "create_workflow_from_spec", "list_access_groups"}


@pytest.fixture(scope="module")
def alices(guarded: AuthServer) -> dict[str, list[Any]]:
    """A workflow of alice's with a record of every kind (alice is also the admin who makes
    and joins the access group it is shared with)."""
    with guarded.client("alice") as alice:
        ids = seed(alice)
        ids["names"] = [alice.get(f"/workflows/{ids['workflow'][0]}").json()["name"]]
        return ids


def _value(name: str, first_segment: str, ids: dict[str, list[Any]]) -> Any:
    if name == "id":
        return ids[PATH_ID_KINDS[first_segment]][0]
    if name == "status":
        return "completed"
    if name == "name":
        return "job_dependencies"
    if name == "limit":
        return 1
    if name == "worker":
        return WORKER
    return ids[ID_KINDS[name]][0]


def _request(
    operation_id: str, ids: dict[str, list[Any]], user: str = "bob"
) -> tuple[str, str, dict[str, Any], Any]:
    """The operation aimed at alice's records: method, path, query and body (which names
    `user` as the owner, where a body has one)."""
    op = OPERATIONS[operation_id]
    first = op.path.strip("/").split("/")[0]
    path = re.sub(r"\{(\w+)\}", lambda m: str(_value(m.group(1), first, ids)), op.path)
    query = {q.name: ids["workflow"][0] for q in op.query if q.name == "workflow_id"}
    body: Any = None
    if op.method in ("POST", "PUT"):
        workflow = ids["workflow"][0]
        record = {"workflow_id": workflow, "name": "intruder", "command": "id", "user": user}
        body = {"jobs": [record]} if operation_id == "create_jobs" else record
    return op.method, path, query, body


def _send(client: httpx.Client, method: str, path: str, query: dict[str, Any], body: Any):
    with client.stream(method, path, params=query, json=body) as response:
        if response.status_code == 200 and path.endswith("/events/stream"):
            return response.status_code, "(a stream)"
        return response.status_code, response.read().decode()


@pytest.mark.parametrize("who", ["bob", None], ids=["second-user", "anonymous"])
def test_every_operation_refuses_another_users_workflow(
    guarded: AuthServer, alices: dict[str, list[Any]], who: str | None
) -> None:
    secrets = [alices["names"][0]]
    wrong: list[str] = []
    with guarded.client(who) as client:
        for operation_id in OPERATIONS:
            method, path, query, body = _request(operation_id, alices)
            status, text = _send(client, method, path, query, body)
            if operation_id in PUBLIC:
                continue
            if who is not None and operation_id in OWN:
                if status not in (200, 400) or any(secret in text for secret in secrets):
                    wrong.append(f"{operation_id}: {status} {text[:200]}")
                continue
            # Every request names records that exist: the guard, not a missing record, refuses.
            expected = {401} if who is None else {403}
            if status not in expected or any(secret in text for secret in secrets):
                wrong.append(f"{operation_id} {method} {path}: {status} {text[:200]}")
    assert not wrong, "\n".join(wrong)
    # Nothing changed: alice's workflow has the jobs it had, and is still hers.
    with guarded.client("alice") as alice:
        workflow = alices["workflow"][0]
        assert alice.get(f"/workflows/{workflow}").json()["user"] == "alice"
        names = {
            job["name"]
            for job in alice.get("/jobs", params={"workflow_id": workflow}).json()["items"]
        }
        assert names == {"a", "b", "c", "d", "e"}


def test_the_owner_reaches_every_workflow_operation(
    guarded: AuthServer, alices: dict[str, list[Any]]
) -> None:
    """The same requests as alice are not refused by the guard (they may fail for their own
    reasons: a made-up body is a 400)."""
    with guarded.client("alice") as alice:
        for operation_id in OPERATIONS:
            if operation_id.startswith("delete") or operation_id in ("cancel_workflow",):
                continue
            method, path, query, body = _request(operation_id, alices, "alice")
            status, text = _send(alice, method, path, query, body)
            assert status not in (401, 403), f"{operation_id}: {status} {text[:200]}"


def test_sharing_with_a_group_gives_its_members_access(guarded: AuthServer) -> None:
    with (
        guarded.client("alice") as alice,
        guarded.client("bob") as bob,
        guarded.client("carol") as carol,
    ):
        workflow = bob.post("/workflows", json={"name": "bobs", "user": "bob"}).json()["id"]
        assert carol.get(f"/workflows/{workflow}").status_code == 403
        # Only admins make groups and change their members.
        refused = bob.post("/access_groups", json={"name": "team-b"})
        assert refused.status_code == 403
        assert refused.json()["error"]["message"] == "User is not a system administrator"
        group = alice.post("/access_groups", json={"name": "team-b"}).json()["id"]
        member = {"user_name": "carol", "group_id": group}
        assert bob.post(f"/access_groups/{group}/members", json=member).status_code == 403
        assert alice.post(f"/access_groups/{group}/members", json=member).status_code == 200
        # Only the owner (or an admin) shares the workflow.
        assert carol.post(f"/workflows/{workflow}/access_groups/{group}").status_code == 403
        assert bob.post(f"/workflows/{workflow}/access_groups/{group}").status_code == 200
        assert carol.get(f"/workflows/{workflow}").status_code == 200
        listed = [w["id"] for w in carol.get("/workflows").json()["items"]]
        assert workflow in listed
        # A member may work on it but not hand it over to themselves.
        handed = carol.put(f"/workflows/{workflow}", json={"name": "bobs", "user": "carol"})
        assert handed.status_code == 403
        bob.delete(f"/workflows/{workflow}/access_groups/{group}")
        assert carol.get(f"/workflows/{workflow}").status_code == 403
        assert workflow not in [w["id"] for w in carol.get("/workflows").json()["items"]]


def test_every_operation_has_a_rule_and_no_handler_brings_its_own() -> None:
    assert rules.missing() == []
    from torc_server.http.routing import operation

    with pytest.raises(TypeError, match="access is decided"):
        operation("ping", before_request=lambda request: None)


def test_every_route_passes_through_the_guard(tmp_path: Path) -> None:
    from torc_server.app import Settings, create_app
    from torc_server.auth.guard import Guard
    from torc_server.auth.settings import AuthSettings

    htpasswd = tmp_path / "htpasswd"
    htpasswd.write_text("")
    app = create_app(
        Settings(database=str(tmp_path / "t.db"), auth=AuthSettings(auth_file=str(htpasswd)))
    )
    handlers = [handler for route in app.routes for handler in route.route_handlers]  # type: ignore[union-attr]
    assert len(handlers) >= len(OPERATIONS)
    for handler in handlers:
        hook = handler.resolve_before_request()
        hook = getattr(hook, "func", hook)
        # the guard itself, or the guard followed by the checks every operation shares
        assert isinstance(getattr(hook, "guard", hook), Guard), handler


def test_access_groups_commands(guarded: AuthServer, tmp_path: Path) -> None:
    admin = guarded.cli(tmp_path, ADMIN)
    bob = guarded.cli(tmp_path, "bob")
    carol = guarded.cli(tmp_path, "carol")
    group = admin.json("access-groups", "create", "analysts", "--description", "data team")
    assert group["name"] == "analysts" and group["description"] == "data team"
    gid = str(group["id"])
    admin.json("access-groups", "add-user", gid, "carol")
    table = admin.ok("access-groups", "list-members", gid)
    assert "carol" in table and "member" in table
    carols = carol.json("access-groups", "list-user-groups", "carol")["access_groups"]
    assert "analysts" in [g["name"] for g in carols]
    assert "not a system administrator" in bob.fails("access-groups", "create", "mine")
    workflow = bob.create(
        """
        name: NAME
        jobs:
          - name: a
            command: echo hi
        """
    )
    bob.json("access-groups", "add-workflow", str(workflow), gid)
    groups = bob.json("access-groups", "list-workflow-groups", str(workflow))["access_groups"]
    assert [g["id"] for g in groups] == [group["id"]]
    assert carol.json("workflows", "get", str(workflow))["id"] == workflow
    bob.json("access-groups", "remove-workflow", str(workflow), gid)
    assert "does not have access" in carol.fails("workflows", "get", str(workflow))
    admin.json("access-groups", "remove-user", gid, "carol")
    admin.json("access-groups", "delete", gid)
    assert "analysts" not in json.dumps(admin.json("access-groups", "list"))
    assert "refused the login" in guarded.cli(tmp_path, None).fails("access-groups", "list")
