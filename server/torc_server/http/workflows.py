"""Workflow records: create, get, update, delete, list, status, and read-only views of a workflow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from torc_server import limits
from torc_server.auth.guard import login, visible_workflows
from torc_server.contract import models as m
from torc_server.engine import specs, views
from torc_server.http import spec_body
from torc_server.http.routing import envelope, model, operation, paging, query
from torc_server.storage import records, tables, workflows
from torc_server.storage.database import Database

if TYPE_CHECKING:
    from litestar import Request


def _values(data: msgspec.Struct) -> dict[str, Any]:
    return {
        name: getattr(data, name)
        for name in data.__struct_fields__
        if getattr(data, name) is not msgspec.UNSET
    }


@operation("create_workflow")
def create_workflow(
    data: m.WorkflowModel, db: Database, request: Request[Any, Any, Any]
) -> m.WorkflowModel:
    values = _values(data)
    values.pop("id", None)
    if owner := login(request):  # the workflow belongs to whoever logged in to create it
        values["user"] = owner
    with db.transaction() as conn:
        return model(workflows.create(conn, values), m.WorkflowModel)


@operation("create_workflow_from_spec", media_type="application/json")
def create_workflow_from_spec(
    data: spec_body.WorkflowSpecBody,  # type: ignore[valid-type]
    db: Database,
    request: Request[Any, Any, Any],
) -> bytes:
    spec = spec_body.settings(data)
    if owner := login(request):
        spec["user"] = owner
    with db.transaction() as conn:
        created = specs.create(conn, spec, spec_body.jobs(data.jobs))
    created["workflow"] = workflows.with_status_id(created["workflow"])
    job_ids = created.pop("job_ids")
    return spec_body.response(
        model({**created, "job_ids": []}, m.CreateWorkflowFromSpecResponse), job_ids
    )


@operation("get_workflow")
def get_workflow(id: int, db: Database) -> m.WorkflowModel:
    return model(workflows.get(db.conn, id), m.WorkflowModel)


@operation("update_workflow")
def update_workflow(id: int, data: m.WorkflowModel, db: Database) -> m.WorkflowModel:
    values = _values(data)
    for read_only in ("id", "status_id", "timestamp"):
        values.pop(read_only, None)
    limits.check(values)
    with db.transaction() as conn:
        records.update(conn, tables.WORKFLOW, id, values, keep=("timestamp",))
        return model(workflows.get(conn, id), m.WorkflowModel)


@operation("delete_workflow")
def delete_workflow(id: int, db: Database) -> m.WorkflowModel:
    with db.bulk_delete() as conn:
        return model(workflows.delete(conn, id), m.WorkflowModel)


@operation("list_workflows")
def list_workflows(db: Database, request: Request[Any, Any, Any]) -> m.ListWorkflowsResponse:
    values = query("list_workflows", request)
    page = workflows.list_page(
        db.conn,
        {name: values.get(name) for name in ("name", "user", "description", "is_archived")},
        **paging(values),
        base_conditions=visible_workflows(request),
    )
    return envelope(page, m.WorkflowModel, m.ListWorkflowsResponse)


@operation("get_workflow_status")
def get_workflow_status(id: int, db: Database) -> m.WorkflowStatusModel:
    return model(workflows.get_status(db.conn, id), m.WorkflowStatusModel)


@operation("update_workflow_status")
def update_workflow_status(
    id: int,
    data: m.WorkflowStatusModel,
    db: Database,
) -> m.WorkflowStatusModel:
    values = _values(data)
    values.pop("id", None)
    with db.transaction() as conn:
        return model(
            records.update(conn, tables.WORKFLOW_STATUS, id, values), m.WorkflowStatusModel
        )


@operation("list_job_ids")
def list_job_ids(id: int, db: Database) -> m.ListJobIdsResponse:
    ids = views.job_ids(db.conn, id)
    return m.ListJobIdsResponse(job_ids=ids, count=len(ids))


@operation("list_missing_user_data")
def list_missing_user_data(id: int, db: Database) -> m.ListMissingUserDataResponse:
    return m.ListMissingUserDataResponse(user_data=views.missing_user_data(db.conn, id))


@operation("list_required_existing_files")
def list_required_existing_files(
    id: int,
    db: Database,
) -> m.ListRequiredExistingFilesResponse:
    return m.ListRequiredExistingFilesResponse(files=views.required_existing_files(db.conn, id))


@operation("list_job_dependencies")
def list_job_dependencies(
    id: int,
    db: Database,
    request: Request[Any, Any, Any],
) -> m.ListJobDependenciesResponse:
    values = query("list_job_dependencies", request)
    page = views.job_dependencies(db.conn, id, values.get("offset") or 0, values["limit"])
    return envelope(page, m.JobDependencyModel, m.ListJobDependenciesResponse)


@operation("list_job_file_relationships")
def list_job_file_relationships(
    id: int,
    db: Database,
    request: Request[Any, Any, Any],
) -> m.ListJobFileRelationshipsResponse:
    values = query("list_job_file_relationships", request)
    page = views.job_file_relationships(db.conn, id, values.get("offset") or 0, values["limit"])
    return envelope(page, m.JobFileRelationshipModel, m.ListJobFileRelationshipsResponse)


@operation("list_job_user_data_relationships")
def list_job_user_data_relationships(
    id: int,
    db: Database,
    request: Request[Any, Any, Any],
) -> m.ListJobUserDataRelationshipsResponse:
    values = query("list_job_user_data_relationships", request)
    page = views.job_user_data_relationships(
        db.conn, id, values.get("offset") or 0, values["limit"]
    )
    return envelope(page, m.JobUserDataRelationshipModel, m.ListJobUserDataRelationshipsResponse)


@operation("get_latest_event_timestamp")
def get_latest_event_timestamp(
    id: int,
    db: Database,
) -> m.LatestEventTimestampResponse:
    timestamp = views.latest_event_timestamp(db.conn, id)
    if timestamp is None:
        return m.LatestEventTimestampResponse()
    return m.LatestEventTimestampResponse(timestamp=timestamp)


@operation("get_dot_graph")
def get_dot_graph(id: int, name: str, db: Database) -> m.DotGraphResponse:
    return m.DotGraphResponse(graph=views.dot_graph(db.conn, id, name))


HANDLERS = [
    create_workflow,
    create_workflow_from_spec,
    get_workflow,
    update_workflow,
    delete_workflow,
    list_workflows,
    get_workflow_status,
    update_workflow_status,
    list_job_ids,
    list_missing_user_data,
    list_required_existing_files,
    list_job_dependencies,
    list_job_file_relationships,
    list_job_user_data_relationships,
    get_latest_event_timestamp,
    get_dot_graph,
]
