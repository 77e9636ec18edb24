"""`torc job-dependencies`: which jobs wait for which, and through which files and user data."""

from __future__ import annotations

from typing import Annotated

from cyclopts import App, Parameter

from torc_cli import display, paging, selection, session

app = App(name="job-dependencies", help="Job dependency and relationship queries.")

WorkflowIdArg = Annotated[
    int | None, Parameter(help="ID of the workflow (optional: chosen on a terminal).")
]

PRODUCER_CONSUMER = [
    display.Column("Producer Job ID", "producer_job_id"),
    display.Column("Producer Job Name", "producer_job_name"),
    display.Column("Consumer Job ID", "consumer_job_id"),
    display.Column("Consumer Job Name", "consumer_job_name"),
]


@app.command(name="job-job")
def job_job(
    workflow_id: WorkflowIdArg = None,
    *,
    limit: paging.Limit = None,
    offset: paging.Offset = 0,
) -> None:
    """List job-to-job dependencies for a workflow."""
    workflow_id = selection.workflow_id(workflow_id)
    rows = paging.fetch(
        session.get().api.list_job_dependencies, workflow_id, limit=limit, offset=offset
    )
    display.show_list(
        rows,
        [
            display.Column("Job ID", "job_id"),
            display.Column("Job Name", "job_name"),
            display.Column("Blocked By Job ID", "depends_on_job_id"),
            display.Column("Blocked By Job Name", "depends_on_job_name"),
        ],
        "job_dependencies",
        noun="job dependencies",
        title=f"Job dependencies for workflow {workflow_id}:",
        empty=f"No job dependencies found for workflow {workflow_id}.",
    )


@app.command(name="job-file")
def job_file(
    workflow_id: WorkflowIdArg = None,
    *,
    limit: paging.Limit = None,
    offset: paging.Offset = 0,
) -> None:
    """List job-file relationships for a workflow."""
    workflow_id = selection.workflow_id(workflow_id)
    rows = paging.fetch(
        session.get().api.list_job_file_relationships, workflow_id, limit=limit, offset=offset
    )
    display.show_list(
        rows,
        [
            display.Column("File ID", "file_id"),
            display.Column("File Name", "file_name"),
            display.Column("Path", "file_path"),
            *PRODUCER_CONSUMER,
        ],
        "job_file_relationships",
        noun="job-file relationships",
        title=f"Job-file relationships for workflow {workflow_id}:",
        empty=f"No job-file relationships found for workflow {workflow_id}.",
    )


@app.command(name="job-user-data")
def job_user_data(
    workflow_id: WorkflowIdArg = None,
    *,
    limit: paging.Limit = None,
    offset: paging.Offset = 0,
) -> None:
    """List job-user_data relationships for a workflow."""
    workflow_id = selection.workflow_id(workflow_id)
    rows = paging.fetch(
        session.get().api.list_job_user_data_relationships,
        workflow_id,
        limit=limit,
        offset=offset,
    )
    display.show_list(
        rows,
        [
            display.Column("User Data ID", "user_data_id"),
            display.Column("User Data Name", "user_data_name"),
            *PRODUCER_CONSUMER,
        ],
        "job_user_data_relationships",
        noun="job-user_data relationships",
        title=f"Job-user_data relationships for workflow {workflow_id}:",
        empty=f"No job-user_data relationships found for workflow {workflow_id}.",
    )


COMMANDS = [app]
