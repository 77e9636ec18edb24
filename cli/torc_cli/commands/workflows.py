"""`torc workflows`: create workflows from specification files, and show execution plans."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

from cyclopts import App, Parameter

from torc_cli import output, session
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


COMMANDS = [app]
