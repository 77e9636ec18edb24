"""Which workflow each operation reaches, and who may call it: one rule per operation.

The guard (`torc_server.auth.guard`) looks up the rule of every request's operation; an operation
without a rule stops the server from starting, so a new route cannot go unguarded. A rule names
where the request's workflow is: a path parameter (`/workflows/{id}/...`), the workflow of a
record the path names (`/jobs/{id}` -> `job.workflow_id`), a query parameter (list filters), or
the body (`workflow_id` of a new record, of every job of a bulk request). Every workflow found
must be one the user may access.
"""

from __future__ import annotations

from dataclasses import dataclass

from torc_server.contract.operations import OPERATIONS


@dataclass(frozen=True)
class Rule:
    """kind: `public` (anyone), `login` (any user; the handler narrows what it shows),
    `admin` (admins only), `group` (admins and members of the group `path` names), `self`
    (the user `path` names, or an admin), `workflow` (whoever may access the workflow), `owner`
    (the workflow's owner or an admin: sharing it)."""

    kind: str
    path: str | None = None  # path parameter: the workflow id, or with `table` a record id
    table: str | None = None  # the table whose record `path` names
    query: str | None = None  # query parameter holding the workflow id
    body: str | None = None  # "record": body.workflow_id; "bulk": body.jobs[*].workflow_id
    transfer: bool = False  # body.user may hand the workflow over: owner or admin only


PUBLIC = Rule("public")
LOGIN = Rule("login")
ADMIN = Rule("admin")
WORKFLOW = Rule("workflow", path="id")
SHARING = Rule("owner", path="id")


def _record(table: str, *, body: bool = False) -> Rule:
    return Rule("workflow", path="id", table=table, body="record" if body else None)


_IN_QUERY = Rule("workflow", query="workflow_id")
_IN_BODY = Rule("workflow", body="record")

# The resources whose records carry a workflow_id, by the path segment that names them.
_RESOURCES = {
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
}

RULES: dict[str, Rule] = {
    "ping": PUBLIC,
    "get_version": PUBLIC,
    "get_health": PUBLIC,
    "health": PUBLIC,
    # workflows as a whole
    "list_workflows": LOGIN,
    "create_workflow": LOGIN,
    "create_workflow_from_spec": LOGIN,
    "update_workflow": Rule("workflow", path="id", transfer=True),
    # jobs by id, as runners report them
    "start_job": _record("job"),
    "manage_status_change": _record("job"),
    "complete_job": _record("job", body=True),
    "retry_job": _record("job"),
    "create_jobs": Rule("workflow", body="bulk"),
    "create_workflow_action": Rule("workflow", path="id", body="record"),
    # access groups
    "create_access_group": ADMIN,
    "delete_access_group": ADMIN,
    "add_user_to_group": ADMIN,
    "remove_user_from_group": ADMIN,
    "list_access_groups": LOGIN,
    "get_access_group": Rule("group", path="id"),
    "list_group_members": Rule("group", path="id"),
    "list_user_groups": Rule("self", path="user_name"),
    "add_workflow_to_group": SHARING,
    "add_workflow_to_group_by_id": SHARING,
    "remove_workflow_from_group": SHARING,
    "list_workflow_groups": WORKFLOW,
    "check_workflow_access": Rule("workflow", path="workflow_id"),
}

for _name, _resource in _RESOURCES.items():
    for _operation_id, _operation in OPERATIONS.items():
        if _operation_id in RULES or not _operation.path.startswith(f"/{_name}"):
            continue
        if _operation.path == f"/{_name}":
            # create (body), list and delete-all (query)
            RULES[_operation_id] = _IN_BODY if _operation.method == "POST" else _IN_QUERY
        elif _operation.path == f"/{_name}/{{id}}":
            RULES[_operation_id] = _record(_resource, body=_operation.method == "PUT")

for _operation_id, _operation in OPERATIONS.items():
    if _operation_id not in RULES and _operation.path.startswith("/workflows/{id}"):
        RULES[_operation_id] = WORKFLOW


def missing() -> list[str]:
    """Operations of the document without a rule (the server refuses to start with any)."""
    return sorted(set(OPERATIONS) - set(RULES))
