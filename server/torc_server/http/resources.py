"""The per-workflow collections served through `collection()`."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from torc_server.contract import models as m
from torc_server.engine.events import EventSink
from torc_server.errors import Conflict, NotFound
from torc_server.http.collections import Collection, collection
from torc_server.storage import records, tables, workflows


def _prepare_requirements(conn: sqlite3.Connection, values: dict[str, Any]) -> dict[str, Any]:
    return workflows.requirements_update({**workflows.DEFAULT_REQUIREMENTS, **values})


def _refuse_if_used(conn: sqlite3.Connection, record_id: int | None, workflow_id: int) -> None:
    """Jobs keep their requirements: deleting requirements in use is refused, not cascaded."""
    if record_id is None:
        sql, params = "SELECT COUNT(*) FROM job WHERE workflow_id = ?", (workflow_id,)
    else:
        sql, params = "SELECT COUNT(*) FROM job WHERE resource_requirements_id = ?", (record_id,)
    (count,) = conn.execute(sql, params).fetchone()
    if count:
        what = f"resource requirements {record_id}" if record_id else "these resource requirements"
        raise Conflict(f"{count} jobs still use {what}; delete or update those jobs first")


def _link_user_data(
    conn: sqlite3.Connection, record_id: int, params: Mapping[str, Any], _: EventSink
) -> None:
    """Optionally make the new user data an input or output of a job of its workflow."""
    (workflow_id,) = conn.execute(
        "SELECT workflow_id FROM user_data WHERE id = ?", (record_id,)
    ).fetchone()
    for param, table in (
        ("consumer_job_id", "job_input_user_data"),
        ("producer_job_id", "job_output_user_data"),
    ):
        job_id = params.get(param)
        if job_id is None:
            continue
        row = conn.execute(
            "SELECT workflow_id FROM job WHERE id = ?", (records.check_id(job_id),)
        ).fetchone()
        if row is None or row[0] != workflow_id:
            raise NotFound(f"{param} {job_id} is not a job of workflow {workflow_id}")
        conn.execute(
            f"INSERT OR IGNORE INTO {table} (job_id, user_data_id, workflow_id) VALUES (?, ?, ?)",
            (job_id, record_id, workflow_id),
        )


def _check_result(conn: sqlite3.Connection, values: dict[str, Any]) -> dict[str, Any]:
    row = conn.execute(
        "SELECT workflow_id FROM job WHERE id = ?", (records.check_id(values["job_id"]),)
    ).fetchone()
    if row is None or row[0] != values["workflow_id"]:
        raise NotFound(f"job {values['job_id']} is not a job of workflow {values['workflow_id']}")
    attempt = values.get("attempt_id") or 1
    taken = conn.execute(
        "SELECT id FROM result WHERE job_id = ? AND run_id = ? AND attempt_id = ?",
        (values["job_id"], values["run_id"], attempt),
    ).fetchone()
    if taken is not None and taken[0] != values.get("id"):
        raise Conflict(
            f"job {values['job_id']} already has a result (id {taken[0]}) for run "
            f"{values['run_id']}, attempt {attempt}"
        )
    return values


def _node_started(
    conn: sqlite3.Connection, record_id: int, _: Mapping[str, Any], sink: EventSink
) -> None:
    node = records.fetch(conn, tables.COMPUTE_NODE, record_id)
    sink.emit(conn, node["workflow_id"], "compute_node_started", "info", _node_summary(node))


def _first_seen(conn: sqlite3.Connection, values: dict[str, Any]) -> dict[str, Any]:
    """A new compute node's runner was heard from now (unless the body says when)."""
    values.setdefault("last_seen", workflows.utc_timestamp())
    return values


def _node_stopped(conn: sqlite3.Connection, node: dict[str, Any], sink: EventSink) -> None:
    if node.get("is_active") is False:
        sink.emit(conn, node["workflow_id"], "compute_node_stopped", "info", _node_summary(node))


def _node_summary(node: Mapping[str, Any]) -> dict[str, Any]:
    keys = ("hostname", "pid", "compute_node_type", "duration_seconds")
    return {"compute_node_id": node["id"], **{k: node[k] for k in keys if k in node}}


def _current_results_only(values: Mapping[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    if values.get("all_runs"):
        return []
    return [
        (
            "EXISTS (SELECT 1 FROM job j WHERE j.id = t.job_id AND j.current_result_id = t.id)",
            (),
        )
    ]


def _broadcast_event(
    conn: sqlite3.Connection, record_id: int, _: Mapping[str, Any], sink: EventSink
) -> None:
    """An event a client records is delivered to the workflow's live subscribers too."""
    record = records.fetch(conn, tables.EVENT, record_id)
    data = record.get("data")
    sink.broadcast(
        record["workflow_id"], record["timestamp"], data if isinstance(data, dict) else {}
    )


COLLECTIONS = [
    Collection(
        tables.FILE,
        m.FileModel,
        m.ListFilesResponse,
        "create_file",
        "get_file",
        "update_file",
        "delete_file",
        "list_files",
        "delete_files",
        delete_all_body=lambda n: m.DeleteFilesResponse(deleted_count=n),
    ),
    Collection(
        tables.USER_DATA,
        m.UserDataModel,
        m.ListUserDataResponse,
        "create_user_data",
        "get_user_data",
        "update_user_data",
        "delete_user_data",
        "list_user_data",
        "delete_all_user_data",
        after_create=_link_user_data,
        delete_all_body=lambda n: m.DeleteAllUserDataResponse(
            message=f"Deleted {n} user data records", deleted_count=n
        ),
    ),
    Collection(
        tables.RESOURCE_REQUIREMENTS,
        m.ResourceRequirementsModel,
        m.ListResourceRequirementsResponse,
        "create_resource_requirements",
        "get_resource_requirements",
        "update_resource_requirements",
        "delete_resource_requirement",
        "list_resource_requirements",
        "delete_resource_requirements",
        prepare_create=_prepare_requirements,
        prepare_update=_prepare_requirements,
        before_delete=_refuse_if_used,
    ),
    Collection(
        tables.COMPUTE_NODE,
        m.ComputeNodeModel,
        m.ListComputeNodesResponse,
        "create_compute_node",
        "get_compute_node",
        "update_compute_node",
        "delete_compute_node",
        "list_compute_nodes",
        "delete_compute_nodes",
        prepare_create=_first_seen,
        after_create=_node_started,
        after_update=_node_stopped,
    ),
    Collection(
        tables.SCHEDULED_COMPUTE_NODE,
        m.ScheduledComputeNodesModel,
        m.ListScheduledComputeNodesResponse,
        "create_scheduled_compute_node",
        "get_scheduled_compute_node",
        "update_scheduled_compute_node",
        "delete_scheduled_compute_node",
        "list_scheduled_compute_nodes",
        "delete_scheduled_compute_nodes",
    ),
    Collection(
        tables.RESULT,
        m.ResultModel,
        m.ListResultsResponse,
        "create_result",
        "get_result",
        "update_result",
        "delete_result",
        "list_results",
        "delete_results",
        prepare_create=_check_result,
        prepare_update=_check_result,  # a result's job stays a job of the result's workflow
        list_conditions=_current_results_only,
    ),
    Collection(
        tables.EVENT,
        m.EventModel,
        m.ListEventsResponse,
        "create_event",
        "get_event",
        "update_event",
        "delete_event",
        "list_events",
        "delete_events",
        after_create=_broadcast_event,
        stamped=True,
    ),
    Collection(
        tables.LOCAL_SCHEDULER,
        m.LocalSchedulerModel,
        m.ListLocalSchedulersResponse,
        "create_local_scheduler",
        "get_local_scheduler",
        "update_local_scheduler",
        "delete_local_scheduler",
        "list_local_schedulers",
        "delete_local_schedulers",
    ),
    Collection(
        tables.SLURM_SCHEDULER,
        m.SlurmSchedulerModel,
        m.ListSlurmSchedulersResponse,
        "create_slurm_scheduler",
        "get_slurm_scheduler",
        "update_slurm_scheduler",
        "delete_slurm_scheduler",
        "list_slurm_schedulers",
        "delete_slurm_schedulers",
    ),
]

HANDLERS = [handler for spec in COLLECTIONS for handler in collection(spec)]
