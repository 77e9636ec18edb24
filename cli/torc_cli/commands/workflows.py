"""`torc workflows`: create workflows from specification files, show execution plans, and manage
workflows: list, show, change, cancel, delete and archive them, and start, restart and reset runs."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

from cyclopts import App, Parameter

from torc_cli import display, output, paging, selection, session
from torc_cli.commands.run import SHOWN_DEFAULTS, run_workflow, settings
from torc_cli.session import CliError

app = App(name="workflows", help="Workflow management commands.")


def _fail(messages: list[str]) -> int:
    for message in messages:
        print(f"torc: {message}", file=sys.stderr)
    return 1


def _warn(messages: list[str]) -> None:
    for message in messages:
        print(f"torc: warning: {message}", file=sys.stderr)


@app.command
def create(
    file: Annotated[
        str,
        Parameter(
            help="Path to the specification file: YAML (.yaml, .yml), JSON (.json), JSON5 "
            "(.json5) or KDL (.kdl). The format comes from the extension; other names are "
            "tried in each format."
        ),
    ],
    *,
    user: Annotated[
        str | None,
        Parameter(
            name=["--user", "-u"],
            help="User that owns the workflow (default: the file's user, else $USER).",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        Parameter(
            negative="",
            help="Validate the specification and report what would be created; create nothing.",
        ),
    ] = False,
    skip_checks: Annotated[
        bool,
        Parameter(
            negative="",
            help="Create the workflow despite scheduler node checks (missing references and "
            "cycles still prevent creation).",
        ),
    ] = False,
    no_resource_monitoring: Annotated[
        bool,
        Parameter(
            negative="",
            help="Disable resource monitoring (default: enabled with summary granularity and "
            "5 s sample rate).",
        ),
    ] = False,
) -> int:
    """Create a workflow from a specification file (YAML, JSON, JSON5 or KDL) in one request."""
    from torc.spec import SpecError, failed_report, load_spec, post_spec, validate

    current = session.get()
    try:
        spec = load_spec(file, user=user, resource_monitoring=not no_resource_monitoring)
    except SpecError as exc:
        if not dry_run:
            return _fail(exc.messages)
        report = failed_report(exc)
    else:
        report = validate(spec, skip_checks=skip_checks)
    if dry_run:
        if current.json:
            output.emit_json(report.to_dict())
        else:
            print(report.render())
        return 0 if report.valid else 1
    if not report.valid:
        return _fail(report.errors)
    _warn(report.warnings)
    created = post_spec(current.api, spec)
    workflow_id = created.workflow.id
    if current.json:
        output.emit_json(
            {
                "workflow_id": workflow_id,
                "id": workflow_id,
                "name": created.workflow.name,
                "user": created.workflow.user,
                "status": "success",
                "message": f"Workflow created successfully with ID: {workflow_id}",
                "jobs": len(created.job_ids),
                "files": len(_ids(created, "file_ids")),
                "user_data": len(_ids(created, "user_data_ids")),
                "resource_requirements": len(_ids(created, "resource_requirements_ids")),
                "slurm_schedulers": len(_ids(created, "slurm_scheduler_ids")),
                "local_schedulers": len(_ids(created, "local_scheduler_ids")),
                "failure_handlers": len(_ids(created, "failure_handler_ids")),
                "actions": len(_ids(created, "action_ids")),
                "dependencies": report.components["dependencies"],
            }
        )
    else:
        print(f"Created workflow {workflow_id}")
    return 0


def _ids(created: Any, name: str) -> list[int]:
    value = getattr(created, name, None)
    return value if isinstance(value, list) else []


@app.command(name="execution-plan")
def execution_plan(
    spec_or_id: Annotated[
        str, Parameter(help="Path to a specification file, or the id of an existing workflow.")
    ],
) -> int:
    """Show the execution plan for a workflow specification or existing workflow."""
    from torc.spec import PlanError, SpecError, build_plan, load_spec

    current = session.get()
    try:
        if spec_or_id.isdigit() and not os.path.exists(spec_or_id):
            plan = _plan_from_server(int(spec_or_id))
        else:
            try:
                spec = load_spec(spec_or_id)
            except SpecError as exc:
                return _fail(exc.messages)
            plan = build_plan(spec.name, spec.jobs, spec.actions)
    except PlanError as exc:
        raise CliError(str(exc)) from None
    if current.json:
        output.emit_json(plan.to_dict())
    else:
        print(plan.render())
    return 0


def _plan_from_server(workflow_id: int) -> Any:
    from torc.spec import build_plan

    api = session.get().api
    workflow = api.get_workflow(workflow_id)
    models = list(api.iter_jobs(workflow_id, include_relationships=True, page_size=10_000))
    names = {job.id: job.name for job in models}

    def ids(value: Any) -> list[int]:
        return value if isinstance(value, list) else []

    jobs = [
        {
            "name": job.name,
            "depends_on": [names[i] for i in ids(job.depends_on_job_ids) if i in names],
            "input_files": [str(i) for i in ids(job.input_file_ids)],
            "output_files": [str(i) for i in ids(job.output_file_ids)],
            "input_user_data": [str(i) for i in ids(job.input_user_data_ids)],
            "output_user_data": [str(i) for i in ids(job.output_user_data_ids)],
        }
        for job in models
    ]
    schedulers = {s.id: s.name for s in api.iter_slurm_schedulers(workflow_id)}
    actions = []
    for action in api.get_workflow_actions(workflow_id):
        config = action.action_config.to_dict() if action.action_config else {}
        actions.append(
            {
                "trigger_type": action.trigger_type,
                "action_type": action.action_type,
                "jobs": [names[i] for i in ids(action.job_ids) if i in names],
                "action_config": config,
            }
        )
    return build_plan(workflow.name, jobs, actions, schedulers, workflow_id=workflow_id)


# ---------------------------------------------------------------------------------------------
# managing workflows: new, list, get, update, cancel, delete, archive, status, lifecycle

WorkflowIdArg = Annotated[
    int | None,
    Parameter(help="ID of the workflow (optional: chosen interactively on a terminal)."),
]
UserFilter = Annotated[
    str | None,
    Parameter(
        name=["--user", "-u"],
        help="User whose workflows to choose from when no ID is given (default: $USER).",
    ),
]
NoPrompts = Annotated[bool, Parameter(negative=(), help="Skip confirmation prompt.")]

WORKFLOW_COLUMNS = [
    display.Column("ID", "id"),
    display.Column("Name", "name"),
    display.Column("Description", "description"),
    display.Column("User", "user"),
    display.Column("Timestamp", "timestamp"),
]


@app.command
def new(
    *,
    name: Annotated[str, Parameter(name=["--name", "-n"], help="Name of the workflow.")],
    description: Annotated[
        str | None, Parameter(name=["--description", "-d"], help="Description of the workflow.")
    ] = None,
    user: Annotated[
        str | None,
        Parameter(
            name=["--user", "-u"],
            help="User that owns the workflow (defaults to USER environment variable).",
        ),
    ] = None,
) -> None:
    """Create a new empty workflow."""
    body = {"name": name, "user": user or selection.user_name()}
    if description is not None:
        body["description"] = description
    created = session.get().api.create_workflow(body)
    display.show_record(created, title=f"Created workflow {created.id}")


@app.command(name="list")
def list_(
    *,
    user: Annotated[
        str | None,
        Parameter(
            name=["--user", "-u"],
            help="User to filter by (defaults to USER environment variable).",
        ),
    ] = None,
    all_users: Annotated[
        bool, Parameter(negative=(), help="List workflows for all users (overrides --user).")
    ] = False,
    limit: paging.Limit = None,
    offset: paging.Offset = 0,
    sort_by: paging.SortBy = None,
    reverse_sort: paging.ReverseSort = False,
    archived_only: Annotated[
        bool, Parameter(negative=(), help="Show only archived workflows.")
    ] = False,
    include_archived: Annotated[
        bool, Parameter(negative=(), help="Include both archived and non-archived workflows.")
    ] = False,
) -> None:
    """List workflows (by default the current user's that are not archived)."""
    owner = None if all_users else (user or selection.user_name())
    archived = True if archived_only else (None if include_archived else False)
    workflows = paging.fetch(
        session.get().api.list_workflows,
        limit=limit,
        offset=offset,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        user=owner,
        is_archived=archived,
    )
    whose = "all users" if owner is None else f"user {owner}"
    display.show_list(
        workflows,
        WORKFLOW_COLUMNS,
        "workflows",
        noun="workflows",
        empty=f"No workflows found for {whose}.",
    )


@app.command
def get(
    id: WorkflowIdArg = None,
    *,
    user: UserFilter = None,
) -> None:
    """Get a specific workflow by ID."""
    workflow_id = selection.workflow_id(id, user=user)
    display.show_record(session.get().api.get_workflow(workflow_id))


@app.command
def update(
    id: WorkflowIdArg = None,
    *,
    name: Annotated[
        str | None, Parameter(name=["--name", "-n"], help="Name of the workflow.")
    ] = None,
    description: Annotated[
        str | None, Parameter(name=["--description", "-d"], help="Description of the workflow.")
    ] = None,
    owner_user: Annotated[str | None, Parameter(help="User that owns the workflow.")] = None,
) -> None:
    """Update an existing workflow."""
    workflow_id = selection.workflow_id(id)
    api = session.get().api
    workflow = api.get_workflow(workflow_id)
    if name is not None:
        workflow.name = name
    if description is not None:
        workflow.description = description
    if owner_user is not None:
        workflow.user = owner_user
    updated = api.update_workflow(workflow_id, workflow)
    display.show_record(updated, title=f"Updated workflow {workflow_id}")


@app.command
def cancel(workflow_id: WorkflowIdArg = None) -> None:
    """Cancel a workflow and all associated Slurm jobs."""
    workflow_id = selection.workflow_id(workflow_id)
    api = session.get().api
    status = api.cancel_workflow(workflow_id)
    canceled_nodes = _cancel_slurm_allocations(api, workflow_id)
    note = f" and {canceled_nodes} Slurm allocations" if canceled_nodes else ""
    display.show_result(
        f"Canceled workflow {workflow_id}{note}",
        {
            "workflow_id": workflow_id,
            "status": "canceled",
            "canceled_slurm_jobs": canceled_nodes,
            "workflow_status": session.to_plain(status),
        },
    )


def _cancel_slurm_allocations(api: Any, workflow_id: int) -> int:
    """scancel the workflow's Slurm allocations that are not complete and mark them complete;
    how many were canceled (a warning for each that could not be)."""
    from torc_runner.slurm.submit import cancel_allocations

    canceled, problems = cancel_allocations(api, workflow_id)
    for problem in problems:
        display.warn(problem)
    return len(canceled)


@app.command
def delete(
    *ids: Annotated[
        int, Parameter(help="IDs of workflows to remove (optional: chosen on a terminal).")
    ],
    no_prompts: NoPrompts = False,
    force: Annotated[
        bool,
        Parameter(negative=(), help="Force deletion even if workflow belongs to a different user."),
    ] = False,
) -> int:
    """Delete one or more workflows, with their jobs, files, user data and results."""
    workflow_ids = selection.workflow_ids(list(ids))
    api = session.get().api
    me = session.get().username or selection.user_name()
    workflows = [api.get_workflow(i) for i in workflow_ids]
    for workflow in workflows:
        if workflow.user != me and not force:
            raise CliError(
                f"workflow {workflow.id} belongs to user {workflow.user}, not {me}; "
                "pass --force to delete it anyway"
            )
    names = ", ".join(f"{w.id} ({w.name})" for w in workflows)
    selection.confirm(
        f"Delete workflow{'s' if len(workflows) > 1 else ''} {names} and everything in it?",
        no_prompts=no_prompts,
    )
    deleted = []
    for workflow in workflows:
        deleted.append(session.to_plain(api.delete_workflow(workflow.id)))
        output.message(f"Deleted workflow {workflow.id}")
    if session.get().json:
        output.emit_json({"deleted_workflows": deleted, "count": len(deleted)})
    return 0


@app.command
def archive(
    is_archived: Annotated[
        bool, Parameter(negative=(), help="Set to true to archive, false to unarchive.")
    ],
    *workflow_ids: Annotated[
        int,
        Parameter(
            help="IDs of workflows to archive/unarchive (if empty, will prompt for selection)."
        ),
    ],
) -> int:
    """Archive or unarchive one or more workflows."""
    from torc import ApiError

    ids = selection.workflow_ids(list(workflow_ids), archived=not is_archived)
    api = session.get().api
    verb = "archived" if is_archived else "unarchived"
    updated: list[int] = []
    errors: list[str] = []
    for workflow_id in ids:
        try:
            status = api.get_workflow_status(workflow_id)
            status.is_archived = is_archived
            api.update_workflow_status(workflow_id, status)
        except ApiError as exc:
            errors.append(f"workflow {workflow_id}: {exc.message}")
            print(f"torc: cannot {verb[:-1]} workflow {workflow_id}: {exc}", file=sys.stderr)
            continue
        updated.append(workflow_id)
        output.message(f"Successfully {verb} workflow {workflow_id}")
    if session.get().json:
        document: dict[str, Any] = {
            "status": "success" if not errors else ("partial_success" if updated else "error"),
            "updated_workflows": updated,
            "is_archived": is_archived,
        }
        if errors:
            document["errors"] = errors
        output.emit_json(document)
    return 1 if errors else 0


@app.command
def submit(
    workflow_id: WorkflowIdArg = None,
    *,
    force: Annotated[
        bool,
        Parameter(
            negative=(),
            help="If false, fail the operation if missing data is present (defaults to false).",
        ),
    ] = False,
) -> None:
    """Submit a workflow: initialize if needed and schedule nodes for on_workflow_start actions.
    This command requires the workflow to have an on_workflow_start action with schedule_nodes.
    """
    from torc_cli.commands.submit import submit_workflow

    submit_workflow(selection.workflow_id(workflow_id), ignore_missing_data=force)


@app.command(name="run")
def run_(
    workflow_id: WorkflowIdArg = None,
    *,
    poll_interval: Annotated[
        float | None,
        Parameter(
            name=["--poll-interval", "-p"],
            help="Poll interval in seconds for checking job completion.",
            show_default=SHOWN_DEFAULTS["poll_interval"],
        ),
    ] = None,
    max_parallel_jobs: Annotated[
        int | None,
        Parameter(
            help="Maximum number of parallel jobs to run.",
            show_default=SHOWN_DEFAULTS["max_parallel_jobs"],
        ),
    ] = None,
    output_dir: Annotated[
        Path | None,
        Parameter(
            help="Output directory for job logs and results.",
            show_default=SHOWN_DEFAULTS["output_dir"],
        ),
    ] = None,
) -> int:
    """Run a workflow locally on the current node (as torc run does; the other settings of
    client.run, num_cpus, memory_gb and num_gpus, apply too)."""
    chosen = settings(
        poll_interval=poll_interval, output_dir=output_dir, max_parallel_jobs=max_parallel_jobs
    )
    return run_workflow(selection.workflow_id(workflow_id), chosen)


def initialize(
    workflow_id: WorkflowIdArg = None,
    *,
    force: Annotated[
        bool,
        Parameter(
            negative=(),
            help="If false, fail the operation if missing data is present (defaults to false).",
        ),
    ] = False,
    no_prompts: NoPrompts = False,
    dry_run: Annotated[
        bool, Parameter(negative=(), help="Perform a dry run without making changes.")
    ] = False,
) -> int:
    """Initialize a workflow, including all job statuses."""
    from torc.manager import WorkflowNotReady, check_initialization
    from torc.manager import initialize as start_run

    workflow_id = selection.workflow_id(workflow_id)
    api = session.get().api
    try:
        if dry_run:
            check = check_initialization(api, workflow_id)
            _show_check(check)
            return 0 if check.safe or (force and not check.missing_user_data) else 1
        if not api.is_workflow_uninitialized(workflow_id).is_uninitialized:
            selection.confirm(
                f"Workflow {workflow_id} has already been initialized; initializing it again "
                "resets the status of every job. Continue?",
                no_prompts=no_prompts,
            )
        run_id = start_run(api, workflow_id, force=force)
    except WorkflowNotReady as exc:
        raise CliError(str(exc)) from None
    display.show_result(
        f"Initialized workflow {workflow_id} (run {run_id})",
        {
            "status": "success",
            "message": f"Successfully initialized workflow {workflow_id}",
            "workflow_id": workflow_id,
            "run_id": run_id,
        },
    )
    return 0


app.command(initialize)
# the names older guides and tutorials use
app.command(initialize, name="initialize-jobs", show=False)
app.command(initialize, name="start", show=False)


def _show_check(check: Any) -> None:
    if session.get().json:
        output.emit_json(check.to_dict())
        return
    print(f"Initialization check for workflow {check.workflow_id}:")
    for label, items in (
        ("Missing required input files", check.missing_input_files),
        ("User data without a value", check.missing_user_data),
        ("Existing output files (jobs will overwrite them)", check.existing_output_files),
    ):
        if items:
            print(f"  {label} ({len(items)}):")
            for item in items:
                print(f"    - {item}")
    print(
        "  Safe to initialize."
        if check.safe
        else "  Cannot initialize: required inputs are missing."
    )


@app.command
def reinitialize(
    workflow_id: WorkflowIdArg = None,
    *,
    force: Annotated[
        bool,
        Parameter(
            negative=(),
            help="If false, fail the operation if missing data is present (defaults to false).",
        ),
    ] = False,
    dry_run: Annotated[
        bool, Parameter(negative=(), help="Perform a dry run without making changes.")
    ] = False,
) -> None:
    """Reinitialize a workflow. This will reinitialize all jobs with a status of canceled,
    submitting, pending, or terminated. Jobs with a status of done will also be reinitialized if
    an input_file or user_data record has changed."""
    from torc.manager import WorkflowNotReady
    from torc.manager import reinitialize as restart

    workflow_id = selection.workflow_id(workflow_id)
    try:
        report = restart(session.get().api, workflow_id, force=force, dry_run=dry_run)
    except WorkflowNotReady as exc:
        raise CliError(str(exc)) from None
    if session.get().json:
        output.emit_json(report.to_dict())
        return
    head = "Would reinitialize" if dry_run else "Reinitialized"
    print(f"{head} workflow {workflow_id} (run {report.run_id})")
    for label, items in (
        ("Changed files", report.changed_files),
        ("Missing outputs", report.missing_outputs),
        ("Jobs with changed inputs", report.changed_inputs),
        ("Jobs to run again (with everything downstream of them)", report.reset_jobs),
    ):
        if items:
            print(f"  {label} ({len(items)}): {', '.join(items)}")


@app.command
def status(
    workflow_id: WorkflowIdArg = None,
    *,
    user: UserFilter = None,
) -> None:
    """Get workflow status: run id, flags, and the number of jobs in each status."""
    from torc_cli.summary import overall, status_counts

    workflow_id = selection.workflow_id(workflow_id, user=user)
    api = session.get().api
    record = api.get_workflow_status(workflow_id)
    counts = status_counts(api, workflow_id)
    document = {
        "workflow_id": workflow_id,
        "status": overall(record, counts),
        "run_id": record.run_id,
        "total_jobs": sum(counts.values()),
        "job_counts": counts,
        **session.to_plain(record),
    }
    if session.get().json:
        output.emit_json(document)
        return
    shown = {k: v for k, v in document.items() if k != "job_counts"}
    shown["job_counts"] = ", ".join(f"{k}: {v}" for k, v in counts.items() if v) or "none"
    display.show_record(shown, title=f"Status of workflow {workflow_id}:")


@app.command(name="reset-status")
def reset_status(
    workflow_id: WorkflowIdArg = None,
    *,
    failed_only: Annotated[bool, Parameter(negative=(), help="Only reset failed jobs.")] = False,
    restart: Annotated[
        bool,
        Parameter(
            name=["--restart", "-r", "--reinitialize"],
            negative=(),
            help="Restart the workflow after resetting status (reinitialize it: a new run of "
            "the reset jobs).",
        ),
    ] = False,
    force: Annotated[
        bool,
        Parameter(
            negative=(),
            help="Force reset even if there are active jobs (ignores running/pending jobs check).",
        ),
    ] = False,
    no_prompts: NoPrompts = False,
) -> None:
    """Reset workflow and job status."""
    from torc.manager import WorkflowNotReady
    from torc.manager import reset_status as reset

    workflow_id = selection.workflow_id(workflow_id)
    which = (
        "failed, canceled and terminated jobs (and the jobs after them)"
        if failed_only
        else "all jobs"
    )
    selection.confirm(
        f"Reset the status of {which} of workflow {workflow_id}?", no_prompts=no_prompts
    )
    try:
        report = reset(
            session.get().api,
            workflow_id,
            failed_only=failed_only,
            force=force,
            restart=restart,
        )
    except WorkflowNotReady as exc:
        raise CliError(str(exc)) from None
    message = f"Reset {report.updated_count} jobs of workflow {workflow_id}"
    if report.restarted is not None:
        message += f"; reinitialized it (run {report.restarted.run_id})"
    display.show_result(message, report.to_dict())


COMMANDS = [app]
