"""Job records: one by one, in bulk, and listed with or without their relationships."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from torc_server.contract import models as m
from torc_server.http.routing import envelope, model, operation, paging, query
from torc_server.storage import bulk_delete, jobs, records, tables, workflows
from torc_server.storage.database import Database

if TYPE_CHECKING:
    from litestar import Request


def _values(data: msgspec.Struct) -> dict[str, Any]:
    values = msgspec.structs.asdict(data)
    return {k: v for k, v in values.items() if v is not msgspec.UNSET}


def _job_values(data: m.JobModel) -> dict[str, Any]:
    values = _values(data)
    values.pop("id", None)
    if isinstance(values.get("schedule_compute_nodes"), msgspec.Struct):
        # Absent means omitted: a null or unset field of the schedule is not stored (and so not
        # answered as null).
        schedule = msgspec.structs.asdict(values["schedule_compute_nodes"])
        values["schedule_compute_nodes"] = {
            k: v for k, v in schedule.items() if v is not None and v is not msgspec.UNSET
        }
    return values


@operation("create_job")
def create_job(data: m.JobModel, db: Database) -> m.JobModel:
    with db.transaction() as conn:
        (created,) = jobs.create_many(conn, [_job_values(data)])
    return model(created, m.JobModel)


@operation("create_jobs")
def create_jobs(data: m.JobsModel, db: Database) -> m.CreateJobsResponse:
    with db.transaction() as conn:
        created = jobs.create_many(conn, [_job_values(job) for job in data.jobs])
    return m.CreateJobsResponse(jobs=[model(job, m.JobModel) for job in created])


@operation("get_job")
def get_job(id: int, db: Database) -> m.JobModel:
    return model(jobs.get(db.conn, id), m.JobModel)


@operation("update_job")
def update_job(id: int, data: m.JobModel, db: Database) -> m.JobModel:
    with db.transaction() as conn:
        return model(jobs.update(conn, id, _job_values(data)), m.JobModel)


@operation("delete_job")
def delete_job(id: int, db: Database) -> m.JobModel:
    with db.transaction() as conn:
        return model(jobs.delete(conn, id), m.JobModel)


@operation("delete_jobs")
def delete_jobs(db: Database, request: Request[Any, Any, Any]) -> m.CountResponse:
    values = query("delete_jobs", request)
    workflow_id = values["workflow_id"]
    dependents = bulk_delete.cascade(db.conn, tables.JOB.name)
    if dependents is None:  # some reference does not cascade: SQLite's own delete decides
        with db.transaction() as conn:
            workflows.require(conn, workflow_id)
            return m.CountResponse(count=records.delete_for_workflow(conn, tables.JOB, workflow_id))
    with db.bulk_delete() as conn:
        workflows.require(conn, workflow_id)
        count = bulk_delete.delete_of_workflow(conn, tables.JOB.name, dependents, workflow_id)
    return m.CountResponse(count=count)


@operation("list_jobs")
def list_jobs(db: Database, request: Request[Any, Any, Any]) -> m.ListJobsResponse:
    values = query("list_jobs", request)
    workflows.require(db.conn, values["workflow_id"])
    page = records.list_page(
        db.conn,
        tables.JOB,
        {
            name: values.get(name)
            for name in ("status", "needs_file_id", "upstream_job_id", "active_compute_node_id")
        },
        base_conditions=[("t.workflow_id = ?", (values["workflow_id"],))],
        **paging(values),
    )
    if values.get("include_relationships"):
        jobs.attach_relationships(db.conn, page.items)
    return envelope(page, m.JobModel, m.ListJobsResponse)


HANDLERS = [create_job, create_jobs, get_job, update_job, delete_job, delete_jobs, list_jobs]
