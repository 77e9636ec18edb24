"""`torc user-data`: JSON documents stored in the database and passed between jobs."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from cyclopts import App, Parameter

from torc_cli import display, output, paging, selection, session
from torc_cli.resource import Paging, Query, Resource, add_commands
from torc_cli.session import CliError

app = App(name="user-data", help="User data management commands.")

TrueFalse = Literal["true", "false"]

USER_DATA_COLUMNS = [
    display.Column("ID", "id"),
    display.Column("Name", "name"),
    display.Column("Data", "data", lambda v: display.brief(json.dumps(v), 100)),
    display.Column("Ephemeral", "is_ephemeral"),
    display.Column("Workflow ID", "workflow_id"),
]


def _json_value(text: str, option: str) -> Any:
    """Any JSON value: an object, an array, a number, a string (quoted), a boolean."""
    try:
        return json.loads(text)
    except ValueError as exc:
        raise CliError(
            f"{option} is not valid JSON ({exc}); a string needs quotes, for example '\"text\"'"
        ) from None


def _with_data(record: Any) -> dict[str, Any]:
    """The record with its `data` field always present (null while nothing produced it)."""
    plain = session.to_plain(record)
    return {**plain, "data": plain.get("data")}


@app.command
def create(
    workflow_id: Annotated[
        int | None, Parameter(help="Workflow ID (chosen on a terminal).")
    ] = None,
    *,
    name: Annotated[str, Parameter(name=["--name", "-n"], help="Name of the data object.")],
    data: Annotated[
        str | None,
        Parameter(
            name=["--data", "-d"],
            help="JSON data content (any JSON value: object, array, number, quoted string).",
        ),
    ] = None,
    ephemeral: Annotated[
        bool, Parameter(negative=(), help="Whether the data is ephemeral (cleared between runs).")
    ] = False,
    consumer_job_id: Annotated[int | None, Parameter(help="Consumer job ID (optional).")] = None,
    producer_job_id: Annotated[int | None, Parameter(help="Producer job ID (optional).")] = None,
) -> None:
    """Create a new user data record."""
    body: dict[str, Any] = {"name": name, "is_ephemeral": ephemeral}
    if data is not None:
        body["data"] = _json_value(data, "--data")
    body["workflow_id"] = selection.workflow_id(workflow_id)
    created = session.get().api.create_user_data(
        body, consumer_job_id=consumer_job_id, producer_job_id=producer_job_id
    )
    display.show_record(_with_data(created), title=f"Created user data {created.id}")


def _filters(
    *,
    name: Annotated[str | None, Parameter(help="Filter by name.")] = None,
    is_ephemeral: Annotated[
        TrueFalse | None, Parameter(help="Filter by ephemeral status (true or false).")
    ] = None,
    consumer_job_id: Annotated[int | None, Parameter(help="Filter by consumer job ID.")] = None,
    producer_job_id: Annotated[int | None, Parameter(help="Filter by producer job ID.")] = None,
) -> Query:
    return {
        "name": name,
        "is_ephemeral": None if is_ephemeral is None else is_ephemeral == "true",
        "consumer_job_id": consumer_job_id,
        "producer_job_id": producer_job_id,
    }


USER_DATA = Resource(
    "user data record",
    "user_data",
    USER_DATA_COLUMNS,
    list="list_user_data",
    delete="delete_user_data",
    label="user data records",
    in_workflow=True,
    filters=_filters,
    paging=Paging(offset=paging.OffsetO),
    shown=_with_data,
    title="User data for workflow ID {workflow_id}:",
    empty="No user data found for workflow ID {workflow_id}.",
    help={"list": "List user data records.", "delete": "Delete a user data record."},
)
add_commands(app, USER_DATA)


@app.command
def get(id: Annotated[int, Parameter(help="User data record ID.")]) -> None:
    """Get a specific user data record.

    The record is printed as JSON in either format (its data is a JSON document), so that
    `torc user-data get ID | jq '.data'` works in job commands.
    """
    output.emit_json(_with_data(session.get().api.get_user_data(id)))


@app.command
def update(
    id: Annotated[int, Parameter(help="User data record ID.")],
    *,
    name: Annotated[
        str | None, Parameter(name=["--name", "-n"], help="New name for the data object.")
    ] = None,
    data: Annotated[
        str | None, Parameter(name=["--data", "-d"], help="New JSON data content (any JSON value).")
    ] = None,
    ephemeral: Annotated[
        TrueFalse | None, Parameter(help="Update ephemeral status (true or false).")
    ] = None,
) -> None:
    """Update a user data record."""
    api = session.get().api
    new_data = _json_value(data, "--data") if data is not None else None
    record = session.to_plain(api.get_user_data(id))
    if name is not None:
        record["name"] = name
    if data is not None:
        record["data"] = new_data
    if ephemeral is not None:
        record["is_ephemeral"] = ephemeral == "true"
    updated = api.update_user_data(id, record)
    display.show_record(_with_data(updated), title=f"Updated user data {id}")


@app.command(name="delete-all")
def delete_all(workflow_id: Annotated[int, Parameter(help="Workflow ID.")]) -> None:
    """Delete all user data records for a workflow."""
    answer = session.get().api.delete_all_user_data(workflow_id)
    display.show_result(
        f"Deleted {answer.deleted_count} user data records of workflow {workflow_id}",
        {"workflow_id": workflow_id, "deleted_count": answer.deleted_count},
    )


@app.command(name="list-missing")
def list_missing(workflow_id: Annotated[int, Parameter(help="Workflow ID.")]) -> None:
    """List missing user data for a workflow: records jobs need that have no value."""
    api = session.get().api
    ids = [int(i) for i in api.list_missing_user_data(workflow_id).user_data or []]
    if session.get().json:
        output.emit_json({"workflow_id": workflow_id, "user_data": ids})
        return
    display.show_list(
        [_with_data(api.get_user_data(i)) for i in ids],
        USER_DATA_COLUMNS,
        "user_data",
        noun="user data records",
        title=f"Missing user data for workflow ID {workflow_id}:",
        empty=f"No missing user data for workflow ID {workflow_id}.",
    )


COMMANDS = [app]
