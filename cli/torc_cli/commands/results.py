"""`torc results`: the return codes, run times and resource use of a workflow's job runs."""

from __future__ import annotations

from typing import Annotated

from cyclopts import App, Parameter

from torc_cli import display
from torc_cli.commands.jobs import StatusName
from torc_cli.resource import Query, Resource, add_commands
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


def _filters(
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
    all_runs: Annotated[
        bool,
        Parameter(
            negative=(),
            help="Show all historical results (default: false, only shows current results).",
        ),
    ] = False,
) -> Query:
    return {
        "keep": (lambda r: r.return_code != 0) if failed else None,
        "job_id": job_id,
        "run_id": run_id,
        "return_code": return_code,
        "status": status_name(status) if status else None,
        "all_runs": True if all_runs else None,
    }


RESULTS = Resource(
    "result",
    "results",
    RESULT_COLUMNS,
    get="get_result",
    list="list_results",
    delete="delete_result",
    in_workflow=True,
    filters=_filters,
    title="Results for workflow ID {workflow_id}:",
    empty="No results found for workflow ID {workflow_id}.",
    help={
        "list": "List results.",
        "delete": "Delete a result.",
        "workflow_id": "List results for this workflow (optional: chosen on a terminal). By "
        "default, only lists results for the latest run of the workflow.",
    },
)
add_commands(app, RESULTS)


COMMANDS = [app]
