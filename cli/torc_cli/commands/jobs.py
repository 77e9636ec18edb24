"""`torc jobs`: create, list, show, change and delete a workflow's jobs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from cyclopts import App, Parameter

from torc_cli import display, output, paging, selection, session
from torc_cli.session import CliError
from torc_cli.summary import JOB_STATUSES, status_name

app = App(name="jobs", help="Job management commands.")

StatusName = Literal[
    "uninitialized",
    "blocked",
    "ready",
    "pending",
    "running",
    "completed",
    "failed",
    "canceled",
    "terminated",
    "disabled",
    "pending_failed",
    "done",
    "scheduled",
]

JOB_COLUMNS = [
    display.Column("ID", "id"),
    display.Column("Name", "name"),
    display.Column("Status", "status"),
    display.Column("Command", "command", display.brief),
    display.Column("Resource Req ID", "resource_requirements_id"),
]
RELATIONSHIP_COLUMNS = [
    display.Column("Blocked By", "depends_on_job_ids"),
    display.Column("Input Files", "input_file_ids"),
    display.Column("Output Files", "output_file_ids"),
]


def ids_from(values: list[str] | None, option: str) -> list[int] | None:
    """Ids given as repeated options and/or comma-separated: `-b 1 -b 2` or `-b 1,2`."""
    if not values:
        return None
    ids = []
    for value in values:
        for word in value.replace(",", " ").split():
            if not word.isdigit():
                raise CliError(f"{option} takes job or file IDs (numbers), not {word!r}")
            ids.append(int(word))
    return ids


@app.command
def create(
    workflow_id: Annotated[
        int | None, Parameter(help="Create the job in this workflow (chosen on a terminal).")
    ] = None,
    *,
    name: Annotated[str, Parameter(name=["--name", "-n"], help="Name of the job.")],
    command: Annotated[str, Parameter(name=["--command", "-c"], help="Command to execute.")],
    resource_requirements_id: Annotated[
        int | None,
        Parameter(
            name=["--resource-requirements-id", "-r"],
            help="Resource requirements ID for this job.",
        ),
    ] = None,
    blocking_job_ids: Annotated[
        list[str] | None,
        Parameter(
            name=["--blocking-job-ids", "-b"],
            help="Job IDs that block this job (repeat the option or separate with commas).",
        ),
    ] = None,
    input_file_ids: Annotated[
        list[str] | None,
        Parameter(name=["--input-file-ids", "-i"], help="Input files needed by this job."),
    ] = None,
    output_file_ids: Annotated[
        list[str] | None,
        Parameter(name=["--output-file-ids", "-o"], help="Output files produced by this job."),
    ] = None,
) -> None:
    """Create a new job."""
    workflow_id = selection.workflow_id(workflow_id)
    body: dict[str, Any] = {"workflow_id": workflow_id, "name": name, "command": command}
    for key, values, option in (
        ("depends_on_job_ids", blocking_job_ids, "--blocking-job-ids"),
        ("input_file_ids", input_file_ids, "--input-file-ids"),
        ("output_file_ids", output_file_ids, "--output-file-ids"),
    ):
        ids = ids_from(values, option)
        if ids is not None:
            body[key] = ids
    if resource_requirements_id is not None:
        body["resource_requirements_id"] = resource_requirements_id
    created = session.get().api.create_job(body)
    display.show_record(created, title=f"Created job {created.id}")


@app.command(name="create-from-file")
def create_from_file(
    workflow_id: Annotated[int, Parameter(help="Workflow ID to create jobs for.")],
    file: Annotated[
        Path,
        Parameter(
            help="Path to text file containing job commands (one per line). Lines starting "
            "with # are comments (ignored); empty lines are ignored."
        ),
    ],
    *,
    cpus_per_job: Annotated[int, Parameter(help="Number of CPUs per job.")] = 1,
    memory_per_job: Annotated[
        str, Parameter(help='Memory per job (e.g., "1m", "2g", "16g").')
    ] = "1m",
    runtime_per_job: Annotated[
        str,
        Parameter(
            help="Runtime per job (ISO 8601 duration format). Examples: P0DT1M = 1 minute, "
            "P0DT30M = 30 minutes, P0DT2H = 2 hours, P1DT0H = 1 day."
        ),
    ] = "P0DT1M",
) -> None:
    """Create multiple jobs from a text file containing one command per line.

    Jobs are named job1, job2, ... starting after the workflow's current number of jobs, and
    share one set of resource requirements that is created for them.
    Example: torc jobs create-from-file 123 batch_jobs.txt --cpus-per-job 4 --memory-per-job 8g
    """
    try:
        lines = file.read_text().splitlines()
    except OSError as exc:
        raise CliError(f"cannot read {file}: {exc.strerror}") from None
    commands = [
        line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")
    ]
    if not commands:
        raise CliError(f"{file} has no commands (only comments or empty lines)")
    if cpus_per_job < 1:
        raise CliError(f"--cpus-per-job must be 1 or more, not {cpus_per_job}")
    from torc_cli.commands.resource_requirements import iso_duration

    api = session.get().api
    existing = int(api.list_jobs(workflow_id, limit=1).total_count)
    requirements = api.create_resource_requirements(
        {
            "workflow_id": workflow_id,
            "name": f"{file.stem}_{existing + 1}-{existing + len(commands)}",
            "num_cpus": cpus_per_job,
            "memory": memory_per_job,
            "runtime": iso_duration(runtime_per_job),
        }
    )
    jobs = [
        {
            "workflow_id": workflow_id,
            "name": f"job{existing + i}",
            "command": command,
            "resource_requirements_id": requirements.id,
        }
        for i, command in enumerate(commands, 1)
    ]
    created: list[int] = []
    for start in range(0, len(jobs), paging.PAGE_SIZE):
        answer = api.create_jobs({"jobs": jobs[start : start + paging.PAGE_SIZE]})
        created.extend(job.id for job in answer.jobs or [])
    display.show_result(
        f"Created {len(created)} jobs in workflow {workflow_id} "
        f"(job{existing + 1} to job{existing + len(created)}) "
        f"with resource requirements {requirements.id}",
        {
            "workflow_id": workflow_id,
            "count": len(created),
            "job_ids": created,
            "resource_requirements_id": requirements.id,
        },
    )


@app.command(name="list")
def list_(
    workflow_id: Annotated[
        int | None,
        Parameter(help="List jobs for this workflow (optional: chosen on a terminal)."),
    ] = None,
    *,
    status: Annotated[
        StatusName | None, Parameter(name=["--status", "-s"], help="Filter by job status.")
    ] = None,
    upstream_job_id: Annotated[
        int | None,
        Parameter(help="Filter by upstream job ID (jobs that depend on this job)."),
    ] = None,
    limit: paging.Limit = None,
    offset: paging.Offset = 0,
    sort_by: paging.SortBy = None,
    reverse_sort: paging.ReverseSort = False,
    include_relationships: Annotated[
        bool,
        Parameter(
            negative=(),
            help="Include job relationships (depends_on_job_ids, input/output file/user_data "
            "IDs) - slower but more complete.",
        ),
    ] = False,
) -> None:
    """List jobs."""
    workflow_id = selection.workflow_id(workflow_id)
    jobs = paging.fetch(
        session.get().api.list_jobs,
        workflow_id,
        limit=limit,
        offset=offset,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        status=status_name(status) if status else None,
        upstream_job_id=upstream_job_id,
        include_relationships=True if include_relationships else None,
    )
    columns = JOB_COLUMNS + (RELATIONSHIP_COLUMNS if include_relationships else [])
    display.show_list(
        jobs,
        columns,
        "jobs",
        noun="jobs",
        title=f"Jobs for workflow {workflow_id}:",
        empty=f"No jobs found for workflow {workflow_id}.",
    )


@app.command
def get(id: Annotated[int, Parameter(help="ID of the job to get.")]) -> None:
    """Get a specific job by ID."""
    display.show_record(session.get().api.get_job(id))


@app.command
def update(
    id: Annotated[int, Parameter(help="ID of the job to update.")],
    *,
    name: Annotated[str | None, Parameter(name=["--name", "-n"], help="Name of the job.")] = None,
    command: Annotated[
        str | None, Parameter(name=["--command", "-c"], help="Command to execute.")
    ] = None,
) -> None:
    """Update an existing job (name and command change only while it is uninitialized)."""
    api = session.get().api
    job = api.get_job(id)
    if name is not None:
        job.name = name
    if command is not None:
        job.command = command
    display.show_record(api.update_job(id, job), title=f"Updated job {id}")


@app.command
def delete(*ids: Annotated[int, Parameter(help="IDs of the jobs to remove.")]) -> None:
    """Delete one or more jobs."""
    if not ids:
        raise CliError("give the IDs of the jobs to delete")
    api = session.get().api
    deleted = []
    for job_id in ids:
        deleted.append(session.to_plain(api.delete_job(job_id)))
        output.message(f"Deleted job {job_id}")
    if session.get().json:
        output.emit_json({"jobs": deleted, "count": len(deleted)})


@app.command(name="delete-all")
def delete_all(
    workflow_id: Annotated[
        int | None,
        Parameter(help="Workflow ID to delete all jobs from (optional: chosen on a terminal)."),
    ] = None,
) -> None:
    """Delete all jobs for a workflow."""
    workflow_id = selection.workflow_id(workflow_id)
    count = session.get().api.delete_jobs(workflow_id).count
    display.show_result(
        f"Deleted {count} jobs of workflow {workflow_id}",
        {"workflow_id": workflow_id, "deleted_count": count},
    )


@app.command(name="list-resource-requirements")
def list_resource_requirements(
    workflow_id: Annotated[
        int | None,
        Parameter(help="Workflow ID to list jobs from (optional: chosen on a terminal)."),
    ] = None,
    *,
    job_id: Annotated[
        int | None, Parameter(name=["--job-id", "-j"], help="Filter by specific job ID.")
    ] = None,
) -> None:
    """List jobs with their resource requirements."""
    api = session.get().api
    if job_id is not None:
        jobs = [api.get_job(job_id)]
        workflow_id = jobs[0].workflow_id if workflow_id is None else workflow_id
        if jobs[0].workflow_id != workflow_id:
            raise CliError(f"job {job_id} is not in workflow {workflow_id}")
    else:
        workflow_id = selection.workflow_id(workflow_id)
        jobs = list(api.iter_jobs(workflow_id, page_size=paging.PAGE_SIZE))
    requirements = {
        rr.id: rr for rr in api.iter_resource_requirements(workflow_id, page_size=paging.PAGE_SIZE)
    }
    rows = []
    for job in jobs:
        rr = requirements.get(job.resource_requirements_id)
        rows.append(
            {
                "job_id": job.id,
                "job_name": job.name,
                "resource_requirements_id": rr.id if rr else None,
                "resource_requirements_name": rr.name if rr else None,
                "num_cpus": rr.num_cpus if rr else None,
                "num_gpus": rr.num_gpus if rr else None,
                "num_nodes": rr.num_nodes if rr else None,
                "memory": rr.memory if rr else None,
                "runtime": rr.runtime if rr else None,
            }
        )
    display.show_list(
        rows,
        [
            display.Column("Job ID", "job_id"),
            display.Column("Job Name", "job_name"),
            display.Column("RR ID", "resource_requirements_id"),
            display.Column("RR Name", "resource_requirements_name"),
            display.Column("CPUs", "num_cpus"),
            display.Column("GPUs", "num_gpus"),
            display.Column("Nodes", "num_nodes"),
            display.Column("Memory", "memory"),
            display.Column("Runtime", "runtime"),
        ],
        "jobs",
        noun="jobs",
        title=f"Resource requirements of the jobs of workflow {workflow_id}:",
        empty=f"No jobs found for workflow {workflow_id}.",
    )


@app.command(name="list-by-status")
def list_by_status(
    workflow_id: Annotated[
        int | None,
        Parameter(help="ID of the workflow (optional: chosen on a terminal)."),
    ] = None,
) -> None:
    """Count a workflow's jobs in each status."""
    from torc_cli.summary import status_counts

    workflow_id = selection.workflow_id(workflow_id)
    counts = status_counts(session.get().api, workflow_id)
    if session.get().json:
        output.emit_json(
            {"workflow_id": workflow_id, "total": sum(counts.values()), "counts": counts}
        )
        return
    display.show_list(
        [{"status": s, "count": counts[s]} for s in JOB_STATUSES if counts[s]],
        [display.Column("Status", "status"), display.Column("Count", "count")],
        "counts",
        noun="statuses",
        title=f"Jobs of workflow {workflow_id} by status:",
        empty=f"No jobs found for workflow {workflow_id}.",
        footer=f"Total: {sum(counts.values())} jobs",
    )


COMMANDS = [app]
