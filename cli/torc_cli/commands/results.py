"""`torc results`: the return codes, run times and resource use of a workflow's job runs."""

from __future__ import annotations

from typing import Annotated

from cyclopts import App, Parameter

from torc_cli import display, paging, selection, session
from torc_cli.commands.jobs import StatusName
from torc_cli.summary import status_name

app = App(name="results", help="Result management commands.")

RESULT_COLUMNS = [
    display.Column("ID", "id"),
    display.Column("Job ID", "job_id"),
    display.Column("WF ID", "workflow_id"),
    display.Column("Run ID", "run_id"),
    display.Column("Attempt", "attempt_id"),
    display.Column("Return Code", "return_code"),
    display.Column("Exec Time", "exec_time_minutes", display.decimal),
    display.Column("Peak Mem", "peak_memory_bytes", display.size),
    display.Column("Peak CPU %", "peak_cpu_percent", display.percent),
    display.Column("Completion Time", "completion_time"),
    display.Column("Status", "status"),
]


@app.command(name="list")
def list_(
    workflow_id: Annotated[
        int | None,
        Parameter(
            help="List results for this workflow (optional: chosen on a terminal). By default, "
            "only lists results for the latest run of the workflow."
        ),
    ] = None,
    *,
    job_id: Annotated[
        int | None, Parameter(name=["--job-id", "-j"], help="List results for this job.")
    ] = None,
    run_id: Annotated[
        int | None, Parameter(name=["--run-id", "-r"], help="List results for this run_id.")
    ] = None,
    return_code: Annotated[int | None, Parameter(help="Filter by return code.")] = None,
    failed: Annotated[
        bool, Parameter(negative=(), help="Show only failed jobs (non-zero return code).")
    ] = False,
    status: Annotated[
        StatusName | None,
        Parameter(
            name=["--status", "-s"],
            help="Filter by job status (uninitialized, blocked, canceled, terminated, done, "
            "ready, scheduled, running, pending, disabled).",
        ),
    ] = None,
    limit: paging.Limit = None,
    offset: paging.Offset = 0,
    sort_by: paging.SortBy = None,
    reverse_sort: paging.ReverseSort = False,
    all_runs: Annotated[
        bool,
        Parameter(
            negative=(),
            help="Show all historical results (default: false, only shows current results).",
        ),
    ] = False,
) -> None:
    """List results."""
    workflow_id = selection.workflow_id(workflow_id)
    results = paging.fetch(
        session.get().api.list_results,
        workflow_id,
        limit=limit,
        offset=offset,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        keep=(lambda r: r.return_code != 0) if failed else None,
        job_id=job_id,
        run_id=run_id,
        return_code=return_code,
        status=status_name(status) if status else None,
        all_runs=True if all_runs else None,
    )
    display.show_list(
        results,
        RESULT_COLUMNS,
        "results",
        noun="results",
        title=f"Results for workflow ID {workflow_id}:",
        empty=f"No results found for workflow ID {workflow_id}.",
    )


@app.command
def get(id: Annotated[int, Parameter(help="ID of the result to get.")]) -> None:
    """Get a specific result by ID."""
    display.show_record(session.get().api.get_result(id))


@app.command
def delete(id: Annotated[int, Parameter(help="ID of the result to remove.")]) -> None:
    """Delete a result."""
    display.show_record(session.get().api.delete_result(id), title=f"Deleted result {id}")


COMMANDS = [app]
