"""Access groups, their members, and which workflows they share; remote workers."""

from __future__ import annotations

from typing import Any

from litestar import Request

from torc_server.auth.guard import is_admin, restricted_to
from torc_server.contract import models as m
from torc_server.errors import Conflict, NotFound
from torc_server.http.routing import model, operation, query
from torc_server.storage import records, tables, workflows
from torc_server.storage.database import Database
from torc_server.storage.workflows import utc_timestamp


def _group_page(
    db: Database, sql: str, params: tuple[Any, ...], values: dict[str, Any]
) -> m.ListAccessGroupsResponse:
    offset, limit = values.get("offset") or 0, values["limit"]
    records.check_paging(offset, limit)
    (total,) = db.conn.execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()
    rows = db.conn.execute(
        f"{sql} ORDER BY t.name, t.id LIMIT ? OFFSET ?", (*params, limit, offset)
    ).fetchall()
    items = [model(records.from_row(tables.ACCESS_GROUP, row), m.AccessGroupModel) for row in rows]
    return m.ListAccessGroupsResponse(
        items=items,
        offset=offset,
        limit=limit,
        total_count=total,
        has_more=offset + len(items) < total,
    )


_GROUP_SELECT = "SELECT t.id, t.name, t.description, t.created_at FROM access_group t"


@operation("create_access_group")
def create_access_group(data: m.AccessGroupModel, db: Database) -> m.AccessGroupModel:
    with db.transaction() as conn:
        if conn.execute("SELECT 1 FROM access_group WHERE name = ?", (data.name,)).fetchone():
            raise Conflict(f"an access group named '{data.name}' already exists")
        values = {"name": data.name, "description": data.description, "created_at": utc_timestamp()}
        record_id = records.insert(conn, tables.ACCESS_GROUP, values)
        return model(records.fetch(conn, tables.ACCESS_GROUP, record_id), m.AccessGroupModel)


@operation("list_access_groups")
def list_access_groups(db: Database, request: Request[Any, Any, Any]) -> m.ListAccessGroupsResponse:
    values = query("list_access_groups", request)
    user = restricted_to(request)
    if user is not None and not is_admin(request):  # members see their own groups
        sql = f"{_GROUP_SELECT} WHERE t.id IN (SELECT group_id FROM user_group_membership WHERE user_name = ?)"
        return _group_page(db, sql, (user,), values)
    return _group_page(db, _GROUP_SELECT, (), values)


@operation("get_access_group")
def get_access_group(id: int, db: Database) -> m.AccessGroupModel:
    return model(records.fetch(db.conn, tables.ACCESS_GROUP, id), m.AccessGroupModel)


@operation("delete_access_group")
def delete_access_group(id: int, db: Database) -> m.AccessGroupModel:
    with db.transaction() as conn:
        return model(records.delete(conn, tables.ACCESS_GROUP, id), m.AccessGroupModel)


@operation("add_user_to_group")
def add_user_to_group(
    id: int,
    data: m.UserGroupMembershipModel,
    db: Database,
) -> m.UserGroupMembershipModel:
    with db.transaction() as conn:
        records.fetch(conn, tables.ACCESS_GROUP, id)
        if conn.execute(
            "SELECT 1 FROM user_group_membership WHERE user_name = ? AND group_id = ?",
            (data.user_name, id),
        ).fetchone():
            raise Conflict(f"user '{data.user_name}' is already a member of group {id}")
        role = data.role if isinstance(data.role, str) else "member"
        values = {
            "user_name": data.user_name,
            "group_id": id,
            "role": role,
            "created_at": utc_timestamp(),
        }
        record_id = records.insert(conn, tables.USER_GROUP_MEMBERSHIP, values)
        return model(
            records.fetch(conn, tables.USER_GROUP_MEMBERSHIP, record_id), m.UserGroupMembershipModel
        )


@operation("list_group_members")
def list_group_members(
    id: int,
    db: Database,
    request: Request[Any, Any, Any],
) -> m.ListUserGroupMembershipsResponse:
    values = query("list_group_members", request)
    records.fetch(db.conn, tables.ACCESS_GROUP, id)
    page = records.list_page(
        db.conn,
        tables.USER_GROUP_MEMBERSHIP,
        {},
        offset=values.get("offset") or 0,
        limit=values["limit"],
        sort_by="user_name",
        base_conditions=[("t.group_id = ?", (id,))],
    )
    items = [model(r, m.UserGroupMembershipModel) for r in page.items]
    return m.ListUserGroupMembershipsResponse(
        items=items,
        offset=page.offset,
        limit=values["limit"],
        total_count=page.total_count,
        has_more=page.has_more,
    )


@operation("remove_user_from_group")
def remove_user_from_group(id: int, user_name: str, db: Database) -> m.UserGroupMembershipModel:
    with db.transaction() as conn:
        row = conn.execute(
            "SELECT id FROM user_group_membership WHERE group_id = ? AND user_name = ?",
            (id, user_name),
        ).fetchone()
        if row is None:
            raise NotFound(f"user '{user_name}' is not a member of group {id}")
        return model(
            records.delete(conn, tables.USER_GROUP_MEMBERSHIP, row[0]), m.UserGroupMembershipModel
        )


@operation("list_user_groups")
def list_user_groups(
    user_name: str, db: Database, request: Request[Any, Any, Any]
) -> m.ListAccessGroupsResponse:
    sql = f"{_GROUP_SELECT} WHERE t.id IN (SELECT group_id FROM user_group_membership WHERE user_name = ?)"
    return _group_page(db, sql, (user_name,), query("list_user_groups", request))


def _add_workflow(db: Database, workflow_id: int, group_id: int) -> m.WorkflowAccessGroupModel:
    with db.transaction() as conn:
        workflows.require(conn, workflow_id)
        records.fetch(conn, tables.ACCESS_GROUP, group_id)
        if conn.execute(
            "SELECT 1 FROM workflow_access_group WHERE workflow_id = ? AND group_id = ?",
            (workflow_id, group_id),
        ).fetchone():
            raise Conflict(f"workflow {workflow_id} is already shared with group {group_id}")
        created = utc_timestamp()
        conn.execute(
            "INSERT INTO workflow_access_group (workflow_id, group_id, created_at) VALUES (?, ?, ?)",
            (workflow_id, group_id, created),
        )
    return m.WorkflowAccessGroupModel(
        workflow_id=workflow_id, group_id=group_id, created_at=created
    )


@operation("add_workflow_to_group")
def add_workflow_to_group(
    id: int,
    data: m.WorkflowAccessGroupModel,
    db: Database,
) -> m.WorkflowAccessGroupModel:
    return _add_workflow(db, id, data.group_id)


@operation("add_workflow_to_group_by_id")
def add_workflow_to_group_by_id(id: int, group_id: int, db: Database) -> m.WorkflowAccessGroupModel:
    return _add_workflow(db, id, group_id)


@operation("list_workflow_groups")
def list_workflow_groups(
    id: int, db: Database, request: Request[Any, Any, Any]
) -> m.ListAccessGroupsResponse:
    workflows.require(db.conn, id)
    sql = f"{_GROUP_SELECT} WHERE t.id IN (SELECT group_id FROM workflow_access_group WHERE workflow_id = ?)"
    values = query("list_workflow_groups", request)
    values.setdefault("limit", 100)
    if values.get("limit") is None:
        values["limit"] = 100
    return _group_page(db, sql, (id,), values)


@operation("remove_workflow_from_group")
def remove_workflow_from_group(id: int, group_id: int, db: Database) -> m.WorkflowAccessGroupModel:
    with db.transaction() as conn:
        row = conn.execute(
            "SELECT created_at FROM workflow_access_group WHERE workflow_id = ? AND group_id = ?",
            (id, group_id),
        ).fetchone()
        if row is None:
            raise NotFound(f"workflow {id} is not shared with group {group_id}")
        conn.execute(
            "DELETE FROM workflow_access_group WHERE workflow_id = ? AND group_id = ?",
            (id, group_id),
        )
    return m.WorkflowAccessGroupModel(workflow_id=id, group_id=group_id, created_at=row[0])


@operation("check_workflow_access")
def check_workflow_access(workflow_id: int, user_name: str, db: Database) -> m.AccessCheckResponse:
    workflow = workflows.get(db.conn, workflow_id)
    has_access = workflow["user"] == user_name or bool(
        db.conn.execute(
            "SELECT 1 FROM workflow_access_group w JOIN user_group_membership u ON u.group_id = w.group_id "
            "WHERE w.workflow_id = ? AND u.user_name = ?",
            (workflow_id, user_name),
        ).fetchone()
    )
    return m.AccessCheckResponse(
        has_access=has_access, user_name=user_name, workflow_id=workflow_id
    )


@operation("create_remote_workers")
def create_remote_workers(id: int, data: list[str], db: Database) -> list[m.RemoteWorkerModel]:
    with db.transaction() as conn:
        workflows.require(conn, id)
        conn.executemany(
            "INSERT OR IGNORE INTO remote_worker (worker, workflow_id) VALUES (?, ?)",
            [(w, id) for w in data],
        )
    return [m.RemoteWorkerModel(worker=w, workflow_id=id) for w in dict.fromkeys(data)]


@operation("list_remote_workers")
def list_remote_workers(id: int, db: Database) -> list[m.RemoteWorkerModel]:
    workflows.require(db.conn, id)
    rows = db.conn.execute(
        "SELECT worker FROM remote_worker WHERE workflow_id = ? ORDER BY worker", (id,)
    )
    return [m.RemoteWorkerModel(worker=row[0], workflow_id=id) for row in rows]


@operation("delete_remote_worker")
def delete_remote_worker(id: int, worker: str, db: Database) -> m.RemoteWorkerModel:
    with db.transaction() as conn:
        cursor = conn.execute(
            "DELETE FROM remote_worker WHERE workflow_id = ? AND worker = ?", (id, worker)
        )
        if cursor.rowcount == 0:
            raise NotFound(f"remote worker '{worker}' is not registered for workflow {id}")
    return m.RemoteWorkerModel(worker=worker, workflow_id=id)


HANDLERS = [
    create_access_group,
    list_access_groups,
    get_access_group,
    delete_access_group,
    add_user_to_group,
    list_group_members,
    remove_user_from_group,
    list_user_groups,
    add_workflow_to_group,
    add_workflow_to_group_by_id,
    list_workflow_groups,
    remove_workflow_from_group,
    check_workflow_access,
    create_remote_workers,
    list_remote_workers,
    delete_remote_worker,
]
