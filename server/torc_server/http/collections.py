"""Create, get, update, delete, list and bulk delete for the plain per-workflow collections.

Files, user data, resource requirements, compute nodes, scheduled compute nodes, results, events,
local and Slurm schedulers share one shape; `collection()` builds their route handlers from a
`Table`, the response models and the document's operation ids.
"""

# Annotations stay evaluated here: the handlers are closures over the model types.

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import msgspec

from torc_server.contract import models as m
from torc_server.contract.operations import OPERATIONS
from torc_server.engine import Engine
from torc_server.engine.events import EventSink
from torc_server.http.routing import Operation, envelope, model, operation, paging, query
from torc_server.storage import records, workflows
from torc_server.storage.records import Table

if TYPE_CHECKING:  # named as a string below: resolved when Litestar registers the routes
    from litestar import Request

_PAGING = {"offset", "limit", "sort_by", "reverse_sort", "workflow_id"}

Hook = Callable[[Any, dict[str, Any]], dict[str, Any]]


@dataclass
class Collection:
    """One per-workflow resource as the API exposes it."""

    table: Table
    item: type[msgspec.Struct]
    page: type[msgspec.Struct]
    create: str
    get: str
    update: str
    delete: str
    list: str
    delete_all: str
    # body -> values to store (checks, derived columns)
    prepare_create: Hook = field(default=lambda conn, values: values)
    prepare_update: Hook = field(default=lambda conn, values: values)
    # after insert: (conn, new id, request query, event sink) -> None
    after_create: Callable[[Any, int, Mapping[str, Any], EventSink], None] | None = None
    # after update: (conn, updated record, event sink) -> None
    after_update: Callable[[Any, dict[str, Any], EventSink], None] | None = None
    # parsed list query -> extra SQL conditions (for parameters that are not plain filters)
    list_conditions: Callable[[Mapping[str, Any]], list[tuple[str, tuple[Any, ...]]]] | None = None
    delete_all_body: Callable[[int], Any] | None = None
    # (conn, record id or None for all of a workflow, workflow id) -> raise to refuse a delete
    before_delete: Callable[[Any, int | None, int], None] | None = None
    # records whose `timestamp` the server's event clock gives when they are created
    # (`EventSink.stamp`; an update may set another)
    stamped: bool = False


def _body_values(data: msgspec.Struct) -> dict[str, Any]:
    return {
        name: getattr(data, name)
        for name in data.__struct_fields__
        if getattr(data, name) is not msgspec.UNSET
    }


def collection(spec: Collection) -> list[Operation]:
    item, page, table = spec.item, spec.page, spec.table
    list_filters = [
        q.name
        for q in OPERATIONS[spec.list].query
        if q.name not in _PAGING and q.name in table.filters
    ]

    @operation(spec.create)
    def create(data: item, engine: Engine, request: "Request") -> item:  # type: ignore[valid-type]
        values = _body_values(data)
        with engine.change() as conn:
            workflows.require(conn, values["workflow_id"])
            if spec.stamped:
                values["timestamp"] = engine.events.stamp(conn)
            values = spec.prepare_create(conn, values)
            record_id = records.insert(conn, table, values)
            if spec.after_create is not None:
                spec.after_create(conn, record_id, query(spec.create, request), engine.events)
            return model(records.fetch(conn, table, record_id), item)

    @operation(spec.get)
    def get(id: int, engine: Engine) -> item:  # type: ignore[valid-type]
        return model(records.fetch(engine.db.conn, table, id), item)

    @operation(spec.update)
    def update(id: int, data: item, engine: Engine) -> item:  # type: ignore[valid-type]
        values = _body_values(data)
        with engine.change() as conn:
            current = records.fetch(conn, table, id)
            values["id"] = id  # for checks that compare with other records; not a column
            values["workflow_id"] = current["workflow_id"]  # a record stays in its workflow
            values = spec.prepare_update(conn, values)
            record = records.update(conn, table, id, values)
            if spec.after_update is not None:
                spec.after_update(conn, record, engine.events)
            return model(record, item)

    @operation(spec.delete)
    def delete(id: int, engine: Engine) -> item:  # type: ignore[valid-type]
        with engine.change() as conn:
            if spec.before_delete is not None:
                current = records.fetch(conn, table, id)
                spec.before_delete(conn, id, current["workflow_id"])
            return model(records.delete(conn, table, id), item)

    @operation(spec.list)
    def list_(engine: Engine, request: "Request") -> page:  # type: ignore[valid-type]
        values = query(spec.list, request)
        workflows.require(engine.db.conn, values["workflow_id"])
        conditions = [("t.workflow_id = ?", (values["workflow_id"],))]
        if spec.list_conditions is not None:
            conditions += spec.list_conditions(values)
        result = records.list_page(
            engine.db.conn,
            table,
            {name: values.get(name) for name in list_filters},
            base_conditions=conditions,
            **paging(values),
        )
        return envelope(result, item, page)

    @operation(spec.delete_all)
    def delete_all(engine: Engine, request: "Request") -> Any:
        values = query(spec.delete_all, request)
        with engine.change() as conn:
            workflows.require(conn, values["workflow_id"])
            if spec.before_delete is not None:
                spec.before_delete(conn, None, values["workflow_id"])
            count = records.delete_for_workflow(conn, table, values["workflow_id"])
        if spec.delete_all_body is not None:
            return spec.delete_all_body(count)
        return m.CountResponse(count=count)

    return [create, get, update, delete, list_, delete_all]
