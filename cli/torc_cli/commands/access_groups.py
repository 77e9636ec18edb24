"""`torc access-groups`: groups of users that workflows are shared with.

With `torc-server --enforce-access-control`, a user reaches their own workflows and those shared
with a group they belong to; admins (`--admin-user`) create groups and manage their members, and a
workflow's owner shares it with a group (`add-workflow`) or stops sharing it (`remove-workflow`).
"""

from __future__ import annotations

from typing import Annotated

from cyclopts import App, Parameter

from torc_cli import display, paging, session
from torc_cli.resource import Resource, add_commands

app = App(name="access-groups", help="Access group management (sharing workflows between users).")

GROUP_COLUMNS = [
    display.Column("ID", "id"),
    display.Column("Name", "name"),
    display.Column("Description", "description"),
    display.Column("Created", "created_at"),
]
MEMBER_COLUMNS = [
    display.Column("User", "user_name"),
    display.Column("Group", "group_id"),
    display.Column("Role", "role"),
    display.Column("Added", "created_at"),
]
GROUPS = Resource(
    "access group",
    "access_groups",
    GROUP_COLUMNS,
    get="get_access_group",
    list="list_access_groups",
    delete="delete_access_group",
)
GroupId = Annotated[int, Parameter(help="ID of the access group.")]
UserName = Annotated[str, Parameter(help="User name (as in the server's htpasswd file).")]
WorkflowId = Annotated[int, Parameter(help="ID of the workflow.")]


@app.command
def create(
    name: Annotated[str, Parameter(help="Name of the group (unique).")],
    *,
    description: Annotated[str | None, Parameter(help="What the group is for.")] = None,
) -> None:
    """Create an access group (admins only)."""
    body: dict[str, str] = {"name": name}
    if description is not None:
        body["description"] = description
    created = session.get().api.create_access_group(body)
    display.show_record(created, title=f"Created access group {created.id}")


add_commands(app, GROUPS)


@app.command(name="add-user")
def add_user(group_id: GroupId, user_name: UserName) -> None:
    """Add a user to a group (admins only)."""
    added = session.get().api.add_user_to_group(
        group_id, {"user_name": user_name, "group_id": group_id}
    )
    display.show_record(added, title=f"Added user '{user_name}' to access group {group_id}")


@app.command(name="remove-user")
def remove_user(group_id: GroupId, user_name: UserName) -> None:
    """Remove a user from a group (admins only)."""
    removed = session.get().api.remove_user_from_group(group_id, user_name)
    display.show_record(removed, title=f"Removed user '{user_name}' from access group {group_id}")


@app.command(name="list-members")
def list_members(
    group_id: GroupId, *, limit: paging.Limit = None, offset: paging.Offset = 0
) -> None:
    """List the members of a group."""
    members = paging.fetch(
        session.get().api.list_group_members, group_id, limit=limit, offset=offset
    )
    display.show_list(
        members,
        MEMBER_COLUMNS,
        "members",
        noun="members",
        title=f"Members of access group {group_id}:",
        empty=f"Access group {group_id} has no members.",
    )


@app.command(name="list-user-groups")
def list_user_groups(
    user_name: UserName, *, limit: paging.Limit = None, offset: paging.Offset = 0
) -> None:
    """List the groups a user belongs to."""
    groups = paging.fetch(session.get().api.list_user_groups, user_name, limit=limit, offset=offset)
    display.show_list(
        groups,
        GROUP_COLUMNS,
        "access_groups",
        noun="access groups",
        title=f"Access groups of user '{user_name}':",
        empty=f"User '{user_name}' belongs to no access group.",
    )


@app.command(name="add-workflow")
def add_workflow(workflow_id: WorkflowId, group_id: GroupId) -> None:
    """Share a workflow with a group (its owner, or an admin)."""
    shared = session.get().api.add_workflow_to_group_by_id(workflow_id, group_id)
    display.show_record(shared, title=f"Shared workflow {workflow_id} with access group {group_id}")


@app.command(name="remove-workflow")
def remove_workflow(workflow_id: WorkflowId, group_id: GroupId) -> None:
    """Stop sharing a workflow with a group (its owner, or an admin)."""
    removed = session.get().api.remove_workflow_from_group(workflow_id, group_id)
    display.show_record(
        removed, title=f"Stopped sharing workflow {workflow_id} with access group {group_id}"
    )


@app.command(name="list-workflow-groups")
def list_workflow_groups(
    workflow_id: WorkflowId, *, limit: paging.Limit = None, offset: paging.Offset = 0
) -> None:
    """List the groups a workflow is shared with."""
    groups = paging.fetch(
        session.get().api.list_workflow_groups, workflow_id, limit=limit, offset=offset
    )
    display.show_list(
        groups,
        GROUP_COLUMNS,
        "access_groups",
        noun="access groups",
        title=f"Access groups of workflow {workflow_id}:",
        empty=f"Workflow {workflow_id} is not shared with any access group.",
    )


COMMANDS = [app]
