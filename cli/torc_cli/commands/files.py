"""`torc files`: the files a workflow's jobs read and write."""

from __future__ import annotations

from typing import Annotated

from cyclopts import App, Parameter

from torc_cli import display, output, selection, session
from torc_cli.resource import Query, Resource, add_commands

app = App(name="files", help="File management commands.")

FILE_COLUMNS = [
    display.Column("ID", "id"),
    display.Column("Name", "name"),
    display.Column("Path", "path"),
    display.Column("Modified", "st_mtime", display.seconds),
]


def _filters(
    *,
    produced_by_job_id: Annotated[
        int | None, Parameter(help="Filter by job ID that produced the files.")
    ] = None,
) -> Query:
    return {"produced_by_job_id": produced_by_job_id}


FILES = Resource(
    "file",
    "files",
    FILE_COLUMNS,
    get="get_file",
    list="list_files",
    delete="delete_file",
    in_workflow=True,
    filters=_filters,
    help={"list": "List files.", "delete": "Delete a file."},
)


@app.command
def create(
    workflow_id: Annotated[
        int | None, Parameter(help="Create the file in this workflow (chosen on a terminal).")
    ] = None,
    *,
    name: Annotated[str, Parameter(name=["--name", "-n"], help="Name of the file.")],
    path: Annotated[str, Parameter(name=["--path", "-p"], help="Path of the file.")],
) -> None:
    """Create a new file."""
    workflow_id = selection.workflow_id(workflow_id)
    created = session.get().api.create_file(
        {"workflow_id": workflow_id, "name": name, "path": path}
    )
    display.show_record(created, title=f"Created file {created.id}")


add_commands(app, FILES)


@app.command
def update(
    id: Annotated[int, Parameter(help="ID of the file to update.")],
    *,
    name: Annotated[str | None, Parameter(name=["--name", "-n"], help="Name of the file.")] = None,
    path: Annotated[str | None, Parameter(name=["--path", "-p"], help="Path of the file.")] = None,
) -> None:
    """Update an existing file."""
    api = session.get().api
    record = api.get_file(id)
    if name is not None:
        record.name = name
    if path is not None:
        record.path = path
    display.show_record(api.update_file(id, record), title=f"Updated file {id}")


@app.command(name="list-required-existing")
def list_required_existing(
    workflow_id: Annotated[
        int | None,
        Parameter(
            help="List required existing files for this workflow (optional: chosen on a terminal)."
        ),
    ] = None,
) -> None:
    """List required existing files for a workflow: inputs that no job produces, and outputs of
    jobs that already completed."""
    workflow_id = selection.workflow_id(workflow_id)
    api = session.get().api
    ids = [int(i) for i in api.list_required_existing_files(workflow_id).files or []]
    if session.get().json:
        output.emit_json({"workflow_id": workflow_id, "files": ids})
        return
    records = [session.to_plain(api.get_file(i)) for i in ids]
    display.show_list(
        records,
        FILE_COLUMNS,
        "files",
        noun="files",
        title=f"Required existing files for workflow {workflow_id}:",
        empty=f"No required existing files for workflow {workflow_id}.",
    )


COMMANDS = [app]
